"""Copy what a plan holds (shortlist, quotes with their lines, the budget) to another plan."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import (
    AppointmentRow,
    Base,
    BudgetSettingsRow,
    ChecklistItemRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    ExpenseRow,
    JourneySettingsRow,
    QuoteLineRow,
    QuoteRow,
    ShortlistRow,
    StepStateRow,
    TripDetailsRow,
)
from planner.recovery.store import add_recovery, recovery_record

RowT = TypeVar("RowT", bound=Base)


def copy_plan_clinic_data(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    for entry in session.scalars(select(ShortlistRow).where(ShortlistRow.plan_id == source_plan_id)):
        session.add(ShortlistRow(plan_id=target_plan_id, clinic_id=entry.clinic_id, added_at=entry.added_at))
    for quote in session.scalars(select(QuoteRow).where(QuoteRow.plan_id == source_plan_id)):
        session.add(
            QuoteRow(
                plan_id=target_plan_id,
                clinic_id=quote.clinic_id,
                currency=quote.currency,
                received_on=quote.received_on,
                valid_until=quote.valid_until,
                deposit_basis_points=quote.deposit_basis_points,
                refund_terms=quote.refund_terms,
                note=quote.note,
                accepted=quote.accepted,
                created_at=quote.created_at,
                updated_at=quote.updated_at,
                lines=[
                    QuoteLineRow(
                        position=line.position,
                        fee_category_id=line.fee_category_id,
                        label=line.label,
                        amount_minor=line.amount_minor,
                    )
                    for line in quote.lines
                ],
            )
        )
    session.flush()


def _clone(row: RowT, skip: tuple[str, ...] = ("id",), **changes: Any) -> RowT:
    """A new row with the same column values, except the `skip`ped ones and the `changes`."""
    values = {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}
    return type(row)(**{**values, **changes})


def copy_plan_budget(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    """Rates, expense lines with their kept conversions, estimate choices and changes, deposit."""
    for table in (ExchangeRateRow, EstimateOverrideRow, BudgetSettingsRow):
        for row in session.scalars(select(table).where(table.plan_id == source_plan_id)):
            session.add(_clone(row, plan_id=target_plan_id))
    for expense in session.scalars(select(ExpenseRow).where(ExpenseRow.plan_id == source_plan_id)):
        copy = _clone(expense, plan_id=target_plan_id)
        copy.conversions = [_clone(c, skip=("expense_id",)) for c in expense.conversions]
        session.add(copy)
    session.flush()


def copy_plan_checklist(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    for row in session.scalars(select(ChecklistItemRow).where(ChecklistItemRow.plan_id == source_plan_id)):
        session.add(_clone(row, plan_id=target_plan_id))
    session.flush()


def copy_plan_journey(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    """Step statuses, dates and notes, the stay's settings, the trip details, and the appointments."""
    for table in (JourneySettingsRow, StepStateRow, TripDetailsRow):
        for row in session.scalars(select(table).where(table.plan_id == source_plan_id)):
            session.add(_clone(row, plan_id=target_plan_id))
    for appointment in session.scalars(
        select(AppointmentRow).where(AppointmentRow.plan_id == source_plan_id)
    ):
        session.add(_clone(appointment, skip=("id", "uid"), plan_id=target_plan_id))
    session.flush()


def copy_plan_recovery(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    """The activities, exercises, check-ins and diary."""
    add_recovery(session, target_plan_id, recovery_record(session, source_plan_id))
    session.flush()
