"""The checklist printout: every item by journey step with a box to tick on paper, what kind of
item it is, when it is due, and the note; the baseline and check-ins under their steps with their due
days. Also the open items the itinerary ends with."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from planner.checklist.rules import DOCUMENTS, KINDS, Item, passport_problem, tally
from planner.checklist.service import ChecklistData, load_checklist
from planner.core.dates import day_month_year
from planner.db.database import Database
from planner.plans.service import Plan, get_plan
from planner.printouts.document import Printout, grid, heading, paragraph
from planner.recovery.checkins import Scheduled

OPEN_BOX, TICKED_BOX = "☐", "☑"
CHECK_IN_KIND = "Check-in"
CHECK_INS_NOTE = "The baseline and check-ins are recorded on the Recovery page; they are not counted above."


def _due(item: Item, data: ChecklistData, today: date) -> tuple[str, bool]:
    day = item.due.resolve(data.trip)
    if day is None:
        return "", False
    return day_month_year(day), not item.done and day < today


def _kind(item: Item) -> str:
    kind = KINDS.get(item.kind, item.kind)
    if item.document:
        kind = DOCUMENTS.get(item.document, item.document)
        if item.expires_on is not None:
            kind += f", expires {day_month_year(item.expires_on)}"
    return kind


def items_table(
    items: list[Item],
    data: ChecklistData,
    today: date,
    caption: str = "",
    check_ins: Sequence[Scheduled] = (),
) -> str:
    """The items, then the step's baseline or check-ins (`check_ins`), each with its box and due day."""
    rows, classes = [], []
    for item in items:
        due, overdue = _due(item, data, today)
        rows.append(
            [
                TICKED_BOX if item.done else OPEN_BOX,
                item.text + (f"\n{item.note}" if item.note else ""),
                _kind(item),
                due + (" (overdue)" if overdue else ""),
            ]
        )
        classes.append("done" if item.done else "overdue" if overdue else "")
    for scheduled in check_ins:
        overdue = not scheduled.done and scheduled.due < today
        done = f"\nDone on {day_month_year(scheduled.taken_on)}" if scheduled.taken_on else ""
        rows.append(
            [
                TICKED_BOX if scheduled.done else OPEN_BOX,
                scheduled.point.title + done,
                CHECK_IN_KIND,
                day_month_year(scheduled.due) + (" (overdue)" if overdue else ""),
            ]
        )
        classes.append("done" if scheduled.done else "overdue" if overdue else "")
    return grid(["", "Item", "Kind", "Due"], rows, (4, 60, 20, 16), classes, caption)


def open_items_html(data: ChecklistData, today: date) -> str:
    """The open items grouped by step, for the end of the itinerary."""
    parts = []
    for step_id, name in data.steps.items():
        items = [i for i in data.items if i.step_id == step_id and not i.done]
        if items:
            parts.append(items_table(items, data, today, name))
    return "".join(parts) or paragraph("Everything on the checklist is done.", "hint")


def checklist_printout(plan: Plan, data: ChecklistData, today: date) -> Printout:
    due_on = {item.id: item.due.resolve(data.trip) for item in data.items}
    counts = tally(data.items, due_on, list(data.steps), today)
    overall = counts.overall
    summary = f"{overall.describe()} ({overall.percent}%)"
    if counts.overdue:
        summary += f" · {counts.overdue} overdue"
    passport = next(
        (
            problem
            for item in data.items
            if item.document == "passport"
            and (problem := passport_problem(item.expires_on, data.trip.return_)) is not None
        ),
        None,
    )
    body: list[str] = [
        heading(1, "Checklist"),
        paragraph(
            f"{plan.name} · {day_month_year(plan.departure)} to {day_month_year(plan.return_)} · {summary}",
            "subtitle",
        ),
    ]
    if passport:
        body.append(paragraph("⚠ " + passport, "overdue"))
    if data.check_ins:
        body.append(paragraph(CHECK_INS_NOTE, "hint"))
    for step_id, name in data.steps.items():
        items = [i for i in data.items if i.step_id == step_id]
        check_ins = [s for s in data.check_ins if s.point.step_id == step_id]
        if items or check_ins:
            step = counts.by_step.get(step_id)
            caption = f"{name} ({step.describe()})" if step and step.total else name
            body.append(items_table(items, data, today, caption, check_ins))
    if not data.items and not data.check_ins:
        body.append(paragraph("The checklist is empty.", "hint"))
    return Printout("checklist", "Checklist", plan.name, today, "".join(body))


def build_checklist_printout(db: Database, plan_id: int, today: date) -> Printout:
    plan = get_plan(db, plan_id)
    if plan is None:
        raise LookupError(f"no plan {plan_id}")
    return checklist_printout(plan, load_checklist(db, plan_id), today)
