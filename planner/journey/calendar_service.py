"""A plan's appointments as a calendar file."""

from __future__ import annotations

from planner.core.clock import utc_now
from planner.db.database import Database
from planner.journey.appointment_store import calendar_events
from planner.journey.calendar_ics import calendar_ics
from planner.journey.store import journey_plan, step_names_in


def plan_calendar(db: Database, plan_id: int) -> bytes:
    """The plan's appointments in order, as .ics bytes named after the plan."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        events = calendar_events(session, plan_id, step_names_in(session))
        return calendar_ics(plan.name, events, utc_now())
