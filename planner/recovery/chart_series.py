"""What each progress chart draws, for the screen and the printed report alike: the pain over time,
function from the baseline and exercise adherence per week; and which of them have anything to
draw yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.recovery.measures import Measure
from planner.recovery.model import Recovery
from planner.recovery.progress import (
    Compared,
    Point,
    adherence_by_week,
    diary_pain_series,
    measure_series,
)

PAIN_REST, PAIN_ACTIVITY, PSFS = "pain-rest", "pain-activity", "psfs"
PAIN, FUNCTION, ADHERENCE = "pain", "function", "adherence"
CHARTS = (PAIN, FUNCTION, ADHERENCE)


def measure_named(recovery: Recovery, measure_id: str) -> Measure | None:
    """The measure if the plan asks it."""
    return next((m for m in recovery.measures if m.id == measure_id), None)


@dataclass(frozen=True, slots=True)
class PainLines:
    diary: list[Point]
    rest: list[Point]
    activity: list[Point]
    """Pain during activity at the check-ins."""

    @property
    def days(self) -> list[date]:
        return [day for line in (self.diary, self.rest, self.activity) for day, _value in line]


def pain_lines(recovery: Recovery) -> PainLines:
    def at_check_ins(measure_id: str) -> list[Point]:
        measure = measure_named(recovery, measure_id)
        return measure_series(recovery, measure) if measure is not None else []

    return PainLines(diary_pain_series(recovery), at_check_ins(PAIN_REST), at_check_ins(PAIN_ACTIVITY))


@dataclass(frozen=True, slots=True)
class FunctionLines:
    measure: Measure | None
    """The Patient-Specific Functional Scale, when the plan asks it."""
    average: list[Point]
    """Its average at each check-in from the baseline on; empty without a baseline."""
    activities: list[tuple[str, list[Point]]]
    """Each activity's rating from the baseline on, by the activity's name."""
    has_baseline: bool
    """Whether any measure has a baseline value (so an empty chart lacks ratings, not a baseline)."""


def function_lines(recovery: Recovery, rows: list[Compared]) -> FunctionLines:
    """`rows` are `compared(recovery)`: their PSFS average row gives the baseline's day."""
    psfs = measure_named(recovery, PSFS)
    average_row = next((r for r in rows if psfs is not None and r.measure.id == psfs.id), None)
    start = average_row.baseline[0] if average_row is not None and average_row.baseline else None
    has_baseline = any(r.baseline is not None for r in rows)
    if psfs is None or start is None:
        return FunctionLines(psfs, [], [(a.name, []) for a in recovery.activities], has_baseline)

    def from_start(points: list[Point]) -> list[Point]:
        return [p for p in points if p[0] >= start]

    return FunctionLines(
        psfs,
        from_start(measure_series(recovery, psfs)),
        [(a.name, from_start(measure_series(recovery, psfs, a.id))) for a in recovery.activities],
        has_baseline,
    )


def charts_with_data(recovery: Recovery, rows: list[Compared], today: date) -> list[str]:
    """The names of the charts that have something to draw, in CHARTS order."""
    found = []
    if pain_lines(recovery).days:
        found.append(PAIN)
    if function_lines(recovery, rows).average:
        found.append(FUNCTION)
    if adherence_by_week(recovery, today):
        found.append(ADHERENCE)
    return found
