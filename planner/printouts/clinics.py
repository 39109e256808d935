"""The clinic printouts: the comparison side by side, and the consultation questions with the
person's answers per clinic (blank lines where a question is not answered yet, to write on
during the call). Both cover the plan's shortlist and chosen clinic, or every clinic shown when
the plan has none."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from planner.clinics.compare import MAX_COMPARED, build_comparison
from planner.clinics.questions_service import Question, answers_for, list_questions
from planner.clinics.quotes import Quote
from planner.clinics.quotes_service import latest_quotes_by_clinic, list_quotes
from planner.clinics.rules import Clinic
from planner.clinics.service import list_clinics
from planner.clinics.shortlist_service import shortlisted_ids
from planner.db.database import Database
from planner.plans.service import Plan, get_plan
from planner.printouts.document import Markup, Printout, grid, heading, paragraph

ANSWER_SPACE = "&nbsp;<br>&nbsp;<br>&nbsp;"
"""An unanswered question's cell: room to write the answer by hand."""


def clinics_for(plan: Plan, clinics: Sequence[Clinic], shortlist: frozenset[int]) -> tuple[list[Clinic], str]:
    """The clinics a printout covers and a sentence saying which they are."""
    picked = [c for c in clinics if c.id in shortlist or c.id == plan.clinic_id]
    if picked:
        return picked, "Your shortlist and chosen clinic."
    shown = [c for c in clinics if not c.hidden]
    return shown, "Every clinic you have not hidden (the plan has no shortlist yet)."


def comparison_printout(
    plan: Plan,
    clinics: Sequence[Clinic],
    which: str,
    quotes: Mapping[int, Quote],
    answers: dict[int, dict[str, str]],
    questions: Sequence[Question],
    today: date,
) -> Printout:
    body: list[str] = [heading(1, "Clinic comparison"), paragraph(f"{plan.name} · {which}", "subtitle")]
    if not clinics:
        body.append(paragraph("There are no clinics to compare.", "hint"))
    for start in range(0, len(clinics), MAX_COMPARED):
        group = list(clinics[start : start + MAX_COMPARED])
        rows = build_comparison(group, quotes, answers, questions)
        width = 76 // len(group)
        table_rows: list[list[str]] = []
        classes: list[str] = []
        section = ""
        for row in rows:
            if row.group != section:
                section = row.group
                table_rows.append([Markup(f"<b>{section}</b>"), *([""] * len(group))])
                classes.append("day")
            table_rows.append([row.label, *row.values])
            classes.append("")
        marked = [f"{c.name}{' (chosen)' if c.id == plan.clinic_id else ''}" for c in group]
        body.append(grid(["", *marked], table_rows, (24, *([width] * len(group))), classes))
        if start + MAX_COMPARED < len(clinics):
            body.append(paragraph("Continued with the next clinics.", "hint"))
    body.append(
        paragraph(
            "Quote totals are this plan's accepted quote, or else the newest one received. "
            "Claims to verify are the clinic's own marketing.",
            "hint",
        )
    )
    return Printout("comparison", "Clinic comparison", plan.name, today, "".join(body))


def questions_printout(
    plan: Plan,
    clinics: Sequence[Clinic],
    which: str,
    answers: dict[int, dict[str, str]],
    questions: Sequence[Question],
    today: date,
) -> Printout:
    body: list[str] = [
        heading(1, "Consultation questions"),
        paragraph(f"{plan.name} · {which}", "subtitle"),
    ]
    if not clinics:
        body.append(paragraph("There are no clinics to ask.", "hint"))
    for index, clinic in enumerate(clinics):
        given = answers.get(clinic.id, {})
        asked = sum(1 for q in questions if given.get(q.key))
        body.append(heading(2, clinic.name, new_page=index > 0))
        body.append(paragraph(f"{asked} of {len(questions)} questions answered.", "hint"))
        rows = [
            [
                f"{number}.",
                q.text,
                given.get(q.key) or Markup(ANSWER_SPACE),
            ]
            for number, q in enumerate(questions, start=1)
        ]
        body.append(grid(["", "Question", "Answer"], rows, (5, 45, 50)))
    return Printout("questions", "Consultation questions", plan.name, today, "".join(body))


def _plan(db: Database, plan_id: int) -> Plan:
    plan = get_plan(db, plan_id)
    if plan is None:
        raise LookupError(f"no plan {plan_id}")
    return plan


def build_comparison_printout(db: Database, plan_id: int, today: date) -> Printout:
    plan = _plan(db, plan_id)
    clinics, which = clinics_for(plan, list_clinics(db), shortlisted_ids(db, plan_id))
    quotes = latest_quotes_by_clinic(list_quotes(db, plan_id))
    answers = answers_for(db, [c.id for c in clinics])
    return comparison_printout(plan, clinics, which, quotes, answers, list_questions(db), today)


def build_questions_printout(db: Database, plan_id: int, today: date) -> Printout:
    plan = _plan(db, plan_id)
    clinics, which = clinics_for(plan, list_clinics(db), shortlisted_ids(db, plan_id))
    answers = answers_for(db, [c.id for c in clinics])
    return questions_printout(plan, clinics, which, answers, list_questions(db), today)
