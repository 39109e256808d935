"""The budget's rows besides its expense lines: exchange rates, the estimate's choices and the
person's changes to its lines, the deposit; and what the budget reads of the plan, its accepted
quote and the catalogue's categories.

Every function takes the caller's Session and never opens a transaction: the services in
`planner.budget.service` do, one per user action.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.budget.deposit import Deposit
from planner.budget.estimate import EstimateOverride, EstimateSettings
from planner.budget.rules import EXTRA_CATEGORIES, StoredRate
from planner.clinics.quote_store import fee_categories_in, quote_from_row
from planner.clinics.quotes import Quote
from planner.core.clock import utc_now
from planner.core.limits import ESTIMATE_OVERRIDES, RATES
from planner.core.money import from_minor, to_minor
from planner.core.rates import Rate
from planner.db.models import (
    BudgetSettingsRow,
    ClinicRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    PlanRow,
    QuoteRow,
)
from planner.journey.store import stay_of
from planner.plans.room_store import ensure_room
from planner.plans.rules import Plan
from planner.plans.store import plan_from_row


def minor_or_none(amount: Decimal | None, currency: str) -> int | None:
    """An optional amount as the integer minor units it is stored in."""
    return None if amount is None else to_minor(amount, currency)


def major_or_none(minor: int | None, currency: str) -> Decimal | None:
    """An optional stored amount back in the currency's major units."""
    return None if minor is None else from_minor(minor, currency)


# --- the plan, its quote, the categories --------------------------------------------------------
def budget_plan_in(session: Session, plan_id: int) -> Plan:
    """Raises NoResultFound for a plan that is gone."""
    return plan_from_row(session, session.get_one(PlanRow, plan_id))


def home_currency_of(session: Session, plan_id: int) -> str:
    """Raises NoResultFound for a plan that is gone."""
    return session.get_one(PlanRow, plan_id).home_currency


def stay_days_of(session: Session, plan_id: int) -> int:
    """Days from the plan's arrival in Korea to its flight home, as its dates give them (any
    number, even one below 1)."""
    return stay_of(session, session.get_one(PlanRow, plan_id)).days


def expense_categories_in(session: Session) -> dict[str, str]:
    """Category id to name: the articles' fee categories, then travel, lodging and the rest."""
    return {**fee_categories_in(session), **dict(EXTRA_CATEGORIES)}


def accepted_quote_in(session: Session, plan_id: int) -> Quote | None:
    row = session.scalars(select(QuoteRow).where(QuoteRow.plan_id == plan_id, QuoteRow.accepted)).first()
    return quote_from_row(row, session.get_one(ClinicRow, row.clinic_id).name) if row else None


# --- rates --------------------------------------------------------------------------------------
def stored_rates_in(session: Session, plan_id: int) -> list[StoredRate]:
    """The plan's rates, newest day first (the newest entered first within a day)."""
    rows = session.scalars(
        select(ExchangeRateRow)
        .where(ExchangeRateRow.plan_id == plan_id)
        .order_by(ExchangeRateRow.on_date.desc(), ExchangeRateRow.id.desc())
    )
    return [StoredRate(r.id, Rate(r.base, r.quote, Decimal(r.rate), r.on_date)) for r in rows]


def rates_of(session: Session, plan_id: int) -> list[Rate]:
    return [r.rate for r in stored_rates_in(session, plan_id)]


def rate_taken(session: Session, plan_id: int, base: str, quote: str, on: date) -> bool:
    """Whether the plan already has a rate between the two currencies, either way round, for `on`."""
    pair = {base, quote}
    clash = session.scalars(
        select(ExchangeRateRow).where(
            ExchangeRateRow.plan_id == plan_id,
            ExchangeRateRow.base.in_(pair),
            ExchangeRateRow.quote.in_(pair),
            ExchangeRateRow.on_date == on,
        )
    ).first()
    return clash is not None


def insert_rate(session: Session, plan_id: int, base: str, quote: str, rate: Decimal, on: date) -> StoredRate:
    """Store a rate (flushed, so it has its id). Raises PlanFull when the plan holds the most rates
    it may."""
    ensure_room(session, RATES, ExchangeRateRow, plan_id)
    row = ExchangeRateRow(
        plan_id=plan_id,
        base=base,
        quote=quote,
        rate=str(rate),
        on_date=on,
        created_at=utc_now(),
    )
    session.add(row)
    session.flush()
    return StoredRate(row.id, Rate(row.base, row.quote, rate, on))


def delete_rate_row(session: Session, plan_id: int, rate_id: int) -> None:
    """Nothing happens for a rate that is gone or is another plan's."""
    row = session.get(ExchangeRateRow, rate_id)
    if row is not None and row.plan_id == plan_id:
        session.delete(row)


# --- the estimate's choices and the deposit -----------------------------------------------------
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


def estimate_settings_in(session: Session, plan_id: int) -> EstimateSettings:
    """The plan's choices for the estimate, or the usual ones while it has made none."""
    row = session.get(BudgetSettingsRow, plan_id)
    if row is None:
        return EstimateSettings()
    return EstimateSettings(
        row.treatment_basis, row.stay_low, row.stay_high, row.hotel_tier, row.flights, row.visa
    )


def write_estimate_settings(session: Session, plan_id: int, settings: EstimateSettings) -> None:
    row = _settings_row(session, plan_id)
    row.treatment_basis = settings.treatment_basis
    row.stay_low, row.stay_high = settings.stay_low, settings.stay_high
    row.hotel_tier = settings.hotel_tier
    row.flights = settings.flights
    row.visa = settings.visa


def deposit_in(session: Session, plan_id: int) -> Deposit | None:
    """The deposit the person entered, or None while they have entered none."""
    row = session.get(BudgetSettingsRow, plan_id)
    if row is None or not row.deposit_currency:
        return None
    return Deposit(
        Decimal(row.deposit_basis_points).scaleb(-2) if row.deposit_basis_points is not None else None,
        major_or_none(row.deposit_amount_minor, row.deposit_currency),
        row.deposit_currency,
        row.deposit_due_on,
        row.deposit_paid_on,
    )


def write_deposit(session: Session, plan_id: int, deposit: Deposit) -> None:
    row = _settings_row(session, plan_id)
    row.deposit_basis_points = int(deposit.percent.scaleb(2)) if deposit.percent is not None else None
    row.deposit_amount_minor = minor_or_none(deposit.amount, deposit.currency)
    row.deposit_currency = deposit.currency
    row.deposit_due_on = deposit.due_on
    row.deposit_paid_on = deposit.paid_on


# --- the person's changes to the estimate's lines -----------------------------------------------
def estimate_overrides_in(session: Session, plan_id: int) -> list[EstimateOverride]:
    return [
        EstimateOverride(
            o.key,
            from_minor(o.low_minor, o.currency),
            from_minor(o.high_minor, o.currency),
            o.currency,
            o.removed,
        )
        for o in session.scalars(select(EstimateOverrideRow).where(EstimateOverrideRow.plan_id == plan_id))
    ]


def write_estimate_figures(session: Session, plan_id: int, key: str, figures: EstimateOverride) -> None:
    """The person's own figures for the line `key` (`figures.key` is not read); the line counts
    again if it was removed. Raises PlanFull when the plan holds the most changes it may."""
    row = session.get(EstimateOverrideRow, (plan_id, key))
    if row is None:
        session.get_one(PlanRow, plan_id)
        ensure_room(session, ESTIMATE_OVERRIDES, EstimateOverrideRow, plan_id)
        row = EstimateOverrideRow(plan_id=plan_id, key=key, removed=False)
        session.add(row)
    row.low_minor = to_minor(figures.low, figures.currency)
    row.high_minor = to_minor(figures.high, figures.currency)
    row.currency = figures.currency
    row.removed = False


def mark_estimate_line_removed(
    session: Session, plan_id: int, key: str, low: Decimal, high: Decimal, currency: str
) -> None:
    """Leave the line out; a line the person had not changed keeps the figures given here."""
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


def mark_estimate_line_included(session: Session, plan_id: int, key: str) -> None:
    row = session.get(EstimateOverrideRow, (plan_id, key))
    if row is not None:
        row.removed = False


def forget_estimate_line(session: Session, plan_id: int, key: str) -> None:
    """Drop the person's figures and removal of the line, if any."""
    row = session.get(EstimateOverrideRow, (plan_id, key))
    if row is not None:
        session.delete(row)
