"""Bad input to a check-in or a diary entry is refused at its field, with a message."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.validation import ValidationError
from planner.recovery.rules import (
    NOTE_MOST,
    CheckInDraft,
    DiaryDraft,
    activity_names_problem,
    minutes_from_text,
    validate_check_in,
    validate_diary_entry,
)
from tests.domain.recovery.measures_here import MEASURES

TREATMENT = date(2027, 3, 10)
TODAY = date(2027, 6, 1)
ALL = MEASURES.for_plan(knee=True)


def check_in(**values: str) -> CheckInDraft:
    return CheckInDraft("3-months", date(2027, 5, 30), values)


def refused(draft: CheckInDraft, activities: tuple[int, ...] = ()) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_check_in(draft, ALL, activities, TREATMENT, TODAY)
    return caught.value.errors


def diary(**fields: object) -> DiaryDraft:
    return DiaryDraft(**{"entry_on": date(2027, 5, 1), **fields})  # type: ignore[arg-type]


def diary_refused(draft: DiaryDraft) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_diary_entry(
            draft,
            MEASURES.get("pain-activity"),
            MEASURES.get("swelling"),
            MEASURES.get("painkillers"),
            (1, 2),
            TREATMENT,
            TODAY,
        )
    return caught.value.errors


def test_a_check_in_keeps_every_answer_as_a_number() -> None:
    clean = validate_check_in(
        CheckInDraft(
            "3-months",
            date(2027, 6, 1),
            {"pain-rest": "2", "walking-time": "1 h 5 min", "knee-bend": "115", "swelling": "Mild"},
            {7: "6", 8: "4", 9: "5"},
            "Better on stairs",
        ),
        ALL,
        (7, 8, 9),
        TREATMENT,
        TODAY,
    )
    assert clean.values == {"pain-rest": 2, "walking-time": 65, "knee-bend": 115, "swelling": 1}
    assert clean.activity_ratings == {7: 6, 8: 4, 9: 5}


@pytest.mark.parametrize("typed", ["11", "-1", "7.5", "seven"])
def test_a_pain_score_outside_zero_to_ten_is_refused_at_its_field(typed: str) -> None:
    errors = refused(check_in(**{"pain-rest": typed}))
    assert list(errors) == ["pain-rest"] and "0 to 10" in errors["pain-rest"]


def test_an_activity_rated_outside_its_scale_is_refused_at_that_activity() -> None:
    errors = refused(CheckInDraft("3-months", date(2027, 5, 30), {}, {1: "5", 2: "12"}), (1, 2))
    assert list(errors) == ["activity-2"]


def test_a_check_in_dated_in_the_future_is_refused() -> None:
    errors = refused(CheckInDraft("3-months", date(2027, 6, 2), {"pain-rest": "3"}))
    assert "future" in errors["date"]


def test_a_baseline_after_treatment_and_a_check_in_before_it_are_refused() -> None:
    assert (
        "before the treatment"
        in refused(CheckInDraft("baseline", date(2027, 3, 11), {"pain-rest": "3"}))["date"]
    )
    assert (
        "after the treatment"
        in refused(CheckInDraft("2-weeks", date(2027, 3, 9), {"pain-rest": "3"}))["date"]
    )


@pytest.mark.parametrize("degrees", ["181", "-5", "200"])
def test_a_knee_bend_outside_0_to_180_degrees_is_refused(degrees: str) -> None:
    assert "0 to 180 degrees" in refused(check_in(**{"knee-bend": degrees}))["knee-bend"]


@pytest.mark.parametrize("typed", ["soon", "1:75", "1 h 70", "2.5", "25 km", "1441"])
def test_a_walking_time_that_is_not_a_duration_is_refused(typed: str) -> None:
    assert "Walking time" in refused(check_in(**{"walking-time": typed}))["walking-time"]


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("25", 25), ("25 min", 25), ("1:30", 90), ("1 h 30 min", 90), ("1h30", 90), ("2 hours", 120), ("0", 0)],
)
def test_durations_are_read_as_people_write_them(typed: str, minutes: int) -> None:
    assert minutes_from_text(typed) == minutes


def test_an_empty_check_in_asks_for_one_answer() -> None:
    assert "at least one" in refused(check_in())["values"]


@pytest.mark.parametrize("count", [2, 6])
def test_fewer_than_three_or_more_than_five_activities_are_refused(count: int) -> None:
    names = [f"Activity {n}" for n in range(count)]
    problem = activity_names_problem(names, 3, 5)
    assert problem is not None and "3 to 5" in problem


def test_three_to_five_distinct_activities_are_taken_and_repeats_are_not() -> None:
    assert activity_names_problem(["Stairs", "Running", "Kneeling"], 3, 5) is None
    assert activity_names_problem(["Stairs", "stairs", "Kneeling"], 3, 5) == "Each activity is named once."


def test_a_note_of_ten_thousand_characters_in_hangul_is_kept_and_one_more_is_refused() -> None:
    note = ("무릎 " * 5000)[:NOTE_MOST]
    kept = validate_check_in(
        CheckInDraft("3-months", date(2027, 5, 30), {"pain-rest": "2"}, note="x" + note[1:]),
        ALL,
        (),
        TREATMENT,
        TODAY,
    )
    assert len(kept.note) == NOTE_MOST and kept.note[1:] == note[1:]
    errors = refused(
        CheckInDraft("3-months", date(2027, 5, 30), {"pain-rest": "2"}, note="x" * (NOTE_MOST + 1))
    )
    assert "10,000" in errors["note"]


def test_a_diary_entry_more_than_two_years_after_treatment_is_refused() -> None:
    late = date(2029, 3, 11)
    with pytest.raises(ValidationError) as caught:
        validate_diary_entry(
            DiaryDraft(late, pain="3"),
            MEASURES.get("pain-activity"),
            MEASURES.get("swelling"),
            MEASURES.get("painkillers"),
            (),
            TREATMENT,
            date(2030, 1, 1),
        )
    assert "2 years" in caught.value.errors["date"]


def test_a_diary_entry_in_the_future_or_with_bad_numbers_is_refused_field_by_field() -> None:
    errors = diary_refused(diary(entry_on=date(2027, 6, 2), pain="12", painkillers="lots"))
    assert set(errors) == {"date", "pain", "painkillers"}


def test_a_diary_entry_ticks_only_the_plans_exercises_and_known_side_effects() -> None:
    errors = diary_refused(diary(exercises_done=frozenset({3}), side_effects=frozenset({"itching"})))
    assert set(errors) == {"exercises", "side-effects"}
