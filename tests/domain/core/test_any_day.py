"""The date-sensitive texts on days that used to catch us out: the 1st and the 9th of a month (a
leading zero, or a platform-only %-d), 29 February, New Year's Eve, and 23:30, when the date in
UTC may already be tomorrow. Each test runs with the app's clock pinned to each of those moments
and expects text written out here by hand, not by the module under test."""

from __future__ import annotations

import locale
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from planner.budget.deposit import Deposit, deposit_state
from planner.checklist.rules import Due, Filter, Item, TripDates, matches_filter
from planner.core import clock, dates
from planner.journey.itinerary_text import day_label
from planner.journey.rules import Stay
from planner.printouts.document import page_footer
from planner.step_page.text import _dates as step_dates

MOMENTS = {
    "the-1st": datetime(2027, 3, 1, 9, 0),
    "the-9th": datetime(2027, 6, 9, 9, 0),
    "leap-day": datetime(2028, 2, 29, 12, 0),
    "new-years-eve": datetime(2026, 12, 31, 12, 0),
    "the-1st-at-23-30": datetime(2027, 3, 1, 23, 30),
}
WRITTEN = {
    # today, yesterday, tomorrow: "d MMM y"; today's weekday
    "the-1st": ("1 Mar 2027", "28 Feb 2027", "2 Mar 2027", "Mon"),
    "the-9th": ("9 Jun 2027", "8 Jun 2027", "10 Jun 2027", "Wed"),
    "leap-day": ("29 Feb 2028", "28 Feb 2028", "1 Mar 2028", "Tue"),
    "new-years-eve": ("31 Dec 2026", "30 Dec 2026", "1 Jan 2027", "Thu"),
    "the-1st-at-23-30": ("1 Mar 2027", "28 Feb 2027", "2 Mar 2027", "Mon"),
}


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def day(request: pytest.FixtureRequest) -> Iterator[str]:
    """The name of the moment the clock is pinned to for the test."""
    with clock.pinned(MOMENTS[request.param]):
        yield request.param


def test_today_is_the_local_date_of_the_pinned_moment(day: str) -> None:
    moment = MOMENTS[day]
    assert clock.today() == moment.date()
    assert clock.local_now() == moment
    assert clock.utc_now() == moment.astimezone(UTC).replace(tzinfo=None)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX-only")
def test_at_23_30_in_los_angeles_today_is_still_today_though_utc_is_tomorrow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    try:
        with monkeypatch.context() as zone:
            zone.setenv("TZ", "America/Los_Angeles")
            time.tzset()
            with clock.pinned(datetime(2027, 3, 1, 23, 30)):
                assert clock.today() == date(2027, 3, 1)
                assert clock.utc_now() == datetime(2027, 3, 2, 7, 30)
                paid = Deposit(Decimal("10"), Decimal("300"), "USD", None, clock.today())
                assert deposit_state(paid, clock.today()) == "Paid on 1 Mar 2027."
    finally:
        time.tzset()


def test_the_deposit_says_due_overdue_and_paid_with_the_day_as_written(day: str) -> None:
    today, yesterday, tomorrow, _weekday = WRITTEN[day]
    now = clock.today()
    due = Deposit(Decimal("10"), Decimal("300"), "USD", now + timedelta(days=1), None)
    assert deposit_state(due, clock.today()) == f"Due on {tomorrow}, in 1 day."
    overdue = Deposit(Decimal("10"), Decimal("300"), "USD", now - timedelta(days=1), None)
    assert deposit_state(overdue, clock.today()) == f"Overdue: it was due on {yesterday}, 1 day ago."
    due_today = Deposit(Decimal("10"), Decimal("300"), "USD", now, None)
    assert deposit_state(due_today, clock.today()) == "Due today."
    paid = Deposit(Decimal("10"), Decimal("300"), "USD", now - timedelta(days=1), now)
    assert deposit_state(paid, clock.today()) == f"Paid on {today}."


def test_checklist_items_are_overdue_from_the_day_after_they_were_due(day: str) -> None:
    _today, yesterday, tomorrow, _weekday = WRITTEN[day]
    now = clock.today()
    trip = TripDates(now + timedelta(days=30), now + timedelta(days=40))
    late = Item(1, "booking", "Book the hotel", "task", due=Due(on=now - timedelta(days=1)))
    soon = Item(2, "booking", "Pack", "task", due=Due(on=now + timedelta(days=1)))
    on_the_day = Item(3, "booking", "Call the clinic", "task", due=Due(on=now))
    assert late.due.describe() == yesterday and soon.due.describe() == tomorrow
    assert matches_filter(late, Filter.OVERDUE, trip, clock.today())
    assert not matches_filter(on_the_day, Filter.OVERDUE, trip, clock.today())
    assert matches_filter(on_the_day, Filter.DUE_SOON, trip, clock.today())
    assert matches_filter(soon, Filter.DUE_SOON, trip, clock.today())
    assert not matches_filter(late, Filter.DUE_SOON, trip, clock.today())


def test_a_steps_dates_are_written_without_a_leading_zero(day: str) -> None:
    today, yesterday, tomorrow, _weekday = WRITTEN[day]
    now = clock.today()
    assert step_dates((now, now)) == today
    assert step_dates((now - timedelta(days=1), now + timedelta(days=1))) == f"{yesterday} to {tomorrow}"
    assert step_dates((None, now)) == f"by {today}"
    assert step_dates((now, None)) == f"from {today}"


def test_the_print_footer_names_today_as_every_other_date(day: str) -> None:
    today = WRITTEN[day][0]
    assert page_footer(clock.today(), 1, 3) == f"Printed {today} · Page 1 of 3"


def test_the_itinerary_heads_today_with_its_weekday(day: str) -> None:
    today, _yesterday, _tomorrow, weekday = WRITTEN[day]
    now = clock.today()
    stay = Stay(now, now + timedelta(days=6), now)
    assert day_label(now, stay, now) == f"{weekday} {today} — day 1 of 7 in Korea · treatment day"
    before = day_label(now, Stay(now + timedelta(days=1), now + timedelta(days=7)))
    assert before == f"{weekday} {today} — 1 day before arrival"


# --- the dates module on its own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "short", "weekday"),
    [
        (date(2027, 3, 1), "1 Mar 2027", "Mon 1 Mar 2027"),
        (date(2027, 9, 9), "9 Sep 2027", "Thu 9 Sep 2027"),
        (date(2028, 2, 29), "29 Feb 2028", "Tue 29 Feb 2028"),
        (date(2026, 12, 31), "31 Dec 2026", "Thu 31 Dec 2026"),
    ],
)
def test_every_date_form(day: date, short: str, weekday: str) -> None:
    """One way of writing a date everywhere: "1 Mar 2027", with the weekday in front where the
    day of the week matters, and without the year where the year is plain."""
    assert dates.day_month_year(day) == short
    assert dates.weekday_date(day) == weekday
    assert dates.weekday_day_month(day) == weekday.rsplit(" ", 1)[0]
    assert dates.iso_date(day) == f"{day.year:04}-{day.month:02}-{day.day:02}"


def test_times_are_24_hour_with_a_leading_zero_on_the_hour() -> None:
    moment = datetime(2027, 3, 1, 9, 5, 7)
    assert dates.hour_minute(moment) == "09:05"
    assert dates.hour_minute(datetime(2027, 3, 1, 23, 30)) == "23:30"
    assert dates.weekday_day_month_time(moment) == "Mon 1 Mar 09:05"
    assert dates.date_time_seconds(moment) == "1 Mar 2027, 09:05:07"
    assert dates.day_month_year(moment) == "1 Mar 2027"  # a datetime's date part


def test_a_time_zone_on_a_moment_is_not_applied() -> None:
    # The app hands over wall-clock times; one that carries a zone is still shown as it reads.
    aware = datetime(2027, 3, 1, 23, 30, tzinfo=UTC)
    assert dates.hour_minute(aware) == "23:30"


def test_the_process_locale_does_not_change_the_text() -> None:
    # Qt calls setlocale(LC_ALL, "") at start-up; strftime's names would follow it, Babel's do not.
    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, "")
        dates._format.cache_clear()  # so the text is made anew under this locale
        assert dates.weekday_date(date(2026, 12, 3)) == "Thu 3 Dec 2026"
    finally:
        locale.setlocale(locale.LC_ALL, before)


def test_machine_stamps_keep_their_digits() -> None:
    moment = datetime(2027, 3, 1, 9, 5, 7, 123)
    assert dates.backup_stamp(moment) == "20270301-090507-000123"
    assert dates.parse_backup_stamp("20270301-090507-000123") == moment
    assert dates.file_stamp(moment) == "20270301-090507"
    assert dates.stored_timestamp(moment) == "2027-03-01 09:05:07.000123"


# --- the clock ---------------------------------------------------------------------------------


def test_the_clock_reads_planner_now_when_not_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    clock.pin(None)  # the autouse fixture puts the pin back afterwards
    monkeypatch.setenv(clock.ENVIRONMENT, "2028-02-29T23:30:00")
    assert clock.local_now() == datetime(2028, 2, 29, 23, 30)
    assert clock.today() == date(2028, 2, 29)
    monkeypatch.setenv(clock.ENVIRONMENT, "2027-03-01T08:00:00+00:00")
    assert clock.utc_now() == datetime(2027, 3, 1, 8, 0)


def test_a_bad_planner_now_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    clock.pin(None)
    monkeypatch.setenv(clock.ENVIRONMENT, "next Tuesday")
    with pytest.raises(ValueError, match="PLANNER_NOW"):
        clock.today()


def test_the_clock_runs_when_neither_pinned_nor_set(monkeypatch: pytest.MonkeyPatch) -> None:
    clock.pin(None)
    monkeypatch.delenv(clock.ENVIRONMENT)
    first = clock.utc_now()
    assert first.year >= 2026 and first.tzinfo is None
    assert clock.utc_now() >= first


def test_pinned_puts_back_the_pin_it_found() -> None:
    outer = clock.local_now()
    with clock.pinned(datetime(2028, 2, 29, 12, 0)):
        assert clock.today() == date(2028, 2, 29)
    assert clock.local_now() == outer
