"""The Clinics page: the clinic list and its filters, one clinic in full, notes, questions and quotes,
and the comparisons."""
