"""What the Recovery page says in words (no window needed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.recovery.checkins import schedule
from planner.recovery.model import CheckIn
from planner.ui.recovery.recovery_text import (
    access_letters,
    check_in_summary,
    next_check_in_sentence,
    treatment_sentence,
)
from tests.domain.recovery.measures_here import MEASURES

TREATMENT = date(2027, 3, 11)


@pytest.mark.parametrize(
    ("today", "said"),
    [
        (date(2027, 3, 11), "Treatment day: Thu 11 Mar 2027, today."),
        (date(2027, 3, 10), "Treatment day: Thu 11 Mar 2027, tomorrow."),
        (date(2027, 3, 12), "Treatment day: Thu 11 Mar 2027, yesterday."),
        (date(2027, 3, 1), "Treatment day: Thu 11 Mar 2027, in 10 days."),
        (date(2027, 4, 8), "Treatment day: Thu 11 Mar 2027, 4 weeks ago."),
        (date(2027, 9, 11), "Treatment day: Thu 11 Mar 2027, 6 months ago."),
    ],
)
def test_the_treatment_day_and_how_far_off_it_is(today: date, said: str) -> None:
    assert treatment_sentence(TREATMENT, today) == said


def test_without_a_treatment_day_it_says_where_to_set_it() -> None:
    assert "File › Trip dates" in treatment_sentence(None, date(2027, 3, 1))


def test_the_next_check_in_due_today_overdue_and_all_done() -> None:
    points = schedule(TREATMENT, {})
    assert next_check_in_sentence(points, TREATMENT, date(2027, 3, 1)) == (
        "Next check-in: Baseline, due Thu 4 Mar 2027.",
        False,
    )
    assert next_check_in_sentence(points, TREATMENT, date(2027, 3, 4)) == (
        "Next check-in: Baseline, due today (Thu 4 Mar 2027).",
        False,
    )
    assert next_check_in_sentence(points, TREATMENT, date(2027, 3, 8)) == (
        "Next check-in: Baseline, due Thu 4 Mar 2027, 4 days ago: record it when you can.",
        True,
    )
    # Once the treatment day has come, a missed baseline is passed over for the next one.
    assert next_check_in_sentence(points, TREATMENT, date(2027, 3, 12))[0] == (
        "Next check-in: 2 weeks, due Thu 25 Mar 2027."
    )
    done = schedule(TREATMENT, {p.point.id: p.due for p in points})
    assert next_check_in_sentence(done, TREATMENT, date(2028, 4, 1)) == (
        "Check-ins: all done, from the baseline to 12 months.",
        False,
    )
    assert next_check_in_sentence((), None, date(2027, 3, 1)) == ("", False)


def test_a_check_in_in_short_has_each_answer_as_recorded() -> None:
    check_in = CheckIn(
        1,
        "6-weeks",
        TREATMENT + timedelta(days=42),
        {"pain-rest": 2, "walking-time": 95, "swelling": 1, "knee-bend": 120},
        {1: 6, 2: 4, 3: 5},
        "",
    )
    assert check_in_summary(check_in, MEASURES.for_plan(knee=True)) == (
        "Pain at rest 2 · Activities 5 · Walking 1 h 35 min · Knee bend 120 degrees · Swelling Mild"
    )


def test_access_letters_are_unique_and_skip_those_taken() -> None:
    assert access_letters(["Pain at rest", "Pain during activity", "Swelling", "R&D"], "SC") == [
        "&Pain at rest",
        "P&ain during activity",
        "S&welling",
        "&R&&D",
    ]
    assert access_letters(["Ab", "ab", "ab"], "") == ["&Ab", "a&b", "ab"]
