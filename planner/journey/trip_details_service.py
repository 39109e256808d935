"""What the person fills in for the printed itinerary: the hotel, the travel insurance and
whom to call in an emergency."""

from __future__ import annotations

from dataclasses import dataclass, fields

from planner.changes import Change, changes
from planner.core.validation import ValidationError, raise_if_any
from planner.db.database import Database
from planner.db.models import PlanRow, TripDetailsRow

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


def details_of(row: TripDetailsRow | None) -> TripDetails:
    if row is None:
        return TripDetails()
    return TripDetails(*(getattr(row, name) for name in FIELD_NAMES))


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


def load_details(db: Database, plan_id: int) -> TripDetails:
    with db.transaction() as session:
        return details_of(session.get(TripDetailsRow, plan_id))


@changes(Change.PLAN)
def save_details(db: Database, plan_id: int, details: TripDetails) -> TripDetails:
    cleaned = check_details(details)
    with db.transaction() as session:
        session.get_one(PlanRow, plan_id)
        row = session.get(TripDetailsRow, plan_id)
        if row is None:
            row = TripDetailsRow(plan_id=plan_id)
            session.add(row)
        for name in FIELD_NAMES:
            setattr(row, name, getattr(cleaned, name))
        return cleaned


__all__ = ["FIELD_NAMES", "MAX_DETAIL", "TripDetails", "ValidationError", "load_details", "save_details"]
