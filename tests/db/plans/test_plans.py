"""Plans through the services, on a fresh database each time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.plans.service import (
    PlanDraft,
    change_dates,
    create_plan,
    delete_plan,
    duplicate_plan,
    get_plan,
    list_plans,
    rename_plan,
)


def draft(**changes: object) -> PlanDraft:
    values: dict[str, object] = {
        "name": "Knee, Cellinique, March",
        "condition_id": "knee-cartilage-damage",
        "home_country": "GB",
        "home_currency": "GBP",
        "departure": date(2027, 3, 1),
        "return_": date(2027, 3, 11),
        "budget_limit": "15,000",
    }
    values.update(changes)
    return PlanDraft(**values)  # type: ignore[arg-type]


def test_create_and_list(db: Database) -> None:
    plan = create_plan(db, draft())
    assert plan.name == "Knee, Cellinique, March"
    assert plan.home_country_name == "United Kingdom"
    assert plan.budget_limit is not None and plan.budget_limit.amount == Decimal("15000")
    assert plan.nights == 10
    assert [p.name for p in list_plans(db)] == ["Knee, Cellinique, March"]


def test_hangul_and_emoji_names_round_trip(db: Database) -> None:
    plan = create_plan(db, draft(name="무릎 치료 🦵 서울"))
    assert get_plan(db, plan.id) == plan


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 500}, "name"),
        ({"condition_id": "no-such-condition"}, "condition"),
        ({"home_country": "XX"}, "home_country"),
        ({"home_currency": "ABC"}, "home_currency"),
        ({"return_": date(2027, 2, 1)}, "return"),
        ({"budget_limit": "-5"}, "budget_limit"),
        ({"budget_limit": "lots"}, "budget_limit"),
        ({"budget_limit": "12.345"}, "budget_limit"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    db: Database, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        create_plan(db, draft(**changes))
    assert field in refused.value.errors
    assert list_plans(db) == []


def test_names_are_unique_regardless_of_case_and_spaces(db: Database) -> None:
    create_plan(db, draft(name="Knee plan"))
    with pytest.raises(ValidationError) as refused:
        create_plan(db, draft(name="  KNEE   plan "))
    assert "already have a plan" in refused.value.errors["name"]
    assert len(list_plans(db)) == 1


def test_rename_checks_the_name_but_allows_keeping_it(db: Database) -> None:
    first = create_plan(db, draft(name="First"))
    create_plan(db, draft(name="Second"))
    assert rename_plan(db, first.id, "first").name == "first"
    with pytest.raises(ValidationError):
        rename_plan(db, first.id, "second")
    with pytest.raises(ValidationError):
        rename_plan(db, first.id, "")
    assert sorted(p.name for p in list_plans(db)) == ["Second", "first"]


def test_duplicate_makes_an_unclashing_copy(db: Database) -> None:
    plan = create_plan(db, draft(name="Knee"))
    first = duplicate_plan(db, plan.id)
    second = duplicate_plan(db, plan.id)
    assert (first.name, second.name) == ("Knee (copy)", "Knee (copy 2)")
    assert first.budget_limit == plan.budget_limit and first.departure == plan.departure


def test_delete_removes_only_that_plan(db: Database) -> None:
    keep = create_plan(db, draft(name="Keep"))
    gone = create_plan(db, draft(name="Gone"))
    delete_plan(db, gone.id)
    assert [p.id for p in list_plans(db)] == [keep.id]


def test_zero_decimal_currency_budget(db: Database) -> None:
    plan = create_plan(db, draft(home_country="KR", home_currency="krw", budget_limit="25,000,000"))
    assert plan.home_currency == "KRW"
    assert plan.budget_limit is not None and plan.budget_limit.to_minor() == 25_000_000


@pytest.mark.parametrize(
    ("departure", "return_", "treatment", "field"),
    [
        (date(2027, 3, 11), date(2027, 3, 1), None, "return"),
        (date(2027, 3, 1), date(2027, 3, 11), date(2027, 2, 28), "treatment"),
        (date(2027, 3, 1), date(2027, 3, 11), date(2027, 3, 12), "treatment"),
    ],
)
def test_trip_dates_that_do_not_fit_are_refused_and_nothing_changes(
    db: Database, departure: date, return_: date, treatment: date | None, field: str
) -> None:
    plan = create_plan(db, PlanDraft("Dates", "sprain", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), ""))
    with pytest.raises(ValidationError) as refused:
        change_dates(db, plan.id, departure, return_, treatment)
    assert field in refused.value.errors
    after = get_plan(db, plan.id)
    assert after is not None
    assert (after.departure, after.return_, after.treatment_date) == (
        date(2027, 3, 1),
        date(2027, 3, 11),
        None,
    )


def test_trip_dates_are_changed_with_the_treatment_day(db: Database) -> None:
    plan = create_plan(db, PlanDraft("Dates", "sprain", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), ""))
    changed = change_dates(db, plan.id, date(2027, 4, 1), date(2027, 4, 9), date(2027, 4, 3))
    assert (changed.departure, changed.return_, changed.treatment_date) == (
        date(2027, 4, 1),
        date(2027, 4, 9),
        date(2027, 4, 3),
    )
