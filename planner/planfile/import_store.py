"""A checked plan file written as a new plan, and what a file is checked against: the names and
ids this database knows."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from planner.budget.rules import EXTRA_CATEGORIES
from planner.core.clock import utc_now
from planner.core.dates import stored_timestamp
from planner.core.zones import to_utc
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
from planner.planfile.bulk_store import insert_rows
from planner.planfile.expenses import CONVERSION_COLUMNS, EXPENSE_COLUMNS
from planner.planfile.format import CATALOGUE_PREFIX, Known, PlanFile, PlanFileError
from planner.plans.rules import copy_name
from planner.recovery.measures import KNEE_GROUP
from planner.recovery.store import add_recovery


def known_references(session: Session) -> Known:
    """What a plan file's references may name in this database."""

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
        knee_conditions=ids(ConditionRow.id, ConditionRow.group_id == KNEE_GROUP),
    )


@contextmanager
def plan_write_refusals() -> Iterator[None]:
    """Around the transaction that writes a plan: the database refusing any part of it becomes a
    PlanFileError (the transaction rolls back, so nothing of it is written)."""
    try:
        yield
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise PlanFileError(f"The plan could not be written, and nothing of it was saved: {reason}") from None


def write_plan(session: Session, file: PlanFile, wanted: str, replaces: bool) -> PlanRow:
    """Write `file` as a new plan named `wanted`, first deleting the plan of that name when it
    `replaces` it; return the new plan's row."""
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
    add_recovery(session, plan_id, file.recovery)
    session.flush()
    return row


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
    """The lines and their conversions, straight to the driver (see `export_store._export_expenses`)."""
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
