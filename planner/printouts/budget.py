"""The budget printout: totals in each report currency, the limit, where the money goes (with a
chart), the estimate, the deposit and every expense line. `budget_facts` is also the budget
summary on the itinerary's last page."""

from __future__ import annotations

from datetime import date

from planner.budget.deposit import deposit_state
from planner.budget.quote_costs import QUOTE_LINE_ID, relation_sentence
from planner.budget.rules import Expense, left_words, totals_by_category
from planner.budget.service import BudgetData, load_budget
from planner.budget.summary_service import BudgetSummary, summarise
from planner.budget.text import describe_factors, money_range
from planner.core.dates import day_month_year
from planner.core.money import format_money
from planner.db.database import Database
from planner.printouts.document import ChartRequest, Markup, Printout, facts, grid, heading, paragraph

CHART_NAME = "budget-by-category.png"
CHART_WIDTH, CHART_HEIGHT = 660, 300
"""The chart's size on the page, in the layout's 96-per-inch units."""


def _joined(parts: list[str]) -> str:
    return " · ".join(parts) if parts else "Nothing yet"


def deposit_words(data: BudgetData, summary: BudgetSummary, today: date) -> str:
    deposit = data.deposit
    if deposit is not None and deposit.amount is not None:
        return f"{format_money(deposit.amount, deposit.currency)}. {deposit_state(deposit, today)}"
    proposal = summary.deposit_proposal
    if proposal is None:
        return "No deposit recorded."
    amount = money_range(proposal.low, proposal.high, proposal.currency)
    return f"Not recorded yet; the usual deposit is {proposal.basis}: {amount}."


def limit_words(data: BudgetData, summary: BudgetSummary) -> str:
    status, currency = summary.limit, data.plan.home_currency
    if status.limit is None:
        return "No limit set."
    parts = [f"{format_money(status.limit, currency)}."]
    if status.remaining_planned is not None:
        parts.append(f"Left after planned costs: {left_words(status.remaining_planned, currency)}.")
    if status.remaining_actual is not None:
        parts.append(f"Left after payments: {left_words(status.remaining_actual, currency)}.")
    return " ".join(parts)


def budget_facts(data: BudgetData, summary: BudgetSummary, today: date) -> list[tuple[str, str]]:
    """The budget in a few lines: planned, paid, the estimate, the deposit and the limit."""
    estimate = [money_range(r.low, r.high, r.currency) for r in summary.ranges if not r.missing]
    return [
        ("Planned costs", _joined([format_money(t.planned, t.currency) for t in summary.totals if t.lines])),
        ("Paid so far", _joined([format_money(t.actual, t.currency) for t in summary.totals if t.lines])),
        ("Estimate for the whole trip", _joined(estimate)),
        ("Deposit", deposit_words(data, summary, today)),
        ("Budget limit", limit_words(data, summary)),
    ]


def _warnings(summary: BudgetSummary) -> str:
    return "".join(paragraph("⚠ " + w.text, "overdue") for w in summary.limit.warnings)


def _totals(summary: BudgetSummary) -> str:
    ranges = {r.currency: r for r in summary.ranges}
    rows = []
    for total in summary.totals:
        estimate = ranges.get(total.currency)
        if estimate is None:
            words = ""
        elif estimate.missing:
            words = f"needs a rate from {', '.join(sorted(estimate.missing))}"
        else:
            words = money_range(estimate.low, estimate.high, estimate.currency)
        rates = describe_factors(total.currency, total.rates)
        rows.append(
            [
                total.currency,
                format_money(total.planned, total.currency),
                format_money(total.actual, total.currency),
                words,
                rates or "No conversion needed",
            ]
        )
    return grid(["In", "Planned", "Paid", "Estimate", "Rates used"], rows, (8, 17, 17, 25, 33))


def _categories(data: BudgetData, lines: list[Expense]) -> tuple[str, ChartRequest | None]:
    currency = data.plan.home_currency
    totals = [t for t in totals_by_category(lines, currency) if t.planned or t.actual]
    if not totals:
        return paragraph("No expense lines yet.", "hint"), None
    rows = [
        [
            data.categories.get(t.category, t.category),
            format_money(t.planned, currency),
            format_money(t.actual, currency),
        ]
        for t in totals
    ]
    chart = ChartRequest(CHART_NAME, tuple(totals), dict(data.categories), currency)
    image = Markup(
        f'<p align="center"><img src="{CHART_NAME}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"></p>'
    )
    table = grid([f"Category ({currency})", "Planned", "Paid"], rows, (50, 25, 25))
    return image + table, chart


def _estimate(summary: BudgetSummary) -> str:
    """The counted lines, each naming its source by number; the sources are listed below."""
    shown = [row for row in summary.estimate if not row.removed]
    sources = list(dict.fromkeys(row.line.source for row in shown if row.line.source))
    rows = [
        [
            row.line.label + (" (your figures)" if row.changed else ""),
            money_range(row.line.low, row.line.high, row.line.currency),
            row.line.basis,
            f"[{sources.index(row.line.source) + 1}]" if row.line.source else "",
        ]
        for row in shown
    ]
    if not rows:
        return paragraph("Every estimate line is removed.", "hint")
    notes = "".join(paragraph(f"[{n}] {source}", "hint") for n, source in enumerate(sources, start=1))
    return grid(["Line", "Range", "Basis", "Source"], rows, (34, 26, 32, 8)) + notes


def _planned_cell(expense: Expense, covered: frozenset[str]) -> str:
    if expense.planned is None:
        return ""
    text = format_money(expense.planned, expense.currency)
    in_quote = expense.category in covered and expense.id != QUOTE_LINE_ID
    return text + " (in the quote)" if in_quote else text


def _expenses(data: BudgetData, lines: list[Expense]) -> str:
    """Each line as entered, the accepted quote's first; the home column is what the totals count."""
    home = data.plan.home_currency
    quote = [e for e in lines if e.id == QUOTE_LINE_ID]
    covered = data.covered
    rows = []
    for e in [*quote, *data.expenses]:
        if e.currency == home:
            amount = e.actual if e.actual is not None else e.planned
        else:
            in_home = next((c for c in e.conversions if c.currency == home), None)
            amount = (in_home.actual if in_home.actual is not None else in_home.planned) if in_home else None
        rows.append(
            [
                day_month_year(e.paid_on) if e.paid_on else "Not paid",
                e.label + (f" — {e.payee}" if e.payee else ""),
                data.categories.get(e.category, e.category),
                _planned_cell(e, covered),
                format_money(e.actual, e.currency) if e.actual is not None else "",
                format_money(amount, home) if amount is not None else "no rate",
            ]
        )
    headers = ["Paid on", "Item", "Category", "Planned", "Paid", f"In {home}"]
    return grid(headers, rows, (12, 30, 16, 14, 14, 14)) or paragraph("No expense lines yet.", "hint")


def budget_printout(data: BudgetData, summary: BudgetSummary, today: date) -> Printout:
    plan = data.plan
    category_html, chart = _categories(data, summary.lines)
    body = (
        heading(1, "Budget")
        + paragraph(
            f"{plan.name} · {plan.condition_name} · "
            f"{day_month_year(plan.departure)} to {day_month_year(plan.return_)}",
            "subtitle",
        )
        + heading(2, "Totals")
        + _totals(summary)
        + facts(
            [("Budget limit", limit_words(data, summary)), ("Deposit", deposit_words(data, summary, today))]
        )
        + _warnings(summary)
        + paragraph(relation_sentence(data.accepted_quote), "hint")
        + heading(2, "Where the money goes")
        + category_html
        + heading(2, "Estimate of the whole trip")
        + paragraph("Low and high figures from the articles, or your own where you changed them.", "hint")
        + _estimate(summary)
        + heading(2, "Expense lines")
        + _expenses(data, summary.lines)
    )
    return Printout("budget", "Budget", plan.name, today, body, (chart,) if chart else ())


def build_budget_printout(db: Database, plan_id: int, today: date) -> Printout:
    data = load_budget(db, plan_id)
    return budget_printout(data, summarise(data, today), today)
