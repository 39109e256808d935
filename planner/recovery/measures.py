"""The outcome measures a patient records (see resources/catalogue/measures.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["rating", "activities", "minutes", "number", "level", "count"]
KINDS: tuple[Kind, ...] = ("rating", "activities", "minutes", "number", "level", "count")
Better = Literal["lower", "higher"]
KNEE_GROUP = "knee-cartilage"
PSFS = "psfs"
"""The Patient-Specific Functional Scale: its ratings are kept per activity."""
"""The condition group whose plans are also asked the knee's bend."""


@dataclass(frozen=True, slots=True)
class ImportantChange:
    """The published smallest change people notice (the minimal important change)."""

    points: Decimal
    percent: Decimal | None
    """Or this share of the baseline, whichever is reached first."""
    single_points: Decimal | None
    """For one activity of an `activities` measure."""
    wording: str
    source: str


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    name: str
    question: str
    kind: Kind
    low: int
    high: int
    better: Better
    low_label: str = ""
    high_label: str = ""
    unit: str = ""
    levels: tuple[str, ...] = ()
    fewest: int = 0
    most: int = 0
    examples: tuple[str, ...] = ()
    knee_only: bool = False
    loinc: str = ""
    loinc_display: str = ""
    terms: str = ""
    change: ImportantChange | None = None

    def in_range(self, value: int) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Measures:
    """Every measure in the file's order."""

    all: tuple[Measure, ...]

    def get(self, measure_id: str) -> Measure:
        for measure in self.all:
            if measure.id == measure_id:
                return measure
        raise KeyError(measure_id)

    def for_plan(self, knee: bool) -> tuple[Measure, ...]:
        """The measures asked in a plan: the knee-only ones only for a knee condition."""
        return tuple(m for m in self.all if knee or not m.knee_only)
