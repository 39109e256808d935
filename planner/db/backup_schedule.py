"""Which backups to keep: everything recent, then fewer and fewer as they age.

- every backup from the last 24 hours;
- then the newest of each day for a week;
- then the newest of each week (Monday to Sunday; of each part of a week that spans two months)
  for a month (31 days), so the monthly band always finds each month's last one;
- then the newest of each month for half a year (183 days);
- nothing older, except that the newest backup of all is always kept, however old, so someone
  who comes back to the app after a year still has the copy made when they last used it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_ALL = timedelta(days=1)
DAILY = timedelta(days=7)
WEEKLY = timedelta(days=31)
MONTHLY = timedelta(days=183)


def backups_to_keep(taken: Iterable[datetime], now: datetime) -> set[datetime]:
    """The times (from `taken`) of the backups the schedule keeps at `now`."""
    newest_first = sorted(set(taken), reverse=True)
    keep: set[datetime] = set(newest_first[:1])
    filled: set[tuple[object, ...]] = set()
    for moment in newest_first:
        age = now - moment
        if age < KEEP_ALL:
            keep.add(moment)
            continue
        if age < DAILY:
            slot: tuple[object, ...] = ("day", moment.date())
        elif age < WEEKLY:  # a week split between two months keeps one for each, for the monthly band
            slot = ("week", *moment.isocalendar()[:2], moment.month)
        elif age < MONTHLY:
            slot = ("month", moment.year, moment.month)
        else:
            continue
        if slot not in filled:
            filled.add(slot)
            keep.add(moment)
    return keep
