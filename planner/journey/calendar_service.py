"""A plan's appointments as a calendar file."""

from __future__ import annotations

from sqlalchemy import select

from planner.core.clock import utc_now
from planner.db.database import Database
from planner.db.models import AppointmentRow, PlanRow
from planner.journey.calendar_ics import CalendarEvent, calendar_ics
from planner.journey.itinerary import KINDS
from planner.journey.service import step_names_in


def plan_calendar(db: Database, plan_id: int) -> bytes:
    """The plan's appointments in order, as .ics bytes named after the plan."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        steps = step_names_in(session)
        rows = session.scalars(
            select(AppointmentRow).where(AppointmentRow.plan_id == plan_id).order_by(AppointmentRow.start_utc)
        )
        events = [
            CalendarEvent(
                r.uid,
                r.title,
                r.start_local,
                r.end_local,
                r.zone,
                KINDS.get(r.kind, r.kind),
                steps.get(r.step_id, ""),
                r.location,
                r.note,
                r.updated_at,
            )
            for r in rows
        ]
        return calendar_ics(plan.name, events, utc_now())
