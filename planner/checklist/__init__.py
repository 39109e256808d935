"""The checklist: items, due dates fixed or relative to the trip, progress, and the service that keeps
them."""
