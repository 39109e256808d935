"""Where a progress chart's axes are labelled: a few days on whole days, weeks or months of the
time axis, and a few week numbers under the adherence bars."""

from __future__ import annotations

import math
from datetime import date, timedelta

from planner.core.dates import day_month, month_year

MOST_DATE_TICKS = 7
MOST_WEEK_TICKS = 13
SHORT_SPAN_DAYS = 62
"""Up to about two months the axis is labelled by day ("3 Dec"), beyond it by month ("Dec 2026")."""
DAY_STEPS = (1, 2, 7, 14, 21, 28)
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 600, 1200)
WEEK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 260, 520)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _first_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def date_ticks(first: date, last: date, most: int = MOST_DATE_TICKS) -> list[tuple[date, str]]:
    """At most `most` labelled days from `first` to `last`: every so many days from `first` over
    a short span, else the first of every so many months (January, April, July... for three)."""
    first, last = min(first, last), max(first, last)
    span = (last - first).days
    if span <= SHORT_SPAN_DAYS:
        step = next((s for s in DAY_STEPS if span // s + 1 <= most), DAY_STEPS[-1])
        days = [first + timedelta(days=n * step) for n in range(span // step + 1)]
        return [(day, day_month(day)) for day in days]
    start = _month_index(first) + (0 if first.day == 1 else 1)
    end = _month_index(last)
    step = next((s for s in MONTH_STEPS if (end - start) // s + 1 <= most), MONTH_STEPS[-1])
    start += -start % step
    days = [_first_of(index) for index in range(start, end + 1, step)]
    return [(day, month_year(day)) for day in days]


def week_ticks(weeks: int, most: int = MOST_WEEK_TICKS) -> list[int]:
    """The week numbers (1 for the treatment's week) to label under `weeks` bars: week 1 and every
    so many weeks after it, at most `most`."""
    if weeks <= 0:
        return []
    step = next((s for s in WEEK_STEPS if math.ceil(weeks / s) <= most), WEEK_STEPS[-1])
    return list(range(1, weeks + 1, step))
