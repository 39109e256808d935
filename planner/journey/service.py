"""The journey of a plan: the catalogue's steps, each step's status, dates and notes, the stay
in Korea, where the person is now and what the journey warns about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.core import clock
from planner.core.clock import utc_now
from planner.core.validation import raise_if_any
from planner.core.zones import default_home_zone, offset_hours, to_utc
from planner.db.database import Database
from planner.db.models import AppointmentRow, JourneySettingsRow, JourneyStepRow, PlanRow, StepStateRow
from planner.journey.itinerary import Appointment, PlanSpan, next_appointment
from planner.journey.journey_warnings import JourneyWarning, journey_warnings
from planner.journey.rules import (
    CELL_MODES,
    MAX_CULTURE_DAYS,
    JourneyProgress,
    Position,
    Procedure,
    Stay,
    Step,
    StepDraft,
    StepState,
    current_step,
    default_arrival,
    planned_dates,
    progress,
    validate_step,
)

__all__ = [
    "JourneyData",
    "list_steps",
    "load_journey",
    "save_stay",
    "save_step",
    "step_names_in",
]


def step_names_in(session: Session) -> dict[str, str]:
    """Journey step id to name, in the journey's order."""
    rows = session.execute(
        select(JourneyStepRow.id, JourneyStepRow.name)
        .where(JourneyStepRow.retired.is_(False))
        .order_by(JourneyStepRow.sort_order)
    )
    return {step_id: name for step_id, name in rows}


def _step(row: JourneyStepRow) -> Step:
    return Step(
        row.id,
        row.phase_id,
        row.phase_name,
        row.name,
        row.summary,
        tuple(row.activities),
        row.duration,
        tuple(Procedure(p["id"], p["name"], p["summary"]) for p in row.procedures),
        tuple(row.sources),
    )


def steps_in(session: Session) -> list[Step]:
    rows = session.scalars(
        select(JourneyStepRow).where(JourneyStepRow.retired.is_(False)).order_by(JourneyStepRow.sort_order)
    )
    return [_step(r) for r in rows]


def list_steps(db: Database) -> list[Step]:
    with db.transaction() as session:
        return steps_in(session)


def home_zone_of(plan: PlanRow) -> str:
    return plan.home_zone or default_home_zone(plan.home_country)


def stay_of(session: Session, plan: PlanRow) -> Stay:
    """The plan's stay in Korea: its own arrival day, or the usual one for its home zone."""
    settings = session.get(JourneySettingsRow, plan.id)
    arrival = settings.arrival_date if settings is not None else None
    if arrival is None:
        leaving = to_utc(datetime.combine(plan.departure_date, time(10)), home_zone_of(plan))
        arrival = default_arrival(plan.departure_date, offset_hours(home_zone_of(plan), leaving))
    return Stay(
        arrival,
        plan.return_date,
        plan.treatment_date,
        settings.cells if settings is not None else "same-day",
        settings.culture_days if settings is not None else 14,
    )


def span_of(plan: PlanRow) -> PlanSpan:
    return PlanSpan(plan.departure_date, plan.return_date)


def states_in(session: Session, plan_id: int) -> dict[str, StepState]:
    rows = session.scalars(select(StepStateRow).where(StepStateRow.plan_id == plan_id))
    return {r.step_id: StepState(r.step_id, r.status, r.start_date, r.end_date, r.note) for r in rows}


def appointments_in(session: Session, plan_id: int, step_id: str | None = None) -> list[Appointment]:
    """The plan's appointments (or one step's) in the order they happen. The four times are read
    as stored text and parsed with `datetime.fromisoformat`, several times faster for thousands
    of rows than the generic DateTime conversion."""
    raw = [type_coerce(column, String) for column in _TIMES]
    query = select(
        AppointmentRow.id,
        AppointmentRow.step_id,
        AppointmentRow.kind,
        AppointmentRow.title,
        *raw,
        AppointmentRow.zone,
        AppointmentRow.location,
        AppointmentRow.note,
        AppointmentRow.proposal_key,
    ).where(AppointmentRow.plan_id == plan_id)
    if step_id is not None:
        query = query.where(AppointmentRow.step_id == step_id)
    rows = session.execute(
        query.order_by(AppointmentRow.start_utc, AppointmentRow.end_utc, AppointmentRow.id)
    )
    parse = datetime.fromisoformat
    return [
        Appointment(
            id_,
            step,
            kind,
            title,
            parse(start),
            parse(end),
            zone,
            parse(start_utc),
            parse(end_utc),
            where,
            note,
            key or "",
        )
        for id_, step, kind, title, start, end, start_utc, end_utc, zone, where, note, key in rows
    ]


_TIMES = (
    AppointmentRow.start_local,
    AppointmentRow.end_local,
    AppointmentRow.start_utc,
    AppointmentRow.end_utc,
)


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
        plan = session.get_one(PlanRow, plan_id)
        steps = steps_in(session)
        states = states_in(session, plan_id)
        stay = stay_of(session, plan)
        planned = planned_dates(stay, plan.departure_date)
        ids = [s.id for s in steps]
        appointments = appointments_in(session, plan_id)
        warnings = journey_warnings(stay, plan.departure_date, plan.return_date, appointments)
        return JourneyData(
            plan_id,
            steps,
            states,
            stay,
            planned,
            current_step(ids, states, planned, day),
            progress(ids, states),
            warnings,
            home_zone_of(plan),
            plan.departure_date,
            plan.return_date,
            next_appointment(appointments, now or utc_now()),
        )


@changes(Change.JOURNEY)
def save_step(db: Database, plan_id: int, step_id: str, draft: StepDraft) -> StepState:
    """Raises ValidationError (status, start, end, note) and changes nothing when a field is wrong.
    Only this step's row is written."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        session.get_one(JourneyStepRow, step_id)
        clean = validate_step(draft, span_of(plan))
        row = session.get(StepStateRow, (plan_id, step_id))
        if row is None:
            row = StepStateRow(plan_id=plan_id, step_id=step_id)
            session.add(row)
        row.status, row.start_date, row.end_date, row.note = clean.status, clean.start, clean.end, clean.note
        row.updated_at = utc_now()
        return StepState(step_id, clean.status, clean.start, clean.end, clean.note)


def check_stay(span: PlanSpan, arrival: date, cells: str, culture_days: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if (far := span.problem(arrival)) is not None:
        errors["arrival"] = far
    if cells not in CELL_MODES:
        errors["cells"] = "Choose how the cells are prepared."
    if not 1 <= culture_days <= MAX_CULTURE_DAYS:
        errors["culture"] = f"Culturing takes between 1 and {MAX_CULTURE_DAYS} days here."
    return errors


def write_stay(session: Session, plan: PlanRow, arrival: date, cells: str, culture_days: int) -> None:
    raise_if_any(check_stay(span_of(plan), arrival, cells, culture_days))
    row = session.get(JourneySettingsRow, plan.id)
    if row is None:
        row = JourneySettingsRow(plan_id=plan.id)
        session.add(row)
    row.arrival_date, row.cells, row.culture_days = arrival, cells, culture_days


@changes(Change.JOURNEY)
def save_stay(db: Database, plan_id: int, arrival: date, cells: str, culture_days: int) -> Stay:
    """Raises ValidationError (arrival, cells, culture) and changes nothing when a field is wrong."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        write_stay(session, plan, arrival, cells, culture_days)
        session.flush()
        return stay_of(session, plan)
