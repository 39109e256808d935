"""HTML fragments for rich-text views and printouts. Every piece of text is escaped."""

from __future__ import annotations

from html import escape

from planner.budget.summary_service import BudgetGlance
from planner.catalogue.learn import LearnEntry
from planner.checklist.service import ChecklistGlance
from planner.clinics.compare import stars
from planner.clinics.rules import CONDITION_GROUPS, Clinic
from planner.core.dates import day_month_year, weekday_date
from planner.journey.itinerary_text import when
from planner.journey.rules import STATUSES, Step
from planner.journey.service import JourneyData
from planner.plans.service import Plan


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


def _checklist_html(glance: ChecklistGlance) -> str:
    overall = glance.tally.overall
    overdue = glance.tally.overdue
    summary = f"{overall.describe()} ({overall.percent}%)" + (
        f' · <span class="overdue">{overdue} overdue</span>' if overdue else ""
    )
    rows = "".join(
        f'<tr><td width="110" class="{"overdue" if due < glance.today else "hint"}">'
        f"{day_month_year(due)}</td>"
        f"<td>{escape(item.text)}</td></tr>"
        for due, item in glance.next_due
    )
    upcoming = (
        f'<p>Next due:</p><table cellspacing="0" cellpadding="4" width="100%">{rows}</table>'
        if rows
        else "<p>Nothing open has a due date.</p>"
    )
    return f"<h2>Checklist</h2><p>{summary}</p>{upcoming}"


def _where_html(journey: JourneyData) -> str:
    """Where am I: the current step, the steps settled, the next appointment, the warnings."""
    names = {s.id: (n, s.name) for n, s in enumerate(journey.steps, start=1)}
    where = journey.position
    if where.step_id is None:
        now = "<p><b>Journey complete:</b> every step is done or skipped.</p>"
    else:
        number, name = names[where.step_id]
        status = STATUSES[journey.state(where.step_id).status].lower()
        reason = "" if where.reason.lower().rstrip(".") == status else escape(where.reason)
        now = (
            f"<p><b>Now:</b> step {number} of {len(names)}, {escape(name)} ({escape(status)}). "
            f'<span class="hint">{reason}</span></p>'
        )
    settled = f"<p>{journey.progress.settled} of {journey.progress.total} steps done or skipped.</p>"
    upcoming = journey.next_appointment
    nxt = (
        f"<p><b>Next appointment:</b> {escape(upcoming.title)}, {escape(when(upcoming, journey.home_zone))}"
        + (f" — {escape(upcoming.location)}" if upcoming.location else "")
        + "</p>"
        if upcoming is not None
        else '<p class="hint">No appointments ahead. Propose a schedule on the Itinerary page.</p>'
    )
    warnings = "".join(f'<p class="overdue">⚠ {escape(w.text)}</p>' for w in journey.warnings)
    return f"<h2>Where you are</h2>{now}{settled}{nxt}{warnings}"


def plan_overview_html(
    plan: Plan,
    steps: list[Step],
    locale: str | None = None,
    checklist: ChecklistGlance | None = None,
    journey: JourneyData | None = None,
    budget_glance: BudgetGlance | None = None,
    check_ins: str = "",
) -> str:
    """The plan at a glance: what, when, where from, the budget (with what is left and whether it
    is over), where the person is on the journey (current step, next appointment, warnings), the
    checklist's progress and what is due next, and the journey ahead with each step's status and
    progress. `check_ins` is the line saying which recovery check-in comes next."""
    budget = plan.budget_limit.format(locale) if plan.budget_limit else "No limit set"
    if budget_glance is not None:
        budget = budget_glance.limit
    treated = plan.condition_name
    if plan.condition_group.casefold() != plan.condition_name.casefold():
        treated += f" ({plan.condition_group.lower()})"
    facts = fact_table(
        [
            ("Treatment for", treated),
            (
                "Trip",
                f"{weekday_date(plan.departure)} to {weekday_date(plan.return_)} ({plan.nights} nights)",
            ),
            ("Home", f"{plan.home_country_name}, paying in {plan.home_currency}, time zone {plan.home_zone}"),
            ("Clinic", plan.clinic_name or "Not chosen yet: compare clinics on the Clinics page"),
            ("Budget limit", budget),
            *([("Recovery", check_ins)] if check_ins else []),
        ]
    )
    rows = []
    phase = ""
    for number, step in enumerate(steps, start=1):
        if step.phase_name != phase:
            phase = step.phase_name
            rows.append(f'<tr><td colspan="2" class="phase">{escape(phase)}</td></tr>')
        duration = f'<br><span class="hint">How long: {escape(step.duration)}</span>' if step.duration else ""
        if journey is not None:
            duration += (
                f'<br><span class="hint">Status: {escape(STATUSES[journey.state(step.id).status])}</span>'
            )
        if checklist is not None and (done := checklist.tally.by_step.get(step.id)) and done.total:
            duration += f'<br><span class="hint">Checklist: {done.done} of {done.total} done</span>'
        rows.append(
            f'<tr><td valign="top" class="num" width="28">{number}</td>'
            f"<td><b>{escape(step.name)}</b><br>{escape(step.summary)}{duration}</td></tr>"
        )
    table = f'<table cellspacing="0" cellpadding="5" width="100%">{"".join(rows)}</table>'
    ticks = _checklist_html(checklist) if checklist is not None else ""
    where = _where_html(journey) if journey is not None else ""
    warnings = budget_glance.warnings if budget_glance else ()
    alerts = "".join(f'<p class="overdue">⚠ {escape(text)}</p>' for text in warnings)
    return f"<h1>{escape(plan.name)}</h1>{facts}{alerts}{where}{ticks}<h2>The journey ahead</h2>{table}"


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}" if body else ""


def clinic_html(clinic: Clinic, with_title: bool = True) -> str:
    """Every fact about a clinic, the clinic's own marketing kept apart as claims to verify."""
    origin = (
        "Added by you"
        if clinic.own
        else "Described in " + ", ".join(f"“{escape(title)}”" for title in clinic.sources)
    )
    facts = fact_table(
        [
            (label, value)
            for label, value in (
                ("Location", clinic.location or ", ".join(p for p in (clinic.district, clinic.city) if p)),
                ("District", clinic.district),
                ("Lead doctors", ", ".join(clinic.lead_doctors) or "Not named"),
                ("Treats", ", ".join(CONDITION_GROUPS.get(g, g) for g in clinic.condition_groups)),
                ("Techniques", ", ".join(t.name for t in clinic.techniques)),
                ("Government-approved", "Yes" if clinic.government_approved else "Not stated"),
                ("Your rating", stars(clinic.rating)),
            )
            if value
        ]
    )
    claims = ""
    if clinic.claims:
        claims = (
            '<h3>Claims to verify</h3><p class="hint">The clinic says these things about itself. '
            "They are marketing, not checked facts: ask for evidence before you rely on them.</p>"
            f'<div class="claims">{bullet_list(clinic.claims)}</div>'
        )
    note = _section("Your note", paragraphs(clinic.note))
    return (
        f"{f'<h2>{escape(clinic.name)}</h2>' if with_title else ''}"
        f'<p class="source">{origin}</p>'
        f"{paragraphs(clinic.focus)}{facts}"
        f"{_section('Key features', bullet_list(clinic.key_features))}"
        f"{_section('Special techniques', bullet_list(clinic.special_techniques))}"
        f"{_section('Treatments offered', bullet_list(clinic.treatments))}"
        f"{_section('Approvals and certifications', bullet_list(clinic.approvals) or '<p>None stated.</p>')}"
        f"{claims}{note}"
    )
