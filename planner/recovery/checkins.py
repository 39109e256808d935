"""When a plan's baseline and check-ins fall: they move with the treatment day.

A check-in answers one of these points of the schedule; it may be done early or late, and its own
date is what the charts and the report use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.dates import weekday_date
from planner.core.months import add_months

BASELINE = "baseline"
BASELINE_DAYS_BEFORE = 7
TREATMENT_STEP = "treatment"
HOME_REHABILITATION_STEP = "rehabilitation-home"
"""The journey steps (ids of the catalogue's journey) the baseline and the check-ins belong to."""


@dataclass(frozen=True, slots=True)
class Point:
    """One point of the schedule: so many days, or whole months, after the treatment day."""

    id: str
    label: str
    """As a table heading shows it: "6 weeks"."""
    name: str
    """As a sentence names it: "the 6-week check-in"."""
    step_id: str
    """The journey step it belongs to: the treatment for the baseline, rehabilitation at home for
    every check-in after it."""
    days: int = 0
    months: int = 0

    @property
    def title(self) -> str:
        """As a list of things to do names it: "Baseline check-in", "6-week check-in"."""
        text = self.name.removeprefix("the ")
        text = text[:1].upper() + text[1:]
        return text if text.endswith("check-in") else f"{text} check-in"

    def due(self, treatment: date) -> date:
        if self.id == BASELINE:
            return treatment - timedelta(days=BASELINE_DAYS_BEFORE)
        return add_months(treatment, self.months) if self.months else treatment + timedelta(days=self.days)


POINTS: tuple[Point, ...] = (
    Point(BASELINE, "Baseline", "the baseline", TREATMENT_STEP),
    Point("2-weeks", "2 weeks", "the 2-week check-in", HOME_REHABILITATION_STEP, days=14),
    Point("6-weeks", "6 weeks", "the 6-week check-in", HOME_REHABILITATION_STEP, days=42),
    Point("3-months", "3 months", "the 3-month check-in", HOME_REHABILITATION_STEP, months=3),
    Point("6-months", "6 months", "the 6-month check-in", HOME_REHABILITATION_STEP, months=6),
    Point("12-months", "12 months", "the 12-month check-in", HOME_REHABILITATION_STEP, months=12),
)
POINT_IDS = frozenset(p.id for p in POINTS)
CHECK_IN_STEPS = frozenset(p.step_id for p in POINTS)
"""The journey steps that have check-ins."""


def point_named(point_id: str) -> Point:
    for point in POINTS:
        if point.id == point_id:
            return point
    raise KeyError(point_id)


@dataclass(frozen=True, slots=True)
class Scheduled:
    point: Point
    due: date
    taken_on: date | None
    """The date of the check-in that answered this point, if any."""

    @property
    def done(self) -> bool:
        return self.taken_on is not None


def schedule(treatment: date, taken: Mapping[str, date]) -> list[Scheduled]:
    """Every point with its due day and the date it was answered (`taken`: point id to date)."""
    return [Scheduled(p, p.due(treatment), taken.get(p.id)) for p in POINTS]


def of_step(points: Sequence[Scheduled], step_id: str) -> list[Scheduled]:
    """The scheduled points that belong to a journey step, in the schedule's order."""
    return [s for s in points if s.point.step_id == step_id]


def _too_late(scheduled: Scheduled, today: date | None) -> bool:
    """A baseline not taken by the treatment day can no longer be taken."""
    return (
        today is not None
        and scheduled.point.id == BASELINE
        and today > scheduled.due + timedelta(days=BASELINE_DAYS_BEFORE)
    )


def next_due(points: list[Scheduled], today: date | None = None) -> Scheduled | None:
    """The first point not yet answered (skipping a baseline whose day has passed when `today` is
    given), or None when all are done."""
    return next((s for s in points if not s.done and not _too_late(s, today)), None)


def next_check_in_text(points: list[Scheduled], today: date) -> str:
    """One line for the overview: which check-in comes next and when, or that all are done."""
    if not points:
        return "Set the treatment day to see when the check-ins fall."
    upcoming = next_due(points, today)
    if upcoming is None:
        return "Every check-in is done."
    name = upcoming.point.name
    days = (upcoming.due - today).days
    if days < 0:
        when = f"was due {weekday_date(upcoming.due)}, {-days} day{'s' if days != -1 else ''} ago"
    elif days == 0:
        when = "is due today"
    else:
        when = f"is due {weekday_date(upcoming.due)}, in {days} day{'s' if days != 1 else ''}"
    done = sum(1 for s in points if s.done)
    return f"{name[0].upper()}{name[1:]} {when} ({done} of {len(points)} done)."
