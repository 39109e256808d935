"""The limits every part of the app shares: the window every stored date lies in, how long a trip
may last, and how much one plan may hold. The forms, the services and the plan-file reader all
read them from here.

Every date derived from a stored one (due dates a year either side, check-ins months after
treatment, a calendar's time-zone rules two years on, UTC a day either side) stays far inside
what Python's dates can hold, so no page, printout or export can run off the calendar.

The forms and services refuse to add one more than a count limit, and the plan-file reader
refuses a file that holds more, before anything is written. Each is generous (a real plan holds
a few hundred checklist items and a few hundred expense lines) and small enough that every page
opens and every printout is written in a few seconds (bench/limits_bench.py measures a plan at
them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.core.dates import day_month_year

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2200, 12, 31)


def day_problem(day: date) -> str | None:
    """A message for a day outside the window (a datetime is judged by its day), or None."""
    if EARLIEST_DAY <= (day.date() if isinstance(day, datetime) else day) <= LATEST_DAY:
        return None
    return (
        f"{day_month_year(day)} is not a date this app keeps: pick one from "
        f"{day_month_year(EARLIEST_DAY)} to {day_month_year(LATEST_DAY)}."
    )


MAX_TRIP_DAYS = 366
"""The longest trip a plan, or a stay proposed for it, may span."""


def check_dates(departure: date, return_: date) -> str | None:
    """A message when the return is before the departure or the trip is longer than a year."""
    if return_ < departure:
        return "The return date is before the departure date."
    if (return_ - departure).days > MAX_TRIP_DAYS:
        return "The trip is longer than a year; check the dates."
    return None


@dataclass(frozen=True, slots=True)
class Limit:
    """The most entries of one kind a plan may hold (or, when not `per_plan`, the app holds in
    all, as with the person's own clinics); `what` names them in messages."""

    most: int
    what: str
    per_plan: bool = True

    @property
    def holder(self) -> str:
        return "a plan holds" if self.per_plan else "the app keeps"

    def full_message(self) -> str:
        """What the person reads when there is no room for one more."""
        if not self.per_plan:
            return (
                f"You already have {self.most:,} {self.what}, the most the app keeps. "
                "Delete some to add more."
            )
        return (
            f"This plan is full: it already holds {self.most:,} {self.what}, the most a plan can hold. "
            "Delete some to add more."
        )

    def over_message(self, count: int) -> str:
        """What the reader says of a plan file's section holding `count` entries."""
        return f"has {count:,} {self.what}; {self.holder} at most {self.most:,}"

    def together_message(self, count: int) -> str:
        """What the reader says when a file's new entries and those already here come to `count`."""
        return (
            f"would bring you to {count:,} {self.what} with those already here; "
            f"{self.holder} at most {self.most:,}"
        )


CHECKLIST_ITEMS = Limit(2_000, "checklist items")
EXPENSE_LINES = Limit(5_000, "expense lines")
CONVERSIONS_PER_LINE = Limit(6, "conversions")
APPOINTMENTS = Limit(1_200, "appointments")
QUOTES = Limit(200, "quotes")
QUOTE_LINES = Limit(60, "lines in a quote")
RATES = Limit(1_000, "exchange rates")
ESTIMATE_OVERRIDES = Limit(500, "changes to the estimate")
OWN_CLINICS = Limit(100, "clinics of your own", per_plan=False)
CLINIC_NOTES = Limit(1_000, "clinic notes")
OWN_QUESTIONS = Limit(30, "consultation questions of your own", per_plan=False)
SHORTLIST = Limit(100, "shortlisted clinics")
STEPS = Limit(100, "journey steps")
CHECK_INS = Limit(100, "check-ins")


@dataclass(frozen=True, slots=True)
class Length:
    """How many characters a text may have, at least and at most; `what` names it in messages."""

    least: int
    most: int
    what: str


PASSPHRASE = Length(8, 1_024, "passphrase")
"""A passphrase that protects a plan file or the data: long enough that it is not guessed in a
few tries, short enough that deriving its key never waits on a pasted book (counted in
characters after Unicode NFC composition, as `planner.core.passphrase` reads it)."""


class PlanFull(ValueError):
    """Adding one more would take the plan past a limit; the message is for the person."""

    def __init__(self, limit: Limit) -> None:
        super().__init__(limit.full_message())
        self.limit = limit


def check_room(limit: Limit, count: int, adding: int = 1) -> None:
    """Raise PlanFull when a plan holding `count` cannot take `adding` more."""
    if count + adding > limit.most:
        raise PlanFull(limit)
