"""A plan takes entries up to its limits (planner/core/limits.py) and refuses one more, writing nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from planner.budget.rules import ExpenseDraft
from planner.budget.service import expense_room_problem, save_expense
from planner.checklist.rules import ItemDraft
from planner.checklist.service import (
    checklist_room_problem,
    delete_item,
    load_checklist,
    save_item,
    take_templates,
)
from planner.clinics.drafts import ClinicDraft
from planner.clinics.questions_service import add_question, list_questions, own_questions_full_message
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import list_quotes, save_quote
from planner.clinics.service import create_clinic, list_clinics
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted, shortlisted_ids
from planner.core import limits
from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import AppointmentRow, ChecklistItemRow, ClinicRow, ExpenseRow
from planner.journey.itinerary_service import save_appointment
from planner.plans.service import get_plan
from tests.db.journey.journey_plans import TODAY, injection, new_plan

NOW = datetime(2026, 11, 1, 9)


def fill(db: Database, row_type: Any, plan_id: int, up_to: int, values: dict[str, Any]) -> None:
    """Give the plan `up_to` rows of `row_type` in all (some may be there already)."""
    with db.transaction() as session:
        have = (
            session.scalar(select(func.count()).select_from(row_type).where(row_type.plan_id == plan_id)) or 0
        )
        rows = [{"plan_id": plan_id, **values, "position": n} for n in range(up_to - have)]
        if row_type is not ChecklistItemRow:
            for row in rows:
                del row["position"]
        if rows:
            session.execute(insert(row_type), rows)


def count(db: Database, row_type: Any, plan_id: int) -> int:
    with db.transaction() as session:
        return (
            session.scalar(select(func.count()).select_from(row_type).where(row_type.plan_id == plan_id)) or 0
        )


def test_the_checklist_takes_items_up_to_its_limit_and_refuses_one_more(db: Database) -> None:
    plan_id = new_plan(db)
    item = {"step_id": "treatment", "text": "Item", "kind": "task", "created_at": NOW}
    fill(db, ChecklistItemRow, plan_id, limits.CHECKLIST_ITEMS.most - 1, item)
    assert checklist_room_problem(db, plan_id) is None
    save_item(db, plan_id, ItemDraft("treatment", "The last one"))
    assert count(db, ChecklistItemRow, plan_id) == limits.CHECKLIST_ITEMS.most
    assert checklist_room_problem(db, plan_id) == limits.CHECKLIST_ITEMS.full_message()
    with pytest.raises(PlanFull, match="2,000 checklist items"):
        save_item(db, plan_id, ItemDraft("treatment", "One too many"))
    assert count(db, ChecklistItemRow, plan_id) == limits.CHECKLIST_ITEMS.most
    first = load_checklist(db, plan_id).items[0]
    save_item(db, plan_id, ItemDraft(first.step_id, "Edited"), first.id)  # editing still works


def test_the_budget_takes_expense_lines_up_to_its_limit_and_refuses_one_more(db: Database) -> None:
    plan_id = new_plan(db)
    line = {"category": "other", "label": "Line", "planned_minor": 100, "currency": "USD"}
    fill(
        db, ExpenseRow, plan_id, limits.EXPENSE_LINES.most - 1, {**line, "created_at": NOW, "updated_at": NOW}
    )
    draft = ExpenseDraft("Taxi", "other", None, "12.00", "", "USD", None)
    save_expense(db, plan_id, draft, today=TODAY)
    assert count(db, ExpenseRow, plan_id) == limits.EXPENSE_LINES.most
    assert expense_room_problem(db, plan_id) is not None
    with pytest.raises(PlanFull, match="5,000 expense lines"):
        save_expense(db, plan_id, draft, today=TODAY)
    assert count(db, ExpenseRow, plan_id) == limits.EXPENSE_LINES.most


def test_the_itinerary_takes_appointments_up_to_its_limit_and_refuses_one_more(db: Database) -> None:
    plan_id = new_plan(db)
    start = datetime(2027, 3, 2, 9)
    appointment = {
        "step_id": "treatment",
        "kind": "free",
        "title": "Walk",
        "start_local": start,
        "end_local": start + timedelta(hours=1),
        "zone": "Asia/Seoul",
        "start_utc": start,
        "end_utc": start,
        "created_at": NOW,
        "updated_at": NOW,
    }
    with db.transaction() as session:
        rows = [
            {**appointment, "uid": f"uid-{n:08d}", "plan_id": plan_id}
            for n in range(limits.APPOINTMENTS.most - 1)
        ]
        session.execute(insert(AppointmentRow), rows)
    save_appointment(db, plan_id, injection())
    assert count(db, AppointmentRow, plan_id) == limits.APPOINTMENTS.most
    with pytest.raises(PlanFull, match=f"{limits.APPOINTMENTS.most:,} appointments"):
        save_appointment(db, plan_id, injection())
    assert count(db, AppointmentRow, plan_id) == limits.APPOINTMENTS.most


def test_a_quote_takes_lines_up_to_its_limit_and_refuses_one_more(db: Database) -> None:
    plan_id = new_plan(db)
    clinic_id = list_clinics(db)[0].id

    def draft(lines: int) -> QuoteDraft:
        return QuoteDraft(
            clinic_id,
            "USD",
            date(2026, 10, 1),
            None,
            "",
            "",
            "",
            tuple(QuoteLineDraft(None, f"Line {n}", "10") for n in range(lines)),
        )

    save_quote(db, plan_id, draft(limits.QUOTE_LINES.most))
    with pytest.raises(ValidationError, match="at most 60 lines"):
        save_quote(db, plan_id, draft(limits.QUOTE_LINES.most + 1))
    assert len(list_quotes(db, plan_id)) == 1


def test_taking_the_templates_into_a_full_checklist_adds_none(db: Database) -> None:
    plan_id = new_plan(db)
    first = load_checklist(db, plan_id).items[0]
    delete_item(db, plan_id, first.id)
    item = {"step_id": "treatment", "text": "Item", "kind": "task", "created_at": NOW}
    fill(db, ChecklistItemRow, plan_id, limits.CHECKLIST_ITEMS.most, item)
    with pytest.raises(PlanFull):
        take_templates(db, plan_id)
    assert count(db, ChecklistItemRow, plan_id) == limits.CHECKLIST_ITEMS.most


def own_clinics(db: Database, how_many: int) -> list[int]:
    """Add `how_many` clinics of the person's own, straight in; their ids."""
    with db.transaction() as session:
        rows = [ClinicRow(catalogue_id=None, name=f"Own clinic {n}") for n in range(how_many)]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def test_the_shortlist_takes_clinics_up_to_its_limit_and_refuses_one_more(db: Database) -> None:
    plan_id = new_plan(db)
    ids = own_clinics(db, limits.SHORTLIST.most + 1)
    for clinic_id in ids[:-1]:
        set_shortlisted(db, plan_id, clinic_id, True)
    set_shortlisted(db, plan_id, ids[0], True)  # already there: no room needed
    with pytest.raises(PlanFull, match="100 shortlisted clinics"):
        set_shortlisted(db, plan_id, ids[-1], True)
    with pytest.raises(PlanFull):
        choose_clinic(db, plan_id, ids[-1])
    assert len(shortlisted_ids(db, plan_id)) == limits.SHORTLIST.most
    assert get_plan(db, plan_id).clinic_id is None  # type: ignore[union-attr]
    choose_clinic(db, plan_id, ids[0])  # a shortlisted one can still be chosen
    assert get_plan(db, plan_id).clinic_id == ids[0]  # type: ignore[union-attr]


def test_own_clinics_and_questions_stop_at_their_limits_whatever_the_plan(db: Database) -> None:
    with db.transaction() as session:
        have = session.scalar(
            select(func.count()).select_from(ClinicRow).where(ClinicRow.catalogue_id.is_(None))
        )
    own_clinics(db, limits.OWN_CLINICS.most - (have or 0))
    with pytest.raises(PlanFull, match="You already have 100 clinics of your own, the most the app keeps"):
        create_clinic(db, ClinicDraft(name="One clinic too many"))
    for n in range(limits.OWN_QUESTIONS.most):
        add_question(db, f"Question {n}?")
    assert own_questions_full_message(db) == limits.OWN_QUESTIONS.full_message()
    with pytest.raises(PlanFull, match="30 consultation questions of your own"):
        add_question(db, "One question too many?")
    assert sum(q.own for q in list_questions(db)) == limits.OWN_QUESTIONS.most
