"""The text of a journey step's page, as escaped HTML: what happens, how long it takes, what to do
next, its costs and its check-ins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

from planner.budget.rules import Expense, Total
from planner.core.dates import day_month_year, weekday_date
from planner.core.money import Money
from planner.journey.rules import Step
from planner.recovery.checkins import Scheduled

MAX_COST_LINES = 8
OVERDUE_STYLE = "color: #b00020"
"""As the checklist shows an overdue item."""
RECOVERY_PAGE = "the Recovery page (Ctrl+7)"
NO_TREATMENT_DAY = (
    "The baseline and check-ins follow from the treatment day: once it is set (File › Trip dates…, "
    "Ctrl+T), their days show here."
)


def _dates(planned: tuple[date | None, date | None]) -> str:
    start, end = planned
    if start and end:
        if start == end:
            return day_month_year(start)
        return f"{day_month_year(start)} to {day_month_year(end)}"
    if end:
        return f"by {day_month_year(end)}"
    if start:
        return f"from {day_month_year(start)}"
    return ""


def what_happens_html(step: Step, planned: tuple[date | None, date | None]) -> str:
    parts = [f"<p>{escape(step.summary)}</p>"]
    if step.activities:
        parts.append("<ul>" + "".join(f"<li>{escape(a)}</li>" for a in step.activities) + "</ul>")
    if step.procedures:
        parts.append("<p><b>Inside the treatment, in order:</b></p><ol>")
        parts.extend(f"<li><b>{escape(p.name)}</b>: {escape(p.summary)}</li>" for p in step.procedures)
        parts.append("</ol>")
    duration = step.duration or "The articles give no usual length for this step."
    parts.append(f"<p><b>How long it usually takes:</b> {escape(duration)}</p>")
    if when := _dates(planned):
        parts.append(f"<p><b>When, from your dates:</b> {escape(when)}</p>")
    return "".join(parts)


def actions_html(actions: list[str]) -> str:
    if not actions:
        return "<p>Nothing waiting here.</p>"
    return "<ul>" + "".join(f"<li>{escape(a)}</li>" for a in actions) + "</ul>"


def _amount(amount: Decimal | None, currency: str, locale: str | None) -> str:
    return escape(Money(amount, currency).format(locale)) if amount is not None else ""


def costs_html(total: Total, expenses: list[Expense], locale: str | None = None) -> str:
    """The step's planned and paid totals in the home currency, and its lines."""
    if not expenses:
        return "<p>No costs are filed under this step. Add them on the Budget page, choosing this step.</p>"
    planned = Money(total.planned, total.currency).format(locale)
    paid = Money(total.actual, total.currency).format(locale)
    head = f"<p><b>Planned:</b> {escape(planned)} &nbsp;·&nbsp; <b>Paid:</b> {escape(paid)}</p>"
    if not total.complete:
        head += (
            f"<p><i>{total.missing} line{'s' if total.missing != 1 else ''} in other currencies "
            "have no exchange rate yet and are not counted.</i></p>"
        )
    rows = "".join(
        f"<tr><td>{escape(e.label)}</td><td align='right'>{_amount(e.planned, e.currency, locale)}</td>"
        f"<td align='right'>{_amount(e.actual, e.currency, locale)}</td></tr>"
        for e in expenses[:MAX_COST_LINES]
    )
    more = len(expenses) - MAX_COST_LINES
    tail = f"<p>And {more} more on the Budget page.</p>" if more > 0 else ""
    return (
        f"{head}<table cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr><th align='left'>Cost</th><th align='right'>Planned</th><th align='right'>Paid</th></tr>"
        f"{rows}</table>{tail}"
    )


def _check_in_state(scheduled: Scheduled, today: date) -> tuple[str, bool]:
    """ "done on 3 Mar 2027" or "not yet", and whether it is overdue."""
    if scheduled.taken_on is not None:
        return f"done on {day_month_year(scheduled.taken_on)}", False
    if scheduled.due < today:
        return "not yet (overdue)", True
    return "not yet", False


def check_ins_html(check_ins: list[Scheduled], treatment: date | None, today: date) -> str:
    """A step's baseline or check-ins: each with its due day and whether it was done, overdue ones
    marked, and where they are recorded; without a treatment day, that they follow from it."""
    if treatment is None:
        return f"<p>{escape(NO_TREATMENT_DAY)}</p>"
    rows = []
    for scheduled in check_ins:
        state, overdue = _check_in_state(scheduled, today)
        style = f"white-space: nowrap; {OVERDUE_STYLE}" if overdue else "white-space: nowrap"
        cells = (scheduled.point.title, f"due {weekday_date(scheduled.due)}", state)
        rows.append(
            "<tr>" + "".join(f"<td><span style='{style}'>{escape(c)}</span></td>" for c in cells) + "</tr>"
        )
    where = f"{'It is' if len(check_ins) == 1 else 'They are'} recorded on {RECOVERY_PAGE}."
    return f"<table cellspacing='4' cellpadding='0'>{''.join(rows)}</table><p>{escape(where)}</p>"
