"""A plan's expense lines and the conversions kept with them, as rows; and a journey step's lines
as the budget's totals count them.

Every function takes the caller's Session and never opens a transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.budget.quote_costs import TREATMENT_STEP, counted_expenses, covered_categories, quote_expense
from planner.budget.rules import CleanExpense, Expense, ExpenseConversion, report_currencies
from planner.budget.store import accepted_quote_in, major_or_none, minor_or_none, rates_of
from planner.clinics.quote_store import fee_categories_in
from planner.core.clock import utc_now
from planner.core.limits import EXPENSE_LINES
from planner.db.models import ExpenseConversionRow, ExpenseRow, PlanRow
from planner.plans.room_store import count_in_plan, ensure_room


def expenses_in(
    session: Session, plan_id: int, expense_id: int | None = None, step_id: str | None = None
) -> list[Expense]:
    """The plan's expense lines (or one, or one journey step's), read with two plain queries:
    fast for many lines."""
    lines = select(
        ExpenseRow.id,
        ExpenseRow.label,
        ExpenseRow.category,
        ExpenseRow.step_id,
        ExpenseRow.planned_minor,
        ExpenseRow.actual_minor,
        ExpenseRow.currency,
        ExpenseRow.paid_on,
        ExpenseRow.payee,
        ExpenseRow.note,
    ).where(ExpenseRow.plan_id == plan_id)
    conversions = (
        select(
            ExpenseConversionRow.expense_id,
            ExpenseConversionRow.currency,
            ExpenseConversionRow.planned_minor,
            ExpenseConversionRow.actual_minor,
            ExpenseConversionRow.rate,
            ExpenseConversionRow.rate_date,
        )
        .join(ExpenseRow)
        .where(ExpenseRow.plan_id == plan_id)
    )
    if expense_id is not None:
        lines = lines.where(ExpenseRow.id == expense_id)
        conversions = conversions.where(ExpenseRow.id == expense_id)
    if step_id is not None:
        lines = lines.where(ExpenseRow.step_id == step_id)
        conversions = conversions.where(ExpenseRow.step_id == step_id)
    kept: dict[int, list[ExpenseConversion]] = {}
    for owner, currency, planned, actual, rate, rate_date in session.execute(conversions):
        kept.setdefault(owner, []).append(
            ExpenseConversion(
                currency,
                major_or_none(planned, currency),
                major_or_none(actual, currency),
                Decimal(rate),
                rate_date,
            )
        )
    return [
        Expense(
            id_,
            label,
            category,
            step_id,
            major_or_none(planned, currency),
            major_or_none(actual, currency),
            currency,
            paid_on,
            payee,
            note,
            tuple(kept.get(id_, ())),
        )
        for id_, label, category, step_id, planned, actual, currency, paid_on, payee, note in session.execute(
            lines.order_by(ExpenseRow.id)
        )
    ]


def expense_in(session: Session, plan_id: int, expense_id: int) -> Expense:
    """One of the plan's lines. Raises NoResultFound when it is gone, and ValueError when it
    belongs to another plan."""
    if session.get_one(ExpenseRow, expense_id).plan_id != plan_id:
        raise ValueError("that expense belongs to another plan")
    return expenses_in(session, plan_id, expense_id)[0]


def _conversion_row(conversion: ExpenseConversion, expense_id: int | None = None) -> ExpenseConversionRow:
    return ExpenseConversionRow(
        expense_id=expense_id,
        currency=conversion.currency,
        planned_minor=minor_or_none(conversion.planned, conversion.currency),
        actual_minor=minor_or_none(conversion.actual, conversion.currency),
        rate=str(conversion.rate),
        rate_date=conversion.rate_date,
    )


def _write_conversions(row: ExpenseRow, conversions: Sequence[ExpenseConversion]) -> None:
    row.conversions = [_conversion_row(c) for c in conversions]


def _fill_row(row: ExpenseRow, clean: CleanExpense, now: datetime) -> None:
    row.label = clean.label
    row.category = clean.category
    row.step_id = clean.step_id
    row.planned_minor = minor_or_none(clean.planned, clean.currency)
    row.actual_minor = minor_or_none(clean.actual, clean.currency)
    row.currency = clean.currency
    row.paid_on = clean.paid_on
    row.payee = clean.payee
    row.note = clean.note
    row.updated_at = now


def write_expense(
    session: Session,
    plan_id: int,
    clean: CleanExpense,
    conversions: Sequence[ExpenseConversion],
    expense_id: int | None = None,
) -> Expense:
    """Add a line, or replace `expense_id`'s fields, with exactly these conversions; returns it
    as stored. Raises PlanFull when adding to a plan that holds the most lines it may. The caller
    has checked that `expense_id` is the plan's (see `expense_in`)."""
    now = utc_now()
    if expense_id is None:
        ensure_room(session, EXPENSE_LINES, ExpenseRow, plan_id)
        row = ExpenseRow(plan_id=plan_id, created_at=now)
        session.add(row)
    else:
        row = session.get_one(ExpenseRow, expense_id)
    _fill_row(row, clean, now)
    _write_conversions(row, conversions)
    session.flush()
    return expenses_in(session, plan_id, row.id)[0]


def add_conversions(session: Session, added: Mapping[int, Sequence[ExpenseConversion]]) -> None:
    """Keep more conversions with lines (expense id to its new ones); those a line has stay."""
    session.add_all(_conversion_row(c, expense_id) for expense_id, new in added.items() for c in new)


def delete_expense_row(session: Session, plan_id: int, expense_id: int) -> None:
    """Nothing happens for a line that is gone or is another plan's."""
    row = session.get(ExpenseRow, expense_id)
    if row is not None and row.plan_id == plan_id:
        session.delete(row)


def expense_room_message(session: Session, plan_id: int) -> str | None:
    """What to tell the person who wants one more line in a full plan, or None while there is room."""
    return (
        EXPENSE_LINES.full_message()
        if count_in_plan(session, ExpenseRow, plan_id) >= EXPENSE_LINES.most
        else None
    )


def counted_step_lines(
    session: Session, plan: PlanRow, step_id: str, expenses: list[Expense], today: date
) -> list[Expense]:
    """A journey step's expense lines as the budget's totals count them: on the treatment step
    the accepted quote's line first, and on every step lines the quote covers without their
    planned amounts (see `planner.budget.quote_costs`)."""
    quote = accepted_quote_in(session, plan.id)
    if quote is None:
        return expenses
    line = None
    if step_id == TREATMENT_STEP:
        rates = rates_of(session, plan.id)
        line = quote_expense(quote, step_id, report_currencies(plan.home_currency), rates, today)
    return counted_expenses(expenses, line, covered_categories(fee_categories_in(session)))
