"""What each progress chart draws, and which charts have anything to draw yet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from planner.recovery.chart_series import (
    ADHERENCE,
    FUNCTION,
    PAIN,
    charts_with_data,
    function_lines,
    pain_lines,
)
from planner.recovery.model import CheckIn
from planner.recovery.progress import compared
from tests.domain.recovery.test_progress import BASELINE, SIX_WEEKS, THREE_MONTHS, TREATMENT, entry, recovery

TODAY = date(2027, 7, 1)


def test_nothing_recorded_draws_nothing() -> None:
    empty = recovery()
    assert charts_with_data(empty, compared(empty), TODAY) == []
    assert pain_lines(empty).days == []
    lines = function_lines(empty, compared(empty))
    assert lines.average == [] and not lines.has_baseline
    assert [name for name, points in lines.activities] == ["Stairs", "Running", "Kneeling"]


def test_pain_comes_from_the_diary_and_both_pains_of_the_check_ins() -> None:
    rest = replace(BASELINE, values={**BASELINE.values, "pain-rest": 4})
    diary = (
        entry(TREATMENT, pain=6),
        entry(TREATMENT + timedelta(days=1)),
        entry(TREATMENT + timedelta(days=2), pain=5),
    )
    lines = pain_lines(recovery((rest, SIX_WEEKS), diary))
    assert lines.diary == [(TREATMENT, Decimal(6)), (TREATMENT + timedelta(days=2), Decimal(5))]
    assert lines.rest == [(date(2027, 3, 1), Decimal(4))]
    assert lines.activity == [(date(2027, 3, 1), Decimal(7)), (date(2027, 4, 22), Decimal(4))]


def test_function_starts_at_the_baseline_with_each_activity() -> None:
    early = CheckIn(9, "", date(2027, 2, 1), {}, {1: 1, 2: 1, 3: 1}, "")  # before the baseline
    with_all = recovery((early, BASELINE, SIX_WEEKS, THREE_MONTHS))
    lines = function_lines(with_all, compared(with_all))
    assert lines.has_baseline
    assert [day for day, _value in lines.average] == [date(2027, 3, 1), date(2027, 4, 22), date(2027, 6, 12)]
    assert lines.average[0][1] == Decimal("2.0")
    stairs = dict(lines.activities)["Stairs"]
    assert [value for _day, value in stairs] == [Decimal(2), Decimal(6), Decimal(7)]


def test_a_baseline_without_ratings_has_no_function_line_but_has_a_baseline() -> None:
    no_ratings = replace(BASELINE, activity_ratings={})
    plain = recovery((no_ratings,))
    lines = function_lines(plain, compared(plain))
    assert lines.average == [] and lines.has_baseline
    assert charts_with_data(plain, compared(plain), TODAY) == [PAIN]


def test_adherence_needs_diary_days_from_the_treatment() -> None:
    done = frozenset({10})
    with_diary = recovery(
        (BASELINE, SIX_WEEKS), (entry(TREATMENT, done=done), entry(TREATMENT + timedelta(days=8)))
    )
    assert charts_with_data(with_diary, compared(with_diary), TODAY) == [PAIN, FUNCTION, ADHERENCE]
    without_treatment = replace(with_diary, treatment=None, schedule=())
    assert ADHERENCE not in charts_with_data(without_treatment, compared(without_treatment), TODAY)
