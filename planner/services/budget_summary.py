"""Everything the budget page shows that is worked out rather than stored: totals per report
currency, the limit and its warnings, the estimate with the person's changes and its ranges, the
deposit proposal and the home comparison. Pure computation over what `load_budget` read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planner.budget import LimitStatus, Total, limit_status, report_currencies
from planner.budget_text import home_comparison_html, money_range
from planner.countries import country_name
from planner.deposit import proposed_amount
from planner.estimate import (
    EstimateRow,
    RangeTotal,
    apply_overrides,
    counted_lines,
    propose_estimate,
    range_in,
    resolve_choices,
)
from planner.home_compare import home_figures, savings
from planner.ledger import Ledger
from planner.services.budget import BudgetData

TRAVEL_CATEGORIES = frozenset({"lodging", "daily-living", "travel", "visa"})
"""Estimate lines that are not treatment, so not part of what a deposit is a share of."""
COMPARE_CURRENCY = "USD"
"""The articles' country tables are in US dollars."""


@dataclass(frozen=True, slots=True)
class DepositProposal:
    percent: Decimal
    low: Decimal
    high: Decimal
    currency: str
    basis: str


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    totals: list[Total]
    limit: LimitStatus
    estimate: list[EstimateRow]
    ranges: list[RangeTotal]
    deposit_proposal: DepositProposal | None
    home_html: str


def ledger_for(data: BudgetData) -> Ledger:
    return Ledger(data.expenses, report_currencies(data.plan.home_currency))


def expense_totals(data: BudgetData, ledger: Ledger) -> tuple[list[Total], LimitStatus]:
    """The part that grows with the number of lines: totals in each report currency, summed
    again over every line of the ledger."""
    totals = [ledger.total(code) for code in ledger.currencies]
    limit = data.plan.budget_limit.amount if data.plan.budget_limit else None
    return totals, limit_status(limit, totals[0])


def _deposit_proposal(data: BudgetData, rows: list[EstimateRow]) -> DepositProposal | None:
    quote = data.accepted_quote
    default = next((p.low for p in data.points if p.id == "deposit/percent"), None) or Decimal(10)
    if quote is not None:
        percent = quote.deposit_percent if quote.deposit_percent is not None else default
        low, high = proposed_amount(percent, quote.total, quote.total, quote.currency)
        return DepositProposal(
            percent, low, high, quote.currency, f"{percent.normalize():f}% of your accepted quote"
        )
    treatment = [r.line for r in rows if not r.removed and r.line.category not in TRAVEL_CATEGORIES]
    currencies = {line.currency for line in treatment}
    if len(currencies) != 1:
        return None
    currency = currencies.pop()
    low = sum((line.low for line in treatment), Decimal(0))
    high = sum((line.high for line in treatment), Decimal(0))
    low_deposit, high_deposit = proposed_amount(default, low, high, currency)
    return DepositProposal(
        default,
        low_deposit,
        high_deposit,
        currency,
        f"about {default.normalize():f}% of the estimated treatment",
    )


def _home_html(data: BudgetData, usd: RangeTotal) -> str:
    figures = home_figures(data.points, data.plan.home_country, data.plan.knee)
    korea = f"The whole trip as estimated: {money_range(usd.low, usd.high, usd.currency)}."
    note = "Your estimate's lines, with your changes, converted to US dollars where needed."
    if usd.missing:
        note = (
            f"Lines in {', '.join(sorted(usd.missing))} are left out: enter a rate to US dollars "
            "on the Rates tab to include them."
        )
    saving = savings(figures[0], usd.low, usd.high) if figures else None
    return home_comparison_html(country_name(data.plan.home_country), figures, saving, korea, note)


def summarise(data: BudgetData, today: date, ledger: Ledger | None = None) -> BudgetSummary:
    totals, limit = expense_totals(data, ledger or ledger_for(data))
    choices = resolve_choices(
        data.settings,
        data.plan.knee,
        data.accepted_quote.total if data.accepted_quote else None,
        data.accepted_quote.currency if data.accepted_quote else "",
    )
    rows = apply_overrides(propose_estimate(data.points, choices), data.overrides)
    lines = counted_lines(rows)
    rates = data.plain_rates
    ranges = [range_in(lines, code, rates, today) for code in report_currencies(data.plan.home_currency)]
    usd = next(r for r in ranges if r.currency == COMPARE_CURRENCY)
    return BudgetSummary(
        totals,
        limit,
        rows,
        ranges,
        _deposit_proposal(data, rows),
        _home_html(data, usd),
    )
