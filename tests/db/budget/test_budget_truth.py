"""The issue's scenario through the services: the accepted quote counts in every budget sum,
once, and the budget says plainly when the plan is over its limit."""

from __future__ import annotations

from decimal import Decimal

from planner.budget.service import load_budget, save_expense
from planner.budget.summary_service import budget_glance, summarise
from planner.db.database import Database
from planner.printouts.budget import build_budget_printout
from planner.step_page.service import load_step_page
from tests.db.uk_patient import TODAY, enter_rate, expense, uk_patient


def test_without_a_rate_the_quote_is_named_as_left_out_not_silently_dropped(db: Database) -> None:
    plan_id = uk_patient(db)
    summary = summarise(load_budget(db, plan_id), TODAY)
    home = summary.totals[0]
    assert (home.currency, home.planned, home.missing) == ("GBP", Decimal(1535), 1)
    assert [w.text for w in summary.limit.warnings] == [
        "1 line in USD is left out of the GBP totals: enter a rate from USD to GBP."
    ]


def test_the_uk_patients_budget_counts_her_accepted_quote(db: Database) -> None:
    plan_id = uk_patient(db)
    enter_rate(db, plan_id)
    summary = summarise(load_budget(db, plan_id), TODAY)
    home, usd, _krw = summary.totals
    assert (home.planned, home.missing) == (Decimal("10415.00"), 0)  # £8,880 + £900 + £635
    assert usd.planned == Decimal("11100") + Decimal("1918.75")  # the lines were £1,535
    assert summary.limit.remaining_planned == Decimal("1585.00")  # not £10,465
    texts = [w.text for w in summary.limit.warnings]
    assert texts == ["The estimate's high end, £12,520.02, is £520.02 over your £12,000.00 limit."]

    glance = budget_glance(db, plan_id, TODAY)
    assert glance.limit == ("£12,000.00: planned costs £10,415.00, left after planned costs £1,585.00.")
    assert glance.warnings == tuple(texts)

    treatment = load_step_page(db, plan_id, "treatment", TODAY)
    assert treatment.costs.planned == Decimal("8880.00")
    assert [e.label for e in treatment.expenses] == ["Accepted quote from Cellinique Clinic"]


def test_planned_costs_over_the_limit_are_said_with_by_how_much_on_the_printout(db: Database) -> None:
    plan_id = uk_patient(db)
    enter_rate(db, plan_id)
    save_expense(db, plan_id, expense("Interpreter", "interpreter", "1,819"), today=TODAY)
    html = build_budget_printout(db, plan_id, TODAY).html
    assert "Left after planned costs: nothing: £234.00 over." in html
    assert "The planned costs are £234.00 over your £12,000.00 limit." in html
    assert "The estimate&#x27;s high end, £12,520.02, is £520.02 over your £12,000.00 limit." in html
    assert "Accepted quote from Cellinique Clinic" in html and "$11,100.00" in html
    assert "counts as the treatment&#x27;s planned cost" in html
    glance = budget_glance(db, plan_id, TODAY)
    assert "left after planned costs nothing: £234.00 over" in glance.limit


def test_costs_entered_again_as_treatment_lines_are_not_counted_twice(db: Database) -> None:
    plan_id = uk_patient(db)
    enter_rate(db, plan_id)
    deposit = expense("Deposit to Cellinique", "treatment", "1,110", "USD", actual="1,110")
    save_expense(db, plan_id, deposit, today=TODAY)
    surgeon = expense("Surgeon's fee", "surgeon", "4,800")
    save_expense(db, plan_id, surgeon, today=TODAY)
    summary = summarise(load_budget(db, plan_id), TODAY)
    home = summary.totals[0]
    assert home.planned == Decimal("10415.00")  # still the quote, the flights and the hotel
    assert home.actual == Decimal("888.00")  # the deposit paid does count
    by_step = load_step_page(db, plan_id, "treatment", TODAY).costs
    assert by_step.planned == Decimal("8880.00")


def test_the_estimates_stay_follows_the_plans_own_days(db: Database) -> None:
    plan_id = uk_patient(db)
    summary = summarise(load_budget(db, plan_id), TODAY)
    hotel = next(row.line for row in summary.estimate if row.line.key == "hotel")
    daily = next(row.line for row in summary.estimate if row.line.key == "daily")
    assert hotel.basis.startswith("9 nights at ")  # arriving 6 March, flying home 15 March
    assert daily.basis.startswith("10 days at ")
