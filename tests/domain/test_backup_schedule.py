"""Which backups the schedule keeps, proved for any set of backup times and shown on worked examples.

Proved with hypothesis, for any backup times and any moment of thinning:

- the newest backup is always kept, however old it is;
- every backup from the last 24 hours is kept;
- in the daily (1-7 days), weekly (7-31 days) and monthly (31-183 days) bands exactly one backup
  is kept per calendar day, ISO week and calendar month that has any, and it is the newest of them;
- nothing older than 183 days is kept, except the newest of all;
- the schedule only ever keeps backups that exist, and keeps a bounded number beyond the last day;
- thinning the kept set again at the same moment keeps all of it.

The worked examples show what a person would find in their backups folder: a year of daily use,
a burst of backups in one afternoon, and coming back after a year away.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.db.backup_schedule import backups_to_keep

NOW = datetime(2026, 11, 1, 12, 30)
"""A Sunday, half past twelve."""

Slot = tuple[object, ...]


def slot_of(moment: datetime, now: datetime) -> Slot | None:
    """The band and the calendar slot a backup falls in, in plain terms; None under 24 hours or
    beyond half a year, where no slot applies."""
    age = now - moment
    if age < timedelta(days=1) or age >= timedelta(days=183):
        return None
    if age < timedelta(days=7):
        return ("day", moment.date())
    if age < timedelta(days=31):  # a week split between two months is a slot in each
        iso = moment.isocalendar()
        return ("week", iso.year, iso.week, moment.month)
    return ("month", moment.year, moment.month)


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))
DAY = 24 * 60 * 60
ages = st.one_of(
    st.integers(min_value=0, max_value=400 * DAY),
    # bunched up, so several backups share a day, a week or a month
    st.integers(min_value=25 * DAY, max_value=40 * DAY),
    st.integers(min_value=0, max_value=8 * DAY),
).map(lambda seconds: timedelta(seconds=seconds))


@st.composite
def backup_times(draw: st.DrawFn) -> tuple[datetime, list[datetime]]:
    now = draw(moments)
    return now, [now - age for age in draw(st.lists(ages, min_size=1, max_size=40))]


@given(backup_times())
def test_the_newest_backup_is_always_kept(case: tuple[datetime, list[datetime]]) -> None:
    now, taken = case
    assert max(taken) in backups_to_keep(taken, now)


@given(backup_times())
def test_only_backups_that_exist_are_kept(case: tuple[datetime, list[datetime]]) -> None:
    now, taken = case
    assert backups_to_keep(taken, now) <= set(taken)


@given(backup_times())
def test_every_backup_from_the_last_24_hours_is_kept(case: tuple[datetime, list[datetime]]) -> None:
    now, taken = case
    recent = {t for t in taken if now - t < timedelta(days=1)}
    assert recent <= backups_to_keep(taken, now)


@given(backup_times())
def test_each_day_week_and_month_in_its_band_keeps_exactly_its_newest_backup(
    case: tuple[datetime, list[datetime]],
) -> None:
    now, taken = case
    kept = backups_to_keep(taken, now)
    slots: dict[Slot, set[datetime]] = defaultdict(set)
    for moment in taken:
        if (slot := slot_of(moment, now)) is not None:
            slots[slot].add(moment)
    for slot, members in slots.items():
        assert kept & members == {max(members)}, slot


@given(backup_times())
def test_nothing_older_than_half_a_year_is_kept_but_the_newest(case: tuple[datetime, list[datetime]]) -> None:
    now, taken = case
    old = {t for t in backups_to_keep(taken, now) if now - t >= timedelta(days=183)}
    assert old <= {max(taken)}


@given(backup_times())
def test_beyond_the_last_day_at_most_twenty_backups_are_kept(case: tuple[datetime, list[datetime]]) -> None:
    """At most 7 dates in the daily band, 5 ISO weeks in the weekly one, 7 months in the monthly
    one and the newest of all: the folder does not grow without end."""
    now, taken = case
    older = {t for t in backups_to_keep(taken, now) if now - t >= timedelta(days=1)}
    assert len(older) <= 7 + 5 + 7 + 1


@given(backup_times())
def test_thinning_the_kept_backups_again_keeps_them_all(case: tuple[datetime, list[datetime]]) -> None:
    now, taken = case
    kept = backups_to_keep(taken, now)
    assert backups_to_keep(kept, now) == kept


@given(st.lists(moments, max_size=3), moments)
def test_repeated_times_count_once(taken: list[datetime], now: datetime) -> None:
    assert backups_to_keep(taken + taken, now) == backups_to_keep(taken, now)


# --- worked examples ---------------------------------------------------------------------------


def test_no_backups_keep_nothing() -> None:
    assert backups_to_keep([], NOW) == set()


def test_a_year_of_daily_backups_keeps_seventeen() -> None:
    """One backup every day at noon from 1 November 2025 to 1 November 2026, thinned at 12:30."""
    taken = [datetime(2025, 11, 1, 12) + timedelta(days=n) for n in range(366)]
    kept = sorted(backups_to_keep(taken, NOW), reverse=True)
    noon = [datetime(2026, *day, 12) for day in ((11, 1), *((10, d) for d in range(31, 25, -1)))]
    weekly = [datetime(2026, 10, d, 12) for d in (25, 18, 11, 4)]  # Sundays: newest of ISO weeks 43-40
    monthly = [datetime(2026, m, d, 12) for m, d in ((10, 1), (9, 30), (8, 31), (7, 31), (6, 30), (5, 31))]
    # today's (30 minutes old) + 26-31 October (1 to 6 days old) + 4 Sundays + 6 month-ends
    assert kept == [*noon, *weekly, *monthly]
    assert len(kept) == 1 + 6 + 4 + 6
    # 30 April is 185 days old: past half a year
    assert datetime(2026, 4, 30, 12) not in kept


def test_a_year_of_daily_use_thinned_after_every_backup_still_has_one_backup_per_recent_month() -> None:
    """What the folder really holds: the app thins it right after each new backup. A week split
    between two months keeps one backup for each part, so each month is still represented by its
    last day once it reaches the monthly band."""
    folder: set[datetime] = set()
    for day in range(366):
        moment = datetime(2025, 11, 1, 12) + timedelta(days=day)
        folder = backups_to_keep(folder | {moment}, moment)
    kept = backups_to_keep(folder, NOW)
    assert {(t.year, t.month) for t in kept} == {(2026, month) for month in range(5, 12)}
    monthly = sorted(t for t in kept if NOW - t >= timedelta(days=31))
    assert monthly == [datetime(2026, m, d, 12) for m, d in ((5, 31), (6, 30), (7, 31), (8, 31), (9, 30))]
    assert len(kept) == 16


def test_many_backups_in_one_afternoon_last_week_keep_only_the_last_of_them() -> None:
    afternoon = [datetime(2026, 10, 28, 14) + timedelta(minutes=10 * n) for n in range(12)]
    today = [datetime(2026, 11, 1, 9), datetime(2026, 11, 1, 12)]
    assert backups_to_keep(afternoon + today, NOW) == {datetime(2026, 10, 28, 15, 50), *today}


def test_coming_back_after_a_year_away_still_finds_the_last_backup() -> None:
    last_used = [datetime(2025, 10, 1, 9), datetime(2025, 10, 1, 18), datetime(2025, 9, 1, 9)]
    assert backups_to_keep(last_used, NOW) == {datetime(2025, 10, 1, 18)}


def test_thinning_after_every_backup_keeps_a_backup_of_each_recent_month_used() -> None:
    used = [
        datetime(2026, 1, 29, 9),
        datetime(2026, 2, 1, 9),
        datetime(2026, 2, 20, 9),
        datetime(2026, 3, 20, 9),
    ]
    folder: set[datetime] = set()
    for moment in used:  # the app thins the folder right after each new backup
        folder = backups_to_keep(folder | {moment}, moment)
    later = datetime(2026, 4, 1, 9)
    months = {(t.year, t.month) for t in backups_to_keep(folder, later)}
    assert months == {(2026, 1), (2026, 2), (2026, 3)}
