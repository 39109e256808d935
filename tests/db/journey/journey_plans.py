"""What the journey database tests share: the steps in order, a knee plan for 1-11 March 2027 and
an appointment on its treatment day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.plans.service import PlanDraft, create_plan

JOURNEY = [
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
]
DEPARTURE = date(2027, 3, 1)
RETURN = date(2027, 3, 11)
TODAY = date(2026, 11, 1)


def new_plan(
    db: Database,
    name: str = "Knee, March",
    country: str = "US",
    currency: str = "USD",
    departure: date = DEPARTURE,
    return_: date = RETURN,
) -> int:
    plan = create_plan(
        db,
        PlanDraft(
            name=name,
            condition_id="knee-cartilage-damage",
            home_country=country,
            home_currency=currency,
            departure=departure,
            return_=return_,
            budget_limit="",
        ),
    )
    return plan.id


def injection(**changes: Any) -> AppointmentDraft:
    """The injection on treatment day, 14:00-15:30 in Seoul, with `changes`."""
    values: dict[str, Any] = {
        "step_id": "treatment",
        "kind": "injection",
        "title": "Injection",
        "start": datetime(2027, 3, 4, 14, 0),
        "end": datetime(2027, 3, 4, 15, 30),
        "zone": "Asia/Seoul",
        "location": "SH Clinic, Gangnam",
        "note": "Fast from midnight",
    }
    values.update(changes)
    return AppointmentDraft(**values)
