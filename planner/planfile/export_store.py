"""The plan as the plan file holds it: every row the plan owns, mapped to the file's sections
(see `planner.planfile.format`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner import __version__
from planner.catalogue.model import CLINIC_LIST_FIELDS
from planner.core.clock import utc_now
from planner.core.money import currency_decimals
from planner.db.models import (
    AppointmentRow,
    BudgetSettingsRow,
    ChecklistItemRow,
    ClinicAnnotationRow,
    ClinicAnswerRow,
    ClinicRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    JourneySettingsRow,
    OwnQuestionRow,
    PlanRow,
    QuoteRow,
    ShortlistRow,
    StepStateRow,
    TripDetailsRow,
)
from planner.planfile.expenses import CONVERSION_COLUMNS, EXPENSE_COLUMNS, expense_tables
from planner.planfile.format import CATALOGUE_PREFIX, FORMAT, OWN_PREFIX, VERSION, amount_text
from planner.planfile.recovery_section import recovery_json
from planner.recovery.store import recovery_record


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _money(minor: int | None, currency: str) -> str | None:
    return amount_text(minor, currency_decimals(currency)) if currency else None


def _clinic_key(row: ClinicRow, own_keys: dict[int, str]) -> str:
    return CATALOGUE_PREFIX + row.catalogue_id if row.catalogue_id else own_keys[row.id]


def _rows(session: Session, table: Any, plan_id: int, *order: Any) -> list[Any]:
    return list(session.scalars(select(table).where(table.plan_id == plan_id).order_by(*order)))


def exported_plan(session: Session, plan_id: int) -> dict[str, Any]:
    """The whole plan as the current plan-file version holds it, ready to encode."""
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
        "recovery": recovery_json(recovery_record(session, plan_id)),
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
