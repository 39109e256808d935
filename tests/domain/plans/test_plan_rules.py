"""The New Plan rules, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.clinics.drafts import check_clinic_name
from planner.core.limits import check_dates
from planner.plans.rules import PlanDraft, check_name, copy_name, validate_draft

CONDITIONS = {"knee-cartilage-damage"}


def make() -> PlanDraft:
    return PlanDraft("Knee", "knee-cartilage-damage", "US", "USD", date(2027, 5, 1), date(2027, 5, 10), "")


def _replace(draft: PlanDraft, changes: dict[str, object]) -> PlanDraft:
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_a_good_draft_is_cleaned() -> None:
    clean, errors = validate_draft(_replace(make(), {"name": "  Knee   plan "}), set(), CONDITIONS)
    assert errors == {} and clean is not None
    assert clean.name == "Knee plan" and clean.budget_limit is None


def test_every_problem_is_reported_at_once() -> None:
    bad = _replace(
        make(),
        {
            "name": "",
            "home_country": "",
            "home_currency": "zzz",
            "return_": date(2027, 4, 1),
            "condition_id": "",
        },
    )
    clean, errors = validate_draft(bad, set(), CONDITIONS)
    assert clean is None
    assert set(errors) == {"name", "condition", "home_country", "home_currency", "return"}


def test_name_messages() -> None:
    assert check_name("Knee", {"knee"}) is not None
    assert check_name("Knee", set()) is None
    assert "name" in (check_name("  ", set()) or "")


def test_return_before_departure_is_refused_same_day_allowed() -> None:
    assert check_dates(date(2027, 1, 2), date(2027, 1, 1)) is not None
    assert check_dates(date(2027, 1, 1), date(2027, 1, 1)) is None


@given(st.dates(), st.integers(min_value=0, max_value=366))
def test_any_trip_up_to_a_year_is_accepted(start: date, days: int) -> None:
    end = start + timedelta(days=days) if start <= date.max - timedelta(days=days) else start
    assert check_dates(start, end) is None


@given(st.sets(st.integers(min_value=2, max_value=30)))
def test_copy_names_never_clash(used: set[int]) -> None:
    taken = {"knee (copy)"} | {f"knee (copy {n})" for n in used}
    name = copy_name("Knee", taken)
    assert name.casefold() not in taken and name.startswith("Knee (copy")


def test_a_name_with_a_control_character_is_refused_and_korean_and_emoji_are_kept() -> None:
    for evil in ("Knee \x1b[2J March", "Knee\x07", "Knee\x00March", "Knee \x9b March"):
        assert check_name(evil, set()) == "Names cannot hold control characters; type the name again."
        assert check_clinic_name(evil, set()) == "Names cannot hold control characters; type the name again."
    assert check_name("무릎 계획 🦵, Zürich", set()) is None
    assert check_name("Knee\tMarch", set()) is None  # a tab typed is tidied into a space
