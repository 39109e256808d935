"""Where the progress charts label their axes: a few days, whole months or week numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core.limits import EARLIEST_DAY, LATEST_DAY
from planner.recovery.timeline import MOST_DATE_TICKS, MOST_WEEK_TICKS, date_ticks, week_ticks


def test_a_short_span_is_labelled_by_day_from_its_first_day() -> None:
    assert date_ticks(date(2027, 3, 1), date(2027, 3, 1)) == [(date(2027, 3, 1), "1 Mar")]
    assert date_ticks(date(2027, 3, 1), date(2027, 3, 20)) == [
        (date(2027, 3, 1), "1 Mar"),
        (date(2027, 3, 8), "8 Mar"),
        (date(2027, 3, 15), "15 Mar"),
    ]


def test_six_months_are_labelled_by_month_and_two_years_every_six_months() -> None:
    six = date_ticks(date(2027, 3, 3), date(2027, 9, 10))
    assert [label for _day, label in six] == [
        "Apr 2027",
        "May 2027",
        "Jun 2027",
        "Jul 2027",
        "Aug 2027",
        "Sep 2027",
    ]
    two = date_ticks(date(2027, 3, 3), date(2029, 3, 10))
    assert [label for _day, label in two] == ["Jul 2027", "Jan 2028", "Jul 2028", "Jan 2029"]
    assert all(day.day == 1 for day, _label in two)


@pytest.mark.parametrize("days", [0, 1, 13, 62, 63, 100, 400, 800, 3000])
@pytest.mark.parametrize("most", [3, 4, MOST_DATE_TICKS])
def test_never_more_ticks_than_asked_and_all_inside_the_span(days: int, most: int) -> None:
    first = date(2027, 3, 17)
    last = first + timedelta(days=days)
    ticks = date_ticks(first, last, most)
    assert 0 < len(ticks) <= most
    assert all(first <= day <= last for day, _label in ticks)
    assert [day for day, _label in ticks] == sorted({day for day, _label in ticks})


def test_the_whole_window_of_dates_is_labelled_without_failing() -> None:
    ticks = date_ticks(EARLIEST_DAY, LATEST_DAY)
    assert ticks[0] == (date(1900, 1, 1), "Jan 1900") and len(ticks) <= MOST_DATE_TICKS
    assert date_ticks(LATEST_DAY - timedelta(days=400), LATEST_DAY)[-1][0] <= LATEST_DAY


def test_week_numbers_start_at_one_and_thin_out_over_long_recoveries() -> None:
    assert week_ticks(0) == []
    assert week_ticks(1) == [1]
    assert week_ticks(13) == list(range(1, 14))
    assert week_ticks(14) == [1, 3, 5, 7, 9, 11, 13]
    assert week_ticks(105) == [1, 14, 27, 40, 53, 66, 79, 92, 105]
    assert all(len(week_ticks(n)) <= MOST_WEEK_TICKS for n in range(200))
