"""The journey's rows: the catalogue's steps, what a plan records about each step, its stay in
Korea and what the journey reads of the plan itself. Every function takes the caller's Session
and opens no transaction."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.zones import default_home_zone
from planner.db.models import ClinicRow, JourneySettingsRow, JourneyStepRow, PlanRow, StepStateRow
from planner.journey.rules import JourneyPlan, Procedure, Stay, Step, StepDraft, StepState, usual_arrival
from planner.journey.schedule import ChosenClinic


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


def journey_step(session: Session, step_id: str) -> Step:
    """One step of the catalogue; raises NoResultFound for an unknown id."""
    return _step(session.get_one(JourneyStepRow, step_id))


def home_zone_of(plan: PlanRow) -> str:
    return plan.home_zone or default_home_zone(plan.home_country)


def journey_plan_of(plan: PlanRow) -> JourneyPlan:
    return JourneyPlan(
        plan.id,
        plan.name,
        plan.departure_date,
        plan.return_date,
        plan.treatment_date,
        home_zone_of(plan),
        plan.clinic_id,
    )


def journey_plan(session: Session, plan_id: int) -> JourneyPlan:
    """Raises NoResultFound for an unknown plan."""
    return journey_plan_of(session.get_one(PlanRow, plan_id))


def set_trip_end(
    session: Session, plan_id: int, return_: date, treatment: date | None, now: datetime
) -> None:
    """The day of the flight home and of treatment, as a stay accepted from a proposal sets them."""
    plan = session.get_one(PlanRow, plan_id)
    plan.return_date, plan.treatment_date = return_, treatment
    plan.updated_at = now
    session.flush()


def chosen_clinic(session: Session, clinic_id: int | None) -> ChosenClinic:
    if clinic_id is None:
        return ChosenClinic()
    row = session.get_one(ClinicRow, clinic_id)
    return ChosenClinic(row.name, row.district)


def clinic_of(session: Session, plan: PlanRow) -> ChosenClinic:
    """The plan's chosen clinic, for a caller that holds the plan's row."""
    return chosen_clinic(session, plan.clinic_id)


def stay_in(session: Session, plan: JourneyPlan) -> Stay:
    """The plan's stay in Korea: its own arrival day, or the usual one for its home zone."""
    settings = session.get(JourneySettingsRow, plan.id)
    arrival = settings.arrival_date if settings is not None else None
    if arrival is None:
        arrival = usual_arrival(plan.departure, plan.home_zone)
    return Stay(
        arrival,
        plan.return_,
        plan.treatment,
        settings.cells if settings is not None else "same-day",
        settings.culture_days if settings is not None else 14,
    )


def stay_of(session: Session, plan: PlanRow) -> Stay:
    """`stay_in` for a caller that holds the plan's row."""
    return stay_in(session, journey_plan_of(plan))


def write_stay(session: Session, plan_id: int, arrival: date, cells: str, culture_days: int) -> None:
    """Keep the stay's arrival day and how the cells are prepared (checked by the caller)."""
    row = session.get(JourneySettingsRow, plan_id)
    if row is None:
        row = JourneySettingsRow(plan_id=plan_id)
        session.add(row)
    row.arrival_date, row.cells, row.culture_days = arrival, cells, culture_days
    session.flush()


def states_in(session: Session, plan_id: int) -> dict[str, StepState]:
    rows = session.scalars(select(StepStateRow).where(StepStateRow.plan_id == plan_id))
    return {r.step_id: StepState(r.step_id, r.status, r.start_date, r.end_date, r.note) for r in rows}


def write_step_state(
    session: Session, plan_id: int, step_id: str, clean: StepDraft, now: datetime
) -> StepState:
    """Keep what the person recorded about one step (checked by the caller); only its row is
    written."""
    row = session.get(StepStateRow, (plan_id, step_id))
    if row is None:
        row = StepStateRow(plan_id=plan_id, step_id=step_id)
        session.add(row)
    row.status, row.start_date, row.end_date, row.note = clean.status, clean.start, clean.end, clean.note
    row.updated_at = now
    return StepState(step_id, clean.status, clean.start, clean.end, clean.note)
