"""One journey step's page through the services: its neighbours, checklist items, costs,
appointments and what to do next, on a fresh database each time."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from planner.budget.rules import ExpenseDraft
from planner.budget.service import add_rate, save_expense
from planner.checklist.service import load_checklist, set_treatment_date
from planner.clinics.service import list_clinics
from planner.clinics.shortlist_service import choose_clinic
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import save_appointment
from planner.journey.rules import StepDraft, StepState
from planner.journey.service import load_journey, save_step
from planner.recovery.rules import CheckInDraft
from planner.recovery.service import save_check_in
from planner.step_page.service import load_step_page
from tests.db.journey.journey_plans import JOURNEY, TODAY, new_plan

COMPARE = "Compare clinics and choose one for this plan (Clinics page)."


def appointment(step: str, kind: str, title: str, start: datetime, minutes: int = 60) -> AppointmentDraft:
    end = start.replace(hour=start.hour + minutes // 60, minute=start.minute + minutes % 60)
    return AppointmentDraft(step, kind, title, start, end, "Asia/Seoul")


@pytest.mark.parametrize("step_id", JOURNEY)
def test_each_step_knows_its_neighbours(db: Database, step_id: str) -> None:
    plan_id = new_plan(db)
    page = load_step_page(db, plan_id, step_id, today=TODAY)
    index = JOURNEY.index(step_id)

    assert page.plan_id == plan_id
    assert page.step.id == step_id
    assert page.index == index
    assert [s.id for s in page.steps] == JOURNEY
    assert (page.previous.id if page.previous else None) == (JOURNEY[index - 1] if index > 0 else None)
    assert (page.next.id if page.next else None) == (JOURNEY[index + 1] if index + 1 < len(JOURNEY) else None)
    assert page.state == StepState(step_id)
    assert page.today == TODAY
    assert page.home_zone == "America/New_York"
    assert page.planned == load_journey(db, plan_id, today=TODAY).planned[step_id]


def test_the_first_step_has_no_previous_and_the_last_no_next(db: Database) -> None:
    plan_id = new_plan(db)
    first = load_step_page(db, plan_id, JOURNEY[0], today=TODAY)
    last = load_step_page(db, plan_id, JOURNEY[-1], today=TODAY)
    assert first.previous is None and first.next is not None and first.next.id == JOURNEY[1]
    assert last.next is None and last.previous is not None and last.previous.id == JOURNEY[-2]


@pytest.mark.parametrize("step_id", JOURNEY)
def test_a_step_page_shows_that_steps_checklist_items_only(db: Database, step_id: str) -> None:
    plan_id = new_plan(db)
    other_plan = new_plan(db, "Other")
    checklist = load_checklist(db, plan_id).items
    mine = [i for i in checklist if i.step_id == step_id]
    assert mine, "every step has template items"

    page = load_step_page(db, plan_id, step_id, today=TODAY)
    assert page.items == mine
    assert {i.id for i in page.items}.isdisjoint(i.id for i in load_checklist(db, other_plan).items)
    assert set(page.due_on) == {i.id for i in mine}


def test_a_step_page_shows_its_costs_in_the_home_currency(db: Database) -> None:
    plan_id = new_plan(db)
    other_plan = new_plan(db, "Other")
    mine = save_expense(
        db,
        plan_id,
        ExpenseDraft("Injection package", "treatment", "treatment", "4,500.00", "1,000.00", "USD", None),
        today=TODAY,
    )
    save_expense(
        db,
        plan_id,
        ExpenseDraft("Travel insurance", "insurance", None, "250.00", "", "USD", None),
        today=TODAY,
    )
    save_expense(
        db,
        other_plan,
        ExpenseDraft("Their package", "treatment", "treatment", "9,999.00", "", "USD", None),
        today=TODAY,
    )

    page = load_step_page(db, plan_id, "treatment", today=TODAY)
    assert page.expenses == [mine]
    assert page.costs.currency == "USD"
    assert (page.costs.planned, page.costs.actual, page.costs.lines) == (
        Decimal("4500.00"),
        Decimal("1000.00"),
        1,
    )
    assert page.costs.complete

    # A step without expenses costs nothing; the line without a step belongs to none.
    for step_id in JOURNEY:
        if step_id == "treatment":
            continue
        other = load_step_page(db, plan_id, step_id, today=TODAY)
        assert other.expenses == []
        assert (other.costs.currency, other.costs.planned, other.costs.lines) == ("USD", Decimal(0), 0)


def test_a_cost_in_another_currency_without_a_rate_is_counted_apart(db: Database) -> None:
    plan_id = new_plan(db)
    save_expense(
        db,
        plan_id,
        ExpenseDraft("Hotel", "lodging", "arrival-intake", "150,000", "", "KRW", None),
        today=TODAY,
    )
    save_expense(
        db, plan_id, ExpenseDraft("Taxi", "travel", "arrival-intake", "40.00", "", "USD", None), today=TODAY
    )
    costs = load_step_page(db, plan_id, "arrival-intake", today=TODAY).costs
    assert (costs.planned, costs.lines, costs.missing, costs.missing_from) == (
        Decimal("40.00"),
        2,
        1,
        frozenset({"KRW"}),
    )

    add_rate(db, plan_id, "USD", "KRW", "1,250", date(2026, 10, 1), today=TODAY)
    costs = load_step_page(db, plan_id, "arrival-intake", today=TODAY).costs
    assert (costs.planned, costs.lines, costs.missing) == (Decimal("160.00"), 2, 0)


def test_a_step_page_shows_its_appointments_only(db: Database) -> None:
    plan_id = new_plan(db)
    other_plan = new_plan(db, "Other")
    shot = save_appointment(
        db, plan_id, appointment("treatment", "injection", "Injection", datetime(2027, 3, 4, 14))
    )
    harvest = save_appointment(
        db, plan_id, appointment("treatment", "harvest", "Harvest", datetime(2027, 3, 4, 9))
    )
    save_appointment(db, plan_id, appointment("arrival-intake", "imaging", "MRI", datetime(2027, 3, 3, 11)))
    save_appointment(
        db, other_plan, appointment("treatment", "injection", "Theirs", datetime(2027, 3, 4, 10))
    )

    page = load_step_page(db, plan_id, "treatment", today=TODAY)
    assert page.appointments == [harvest, shot]
    assert [a.title for a in load_step_page(db, plan_id, "arrival-intake", today=TODAY).appointments] == [
        "MRI"
    ]
    assert load_step_page(db, plan_id, "departure", today=TODAY).appointments == []
    # The next appointment is among what to do next.
    assert any(a.startswith("Next appointment: Harvest, Thu 4 Mar 09:00") for a in page.actions)


def test_without_a_clinic_the_consultation_step_says_compare_clinics(db: Database) -> None:
    plan_id = new_plan(db)
    page = load_step_page(db, plan_id, "virtual-consultation", today=TODAY)
    assert page.actions[0] == COMPARE
    assert page.actions[-1] == "Mark the step in progress when you begin it."
    assert any(a.startswith("Checklist: ") for a in page.actions)
    assert page.current

    assert COMPARE not in load_step_page(db, plan_id, "treatment", today=TODAY).actions

    clinic_id = next(c.id for c in list_clinics(db) if c.catalogue_id == "sh-clinic")
    choose_clinic(db, plan_id, clinic_id)
    chosen = load_step_page(db, plan_id, "virtual-consultation", today=TODAY)
    assert COMPARE not in chosen.actions


def test_a_settled_step_points_to_the_next_one(db: Database) -> None:
    plan_id = new_plan(db)
    save_step(db, plan_id, "virtual-consultation", StepDraft("done", None, None, "Talked to SH"))
    page = load_step_page(db, plan_id, "virtual-consultation", today=TODAY)
    assert page.state == StepState("virtual-consultation", "done", note="Talked to SH")
    assert not page.current
    assert page.actions[-1] == "This step is done. Next: " + page.steps[1].name + "."
    assert load_step_page(db, plan_id, "booking-preparation", today=TODAY).current


def _check_in_plan(db: Database, name: str = "Knee, September") -> int:
    """A plan treated on 4 Sep 2026 (before the tests' today, 20 Nov 2026), its baseline and
    2-week check-in recorded."""
    plan_id = new_plan(db, name, departure=date(2026, 9, 1), return_=date(2026, 9, 12))
    set_treatment_date(db, plan_id, date(2026, 9, 4))
    save_check_in(db, plan_id, None, CheckInDraft("baseline", date(2026, 8, 27), {"pain-rest": "6"}))
    save_check_in(db, plan_id, None, CheckInDraft("2-weeks", date(2026, 9, 19), {"pain-rest": "5"}))
    return plan_id


def test_the_treatment_step_has_the_baseline_and_rehabilitation_at_home_the_check_ins(db: Database) -> None:
    plan_id = _check_in_plan(db)
    treatment = load_step_page(db, plan_id, "treatment", today=TODAY)
    assert treatment.has_check_ins and treatment.treatment == date(2026, 9, 4)
    assert [(s.point.id, s.due, s.taken_on) for s in treatment.check_ins] == [
        ("baseline", date(2026, 8, 28), date(2026, 8, 27))
    ]
    home = load_step_page(db, plan_id, "rehabilitation-home", today=TODAY)
    assert [(s.point.id, s.due, s.taken_on) for s in home.check_ins] == [
        ("2-weeks", date(2026, 9, 18), date(2026, 9, 19)),
        ("6-weeks", date(2026, 10, 16), None),
        ("3-months", date(2026, 12, 4), None),
        ("6-months", date(2027, 3, 4), None),
        ("12-months", date(2027, 9, 4), None),
    ]
    departure = load_step_page(db, plan_id, "departure", today=TODAY)
    assert not departure.has_check_ins and departure.check_ins == []


def test_moving_the_treatment_day_moves_a_steps_check_ins(db: Database) -> None:
    plan_id = _check_in_plan(db)
    set_treatment_date(db, plan_id, date(2026, 9, 8))
    home = load_step_page(db, plan_id, "rehabilitation-home", today=TODAY)
    assert [s.due for s in home.check_ins] == [
        date(2026, 9, 22),
        date(2026, 10, 20),
        date(2026, 12, 8),
        date(2027, 3, 8),
        date(2027, 9, 8),
    ]
    assert home.check_ins[0].taken_on == date(2026, 9, 19), "what was recorded stays recorded"
    (baseline,) = load_step_page(db, plan_id, "treatment", today=TODAY).check_ins
    assert baseline.due == date(2026, 9, 1)


def test_without_a_treatment_day_the_steps_have_check_ins_without_days(db: Database) -> None:
    plan_id = new_plan(db)
    home = load_step_page(db, plan_id, "rehabilitation-home", today=TODAY)
    assert home.has_check_ins and home.treatment is None and home.check_ins == []
    other = new_plan(db, "Other")
    treated = _check_in_plan(db)
    save_check_in(db, treated, None, CheckInDraft("6-weeks", date(2026, 10, 16), {"pain-rest": "4"}))
    assert load_step_page(db, other, "rehabilitation-home", today=TODAY).check_ins == []
