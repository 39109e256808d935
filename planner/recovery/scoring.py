"""Scores from a patient's answers, and how far a score has moved since the baseline.

The change is compared with the measure's published minimal important change; the app reports
what was recorded and never says the treatment caused it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planner.recovery.measures import Measure

HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


def score(measure: Measure, values: Sequence[int]) -> Decimal | None:
    """The measure's score: the mean of the ratings for an `activities` measure, else the one
    value; None when nothing (or, for activities, fewer than the measure's fewest) was answered."""
    if measure.kind == "activities":
        if len(values) < measure.fewest:
            return None
        return (Decimal(sum(values)) / len(values)).quantize(TENTH, ROUND_HALF_UP)
    return Decimal(values[0]) if values else None


@dataclass(frozen=True, slots=True)
class ScoreChange:
    baseline: Decimal
    latest: Decimal
    improvement: Decimal
    """How much better, in points: positive when the score moved the measure's better way."""
    percent: Decimal | None
    """The improvement as a share of the baseline; None when the baseline is 0."""
    reaches: bool | None
    """Whether it reaches the published minimal important change; None when none is published."""

    @property
    def moved(self) -> bool:
        return self.improvement != 0


def change_between(
    measure: Measure, baseline: Decimal, latest: Decimal, single_activity: bool = False
) -> ScoreChange:
    """The change from `baseline` to `latest` (for one activity when `single_activity`)."""
    improvement = baseline - latest if measure.better == "lower" else latest - baseline
    percent = (
        None if baseline == 0 else (improvement * HUNDRED / baseline).quantize(Decimal(1), ROUND_HALF_UP)
    )
    reaches: bool | None = None
    published = measure.change
    if published is not None:
        points = published.single_points if single_activity and published.single_points else published.points
        reaches = improvement >= points
        if not reaches and published.percent is not None and not single_activity and baseline != 0:
            reaches = improvement * HUNDRED >= published.percent * baseline
    return ScoreChange(baseline, latest, improvement, percent, reaches)
