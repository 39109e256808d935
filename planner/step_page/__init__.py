"""A journey step's page: everything it shows, read from the journey, the checklist, the budget and the
itinerary, and its text."""
