"""Clinics, the shortlist, the questions to ask and the quotes received: rules, drafts, comparison and
their services."""
