"""A plan's itinerary: its appointments, added, edited, moved and deleted one at a time, and the
proposed schedule, accepted as a whole or in part."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from planner.changes import Change, changes
from planner.core.clock import utc_now
from planner.core.limits import APPOINTMENTS
from planner.core.validation import ValidationError, raise_if_any
from planner.db.database import Database
from planner.journey.appointment_store import (
    appointment_count,
    appointments_in,
    owned_appointment,
    proposal_key_taken,
    proposed_appointment_ids,
    remove_appointment,
    uid_taken,
    write_appointment,
)
from planner.journey.itinerary import (
    Appointment,
    AppointmentDraft,
    PlanSpan,
    draft_of,
    moved_to,
    validate_appointment,
)
from planner.journey.journey_warnings import JourneyWarning, journey_warnings
from planner.journey.rules import Stay
from planner.journey.schedule import ChosenClinic, Proposal, StayDraft, check_stay_draft, propose
from planner.journey.store import (
    chosen_clinic,
    journey_plan,
    set_trip_end,
    stay_in,
    step_names_in,
    write_stay,
)

__all__ = [
    "ItineraryData",
    "StayDraft",
    "accept_proposal",
    "appointment_room_problem",
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


def load_itinerary(db: Database, plan_id: int) -> ItineraryData:
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        appointments = appointments_in(session, plan_id)
        stay = stay_in(session, plan)
        return ItineraryData(
            plan_id,
            plan.home_zone,
            step_names_in(session),
            appointments,
            stay,
            journey_warnings(stay, plan.departure, plan.return_, appointments),
            chosen_clinic(session, plan.clinic_id),
            plan.span,
        )


def appointment_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another appointment (it is full), or None."""
    with db.transaction() as session:
        full = appointment_count(session, plan_id) >= APPOINTMENTS.most
        return APPOINTMENTS.full_message() if full else None


@changes(Change.ITINERARY)
def save_appointment(
    db: Database, plan_id: int, draft: AppointmentDraft, appointment_id: int | None = None
) -> Appointment:
    """Add (or, with an id, change) an appointment. Raises ValidationError with messages for kind,
    step, title, zone, start, end and note, and changes nothing, when a field is wrong; PlanFull
    when adding to a plan that holds the most appointments it may."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        if appointment_id is not None:
            owned_appointment(session, plan_id, appointment_id)
        clean = validate_appointment(draft, step_names_in(session), plan.span)
        return write_appointment(session, plan_id, clean, appointment_id, utc_now())


@changes(Change.ITINERARY)
def move_appointment(db: Database, plan_id: int, appointment_id: int, day: date) -> Appointment:
    """Move an appointment to another day at the same wall-clock times. Raises ValidationError
    ("start"/"end") when that day is far from the trip or the time does not exist there."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        current = owned_appointment(session, plan_id, appointment_id)
        clean = validate_appointment(moved_to(current, day), step_names_in(session), plan.span)
        return write_appointment(session, plan_id, clean, appointment_id, utc_now())


@changes(Change.ITINERARY)
def delete_appointment(db: Database, plan_id: int, appointment_id: int) -> Appointment:
    """Delete an appointment; returns it, so Undo can put it back."""
    with db.transaction() as session:
        return remove_appointment(session, plan_id, appointment_id)


@changes(Change.ITINERARY)
def restore_appointment(db: Database, plan_id: int, gone: Appointment) -> Appointment:
    """Put a deleted appointment back (with a new id, and its old uid, so a calendar that has
    it keeps one event)."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        draft = draft_of(gone)
        if gone.proposal_key and proposal_key_taken(session, plan_id, gone.proposal_key):
            draft = replace(draft, proposal_key="")  # a newer proposal took its key meanwhile
        uid = "" if uid_taken(session, gone.uid) else gone.uid
        clean = validate_appointment(draft, step_names_in(session), plan.span)
        return write_appointment(session, plan_id, clean, None, utc_now(), uid)


def propose_schedule(
    db: Database, plan_id: int, draft: StayDraft, today: date | None = None
) -> list[AppointmentDraft]:
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        clinic = chosen_clinic(session, plan.clinic_id)
        return propose(Proposal(draft.stay(), plan.departure, plan.home_zone, clinic, today))


@changes(Change.PLAN | Change.ITINERARY)
def accept_proposal(
    db: Database, plan_id: int, draft: StayDraft, accepted: Sequence[AppointmentDraft]
) -> int:
    """Keep the stay (arrival, flight home, treatment day, cells) and the accepted appointments:
    those from an earlier proposal with the same key are updated, the rest added. All or
    nothing: raises ValidationError and changes nothing when the stay or any appointment is wrong
    (appointment messages are keyed "appointment")."""
    with db.transaction() as session:
        plan = journey_plan(session, plan_id)
        raise_if_any(check_stay_draft(plan.span, plan.departure, draft))
        write_stay(session, plan_id, draft.arrival, draft.cells, draft.culture_days)
        set_trip_end(session, plan_id, draft.leave, draft.treatment, utc_now())
        span = journey_plan(session, plan_id).span  # the new flight home
        steps = step_names_in(session)
        existing = proposed_appointment_ids(session, plan_id)
        for proposed in accepted:
            try:
                clean = validate_appointment(proposed, steps, span)
                write_appointment(session, plan_id, clean, existing.get(proposed.proposal_key), utc_now())
            except ValidationError as error:
                first = next(iter(error.errors.values()))
                raise ValidationError.single("appointment", f"“{proposed.title}”: {first}") from None
        return len(accepted)
