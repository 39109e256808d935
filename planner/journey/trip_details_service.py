"""What the person fills in for the printed itinerary: the hotel, the travel insurance and
whom to call in an emergency."""

from __future__ import annotations

from planner.changes import Change, changes
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.journey.trip_details import FIELD_NAMES, MAX_DETAIL, TripDetails, check_details
from planner.journey.trip_details_store import details_in, write_details


def load_details(db: Database, plan_id: int) -> TripDetails:
    with db.transaction() as session:
        return details_in(session, plan_id)


@changes(Change.PLAN)
def save_details(db: Database, plan_id: int, details: TripDetails) -> TripDetails:
    cleaned = check_details(details)
    with db.transaction() as session:
        write_details(session, plan_id, cleaned)
        return cleaned


__all__ = ["FIELD_NAMES", "MAX_DETAIL", "TripDetails", "ValidationError", "load_details", "save_details"]
