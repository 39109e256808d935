"""The baseline and check-ins move with the treatment day."""

from __future__ import annotations

from datetime import date

from planner.recovery.checkins import next_check_in_text, next_due, schedule


def test_check_ins_fall_two_and_six_weeks_then_three_six_and_twelve_months_after_treatment() -> None:
    due = [s.due for s in schedule(date(2027, 3, 10), {})]
    assert due == [
        date(2027, 3, 3),
        date(2027, 3, 24),
        date(2027, 4, 21),
        date(2027, 6, 10),
        date(2027, 9, 10),
        date(2028, 3, 10),
    ]


def test_a_month_without_the_day_ends_on_its_last_day() -> None:
    due = {s.point.id: s.due for s in schedule(date(2027, 11, 30), {})}
    assert due["3-months"] == date(2028, 2, 29)
    leap = {s.point.id: s.due for s in schedule(date(2028, 2, 29), {})}
    assert leap["12-months"] == date(2029, 2, 28)


def test_moving_the_treatment_day_moves_every_check_in() -> None:
    first = [s.due for s in schedule(date(2027, 3, 10), {})]
    later = [s.due for s in schedule(date(2027, 3, 17), {})]
    assert [(b - a).days for a, b in zip(first[:3], later[:3], strict=True)] == [7, 7, 7]


def test_the_next_check_in_due_is_the_first_not_answered_whatever_its_date() -> None:
    points = schedule(date(2027, 3, 10), {"baseline": date(2027, 3, 1), "2-weeks": date(2027, 4, 2)})
    upcoming = next_due(points)
    assert upcoming is not None and upcoming.point.id == "6-weeks"
    assert [s.done for s in points] == [True, True, False, False, False, False]


def test_nothing_is_due_when_every_check_in_is_done() -> None:
    taken = {
        p: date(2027, 1, 1) for p in ("baseline", "2-weeks", "6-weeks", "3-months", "6-months", "12-months")
    }
    assert next_due(schedule(date(2027, 3, 10), taken)) is None


def test_the_overview_line_says_which_check_in_is_next_and_when() -> None:
    points = schedule(date(2027, 3, 10), {"baseline": date(2027, 3, 2)})
    assert next_check_in_text(points, date(2027, 3, 20)) == (
        "The 2-week check-in is due Wed 24 Mar 2027, in 4 days (1 of 6 done)."
    )
    assert next_check_in_text(points, date(2027, 3, 24)).startswith("The 2-week check-in is due today")
    assert next_check_in_text(points, date(2027, 3, 25)) == (
        "The 2-week check-in was due Wed 24 Mar 2027, 1 day ago (1 of 6 done)."
    )
    assert next_check_in_text(schedule(date(2027, 3, 10), {}), date(2027, 2, 1)).startswith(
        "The baseline is due"
    )


def test_the_overview_line_without_a_treatment_day_or_when_all_are_done() -> None:
    assert next_check_in_text([], date(2027, 3, 20)).startswith("Set the treatment day")
    taken = {
        p: date(2027, 1, 1) for p in ("baseline", "2-weeks", "6-weeks", "3-months", "6-months", "12-months")
    }
    assert (
        next_check_in_text(schedule(date(2027, 3, 10), taken), date(2027, 3, 20)) == "Every check-in is done."
    )


def test_a_baseline_missed_by_the_treatment_day_is_skipped_for_the_next_check_in() -> None:
    points = schedule(date(2027, 3, 10), {})
    assert next_check_in_text(points, date(2027, 3, 10)).startswith("The baseline was due")
    assert next_check_in_text(points, date(2027, 3, 11)).startswith("The 2-week check-in is due")
