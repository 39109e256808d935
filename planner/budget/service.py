"""A plan's budget: expense lines, exchange rates, the estimate's choices and changes, the deposit.

Each public function is one transaction; the rows are read and written by `planner.budget.store`
and `planner.budget.expense_store`. Saving an expense converts it into the plan's report
currencies with the rates known then and keeps those conversions; entering a rate later only
fills conversions a line does not have yet, so no past amount ever changes behind the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planner.budget.deposit import Deposit, DepositDraft, validate_deposit
from planner.budget.estimate import EstimateOverride, EstimateSettings, validate_figures
from planner.budget.expense_store import (
    add_conversions,
    delete_expense_row,
    expense_in,
    expense_room_message,
    expenses_in,
    write_expense,
)
from planner.budget.prices_store import points_in
from planner.budget.quote_costs import TREATMENT_STEP, covered_categories
from planner.budget.rules import (
    EXTRA_CATEGORIES,
    Expense,
    ExpenseConversion,
    ExpenseDraft,
    StoredRate,
    as_clean,
    convert_expense,
    report_currencies,
    validate_expense,
)
from planner.budget.store import (
    accepted_quote_in,
    budget_plan_in,
    delete_rate_row,
    deposit_in,
    estimate_overrides_in,
    estimate_settings_in,
    expense_categories_in,
    forget_estimate_line,
    home_currency_of,
    insert_rate,
    mark_estimate_line_included,
    mark_estimate_line_removed,
    rate_taken,
    rates_of,
    stay_days_of,
    stored_rates_in,
    write_deposit,
    write_estimate_figures,
    write_estimate_settings,
)
from planner.catalogue.prices import PricePoint
from planner.changes import Change, changes
from planner.clinics.quotes import Quote
from planner.core import clock
from planner.core.limits import day_problem
from planner.core.money import MoneyError, check_currency
from planner.core.rates import Rate, parse_rate
from planner.core.validation import ValidationError, raise_if_any
from planner.db.database import Database
from planner.journey.store import step_names_in
from planner.plans.rules import Plan

__all__ = [
    "BudgetData",
    "DepositDraft",
    "ExpenseDraft",
    "StoredRate",
    "add_rate",
    "delete_expense",
    "delete_rate",
    "expense_categories",
    "include_estimate_line",
    "list_expenses",
    "load_budget",
    "remove_estimate_line",
    "restore_estimate_line",
    "save_deposit",
    "save_estimate_line",
    "save_estimate_settings",
    "save_expense",
]

HOTEL_TIER_NAMES = {"budget": "Budget", "standard": "Standard", "comfort": "Comfort"}
MAX_STAY_DAYS = 366


@dataclass(frozen=True, slots=True)
class BudgetData:
    """Everything the budget page shows, read in one transaction."""

    plan: Plan
    categories: dict[str, str]
    steps: dict[str, str]
    expenses: list[Expense]
    rates: list[StoredRate]
    settings: EstimateSettings
    overrides: list[EstimateOverride]
    deposit: Deposit | None
    points: list[PricePoint]
    accepted_quote: Quote | None
    stay_days: int | None = None
    """Days in Korea by the plan's own stay (arrival to the flight home), or None."""

    @property
    def plain_rates(self) -> list[Rate]:
        return [r.rate for r in self.rates]

    @property
    def covered(self) -> frozenset[str]:
        """The categories whose planned amounts the accepted quote stands for (none without one)."""
        if self.accepted_quote is None:
            return frozenset()
        extra = {key for key, _name in EXTRA_CATEGORIES}
        return covered_categories(c for c in self.categories if c not in extra)

    @property
    def treatment_step(self) -> str | None:
        return TREATMENT_STEP if TREATMENT_STEP in self.steps else None


def expense_categories(db: Database) -> dict[str, str]:
    """Category id to name: the articles' fee categories, then travel, lodging and the rest."""
    with db.transaction() as session:
        return expense_categories_in(session)


def list_expenses(db: Database, plan_id: int) -> list[Expense]:
    with db.transaction() as session:
        return expenses_in(session, plan_id)


def _usual_stay(days: int) -> int | None:
    """A stay the estimate can use: 1 day to a year, else None."""
    return days if 1 <= days <= MAX_STAY_DAYS else None


def load_budget(db: Database, plan_id: int) -> BudgetData:
    with db.transaction() as session:
        plan = budget_plan_in(session, plan_id)
        return BudgetData(
            plan=plan,
            categories=expense_categories_in(session),
            steps=step_names_in(session),
            expenses=expenses_in(session, plan_id),
            rates=stored_rates_in(session, plan_id),
            settings=estimate_settings_in(session, plan_id),
            overrides=estimate_overrides_in(session, plan_id),
            deposit=deposit_in(session, plan_id),
            points=points_in(session),
            accepted_quote=accepted_quote_in(session, plan_id),
            stay_days=_usual_stay(stay_days_of(session, plan_id)),
        )


# --- expenses ---------------------------------------------------------------------------------
def expense_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another expense line (it is full), or None."""
    with db.transaction() as session:
        return expense_room_message(session, plan_id)


@changes(Change.BUDGET)
def save_expense(
    db: Database, plan_id: int, draft: ExpenseDraft, expense_id: int | None = None, today: date | None = None
) -> Expense:
    """Create an expense line, or replace `expense_id`'s fields. Raises ValidationError (messages
    per field) and writes nothing when anything is wrong.

    Raises PlanFull when adding to a plan that holds the most lines it may.

    The line is converted into the plan's report currencies. Editing a line whose currency and
    paid date stay the same converts the new amounts at the rates it already had."""
    day = today or clock.today()
    with db.transaction() as session:
        home = home_currency_of(session, plan_id)
        clean = validate_expense(draft, expense_categories_in(session), set(step_names_in(session)), day)
        kept: tuple[ExpenseConversion, ...] = ()
        if expense_id is not None:
            old = expense_in(session, plan_id, expense_id)
            if (old.currency, old.paid_on) == (clean.currency, clean.paid_on):
                kept = old.conversions
        conversions = convert_expense(clean, report_currencies(home), rates_of(session, plan_id), day, kept)
        return write_expense(session, plan_id, clean, conversions, expense_id)


@changes(Change.BUDGET)
def delete_expense(db: Database, plan_id: int, expense_id: int) -> None:
    with db.transaction() as session:
        delete_expense_row(session, plan_id, expense_id)


# --- rates ------------------------------------------------------------------------------------
@changes(Change.BUDGET)
def add_rate(
    db: Database, plan_id: int, base: str, quote: str, rate_text: str, on: date, today: date | None = None
) -> tuple[StoredRate, int]:
    """Record a rate; then give the lines that had no conversion to a report currency one, if
    this rate now makes it possible. Lines already converted keep their amounts. Returns the rate
    and how many lines gained a conversion. Raises ValidationError (base, quote, rate, on)."""
    day = today or clock.today()
    errors: dict[str, str] = {}
    codes: dict[str, str] = {}
    for key, text in (("base", base), ("quote", quote)):
        try:
            codes[key] = check_currency(text)
        except MoneyError as error:
            errors[key] = str(error)
    if len(codes) == 2 and codes["base"] == codes["quote"]:
        errors["quote"] = "Choose two different currencies."
    value = Decimal(0)
    try:
        value = parse_rate(rate_text)
    except MoneyError as error:
        errors["rate"] = str(error)
    if message := day_problem(on):
        errors["on"] = message
    elif on > day:
        errors["on"] = "A rate is for a day that has come: choose today or earlier."
    raise_if_any(errors)
    with db.transaction() as session:
        home = home_currency_of(session, plan_id)
        if rate_taken(session, plan_id, codes["base"], codes["quote"], on):
            raise ValidationError.single(
                "on",
                f"You already entered a rate between {codes['base']} and {codes['quote']} for that day; "
                "delete it first.",
            )
        stored = insert_rate(session, plan_id, codes["base"], codes["quote"], value, on)
        missing = _missing_conversions(expenses_in(session, plan_id), home, rates_of(session, plan_id), day)
        add_conversions(session, missing)
        return stored, len(missing)


def _missing_conversions(
    expenses: Sequence[Expense], home: str, rates: Sequence[Rate], today: date
) -> dict[int, tuple[ExpenseConversion, ...]]:
    """For each line that lacks a conversion to a report currency and can have one now, the
    conversions to add (expense id to them)."""
    targets = report_currencies(home)
    found: dict[int, tuple[ExpenseConversion, ...]] = {}
    for expense in expenses:
        wanted = [t for t in targets if t != expense.currency and expense.conversion_to(t) is None]
        if not wanted:
            continue
        added = convert_expense(as_clean(expense), wanted, rates, today)
        if added:
            found[expense.id] = added
    return found


@changes(Change.BUDGET)
def delete_rate(db: Database, plan_id: int, rate_id: int) -> None:
    """Forget a rate. Amounts converted with it keep their conversion."""
    with db.transaction() as session:
        delete_rate_row(session, plan_id, rate_id)


# --- estimate ---------------------------------------------------------------------------------
@changes(Change.BUDGET)
def save_estimate_settings(db: Database, plan_id: int, settings: EstimateSettings) -> None:
    """Raises ValidationError ("stay") for a stay that is not 1 day to a year, low before high,
    and ("treatment_basis") for a package the catalogue does not have."""
    low, high = settings.stay_low, settings.stay_high
    if (low is None) != (high is None):
        raise ValidationError.single("stay", "Give both the shortest and the longest stay, or neither.")
    if low is not None and high is not None and not 1 <= low <= high <= MAX_STAY_DAYS:
        raise ValidationError.single("stay", "The stay runs from 1 day to a year, shortest first.")
    if settings.hotel_tier not in HOTEL_TIER_NAMES:
        raise ValidationError.single("hotel_tier", "Choose a hotel tier.")
    basis = settings.treatment_basis
    with db.transaction() as session:
        if basis not in ("auto", "quote", "fees") and basis.removeprefix("package:") not in (
            {p.id for p in points_in(session, "package")} if basis.startswith("package:") else ()
        ):
            raise ValidationError.single("treatment_basis", "Choose the treatment's package, quote or fees.")
        write_estimate_settings(session, plan_id, settings)


@changes(Change.BUDGET)
def save_estimate_line(
    db: Database, plan_id: int, key: str, low: str, high: str, currency: str
) -> EstimateOverride:
    """The person's own figures for an estimate line. Raises ValidationError (low, high, currency)."""
    figures = validate_figures(low, high, currency)
    with db.transaction() as session:
        write_estimate_figures(session, plan_id, key, figures)
        return EstimateOverride(key, figures.low, figures.high, figures.currency, False)


@changes(Change.BUDGET)
def remove_estimate_line(
    db: Database, plan_id: int, key: str, low: Decimal, high: Decimal, currency: str
) -> None:
    """Leave a line out of the estimate, keeping its figures so it can be put back."""
    with db.transaction() as session:
        mark_estimate_line_removed(session, plan_id, key, low, high, currency)


@changes(Change.BUDGET)
def include_estimate_line(db: Database, plan_id: int, key: str) -> None:
    """Put a removed line back, with the figures it had."""
    with db.transaction() as session:
        mark_estimate_line_included(session, plan_id, key)


@changes(Change.BUDGET)
def restore_estimate_line(db: Database, plan_id: int, key: str) -> None:
    """Back to the proposed line: the person's figures and removal are forgotten."""
    with db.transaction() as session:
        forget_estimate_line(session, plan_id, key)


# --- deposit ----------------------------------------------------------------------------------
@changes(Change.BUDGET)
def save_deposit(db: Database, plan_id: int, draft: DepositDraft, today: date | None = None) -> Deposit:
    """Raises ValidationError (percent, amount, currency, paid_on) and writes nothing then."""
    deposit = validate_deposit(draft, today or clock.today())
    with db.transaction() as session:
        write_deposit(session, plan_id, deposit)
    return deposit


def expenses_csv_text(db: Database, plan_id: int) -> str:
    """The plan's expense lines as the CSV file the budget page saves."""
    from planner.budget.csv_file import spreadsheet_text

    data = load_budget(db, plan_id)
    return spreadsheet_text(
        data.expenses, data.categories, data.steps, report_currencies(data.plan.home_currency)
    )
