"""The journey of a plan: the catalogue's steps, each step's status, dates and notes, the stay
in Korea, where the person is now and what the journey warns about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.changes import Change, changes
from planner.core import clock
from planner.core.clock import utc_now
from planner.core.validation import raise_if_any
from planner.db.database import Database
from planner.journey.appointment_store import appointments_in
from planner.journey.itinerary import Appointment, next_appointment
from planner.journey.journey_warnings import JourneyWarning, journey_warnings
from planner.journey.rules import (
    JourneyProgress,
    Position,
    Stay,
    Step,
    StepDraft,
    StepState,
    check_stay,
    current_step,
    planned_dates,
    progress,
    validate_step,
)
from planner.journey.store import (
    journey_plan,
    journey_step,
    states_in,
    stay_in,
    steps_in,
    write_stay,
    write_step_state,
)

__all__ = [
    "JourneyData",
    "list_steps",
    "load_journey",
    "save_stay",
    "save_step",
]


def list_steps(db: Database) -> list[Step]:
    with db.transaction() as session:
        return steps_in(session)


@dataclass(frozen=True, slots=True)
class JourneyData:
    plan_id: int
    steps: list[Step]
    states: dict[str, StepState]
    stay: Stay
    planned: dict[str, tuple[date | None, date | None]]
    position: Position
    progress: JourneyProgress
    warnings: list[JourneyWarning]
    home_zone: str
    departure: date
    return_: date
    next_appointment: Appointment | None = None

    def state(self, step_id: str) -> StepState:
        return self.states.get(step_id) or StepState(step_id)


def load_journey(
    db: Database, plan_id: int, today: date | None = None, now: datetime | None = None
) -> JourneyData:
    """`now` (naive UTC) decides the next appointment; by default the clock's."""
    day = today or clock.today()
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        steps = steps_in(session)
        states = states_in(session, plan_id)
        stay = stay_in(session, plan)
        planned = planned_dates(stay, plan.departure)
        ids = [s.id for s in steps]
        appointments = appointments_in(session, plan_id)
        warnings = journey_warnings(stay, plan.departure, plan.return_, appointments)
        return JourneyData(
            plan_id,
            steps,
            states,
            stay,
            planned,
            current_step(ids, states, planned, day),
            progress(ids, states),
            warnings,
            plan.home_zone,
            plan.departure,
            plan.return_,
            next_appointment(appointments, now or utc_now()),
        )


@changes(Change.JOURNEY)
def save_step(db: Database, plan_id: int, step_id: str, draft: StepDraft) -> StepState:
    """Raises ValidationError (status, start, end, note) and changes nothing when a field is wrong.
    Only this step's row is written."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        journey_step(session, step_id)
        clean = validate_step(draft, plan.span)
        return write_step_state(session, plan_id, step_id, clean, utc_now())


@changes(Change.JOURNEY)
def save_stay(db: Database, plan_id: int, arrival: date, cells: str, culture_days: int) -> Stay:
    """Raises ValidationError (arrival, cells, culture) and changes nothing when a field is wrong."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        raise_if_any(check_stay(plan.span, arrival, cells, culture_days))
        write_stay(session, plan_id, arrival, cells, culture_days)
        return stay_in(session, plan)
