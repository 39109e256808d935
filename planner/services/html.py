"""HTML fragments for rich-text views and printouts. Every piece of text is escaped."""

from __future__ import annotations

from html import escape

from planner.learn import LearnEntry
from planner.services.journey import JourneyStep
from planner.services.plans import Plan


def paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def bullet_list(items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def fact_table(rows: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    if not rows:
        return ""
    cells = "".join(
        f'<tr><th align="left" valign="top" width="190">{escape(label)}</th>'
        f'<td valign="top">{escape(value)}</td></tr>'
        for label, value in rows
    )
    return f'<table cellspacing="0" cellpadding="6" width="100%">{cells}</table>'


def learn_entry_html(entry: LearnEntry) -> str:
    sources = ", ".join(f"“{escape(s)}”" for s in entry.sources)
    return (
        f'<p class="section">{escape(entry.section_name)}</p>'
        f"<h2>{escape(entry.title)}</h2>"
        f"{paragraphs(entry.body)}{fact_table(entry.fields)}{bullet_list(entry.points)}"
        f'<p class="source">Source: {sources}</p>'
    )


def plan_overview_html(plan: Plan, steps: list[JourneyStep], locale: str = "en_US") -> str:
    """The plan at a glance: what, when, where from, the budget, and the journey ahead."""
    budget = plan.budget_limit.format(locale) if plan.budget_limit else "No limit set"
    facts = fact_table(
        [
            ("Treatment for", f"{plan.condition_name} ({plan.condition_group})"),
            ("Trip", f"{plan.departure:%A %d %B %Y} to {plan.return_:%A %d %B %Y} ({plan.nights} nights)"),
            ("Home", f"{plan.home_country_name}, paying in {plan.home_currency}"),
            ("Budget limit", budget),
        ]
    )
    rows = []
    phase = ""
    for number, step in enumerate(steps, start=1):
        if step.phase_name != phase:
            phase = step.phase_name
            rows.append(f'<tr><td colspan="2" class="phase">{escape(phase)}</td></tr>')
        duration = f'<br><span class="hint">How long: {escape(step.duration)}</span>' if step.duration else ""
        rows.append(
            f'<tr><td valign="top" class="num" width="28">{number}</td>'
            f"<td><b>{escape(step.name)}</b><br>{escape(step.summary)}{duration}</td></tr>"
        )
    journey = f'<table cellspacing="0" cellpadding="5" width="100%">{"".join(rows)}</table>'
    return f"<h1>{escape(plan.name)}</h1>{facts}<h2>The journey ahead</h2>{journey}"
