"""A plan's budget: expense lines, exchange rates, the estimate's choices and changes, the deposit.

Each function is one transaction. Saving an expense converts it into the plan's report
currencies with the rates known then and keeps those conversions; entering a rate later only
fills conversions a line does not have yet, so no past amount ever changes behind the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.budget.deposit import Deposit, DepositDraft, validate_deposit
from planner.budget.estimate import EstimateOverride, EstimateSettings, validate_figures
from planner.budget.prices_service import points_in
from planner.budget.quote_costs import TREATMENT_STEP, counted_expenses, covered_categories, quote_expense
from planner.budget.rules import (
    EXTRA_CATEGORIES,
    CleanExpense,
    Expense,
    ExpenseConversion,
    ExpenseDraft,
    as_clean,
    convert_expense,
    report_currencies,
    validate_expense,
)
from planner.catalogue.prices import PricePoint
from planner.changes import Change, changes
from planner.clinics.quote_store import fee_categories_in, quote_from_row
from planner.clinics.quotes import Quote
from planner.core import clock
from planner.core.clock import utc_now
from planner.core.limits import ESTIMATE_OVERRIDES, EXPENSE_LINES, RATES, day_problem
from planner.core.money import MoneyError, check_currency, from_minor, to_minor
from planner.core.rates import Rate, parse_rate
from planner.core.validation import ValidationError, raise_if_any
from planner.db.database import Database
from planner.db.models import (
    BudgetSettingsRow,
    ClinicRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    ExpenseConversionRow,
    ExpenseRow,
    PlanRow,
    QuoteRow,
)
from planner.journey.service import stay_of, step_names_in
from planner.plans.room_store import ensure_room, full_message
from planner.plans.rules import Plan
from planner.plans.store import plan_from_row

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
class StoredRate:
    id: int
    rate: Rate


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


def _expense_categories(session: Session) -> dict[str, str]:
    return {**fee_categories_in(session), **dict(EXTRA_CATEGORIES)}


def expense_categories(db: Database) -> dict[str, str]:
    """Category id to name: the articles' fee categories, then travel, lodging and the rest."""
    with db.transaction() as session:
        return _expense_categories(session)


def _rates(session: Session, plan_id: int) -> list[StoredRate]:
    rows = session.scalars(
        select(ExchangeRateRow)
        .where(ExchangeRateRow.plan_id == plan_id)
        .order_by(ExchangeRateRow.on_date.desc(), ExchangeRateRow.id.desc())
    )
    return [StoredRate(r.id, Rate(r.base, r.quote, Decimal(r.rate), r.on_date)) for r in rows]


def _minor(amount: Decimal | None, currency: str) -> int | None:
    return None if amount is None else to_minor(amount, currency)


def _major(minor: int | None, currency: str) -> Decimal | None:
    return None if minor is None else from_minor(minor, currency)


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
                currency, _major(planned, currency), _major(actual, currency), Decimal(rate), rate_date
            )
        )
    return [
        Expense(
            id_,
            label,
            category,
            step_id,
            _major(planned, currency),
            _major(actual, currency),
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


def list_expenses(db: Database, plan_id: int) -> list[Expense]:
    with db.transaction() as session:
        return expenses_in(session, plan_id)


def _settings_row(session: Session, plan_id: int) -> BudgetSettingsRow:
    row = session.get(BudgetSettingsRow, plan_id)
    if row is None:
        session.get_one(PlanRow, plan_id)
        row = BudgetSettingsRow(
            plan_id=plan_id,
            treatment_basis="auto",
            hotel_tier="standard",
            flights=True,
            visa=True,
            deposit_currency="",
        )
        session.add(row)
    return row


def _settings(row: BudgetSettingsRow | None) -> EstimateSettings:
    if row is None:
        return EstimateSettings()
    return EstimateSettings(
        row.treatment_basis, row.stay_low, row.stay_high, row.hotel_tier, row.flights, row.visa
    )


def _deposit(row: BudgetSettingsRow | None) -> Deposit | None:
    if row is None or not row.deposit_currency:
        return None
    return Deposit(
        Decimal(row.deposit_basis_points).scaleb(-2) if row.deposit_basis_points is not None else None,
        _major(row.deposit_amount_minor, row.deposit_currency),
        row.deposit_currency,
        row.deposit_due_on,
        row.deposit_paid_on,
    )


def accepted_quote_in(session: Session, plan_id: int) -> Quote | None:
    row = session.scalars(select(QuoteRow).where(QuoteRow.plan_id == plan_id, QuoteRow.accepted)).first()
    return quote_from_row(row, session.get_one(ClinicRow, row.clinic_id).name) if row else None


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
        rates = [r.rate for r in _rates(session, plan.id)]
        line = quote_expense(quote, step_id, report_currencies(plan.home_currency), rates, today)
    return counted_expenses(expenses, line, covered_categories(fee_categories_in(session)))


def _stay_days(session: Session, plan: PlanRow) -> int | None:
    days = stay_of(session, plan).days
    return days if 1 <= days <= MAX_STAY_DAYS else None


def load_budget(db: Database, plan_id: int) -> BudgetData:
    with db.transaction() as session:
        plan_row = session.get_one(PlanRow, plan_id)
        settings = session.get(BudgetSettingsRow, plan_id)
        overrides = [
            EstimateOverride(
                o.key,
                from_minor(o.low_minor, o.currency),
                from_minor(o.high_minor, o.currency),
                o.currency,
                o.removed,
            )
            for o in session.scalars(
                select(EstimateOverrideRow).where(EstimateOverrideRow.plan_id == plan_id)
            )
        ]
        return BudgetData(
            plan=plan_from_row(session, plan_row),
            categories=_expense_categories(session),
            steps=step_names_in(session),
            expenses=expenses_in(session, plan_id),
            rates=_rates(session, plan_id),
            settings=_settings(settings),
            overrides=overrides,
            deposit=_deposit(settings),
            points=points_in(session),
            accepted_quote=accepted_quote_in(session, plan_id),
            stay_days=_stay_days(session, plan_row),
        )


# --- expenses ---------------------------------------------------------------------------------
def _conversion_row(conversion: ExpenseConversion, expense_id: int | None = None) -> ExpenseConversionRow:
    return ExpenseConversionRow(
        expense_id=expense_id,
        currency=conversion.currency,
        planned_minor=_minor(conversion.planned, conversion.currency),
        actual_minor=_minor(conversion.actual, conversion.currency),
        rate=str(conversion.rate),
        rate_date=conversion.rate_date,
    )


def _write_conversions(row: ExpenseRow, conversions: Sequence[ExpenseConversion]) -> None:
    row.conversions = [_conversion_row(c) for c in conversions]


def expense_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another expense line (it is full), or None."""
    return full_message(db, EXPENSE_LINES, ExpenseRow, plan_id)


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
        plan = session.get_one(PlanRow, plan_id)
        clean = validate_expense(draft, _expense_categories(session), set(step_names_in(session)), day)
        now = utc_now()
        kept: tuple[ExpenseConversion, ...] = ()
        if expense_id is None:
            ensure_room(session, EXPENSE_LINES, ExpenseRow, plan_id)
            row = ExpenseRow(plan_id=plan_id, created_at=now)
            session.add(row)
        else:
            row = session.get_one(ExpenseRow, expense_id)
            if row.plan_id != plan_id:
                raise ValueError("that expense belongs to another plan")
            if (row.currency, row.paid_on) == (clean.currency, clean.paid_on):
                kept = expenses_in(session, plan_id, expense_id)[0].conversions
        _fill_row(row, clean, now)
        rates = [r.rate for r in _rates(session, plan_id)]
        _write_conversions(
            row, convert_expense(clean, report_currencies(plan.home_currency), rates, day, kept)
        )
        session.flush()
        return expenses_in(session, plan_id, row.id)[0]


def _fill_row(row: ExpenseRow, clean: CleanExpense, now: datetime) -> None:
    row.label = clean.label
    row.category = clean.category
    row.step_id = clean.step_id
    row.planned_minor = _minor(clean.planned, clean.currency)
    row.actual_minor = _minor(clean.actual, clean.currency)
    row.currency = clean.currency
    row.paid_on = clean.paid_on
    row.payee = clean.payee
    row.note = clean.note
    row.updated_at = now


@changes(Change.BUDGET)
def delete_expense(db: Database, plan_id: int, expense_id: int) -> None:
    with db.transaction() as session:
        row = session.get(ExpenseRow, expense_id)
        if row is not None and row.plan_id == plan_id:
            session.delete(row)


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
        plan = session.get_one(PlanRow, plan_id)
        pair = {codes["base"], codes["quote"]}
        clash = session.scalars(
            select(ExchangeRateRow).where(
                ExchangeRateRow.plan_id == plan_id,
                ExchangeRateRow.base.in_(pair),
                ExchangeRateRow.quote.in_(pair),
                ExchangeRateRow.on_date == on,
            )
        ).first()
        if clash is not None:
            raise ValidationError.single(
                "on",
                f"You already entered a rate between {codes['base']} and {codes['quote']} for that day; "
                "delete it first.",
            )
        ensure_room(session, RATES, ExchangeRateRow, plan_id)
        row = ExchangeRateRow(
            plan_id=plan_id,
            base=codes["base"],
            quote=codes["quote"],
            rate=str(value),
            on_date=on,
            created_at=utc_now(),
        )
        session.add(row)
        session.flush()
        filled = _fill_missing_conversions(session, plan_id, plan.home_currency, day)
        return StoredRate(row.id, Rate(row.base, row.quote, value, on)), filled


def _fill_missing_conversions(session: Session, plan_id: int, home: str, today: date) -> int:
    targets = report_currencies(home)
    rates = [r.rate for r in _rates(session, plan_id)]
    filled = 0
    for expense in expenses_in(session, plan_id):
        wanted = [t for t in targets if t != expense.currency and expense.conversion_to(t) is None]
        if not wanted:
            continue
        added = convert_expense(as_clean(expense), wanted, rates, today)
        if not added:
            continue
        session.add_all(_conversion_row(c, expense.id) for c in added)
        filled += 1
    return filled


@changes(Change.BUDGET)
def delete_rate(db: Database, plan_id: int, rate_id: int) -> None:
    """Forget a rate. Amounts converted with it keep their conversion."""
    with db.transaction() as session:
        row = session.get(ExchangeRateRow, rate_id)
        if row is not None and row.plan_id == plan_id:
            session.delete(row)


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
        row = _settings_row(session, plan_id)
        row.treatment_basis = settings.treatment_basis
        row.stay_low, row.stay_high = low, high
        row.hotel_tier = settings.hotel_tier
        row.flights = settings.flights
        row.visa = settings.visa


def _override_row(session: Session, plan_id: int, key: str) -> EstimateOverrideRow:
    row = session.get(EstimateOverrideRow, (plan_id, key))
    if row is None:
        session.get_one(PlanRow, plan_id)
        ensure_room(session, ESTIMATE_OVERRIDES, EstimateOverrideRow, plan_id)
        row = EstimateOverrideRow(plan_id=plan_id, key=key, removed=False)
        session.add(row)
    return row


@changes(Change.BUDGET)
def save_estimate_line(
    db: Database, plan_id: int, key: str, low: str, high: str, currency: str
) -> EstimateOverride:
    """The person's own figures for an estimate line. Raises ValidationError (low, high, currency)."""
    figures = validate_figures(low, high, currency)
    with db.transaction() as session:
        row = _override_row(session, plan_id, key)
        row.low_minor = to_minor(figures.low, figures.currency)
        row.high_minor = to_minor(figures.high, figures.currency)
        row.currency = figures.currency
        row.removed = False
        return EstimateOverride(key, figures.low, figures.high, figures.currency, False)


@changes(Change.BUDGET)
def remove_estimate_line(
    db: Database, plan_id: int, key: str, low: Decimal, high: Decimal, currency: str
) -> None:
    """Leave a line out of the estimate, keeping its figures so it can be put back."""
    with db.transaction() as session:
        row = session.get(EstimateOverrideRow, (plan_id, key))
        if row is None:
            session.get_one(PlanRow, plan_id)
            row = EstimateOverrideRow(
                plan_id=plan_id,
                key=key,
                low_minor=to_minor(low, currency),
                high_minor=to_minor(high, currency),
                currency=currency,
            )
            session.add(row)
        row.removed = True


@changes(Change.BUDGET)
def include_estimate_line(db: Database, plan_id: int, key: str) -> None:
    """Put a removed line back, with the figures it had."""
    with db.transaction() as session:
        row = session.get(EstimateOverrideRow, (plan_id, key))
        if row is not None:
            row.removed = False


@changes(Change.BUDGET)
def restore_estimate_line(db: Database, plan_id: int, key: str) -> None:
    """Back to the proposed line: the person's figures and removal are forgotten."""
    with db.transaction() as session:
        row = session.get(EstimateOverrideRow, (plan_id, key))
        if row is not None:
            session.delete(row)


# --- deposit ----------------------------------------------------------------------------------
@changes(Change.BUDGET)
def save_deposit(db: Database, plan_id: int, draft: DepositDraft, today: date | None = None) -> Deposit:
    """Raises ValidationError (percent, amount, currency, paid_on) and writes nothing then."""
    deposit = validate_deposit(draft, today or clock.today())
    with db.transaction() as session:
        row = _settings_row(session, plan_id)
        row.deposit_basis_points = int(deposit.percent.scaleb(2)) if deposit.percent is not None else None
        row.deposit_amount_minor = _minor(deposit.amount, deposit.currency)
        row.deposit_currency = deposit.currency
        row.deposit_due_on = deposit.due_on
        row.deposit_paid_on = deposit.paid_on
    return deposit


def expenses_csv_text(db: Database, plan_id: int) -> str:
    """The plan's expense lines as the CSV file the budget page saves."""
    from planner.budget.csv_file import spreadsheet_text

    data = load_budget(db, plan_id)
    return spreadsheet_text(
        data.expenses, data.categories, data.steps, report_currencies(data.plan.home_currency)
    )
