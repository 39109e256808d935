"""Whole plans to and from plan files (see `planner.planfile.format` for the format and its checks).

Export writes everything the plan holds: its own clinics (catalogue clinics by their catalogue
id), shortlist, quotes, rates, expenses with their kept conversions, the estimate's settings and
changes, the deposit, the checklist, the journey, the appointments, the trip details, and the
person's notes and answers for the plan's clinics. Import checks the whole file first, then
writes it in one transaction: all of it, or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner import __version__
from planner.budget.rules import EXTRA_CATEGORIES
from planner.catalogue.model import CLINIC_LIST_FIELDS
from planner.changes import Change, changes
from planner.core.clock import utc_now
from planner.core.collector import collector_paused
from planner.core.dates import stored_timestamp
from planner.core.money import currency_decimals
from planner.core.zones import to_utc
from planner.db.bulk import insert_rows
from planner.db.database import Database
from planner.db.models import (
    AppointmentRow,
    BudgetSettingsRow,
    ChecklistItemRow,
    ClinicAnnotationRow,
    ClinicAnswerRow,
    ClinicRow,
    ConditionRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    ExpenseRow,
    FeeCategoryRow,
    JourneySettingsRow,
    JourneyStepRow,
    OwnQuestionRow,
    PlanRow,
    PricePointRow,
    QuestionTemplateRow,
    QuoteLineRow,
    QuoteRow,
    ShortlistRow,
    StepStateRow,
    TripDetailsRow,
)
from planner.planfile.expenses import CONVERSION_COLUMNS, EXPENSE_COLUMNS, expense_tables
from planner.planfile.format import (
    CATALOGUE_PREFIX,
    FORMAT,
    OWN_PREFIX,
    VERSION,
    Known,
    PlanFile,
    PlanFileError,
    amount_text,
    parse_plan_file,
)
from planner.plans.rules import Plan, check_name, copy_name
from planner.plans.store import plan_from_row

__all__ = ["NameClash", "OnClash", "PlanFileError", "export_plan", "import_plan", "read_plan_file"]


class OnClash(Enum):
    ASK = "ask"
    RENAME = "rename"
    REPLACE = "replace"


class NameClash(Exception):
    """A plan with the file's name exists; ask the person whether to rename or replace."""

    def __init__(self, name: str, suggested: str) -> None:
        super().__init__(f"A plan called “{name}” already exists.")
        self.name = name
        self.suggested = suggested


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _money(minor: int | None, currency: str) -> str | None:
    return amount_text(minor, currency_decimals(currency)) if currency else None


def _clinic_key(row: ClinicRow, own_keys: dict[int, str]) -> str:
    return CATALOGUE_PREFIX + row.catalogue_id if row.catalogue_id else own_keys[row.id]


def export_plan(db: Database, plan_id: int) -> bytes:
    """The plan as UTF-8 JSON bytes in the current plan-file version."""
    with collector_paused(), db.transaction() as session:
        return msgspec.json.encode(_export(session, plan_id))


def _rows(session: Session, table: Any, plan_id: int, *order: Any) -> list[Any]:
    return list(session.scalars(select(table).where(table.plan_id == plan_id).order_by(*order)))


def _export(session: Session, plan_id: int) -> dict[str, Any]:
    plan = session.get_one(PlanRow, plan_id)
    quotes = _rows(session, QuoteRow, plan_id, QuoteRow.id)
    shortlist = _rows(session, ShortlistRow, plan_id, ShortlistRow.added_at)
    clinic_ids = {q.clinic_id for q in quotes} | {s.clinic_id for s in shortlist}
    if plan.clinic_id is not None:
        clinic_ids.add(plan.clinic_id)
    clinics = {c.id: c for c in session.scalars(select(ClinicRow).where(ClinicRow.id.in_(clinic_ids)))}
    own = sorted((c for c in clinics.values() if c.catalogue_id is None), key=lambda c: c.id)
    own_keys = {c.id: f"{OWN_PREFIX}{n}" for n, c in enumerate(own, start=1)}

    def key(clinic_id: int) -> str:
        return _clinic_key(clinics[clinic_id], own_keys)

    home = plan.home_currency
    settings = session.get(BudgetSettingsRow, plan_id)
    journey = session.get(JourneySettingsRow, plan_id)
    details = session.get(TripDetailsRow, plan_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_now().replace(microsecond=0).isoformat(),
        "app_version": __version__,
        "plan": {
            "name": plan.name,
            "condition_id": plan.condition_id,
            "home_country": plan.home_country,
            "home_currency": home,
            "departure": _day(plan.departure_date),
            "return": _day(plan.return_date),
            "budget_limit": _money(plan.budget_limit_minor, home),
            "treatment_date": _day(plan.treatment_date),
            "home_zone": plan.home_zone,
            "clinic": key(plan.clinic_id) if plan.clinic_id is not None else None,
        },
        "own_clinics": [
            {
                "key": own_keys[c.id],
                "name": c.name,
                "government_approved": c.government_approved,
                **{k: getattr(c, k) for k in ("city", "district", "location", "focus")},
                **{k: list(getattr(c, k)) for k in CLINIC_LIST_FIELDS},
            }
            for c in own
        ],
        "shortlist": [key(s.clinic_id) for s in shortlist],
        "quotes": [
            {
                "clinic": key(q.clinic_id),
                "currency": q.currency,
                "received_on": _day(q.received_on),
                "valid_until": _day(q.valid_until),
                "deposit_percent": amount_text(q.deposit_basis_points, 2),
                "refund_terms": q.refund_terms,
                "note": q.note,
                "accepted": q.accepted,
                "lines": [
                    {
                        "fee_category": line.fee_category_id,
                        "label": line.label,
                        "amount": _money(line.amount_minor, q.currency),
                    }
                    for line in q.lines
                ],
            }
            for q in quotes
        ],
        "rates": [
            {"base": x.base, "quote": x.quote, "rate": x.rate, "on_date": _day(x.on_date)}
            for x in _rows(session, ExchangeRateRow, plan_id, ExchangeRateRow.id)
        ],
        "expenses": _export_expenses(session, plan_id),
        "budget_settings": (
            {
                "treatment_basis": settings.treatment_basis,
                "stay_low": settings.stay_low,
                "stay_high": settings.stay_high,
                "hotel_tier": settings.hotel_tier,
                "flights": settings.flights,
                "visa": settings.visa,
                "deposit_basis_points": settings.deposit_basis_points,
                "deposit_amount": _money(settings.deposit_amount_minor, settings.deposit_currency),
                "deposit_currency": settings.deposit_currency,
                "deposit_due_on": _day(settings.deposit_due_on),
                "deposit_paid_on": _day(settings.deposit_paid_on),
            }
            if settings
            else None
        ),
        "estimate_overrides": [
            {
                "key": o.key,
                "low": _money(o.low_minor, o.currency),
                "high": _money(o.high_minor, o.currency),
                "currency": o.currency,
                "removed": o.removed,
            }
            for o in _rows(session, EstimateOverrideRow, plan_id, EstimateOverrideRow.key)
        ],
        "checklist": [
            {
                "step_id": i.step_id,
                "text": i.text,
                "kind": i.kind,
                "document": i.document,
                "note": i.note,
                "done_at": _moment(i.done_at),
                "due_on": _day(i.due_on),
                "due_anchor": i.due_anchor,
                "due_days": i.due_days,
                "expires_on": _day(i.expires_on),
                "template_id": i.template_id,
            }
            for i in _rows(
                session, ChecklistItemRow, plan_id, ChecklistItemRow.step_id, ChecklistItemRow.position
            )
        ],
        "journey_settings": (
            {
                "arrival_date": _day(journey.arrival_date),
                "cells": journey.cells,
                "culture_days": journey.culture_days,
            }
            if journey
            else None
        ),
        "steps": [
            {
                "step_id": s.step_id,
                "status": s.status,
                "start_date": _day(s.start_date),
                "end_date": _day(s.end_date),
                "note": s.note,
            }
            for s in _rows(session, StepStateRow, plan_id, StepStateRow.step_id)
        ],
        "appointments": [
            {
                "uid": a.uid,
                "step_id": a.step_id,
                "kind": a.kind,
                "title": a.title,
                "start": _moment(a.start_local),
                "end": _moment(a.end_local),
                "zone": a.zone,
                "location": a.location,
                "note": a.note,
                "proposal_key": a.proposal_key,
            }
            for a in _rows(session, AppointmentRow, plan_id, AppointmentRow.start_utc, AppointmentRow.id)
        ],
        "trip_details": (
            {
                k: getattr(details, k)
                for k in ("hotel_name", "hotel_address", "hotel_phone", "insurance", "emergency_contact")
            }
            if details
            else None
        ),
        **_export_clinic_notes(session, clinics, key),
    }


def _export_expenses(session: Session, plan_id: int) -> dict[str, Any]:
    """Expenses go through the driver directly in both directions: a plan may hold tens of
    thousands of lines, each with its kept conversions. The tables' columns are the database's,
    so its rows are written as they come (dates as the ISO text SQLite keeps for Date columns)."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    lines = driver.execute(
        f"SELECT {', '.join(EXPENSE_COLUMNS)} FROM expense WHERE plan_id = ? ORDER BY id", (plan_id,)
    ).fetchall()
    conversions = driver.execute(
        "WITH line AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM expense WHERE plan_id = ?)"
        f" SELECT line.n, {', '.join('c.' + c for c in CONVERSION_COLUMNS)} FROM expense_conversion c"
        " JOIN line ON line.id = c.expense_id ORDER BY line.n, c.currency",
        (plan_id,),
    ).fetchall()
    return expense_tables(lines, conversions)


def _export_clinic_notes(session: Session, clinics: dict[int, ClinicRow], key: Any) -> dict[str, Any]:
    ids = list(clinics)
    notes = session.scalars(select(ClinicAnnotationRow).where(ClinicAnnotationRow.clinic_id.in_(ids)))
    own_questions = {q.id: q.text for q in session.scalars(select(OwnQuestionRow))}
    answers = session.scalars(
        select(ClinicAnswerRow).where(ClinicAnswerRow.clinic_id.in_(ids)).order_by(ClinicAnswerRow.id)
    )
    return {
        "clinic_notes": [
            {"clinic": key(n.clinic_id), "note": n.note, "rating": n.rating}
            for n in notes
            if n.note or n.rating is not None
        ],
        "answers": [
            {
                "clinic": key(a.clinic_id),
                "question": f"builtin:{a.template_id}"
                if a.template_id
                else own_questions[a.own_question_id or 0],
                "answer": a.answer,
            }
            for a in answers
        ],
    }


def _known(session: Session) -> Known:
    def ids(column: Any, *where: Any) -> frozenset[str]:
        return frozenset(session.scalars(select(column).where(*where)))

    fee = ids(FeeCategoryRow.id)
    return Known(
        conditions=ids(ConditionRow.id, ConditionRow.retired.is_(False)),
        steps=ids(JourneyStepRow.id),
        catalogue_clinics=frozenset(
            c
            for c in session.scalars(
                select(ClinicRow.catalogue_id).where(ClinicRow.catalogue_id.is_not(None))
            )
            if c
        ),
        fee_categories=fee,
        expense_categories=fee | {c for c, _name in EXTRA_CATEGORIES},
        question_templates=ids(QuestionTemplateRow.id),
        packages=ids(PricePointRow.id, PricePointRow.kind == "package", PricePointRow.retired.is_(False)),
        own_clinic_names=frozenset(
            name.casefold()
            for name in session.scalars(select(ClinicRow.name).where(ClinicRow.catalogue_id.is_(None)))
        ),
        own_questions=ids(OwnQuestionRow.text),
    )


def read_plan_file(db: Database, data: bytes) -> PlanFile:
    """Check a plan file against this database; raises PlanFileError saying what is wrong."""
    with db.transaction() as session:
        return parse_plan_file(data, _known(session))


@changes(Change.PLAN | Change.CLINICS)
def import_plan(
    db: Database, file: PlanFile, on_clash: OnClash = OnClash.ASK, name: str | None = None
) -> Plan:
    """Write a checked plan file as a new plan, in one transaction.

    When a plan already has the name: ASK raises NameClash (nothing written), RENAME imports it
    under `name` or the next free "(copy)" name, REPLACE deletes that plan in the same
    transaction. Raises PlanFileError if the database refuses any part; nothing is then written.
    The data is backed up first.
    """
    if on_clash is OnClash.ASK:
        with db.transaction() as session:
            _name_for(session, file, on_clash, name)  # a clash asks before anything is backed up
    db.back_up("before-import")
    try:
        with collector_paused(), db.transaction() as session:
            return _import(session, file, on_clash, name)
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise PlanFileError(f"The plan could not be written, and nothing of it was saved: {reason}") from None


def _name_for(session: Session, file: PlanFile, on_clash: OnClash, name: str | None) -> tuple[str, bool]:
    """The name the plan is imported under, and whether it replaces the plan of that name."""
    wanted = " ".join((file.name if name is None else name).split())
    taken = {n.casefold() for n in session.scalars(select(PlanRow.name))}
    if (problem := check_name(wanted, set())) is not None:
        raise PlanFileError(problem)
    if wanted.casefold() not in taken:
        return wanted, False
    if on_clash is OnClash.ASK:
        raise NameClash(wanted, copy_name(wanted, taken))
    if on_clash is OnClash.RENAME:
        return copy_name(wanted, taken), False
    return wanted, True


def _import(session: Session, file: PlanFile, on_clash: OnClash, name: str | None) -> Plan:
    wanted, replaces = _name_for(session, file, on_clash, name)
    if replaces:
        existing = session.scalars(select(PlanRow).where(func.lower(PlanRow.name) == wanted.casefold())).one()
        session.delete(existing)
        session.flush()
    now = utc_now()
    clinic_ids = _import_clinics(session, file, now)
    values = dict(file.plan)
    clinic = values.pop("clinic")
    row = PlanRow(
        **{**values, "name": wanted},
        clinic_id=clinic_ids[clinic] if clinic else None,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    plan_id = row.id
    for n, clinic_key in enumerate(dict.fromkeys(file.shortlist)):
        added = now + timedelta(microseconds=n)  # keeps the file's order
        session.add(ShortlistRow(plan_id=plan_id, clinic_id=clinic_ids[clinic_key], added_at=added))
    session.add_all(_quote_row(quote, clinic_ids, plan_id, now) for quote in file.quotes)
    session.add_all(ExchangeRateRow(**x, plan_id=plan_id, created_at=now) for x in file.rates)
    _import_expenses(session, file, plan_id, now)
    if file.budget_settings is not None:
        session.add(BudgetSettingsRow(**file.budget_settings, plan_id=plan_id))
    session.add_all(EstimateOverrideRow(**o, plan_id=plan_id) for o in file.estimate_overrides)
    positions: dict[str, int] = {}
    for item in file.checklist:
        position = positions[item["step_id"]] = positions.get(item["step_id"], -1) + 1
        session.add(ChecklistItemRow(**item, plan_id=plan_id, position=position, created_at=now))
    if file.journey_settings is not None:
        session.add(JourneySettingsRow(**file.journey_settings, plan_id=plan_id))
    session.add_all(StepStateRow(**s, plan_id=plan_id, updated_at=now) for s in file.steps)
    _import_appointments(session, file.appointments, plan_id, now)
    if file.trip_details is not None:
        session.add(TripDetailsRow(**file.trip_details, plan_id=plan_id))
    _import_notes(session, file, clinic_ids, now)
    session.flush()
    return plan_from_row(session, row)


def _quote_row(quote: dict[str, Any], clinic_ids: dict[str, int], plan_id: int, now: datetime) -> QuoteRow:
    values = {k: v for k, v in quote.items() if k not in ("clinic", "lines")}
    return QuoteRow(
        **values,
        clinic_id=clinic_ids[quote["clinic"]],
        plan_id=plan_id,
        created_at=now,
        updated_at=now,
        lines=[QuoteLineRow(**line) for line in quote["lines"]],
    )


def _import_clinics(session: Session, file: PlanFile, now: datetime) -> dict[str, int]:
    """Clinic keys to ids: catalogue clinics by catalogue id; the file's own clinics matched by
    name to the person's own clinics here, or added."""
    ids = {
        CATALOGUE_PREFIX + c.catalogue_id: c.id
        for c in session.scalars(select(ClinicRow).where(ClinicRow.catalogue_id.is_not(None)))
        if c.catalogue_id
    }
    current = list(session.scalars(select(ClinicRow).where(ClinicRow.retired.is_(False))))
    own_by_name = {c.name.casefold(): c.id for c in current if c.catalogue_id is None}
    taken = {c.name.casefold() for c in current}
    for key, values in file.own_clinics.items():
        name = values["name"]
        if name.casefold() in own_by_name:
            ids[key] = own_by_name[name.casefold()]
            continue
        if name.casefold() in taken:
            name = copy_name(name, taken)
        row = ClinicRow(**{**values, "name": name}, catalogue_id=None)
        session.add(row)
        session.flush()
        taken.add(name.casefold())
        ids[key] = own_by_name[name.casefold()] = row.id
    return ids


def _import_expenses(session: Session, file: PlanFile, plan_id: int, now: datetime) -> None:
    """The lines and their conversions, straight to the driver (see _export_expenses)."""
    if not file.expenses:
        return
    first = (session.scalar(select(func.max(ExpenseRow.id))) or 0) + 1
    stamp = stored_timestamp(now)
    insert_rows(
        session,
        "expense",
        ("id", *EXPENSE_COLUMNS),
        file.expenses,
        same={"plan_id": plan_id, "created_at": stamp, "updated_at": stamp},
        offsets={"id": first},
    )
    insert_rows(
        session,
        "expense_conversion",
        ("expense_id", *CONVERSION_COLUMNS),
        file.conversions,
        offsets={"expense_id": first},
    )


def _import_appointments(
    session: Session, appointments: Iterable[dict[str, Any]], plan_id: int, now: datetime
) -> None:
    """Appointments keep their uid, so a calendar updates its events, unless another plan here
    already has it (a second copy of the same plan): then they get new ones."""
    rows = list(appointments)
    used = set(
        session.scalars(select(AppointmentRow.uid).where(AppointmentRow.uid.in_([a["uid"] for a in rows])))
    )
    for a in rows:
        values = {k: v for k, v in a.items() if k not in ("start", "end")}
        if values["uid"] in used:
            values["uid"] = str(uuid.uuid4())
        session.add(
            AppointmentRow(
                **values,
                plan_id=plan_id,
                start_local=a["start"],
                end_local=a["end"],
                start_utc=to_utc(a["start"], a["zone"]),
                end_utc=to_utc(a["end"], a["zone"]),
                created_at=now,
                updated_at=now,
            )
        )


def _import_notes(session: Session, file: PlanFile, clinic_ids: dict[str, int], now: datetime) -> None:
    """Notes, ratings and answers fill what is empty here; what the person wrote here stays."""
    for note in file.clinic_notes:
        clinic_id = clinic_ids[note["clinic"]]
        row = session.get(ClinicAnnotationRow, clinic_id)
        if row is None:
            session.add(
                ClinicAnnotationRow(
                    clinic_id=clinic_id, note=note["note"], rating=note["rating"], updated_at=now
                )
            )
        else:
            row.note = row.note or note["note"]
            row.rating = row.rating if row.rating is not None else note["rating"]
    own_questions = {q.text: q.id for q in session.scalars(select(OwnQuestionRow))}
    for answer in file.answers:
        clinic_id = clinic_ids[answer["clinic"]]
        question = answer["question"]
        template_id, own_id = None, None
        if question.startswith("builtin:"):
            template_id = question.removeprefix("builtin:")
        else:
            if question not in own_questions:
                added = OwnQuestionRow(text=question, created_at=now)
                session.add(added)
                session.flush()
                own_questions[question] = added.id
            own_id = own_questions[question]
        exists = session.scalar(
            select(func.count(ClinicAnswerRow.id)).where(
                ClinicAnswerRow.clinic_id == clinic_id,
                ClinicAnswerRow.template_id.is_(None)
                if template_id is None
                else ClinicAnswerRow.template_id == template_id,
                ClinicAnswerRow.own_question_id.is_(None)
                if own_id is None
                else ClinicAnswerRow.own_question_id == own_id,
            )
        )
        if not exists:
            session.add(
                ClinicAnswerRow(
                    clinic_id=clinic_id,
                    template_id=template_id,
                    own_question_id=own_id,
                    answer=answer["answer"],
                    updated_at=now,
                )
            )
