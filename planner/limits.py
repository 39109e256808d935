"""The one window every stored date lies in, shared by the forms, the services and the plan-file
reader.

Every date derived from a stored one (due dates a year either side, check-ins months after
treatment, a calendar's time-zone rules two years on, UTC a day either side) stays far inside
what Python's dates can hold, so no page, printout or export can run off the calendar.
"""

from __future__ import annotations

from datetime import date, datetime

from planner.dates import day_long_month_year

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)


def day_problem(day: date) -> str | None:
    """A message for a day outside the window (a datetime is judged by its day), or None."""
    if EARLIEST_DAY <= (day.date() if isinstance(day, datetime) else day) <= LATEST_DAY:
        return None
    return (
        f"{day_long_month_year(day)} is not a date this app keeps: pick one from "
        f"{day_long_month_year(EARLIEST_DAY)} to {day_long_month_year(LATEST_DAY)}."
    )
