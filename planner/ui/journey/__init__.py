"""The Journey page and each step's page, and the Itinerary page with its appointments and the proposed
schedule."""
