"""Checklist rules without Qt: due dates that move with the trip, filters, progress, passport."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.checklist.rules import (
    ChecklistError,
    Due,
    Filter,
    Item,
    TripDates,
    add_months,
    check_text,
    matches_filter,
    next_due,
    parse_due_date,
    parse_offset,
    passport_problem,
    tally,
)

TRIP = TripDates(date(2027, 3, 1), date(2027, 3, 11), date(2027, 3, 3))
TODAY = date(2027, 2, 20)
DONE = datetime(2027, 2, 1, 9, 30)


NO_DUE = Due()


def item(item_id: int, due: Due = NO_DUE, done: bool = False, step: str = "booking-preparation") -> Item:
    return Item(item_id, step, f"Item {item_id}", "task", DONE if done else None, due)


def test_a_relative_due_date_counts_from_its_anchor() -> None:
    assert Due(anchor="departure", days=-30).resolve(TRIP) == date(2027, 1, 30)
    assert Due(anchor="treatment", days=2).resolve(TRIP) == date(2027, 3, 5)
    assert Due(anchor="return", days=0).resolve(TRIP) == date(2027, 3, 11)


def test_a_relative_due_date_moves_when_the_trip_moves() -> None:
    due = Due(anchor="departure", days=-14)
    later = TripDates(date(2027, 5, 3), date(2027, 5, 12), None)
    assert due.resolve(TRIP) == date(2027, 2, 15)
    assert due.resolve(later) == date(2027, 4, 19)


def test_a_fixed_due_date_does_not_move() -> None:
    due = Due(on=date(2027, 1, 15))
    assert (
        due.resolve(TRIP) == due.resolve(TripDates(date(2027, 6, 1), date(2027, 6, 9))) == date(2027, 1, 15)
    )


def test_treatment_relative_dates_wait_for_a_treatment_date() -> None:
    assert Due(anchor="treatment", days=1).resolve(TripDates(date(2027, 3, 1), date(2027, 3, 11))) is None


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=0, max_value=366),
    st.integers(min_value=-365, max_value=365),
)
def test_a_relative_date_keeps_its_distance_from_the_anchor(departure: date, length: int, days: int) -> None:
    trip = TripDates(departure, departure + timedelta(days=length))
    resolved = Due(anchor="departure", days=days).resolve(trip)
    assert resolved is not None
    assert (resolved - departure).days == days


def test_describing_due_dates() -> None:
    assert Due(anchor="departure", days=-30).describe() == "30 days before departure"
    assert Due(anchor="treatment", days=1).describe() == "1 day after treatment"
    assert Due(anchor="return", days=0).describe() == "on return day"
    assert Due(on=date(2027, 1, 5)).describe() == "5 Jan 2027"
    assert Due().describe() == ""


@pytest.mark.parametrize("text", ["", "soon", "1.5", "366", "-400"])
def test_bad_offsets_are_refused(text: str) -> None:
    with pytest.raises(ChecklistError):
        parse_offset(text)


def test_offsets_as_typed() -> None:
    assert parse_offset(" -30 ") == -30
    assert parse_offset("+3") == 3
    assert parse_offset("\u22127") == -7
    assert parse_offset("365") == 365


def test_due_dates_as_typed() -> None:
    assert parse_due_date("2027-03-01") == date(2027, 3, 1)
    assert parse_due_date("3/1/27", "en_US") == date(2027, 3, 1)


@pytest.mark.parametrize("text", ["", "next week", "2027-02-30", "13/45/27"])
def test_dates_that_cannot_be_read_are_refused(text: str) -> None:
    with pytest.raises(ChecklistError):
        parse_due_date(text, "en_US")


def test_item_text_must_say_something_and_not_too_much() -> None:
    assert check_text("  Book   the flights ") == "Book the flights"
    with pytest.raises(ChecklistError):
        check_text("   ")
    with pytest.raises(ChecklistError):
        check_text("x" * 501)


def test_filters() -> None:
    overdue = item(1, Due(anchor="departure", days=-30))  # 30 Jan
    soon = item(2, Due(on=date(2027, 2, 24)))
    later = item(3, Due(anchor="departure", days=0))
    undated = item(4)
    done = item(5, Due(on=date(2027, 1, 1)), done=True)
    items = [overdue, soon, later, undated, done]

    def shown(chosen: Filter) -> list[int]:
        return [i.id for i in items if matches_filter(i, chosen, TRIP, TODAY)]

    assert shown(Filter.ALL) == [1, 2, 3, 4, 5]
    assert shown(Filter.OPEN) == [1, 2, 3, 4]
    assert shown(Filter.OVERDUE) == [1]
    assert shown(Filter.DUE_SOON) == [2]
    assert shown(Filter.DONE) == [5]
    due_on = {i.id: i.due.resolve(TRIP) for i in items}
    assert tally(items, due_on, [], TODAY).overdue == 1  # only the open one past its date, not the done one


def test_progress_overall_and_per_step_in_the_steps_order() -> None:
    items = [item(1, done=True), item(2), item(3, step="treatment", done=True)]
    counted = tally(items, {}, ["virtual-consultation", "booking-preparation", "treatment"], TODAY)
    assert counted.overall.describe() == "2 of 3 done"
    assert counted.overall.percent == 67
    by_step = counted.by_step
    assert list(by_step) == ["virtual-consultation", "booking-preparation", "treatment"]
    assert (by_step["virtual-consultation"].total, by_step["booking-preparation"].done) == (0, 1)
    assert by_step["treatment"].percent == 100
    assert tally([], {}, [], TODAY).overall.describe() == "nothing to do"


def test_the_next_items_due_are_the_soonest_open_ones() -> None:
    items = [
        item(1, Due(on=date(2027, 2, 25))),
        item(2, Due(on=date(2027, 1, 10))),
        item(3, Due(on=date(2027, 1, 1)), done=True),
        item(4),
        item(5, Due(anchor="departure", days=-1)),
    ]
    assert [(d, i.id) for d, i in next_due(items, TRIP, 3)] == [
        (date(2027, 1, 10), 2),
        (date(2027, 2, 25), 1),
        (date(2027, 2, 28), 5),
    ]


def test_six_months_later_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2027, 3, 11), 6) == date(2027, 9, 11)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2027, 12, 15), 6) == date(2028, 6, 15)


def test_a_passport_expiring_within_six_months_of_the_return_is_flagged() -> None:
    message = passport_problem(date(2027, 9, 10), TRIP.return_)
    assert message is not None and "10 Sep 2027" in message and "6 months" in message
    assert passport_problem(date(2027, 9, 11), TRIP.return_) is None
    assert passport_problem(None, TRIP.return_) is None


@given(st.lists(st.tuples(st.integers(-60, 60), st.booleans(), st.booleans()), max_size=30))
def test_the_quick_filter_keeps_what_matches_filter_keeps(specs: list[tuple[int, bool, bool]]) -> None:
    from planner.checklist.rules import filter_items

    items = [
        item(n, Due(anchor="departure", days=days) if dated else NO_DUE, done=done)
        for n, (days, dated, done) in enumerate(specs)
    ]
    due_on = {i.id: i.due.resolve(TRIP) for i in items}
    for chosen in Filter:
        assert filter_items(items, chosen, due_on, TODAY) == [
            i for i in items if matches_filter(i, chosen, TRIP, TODAY)
        ]
