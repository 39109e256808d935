"""A plan's itinerary: its appointments, added, edited, moved and deleted one at a time, and the
proposed schedule, accepted as a whole or in part."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.core.clock import utc_now
from planner.core.limits import APPOINTMENTS, check_dates, day_problem
from planner.core.validation import ValidationError, raise_if_any
from planner.db.database import Database
from planner.db.models import AppointmentRow, ClinicRow, PlanRow
from planner.journey.itinerary import (
    Appointment,
    AppointmentDraft,
    PlanSpan,
    appointment,
    draft_of,
    moved_to,
    validate_appointment,
)
from planner.journey.journey_warnings import JourneyWarning, journey_warnings
from planner.journey.rules import Stay
from planner.journey.schedule import ChosenClinic, Proposal, propose
from planner.journey.service import (
    appointments_in,
    check_stay,
    home_zone_of,
    span_of,
    stay_of,
    step_names_in,
    write_stay,
)
from planner.plans.room_store import ensure_room, full_message

__all__ = [
    "ItineraryData",
    "accept_proposal",
    "delete_appointment",
    "load_itinerary",
    "move_appointment",
    "propose_schedule",
    "restore_appointment",
    "save_appointment",
]


@dataclass(frozen=True, slots=True)
class ItineraryData:
    plan_id: int
    home_zone: str
    steps: dict[str, str]
    appointments: list[Appointment]
    stay: Stay
    warnings: list[JourneyWarning]
    clinic: ChosenClinic
    span: PlanSpan


def clinic_of(session: Session, plan: PlanRow) -> ChosenClinic:
    if plan.clinic_id is None:
        return ChosenClinic()
    row = session.get_one(ClinicRow, plan.clinic_id)
    return ChosenClinic(row.name, row.district)


def load_itinerary(db: Database, plan_id: int) -> ItineraryData:
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        appointments = appointments_in(session, plan_id)
        stay = stay_of(session, plan)
        return ItineraryData(
            plan_id,
            home_zone_of(plan),
            step_names_in(session),
            appointments,
            stay,
            journey_warnings(stay, plan.departure_date, plan.return_date, appointments),
            clinic_of(session, plan),
            span_of(plan),
        )


def _fill(row: AppointmentRow, made: Appointment) -> None:
    row.step_id, row.kind, row.title = made.step_id, made.kind, made.title
    row.start_local, row.end_local, row.zone = made.start, made.end, made.zone
    row.start_utc, row.end_utc = made.start_utc, made.end_utc
    row.location, row.note = made.location, made.note
    row.proposal_key = made.proposal_key or None
    row.updated_at = utc_now()


def _owned(session: Session, plan_id: int, appointment_id: int) -> AppointmentRow:
    row = session.get_one(AppointmentRow, appointment_id)
    if row.plan_id != plan_id:
        raise ValueError("that appointment belongs to another plan")
    return row


def _write(
    session: Session, plan: PlanRow, draft: AppointmentDraft, row: AppointmentRow | None, uid: str = ""
) -> Appointment:
    """Validate and write; a new row takes `uid` when given (an appointment put back)."""
    clean = validate_appointment(draft, step_names_in(session), span_of(plan))
    if row is None:
        ensure_room(session, APPOINTMENTS, AppointmentRow, plan.id)
        row = AppointmentRow(plan_id=plan.id, created_at=utc_now())
        if uid:
            row.uid = uid
        session.add(row)
    made = appointment(0, clean)
    _fill(row, made)
    session.flush()
    return appointment(row.id, clean)


def appointment_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another appointment (it is full), or None."""
    return full_message(db, APPOINTMENTS, AppointmentRow, plan_id)


@changes(Change.ITINERARY)
def save_appointment(
    db: Database, plan_id: int, draft: AppointmentDraft, appointment_id: int | None = None
) -> Appointment:
    """Add (or, with an id, change) an appointment. Raises ValidationError with messages for kind,
    step, title, zone, start, end and note, and changes nothing, when a field is wrong; PlanFull
    when adding to a plan that holds the most appointments it may."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        row = _owned(session, plan_id, appointment_id) if appointment_id is not None else None
        return _write(session, plan, draft, row)


@changes(Change.ITINERARY)
def move_appointment(db: Database, plan_id: int, appointment_id: int, day: date) -> Appointment:
    """Move an appointment to another day at the same wall-clock times. Raises ValidationError
    ("start"/"end") when that day is far from the trip or the time does not exist there."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        row = _owned(session, plan_id, appointment_id)
        current = _appointment_of(row)
        return _write(session, plan, moved_to(current, day), row)


def _appointment_of(row: AppointmentRow) -> Appointment:
    return Appointment(
        row.id,
        row.step_id,
        row.kind,
        row.title,
        row.start_local,
        row.end_local,
        row.zone,
        row.start_utc,
        row.end_utc,
        row.location,
        row.note,
        row.proposal_key or "",
        row.uid,
    )


@changes(Change.ITINERARY)
def delete_appointment(db: Database, plan_id: int, appointment_id: int) -> Appointment:
    """Delete an appointment; returns it, so Undo can put it back."""
    with db.transaction() as session:
        row = _owned(session, plan_id, appointment_id)
        gone = _appointment_of(row)
        session.delete(row)
        return gone


@changes(Change.ITINERARY)
def restore_appointment(db: Database, plan_id: int, gone: Appointment) -> Appointment:
    """Put a deleted appointment back (with a new id, and its old uid, so a calendar that has
    it keeps one event)."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        draft = draft_of(gone)
        if gone.proposal_key and session.scalar(
            select(AppointmentRow.id).where(
                AppointmentRow.plan_id == plan_id, AppointmentRow.proposal_key == gone.proposal_key
            )
        ):
            draft = replace(draft, proposal_key="")  # a newer proposal took its key meanwhile
        taken = session.scalar(select(AppointmentRow.id).where(AppointmentRow.uid == gone.uid))
        return _write(session, plan, draft, None, "" if taken else gone.uid)


@dataclass(frozen=True, slots=True)
class StayDraft:
    """What the proposal form collects."""

    arrival: date
    days: int
    treatment: date
    cells: str
    culture_days: int

    @property
    def leave(self) -> date:
        return self.arrival + timedelta(days=self.days - 1)

    def stay(self) -> Stay:
        return Stay(self.arrival, self.leave, self.treatment, self.cells, self.culture_days)


def check_stay_draft(span: PlanSpan, departure: date, draft: StayDraft) -> dict[str, str]:
    """What keeps a proposed stay from being saved, per field (arrival, days, treatment, cells,
    culture). Warnings about it are `journey_warnings`; these are the things that cannot be kept."""
    errors = check_stay(span, draft.arrival, draft.cells, draft.culture_days)
    if not 1 <= draft.days <= 366:
        errors["days"] = "A stay lasts between 1 and 366 days."
    elif (message := day_problem(draft.leave) or check_dates(departure, draft.leave)) is not None:
        errors["days"] = message
    elif not departure <= draft.treatment <= draft.leave:
        errors["treatment"] = "Pick a treatment day between your departure and your flight home."
    return errors


def propose_schedule(
    db: Database, plan_id: int, draft: StayDraft, today: date | None = None
) -> list[AppointmentDraft]:
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        return propose(
            Proposal(draft.stay(), plan.departure_date, home_zone_of(plan), clinic_of(session, plan), today)
        )


@changes(Change.PLAN | Change.ITINERARY)
def accept_proposal(
    db: Database, plan_id: int, draft: StayDraft, accepted: Sequence[AppointmentDraft]
) -> int:
    """Keep the stay (arrival, flight home, treatment day, cells) and the accepted appointments:
    those from an earlier proposal with the same key are updated, the rest added. All or
    nothing: raises ValidationError and changes nothing when the stay or any appointment is wrong
    (appointment messages are keyed "appointment")."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        raise_if_any(check_stay_draft(span_of(plan), plan.departure_date, draft))
        write_stay(session, plan, draft.arrival, draft.cells, draft.culture_days)
        plan.return_date, plan.treatment_date = draft.leave, draft.treatment
        plan.updated_at = utc_now()
        session.flush()
        existing = {
            row.proposal_key: row
            for row in session.scalars(
                select(AppointmentRow).where(
                    AppointmentRow.plan_id == plan_id, AppointmentRow.proposal_key.is_not(None)
                )
            )
        }
        for proposed in accepted:
            try:
                _write(session, plan, proposed, existing.get(proposed.proposal_key))
            except ValidationError as error:
                first = next(iter(error.errors.values()))
                raise ValidationError.single("appointment", f"“{proposed.title}”: {first}") from None
        return len(accepted)
