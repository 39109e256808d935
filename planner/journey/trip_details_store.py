"""A plan's trip details as a row. Every function takes the caller's Session and opens no
transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planner.db.models import PlanRow, TripDetailsRow
from planner.journey.trip_details import FIELD_NAMES, TripDetails


def details_in(session: Session, plan_id: int) -> TripDetails:
    """The plan's details; all empty when it has none yet."""
    row = session.get(TripDetailsRow, plan_id)
    if row is None:
        return TripDetails()
    return TripDetails(*(getattr(row, name) for name in FIELD_NAMES))


def write_details(session: Session, plan_id: int, cleaned: TripDetails) -> None:
    """Keep the plan's details (checked by the caller); raises NoResultFound for an unknown plan."""
    session.get_one(PlanRow, plan_id)
    row = session.get(TripDetailsRow, plan_id)
    if row is None:
        row = TripDetailsRow(plan_id=plan_id)
        session.add(row)
    for name in FIELD_NAMES:
        setattr(row, name, getattr(cleaned, name))
