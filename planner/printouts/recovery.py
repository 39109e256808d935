"""The recovery report for the home doctor: the plan and the treatment as recorded, each measure's
baseline against its latest value with the change and whether it reaches the published change
people notice (with the sources), the charts, the side effects as recorded, exercise adherence per
week, and the notes of the check-ins and the diary.

Only what the patient recorded: the report gives no medical advice and does not say the
treatment caused any change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.clinics.quotes import Quote
from planner.clinics.quotes_service import list_quotes
from planner.clinics.service import get_clinic
from planner.core.dates import day_month_year, weekday_date
from planner.db.database import Database
from planner.journey.itinerary import Appointment
from planner.journey.itinerary_service import load_itinerary
from planner.journey.rules import CELL_MODES
from planner.plans.service import Plan, get_plan
from planner.printouts.document import (
    Markup,
    Printout,
    ProgressChartRequest,
    facts,
    grid,
    heading,
    paragraph,
)
from planner.recovery.chart_series import ADHERENCE, FUNCTION, PAIN, charts_with_data
from planner.recovery.checkins import point_named
from planner.recovery.model import Recovery
from planner.recovery.progress import (
    Compared,
    Point,
    adherence_by_week,
    change_sentence,
    compared,
    shown_value,
    side_effect_log,
)
from planner.recovery.service import load_recovery, recorded_cells

NOT_RECORDED = "Not recorded"
PROCEDURE_KINDS = ("harvest", "injection")
"""The itinerary's appointments that are the procedure itself."""
CHART_WIDTH, CHART_HEIGHT = 660, 250
"""Each chart's size on the page, in the layout's 96-per-inch units."""
CHART_NAMES = {
    PAIN: "recovery-pain.png",
    FUNCTION: "recovery-function.png",
    ADHERENCE: "recovery-adherence.png",
}
CHART_CAPTIONS = {
    PAIN: "Pain over time: the diary's daily pain (during activity) and the check-ins' pain at rest "
    "and during activity, 0 (no pain) to 10 (the worst imaginable).",
    FUNCTION: "Function from the baseline: the average of the activities rated on the Patient-Specific "
    "Functional Scale (0 unable, 10 as before the injury), each activity faintly, and the baseline "
    "plus the change people notice.",
    ADHERENCE: "Exercises recorded as done each week after the treatment, as a share of the "
    "physiotherapy plan's exercises on every day of the week.",
}
WHAT_THIS_IS = (
    "This report shows what the patient recorded in the Patient Journey Planner: a baseline "
    "before the treatment, check-ins after it and a daily diary."
)
NO_CLAIMS = (
    "The app does not give medical advice, and it does not claim that the treatment caused any "
    "change shown here: the figures are what the patient recorded, and many things besides a "
    "treatment change how a joint feels."
)
SIDE_EFFECTS_AS_RECORDED = (
    "Side effects are listed as the patient recorded them; the app does not interpret them."
)


@dataclass(frozen=True, slots=True)
class TreatmentRecord:
    """What the plan records about the treatment; empty or None where nothing is recorded."""

    clinic: str
    clinic_place: str
    day: date | None
    cells: tuple[str, int] | None
    """How the cells were prepared ("same-day" or "cultured") and the days of culturing."""
    procedure: tuple[Appointment, ...]
    """The itinerary's cell harvest and injection appointments."""
    quote: Quote | None
    """The accepted quote."""
    techniques: tuple[str, ...]
    """The techniques the chosen clinic's catalogue entry lists (not a record of what was done)."""


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    plan: Plan
    treatment: TreatmentRecord
    recovery: Recovery
    today: date


def _cells(cells: tuple[str, int] | None) -> str:
    if cells is None:
        return NOT_RECORDED
    mode, days = cells
    words = CELL_MODES.get(mode, mode)
    return f"{words}, for {days} days" if mode == "cultured" else words


def _procedure(appointments: tuple[Appointment, ...]) -> str:
    if not appointments:
        return NOT_RECORDED
    lines = []
    for item in appointments:
        line = f"{item.kind_name}, {weekday_date(item.start)}"
        if item.title and item.title != item.kind_name:
            line += f": {item.title}"
        if item.note:
            line += f" ({' '.join(item.note.split())})"
        lines.append(line)
    return "\n".join(lines)


def _quote(quote: Quote | None) -> str:
    if quote is None:
        return NOT_RECORDED
    items = "; ".join(line.label for line in quote.lines)
    text = f"From {quote.clinic_name}, received {day_month_year(quote.received_on)}"
    text += f". Quoted: {items}." if items else "."
    if quote.note:
        text += f"\nNote on the quote: {quote.note}"
    return text


def _technique(record: TreatmentRecord) -> str:
    if not record.techniques:
        return NOT_RECORDED
    return (
        f"{NOT_RECORDED}. The clinic's catalogue entry lists: {', '.join(record.techniques)} "
        "(what it offers, not a record of what was done)."
    )


def _diary_span(recovery: Recovery) -> str:
    if not recovery.diary:
        return "No entries"
    first, last = recovery.diary[0].entry_on, recovery.diary[-1].entry_on
    count = len(recovery.diary)
    return (
        f"{count} {'entry' if count == 1 else 'entries'}, {day_month_year(first)} to {day_month_year(last)}"
    )


def treatment_html(data: RecoveryReport) -> str:
    record, plan = data.treatment, data.plan
    clinic = record.clinic + (f", {record.clinic_place}" if record.clinic and record.clinic_place else "")
    return facts(
        [
            ("Condition", plan.condition_name),
            ("Clinic chosen", clinic or NOT_RECORDED),
            ("Treatment day", weekday_date(record.day) if record.day else NOT_RECORDED),
            ("Procedure on the itinerary", _procedure(record.procedure)),
            ("Cells", _cells(record.cells)),
            ("Technique", _technique(record)),
            ("Accepted quote", _quote(record.quote)),
            ("Diary", _diary_span(data.recovery)),
        ]
    )


def _check_ins(recovery: Recovery) -> str:
    if not recovery.schedule:
        return paragraph("No treatment day recorded, so no check-ins are scheduled.", "hint")
    rows = [
        [s.point.label, day_month_year(s.due), day_month_year(s.taken_on) if s.taken_on else NOT_RECORDED]
        for s in recovery.schedule
    ]
    own = [c for c in recovery.check_ins if not c.point_id]
    rows += [["Patient's own check-in", "", day_month_year(c.taken_on)] for c in own]
    return grid(["Check-in", "Due", "Recorded on"], rows, (40, 30, 30))


def _point(row: Compared, point: Point | None) -> str:
    if point is None:
        return NOT_RECORDED
    return f"{shown_value(row.measure, point[1])}\n{day_month_year(point[0])}"


def _change(row: Compared) -> str:
    if row.change is None:
        return "No baseline" if row.baseline is None else "No check-in after the baseline"
    return change_sentence(row.measure, row.change)


def compared_html(rows: list[Compared]) -> str:
    """Every measure's baseline against its latest value, each published change's source as a
    numbered note under the table."""
    sources = list(dict.fromkeys(r.measure.change.source for r in rows if r.measure.change is not None))
    wordings = {
        r.measure.change.source: r.measure.change.wording for r in rows if r.measure.change is not None
    }
    cells = []
    for row in rows:
        change = row.measure.change
        cells.append(
            [
                row.label,
                _point(row, row.baseline),
                _point(row, row.latest),
                _change(row),
                f"[{sources.index(change.source) + 1}]" if change is not None else "None published",
            ]
        )
    table = grid(
        ["Measure", "Baseline", "Latest", "Change since the baseline", "Change people notice"],
        cells,
        (24, 14, 14, 34, 14),
    )
    notes = "".join(
        paragraph(f"[{n}] {wordings[source]} {source}", "hint") for n, source in enumerate(sources, start=1)
    )
    return table + notes


def _charts(data: RecoveryReport, rows: list[Compared]) -> tuple[str, ProgressChartRequest | None]:
    shown = charts_with_data(data.recovery, rows, data.today)
    if not shown:
        return paragraph("Nothing recorded to draw yet.", "hint"), None
    html = "".join(
        f'<p align="center"><img src="{CHART_NAMES[name]}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"></p>'
        + paragraph(CHART_CAPTIONS[name], "hint")
        for name in shown
    )
    request = ProgressChartRequest(
        {name: CHART_NAMES[name] for name in shown}, data.recovery, data.today, CHART_WIDTH, CHART_HEIGHT
    )
    return Markup(html), request


def side_effects_html(recovery: Recovery) -> str:
    log = side_effect_log(recovery)
    if not log:
        return paragraph("No side effects recorded.", "hint") + paragraph(SIDE_EFFECTS_AS_RECORDED, "hint")
    rows = [[day_month_year(day.day), "\n".join(day.effects)] for day in log]
    return grid(["Date", "Side effects as recorded"], rows, (20, 80)) + paragraph(
        SIDE_EFFECTS_AS_RECORDED, "hint"
    )


def adherence_html(recovery: Recovery, today: date) -> str:
    weeks = adherence_by_week(recovery, today)
    if not weeks:
        if recovery.treatment is None:
            reason = "No treatment day recorded: adherence is counted in weeks from it."
        elif not recovery.exercises:
            reason = "No physiotherapy exercises recorded."
        else:
            reason = "No diary entries since the treatment day."
        return paragraph(reason, "hint")
    names = ", ".join(e.name for e in recovery.exercises)
    rows = [
        [str(w.week), day_month_year(w.starts), str(w.done), str(w.planned), f"{w.percent}%"] for w in weeks
    ]
    return paragraph(f"The physiotherapy plan's exercises: {names}.", "hint") + grid(
        ["Week", "From", "Done", "Planned", "Share"], rows, (12, 28, 20, 20, 20)
    )


def notes_html(recovery: Recovery) -> str:
    check_ins = [
        [
            day_month_year(c.taken_on),
            point_named(c.point_id).label if c.point_id else "Patient's own",
            c.note,
        ]
        for c in recovery.check_ins
        if c.note
    ]
    diary = [[day_month_year(e.entry_on), e.note] for e in recovery.diary if e.note]
    parts = [
        heading(2, "Notes from the check-ins"),
        grid(["Date", "Check-in", "Note"], check_ins, (16, 16, 68))
        or paragraph("No notes at the check-ins.", "hint"),
        heading(2, "Notes from the diary"),
        grid(["Date", "Note"], diary, (16, 84)) or paragraph("No notes in the diary.", "hint"),
    ]
    return Markup("".join(parts))


def recovery_printout(data: RecoveryReport) -> Printout:
    plan, recovery = data.plan, data.recovery
    rows = compared(recovery)
    charts_html, request = _charts(data, rows)
    body = (
        heading(1, "Recovery report")
        + paragraph(f"{plan.name} · {plan.condition_name}", "subtitle")
        + paragraph(f"For the patient's doctor. {WHAT_THIS_IS} {NO_CLAIMS}", "hint")
        + heading(2, "The treatment, as recorded")
        + treatment_html(data)
        + heading(2, "Check-ins")
        + _check_ins(recovery)
        + heading(2, "Baseline against the latest check-in")
        + (
            compared_html(rows)
            if any(r.baseline is not None for r in rows)
            else paragraph("No baseline recorded yet, so there is nothing to compare.", "hint")
        )
        + heading(2, "Charts", new_page=request is not None)
        + charts_html
        + heading(2, "Side effects")
        + side_effects_html(recovery)
        + heading(2, "Exercise adherence per week")
        + adherence_html(recovery, data.today)
        + notes_html(recovery)
        + paragraph(NO_CLAIMS, "advice")
    )
    return Printout("recovery", "Recovery report", plan.name, data.today, body, (request,) if request else ())


def load_recovery_report(db: Database, plan_id: int, today: date) -> RecoveryReport:
    plan = get_plan(db, plan_id)
    if plan is None:
        raise LookupError(f"no plan {plan_id}")
    clinic = get_clinic(db, plan.clinic_id) if plan.clinic_id is not None else None
    itinerary = load_itinerary(db, plan_id)
    procedure = tuple(a for a in itinerary.appointments if a.kind in PROCEDURE_KINDS)
    quote = next((q for q in list_quotes(db, plan_id) if q.accepted), None)
    record = TreatmentRecord(
        clinic.name if clinic else "",
        ", ".join(p for p in (clinic.district, clinic.city) if p) if clinic else "",
        plan.treatment_date,
        recorded_cells(db, plan_id),
        procedure,
        quote,
        tuple(t.name for t in clinic.techniques) if clinic else (),
    )
    return RecoveryReport(plan, record, load_recovery(db, plan_id), today)


def build_recovery_printout(db: Database, plan_id: int, today: date) -> Printout:
    return recovery_printout(load_recovery_report(db, plan_id, today))
