"""A plan's appointments as rows: read in order, written, deleted, and read as calendar events.
Every function takes the caller's Session and opens no transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from planner.core.limits import APPOINTMENTS, check_room
from planner.db.models import AppointmentRow
from planner.journey.calendar_ics import CalendarEvent
from planner.journey.itinerary import KINDS, Appointment, AppointmentDraft, appointment

_TIMES = (
    AppointmentRow.start_local,
    AppointmentRow.end_local,
    AppointmentRow.start_utc,
    AppointmentRow.end_utc,
)


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


def appointment_count(session: Session, plan_id: int) -> int:
    query = select(func.count()).select_from(AppointmentRow).where(AppointmentRow.plan_id == plan_id)
    return session.scalar(query) or 0


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


def _owned(session: Session, plan_id: int, appointment_id: int) -> AppointmentRow:
    row = session.get_one(AppointmentRow, appointment_id)
    if row.plan_id != plan_id:
        raise ValueError("that appointment belongs to another plan")
    return row


def owned_appointment(session: Session, plan_id: int, appointment_id: int) -> Appointment:
    """Raises NoResultFound for an unknown id, ValueError for another plan's appointment."""
    return _appointment_of(_owned(session, plan_id, appointment_id))


def write_appointment(
    session: Session,
    plan_id: int,
    clean: AppointmentDraft,
    appointment_id: int | None,
    now: datetime,
    uid: str = "",
) -> Appointment:
    """Write a checked draft over the plan's appointment `appointment_id`, or as a new one (which
    takes `uid` when given, as an appointment put back does). Raises PlanFull, adding nothing,
    when the plan holds the most appointments it may."""
    if appointment_id is None:
        check_room(APPOINTMENTS, appointment_count(session, plan_id))
        row = AppointmentRow(plan_id=plan_id, created_at=now)
        if uid:
            row.uid = uid
        session.add(row)
    else:
        row = _owned(session, plan_id, appointment_id)
    made = appointment(0, clean)
    row.step_id, row.kind, row.title = made.step_id, made.kind, made.title
    row.start_local, row.end_local, row.zone = made.start, made.end, made.zone
    row.start_utc, row.end_utc = made.start_utc, made.end_utc
    row.location, row.note = made.location, made.note
    row.proposal_key = made.proposal_key or None
    row.updated_at = now
    session.flush()
    return appointment(row.id, clean)


def remove_appointment(session: Session, plan_id: int, appointment_id: int) -> Appointment:
    """Delete one of the plan's appointments; returns it as it was."""
    row = _owned(session, plan_id, appointment_id)
    gone = _appointment_of(row)
    session.delete(row)
    return gone


def proposal_key_taken(session: Session, plan_id: int, proposal_key: str) -> bool:
    """Whether one of the plan's appointments came from the proposal's entry `proposal_key`."""
    return bool(
        session.scalar(
            select(AppointmentRow.id).where(
                AppointmentRow.plan_id == plan_id, AppointmentRow.proposal_key == proposal_key
            )
        )
    )


def uid_taken(session: Session, uid: str) -> bool:
    """Whether any appointment, of any plan, has the calendar uid `uid`."""
    return bool(session.scalar(select(AppointmentRow.id).where(AppointmentRow.uid == uid)))


def proposed_appointment_ids(session: Session, plan_id: int) -> dict[str, int]:
    """The plan's appointments that came from a proposal: their ids by proposal key."""
    rows = session.execute(
        select(AppointmentRow.proposal_key, AppointmentRow.id).where(
            AppointmentRow.plan_id == plan_id, AppointmentRow.proposal_key.is_not(None)
        )
    )
    return {key: id_ for key, id_ in rows if key is not None}


def calendar_events(session: Session, plan_id: int, steps: dict[str, str]) -> list[CalendarEvent]:
    """The plan's appointments as calendar events, in the order they start; `steps` names the
    journey's steps by id."""
    rows = session.scalars(
        select(AppointmentRow).where(AppointmentRow.plan_id == plan_id).order_by(AppointmentRow.start_utc)
    )
    return [
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
