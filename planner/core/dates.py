"""Every date and time the app shows, written one way: English, with no leading zero on the day.

Babel formats them with fixed CLDR patterns in a fixed English locale, so the text is the same on
every operating system and whatever locale the process runs in (Qt sets the user's at start-up,
which would turn strftime's month names German for a German user). Results are cached: item
models ask for the same few dates over and over.

The machine formats (file-name stamps, the stored timestamp) live here too, so that no other
module writes a date pattern of its own; an architecture test holds everyone to that.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

LOCALE = "en"
"""The app is in English; dates follow it, not the process locale."""
CACHE_SIZE = 4096

BACKUP_STAMP = "%Y%m%d-%H%M%S-%f"
"""The local time in a backup's file name, to the microsecond: 20261203-140509-000123."""
FILE_STAMP = "%Y%m%d-%H%M%S"
"""The local time in the name of a file moved aside: 20261203-140509."""


@lru_cache(maxsize=CACHE_SIZE)
def _format(value: date, pattern: str) -> str:
    import babel.dates  # when the first date is shown, not at start-up

    if isinstance(value, datetime):
        # A naive datetime is taken as it is: the wall-clock time the caller means.
        return str(babel.dates.format_datetime(value.replace(tzinfo=None), pattern, locale=LOCALE))
    return str(babel.dates.format_date(value, pattern, locale=LOCALE))


# Dates. Each takes a date or a datetime (whose time is then ignored).


def day_month_year(day: date) -> str:
    """ "3 Dec 2026"."""
    return _format(_date(day), "d MMM y")


def weekday_date(day: date) -> str:
    """ "Thu 3 Dec 2026"."""
    return _format(_date(day), "EEE d MMM y")


def weekday_day_month(day: date) -> str:
    """ "Thu 3 Dec"."""
    return _format(_date(day), "EEE d MMM")


def day_month(day: date) -> str:
    """ "3 Dec" (a chart's axis, where the year is shown elsewhere)."""
    return _format(_date(day), "d MMM")


def month_year(day: date) -> str:
    """ "Dec 2026"."""
    return _format(_date(day), "MMM y")


# Times and moments: naive wall-clock datetimes, shown as they are (no zone conversion).


def hour_minute(moment: datetime) -> str:
    """ "14:05" (24-hour)."""
    return _format(moment, "HH:mm")


def weekday_day_month_time(moment: datetime) -> str:
    """ "Thu 3 Dec 14:05"."""
    return _format(moment, "EEE d MMM HH:mm")


def date_time_seconds(moment: datetime) -> str:
    """ "3 Dec 2026, 14:05:09"."""
    return _format(moment, "d MMM y, HH:mm:ss")


def _date(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


# Machine formats: fixed digits, never shown as prose, never locale-dependent.


def iso_date(day: date) -> str:
    """ "2026-12-03"."""
    return _date(day).isoformat()


def backup_stamp(moment: datetime) -> str:
    """ "20261203-140509-000123", as in a backup's file name."""
    return moment.strftime(BACKUP_STAMP)


def parse_backup_stamp(text: str) -> datetime:
    """The inverse of `backup_stamp`; raises ValueError on anything else."""
    return datetime.strptime(text, BACKUP_STAMP)


def file_stamp(moment: datetime) -> str:
    """ "20261203-140509", as in the name of a damaged data file moved aside."""
    return moment.strftime(FILE_STAMP)


def utc_instant(moment: datetime) -> str:
    """ "2026-12-03T14:05:09Z": a naive UTC moment (as `clock.utc_now()` gives it) to the second,
    marked as UTC, as FHIR's `instant` and ISO 8601 write it."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def stored_timestamp(moment: datetime) -> str:
    """ "2026-12-03 14:05:09.000123": how SQLAlchemy stores a DateTime in SQLite, for rows
    written without the ORM."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


# Reading a date as a person types it.

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def read_typed_date(text: str) -> date | None:
    """The date in what a person typed, or None: "12 Mar 2027", "12 march 2027", "Mar 12, 2027",
    "12-Mar-2027" or "2027-03-12". Month names are English (as the app writes them), in full
    or cut to three letters or more; numbers alone other than ISO are ambiguous and not read."""
    words = [w for w in re.split(r"[\s,./-]+", text.strip().casefold()) if w]
    if len(words) != 3:
        return None
    if all(w.isdigit() for w in words) and len(words[0]) == 4:
        year, month, day = (int(w) for w in words)
    else:
        names = [n for n, w in enumerate(words) if not w.isdigit()]
        if len(names) != 1 or names[0] == 2 or not words[2].isdigit() or len(words[2]) != 4:
            return None
        name = words[names[0]]
        month = next((n for n, full in enumerate(MONTHS, 1) if len(name) >= 3 and full.startswith(name)), 0)
        day, year = int(words[1 - names[0]]), int(words[2])
    try:
        return date(year, month, day)
    except ValueError:
        return None
