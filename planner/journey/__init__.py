"""The journey: its steps and their dates and warnings, the itinerary's appointments, the proposed
schedule, the calendar file, and their services."""
