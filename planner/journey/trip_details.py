"""What the person fills in for the printed itinerary: the hotel, the travel insurance and
whom to call in an emergency. No storage here."""

from __future__ import annotations

from dataclasses import dataclass, fields

from planner.core.validation import raise_if_any

MAX_DETAIL = 1_000
"""Characters per field: room for an address in two scripts and a few phone numbers."""


@dataclass(frozen=True, slots=True)
class TripDetails:
    hotel_name: str = ""
    hotel_address: str = ""
    hotel_phone: str = ""
    insurance: str = ""
    """Insurer, policy number and its emergency line."""
    emergency_contact: str = ""
    """Name, relationship and phone of the person to call."""


FIELD_NAMES = tuple(f.name for f in fields(TripDetails))


def check_details(details: TripDetails) -> TripDetails:
    """The details with surrounding spaces removed; raises ValidationError naming each field
    that is too long."""
    cleaned = TripDetails(*(getattr(details, name).strip() for name in FIELD_NAMES))
    errors = {
        name: f"Keep this under {MAX_DETAIL:,} characters."
        for name in FIELD_NAMES
        if len(getattr(cleaned, name)) > MAX_DETAIL
    }
    raise_if_any(errors)
    return cleaned
