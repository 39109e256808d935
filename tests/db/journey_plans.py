"""What the journey database tests share: the steps in order and a knee plan for 1-11 March 2027."""

from __future__ import annotations

from datetime import date

from planner.services import plans as plan_service
from planner.services.database import Database
from planner.services.plans import PlanDraft

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
    plan = plan_service.create_plan(
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
