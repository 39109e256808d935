"""Everything the budget page shows that is worked out rather than stored: totals per report
currency, the limit and its warnings, the estimate with the person's changes and its ranges, the
deposit proposal and the home comparison. Pure computation over what `load_budget` read."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from planner.budget.deposit import proposed_amount
from planner.budget.estimate import (
    EstimateItem,
    RangeTotal,
    apply_overrides,
    counted_lines,
    propose_estimate,
    range_in,
    resolve_choices,
)
from planner.budget.home_compare import HomeFigure, home_figures, savings
from planner.budget.ledger import Ledger
from planner.budget.quote_costs import counted, counted_expenses, quote_expense, relation_sentence
from planner.budget.rules import (
    Expense,
    LimitStatus,
    Total,
    estimate_warning,
    left_words,
    limit_status,
    report_currencies,
)
from planner.budget.service import BudgetData, load_budget
from planner.budget.text import describe_factor, home_comparison_html, money_range
from planner.core.countries import country_name
from planner.core.money import format_money
from planner.core.rates import apply_factor, find_factor
from planner.db.database import Database

__all__ = [
    "BudgetGlance",
    "BudgetSummary",
    "budget_glance",
    "counted_line",
    "expense_totals",
    "ledger_for",
    "relation_sentence",
    "summarise",
]

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
    estimate: list[EstimateItem]
    ranges: list[RangeTotal]
    deposit_proposal: DepositProposal | None
    home_html: str
    lines: list[Expense]
    """The expense lines as the totals count them: the accepted quote's line first, if any."""


def quote_line(data: BudgetData, today: date) -> Expense | None:
    """The accepted quote as the treatment step's planned line, converted at today's rates."""
    quote = data.accepted_quote
    if quote is None:
        return None
    currencies = report_currencies(data.plan.home_currency)
    return quote_expense(quote, data.treatment_step, currencies, data.plain_rates, today)


def counted_lines_of(data: BudgetData, today: date) -> list[Expense]:
    """Every expense line as the totals count it (see `planner.budget.quote_costs` for the rule)."""
    return counted_expenses(data.expenses, quote_line(data, today), data.covered)


def counted_line(data: BudgetData, expense: Expense) -> Expense:
    """A line just saved, as the totals count it."""
    return counted(expense, data.covered)


def ledger_for(data: BudgetData, today: date) -> Ledger:
    return Ledger(counted_lines_of(data, today), report_currencies(data.plan.home_currency))


def expense_totals(
    data: BudgetData, ledger: Ledger, ranges: list[RangeTotal] | None = None
) -> tuple[list[Total], LimitStatus]:
    """The part that grows with the number of lines: totals in each report currency, summed
    again over every line of the ledger; the limit's warnings include the estimate's when its
    range in the home currency (from `ranges`) passes the limit."""
    totals = [ledger.total(code) for code in ledger.currencies]
    limit = data.plan.budget_limit.amount if data.plan.budget_limit else None
    status = limit_status(limit, totals[0])
    home = next((r for r in ranges or () if r.currency == totals[0].currency and not r.missing), None)
    warning = estimate_warning(limit, home.low, home.high, home.currency) if home else None
    if warning is not None:
        status = replace(status, warnings=(*status.warnings, warning))
    return totals, status


def _deposit_proposal(data: BudgetData, rows: list[EstimateItem]) -> DepositProposal | None:
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


def _in_home(data: BudgetData, figures: list[HomeFigure], today: date) -> tuple[list[HomeFigure], str] | None:
    """The articles' figures in the home currency and the rate used, or None without a rate."""
    home = data.plan.home_currency
    converted = []
    used = set()
    for figure in figures:
        found = find_factor(data.plain_rates, figure.currency, home, today)
        if found is None:
            return None
        used.add(describe_factor(figure.currency, home, found.value, found.on))
        low = apply_factor(figure.low, home, found).amount
        high = apply_factor(figure.high, home, found).amount if figure.high is not None else None
        converted.append(replace(figure, low=low, high=high, currency=home))
    return converted, "; ".join(sorted(used))


def _home_html(data: BudgetData, ranges: list[RangeTotal], today: date) -> str:
    figures = home_figures(data.points, data.plan.home_country, data.plan.knee)
    usd = next(r for r in ranges if r.currency == COMPARE_CURRENCY)
    home = next(r for r in ranges if r.currency == data.plan.home_currency)
    in_home = _in_home(data, figures, today) if home.currency != COMPARE_CURRENCY and figures else None
    if in_home is not None and not home.missing:
        shown, rate = in_home
        beside = f" ({money_range(usd.low, usd.high, usd.currency)})" if not usd.missing else ""
        korea = f"The whole trip as estimated: {money_range(home.low, home.high, home.currency)}{beside}."
        note = (
            f"Converted to {home.currency} at {rate}, your newest rate (on the Deposit and rates tab); "
            "the articles' US dollar figures are shown beside."
        )
        in_home_saving = savings(shown[0], home.low, home.high)
        return home_comparison_html(
            country_name(data.plan.home_country), shown, in_home_saving, korea, note, originals=figures
        )
    korea = f"The whole trip as estimated: {money_range(usd.low, usd.high, usd.currency)}."
    note = "Your estimate's lines, with your changes, converted to US dollars where needed."
    if usd.missing:
        note = (
            f"Lines in {', '.join(sorted(usd.missing))} are left out: enter a rate to US dollars "
            "on the Rates tab to include them."
        )
    elif home.currency != COMPARE_CURRENCY:
        note += (
            f" Enter a rate between US dollars and {home.currency} on the Deposit and rates tab "
            f"to see these figures in {home.currency}."
        )
    saving = savings(figures[0], usd.low, usd.high) if figures else None
    return home_comparison_html(country_name(data.plan.home_country), figures, saving, korea, note)


def estimate_ranges(data: BudgetData, today: date) -> tuple[list[EstimateItem], list[RangeTotal]]:
    """The estimate's rows (with the person's changes) and its range in each report currency."""
    choices = resolve_choices(
        data.settings,
        data.plan.knee,
        data.accepted_quote.total if data.accepted_quote else None,
        data.accepted_quote.currency if data.accepted_quote else "",
        data.stay_days,
    )
    rows = apply_overrides(propose_estimate(data.points, choices), data.overrides)
    lines = counted_lines(rows)
    rates = data.plain_rates
    ranges = [range_in(lines, code, rates, today) for code in report_currencies(data.plan.home_currency)]
    return rows, ranges


def summarise(data: BudgetData, today: date, ledger: Ledger | None = None) -> BudgetSummary:
    rows, ranges = estimate_ranges(data, today)
    lines = counted_lines_of(data, today)
    totals, limit = expense_totals(
        data, ledger or Ledger(lines, report_currencies(data.plan.home_currency)), ranges
    )
    return BudgetSummary(
        totals,
        limit,
        rows,
        ranges,
        _deposit_proposal(data, rows),
        _home_html(data, ranges, today),
        lines,
    )


@dataclass(frozen=True, slots=True)
class BudgetGlance:
    """The budget in a few words for the overview."""

    limit: str
    """The limit, what is planned and what is left, as one line."""
    warnings: tuple[str, ...]


def glance_of(data: BudgetData, summary: BudgetSummary) -> BudgetGlance:
    home = summary.totals[0]
    planned = f"planned costs {format_money(home.planned, home.currency)}"
    status = summary.limit
    if status.limit is None or status.remaining_planned is None:
        words = f"No limit set; {planned}."
    else:
        words = (
            f"{format_money(status.limit, home.currency)}: {planned}, left after planned costs "
            f"{left_words(status.remaining_planned, home.currency)}."
        )
    return BudgetGlance(words, tuple(w.text for w in status.warnings))


def budget_glance(db: Database, plan_id: int, today: date) -> BudgetGlance:
    data = load_budget(db, plan_id)
    return glance_of(data, summarise(data, today))
