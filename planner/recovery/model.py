"""A plan's recovery record as the pages, printouts and exports read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.recovery.checkins import Scheduled
from planner.recovery.measures import Measure
from planner.recovery.rules import CleanCheckIn, CleanDiaryEntry


@dataclass(frozen=True, slots=True)
class Named:
    """An activity or an exercise the patient named."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CheckIn:
    id: int
    point_id: str
    """The schedule point it answers, or "" for one of the patient's own."""
    taken_on: date
    values: dict[str, int]
    """Measure id to value (levels as their index, durations in minutes)."""
    activity_ratings: dict[int, int]
    note: str


@dataclass(frozen=True, slots=True)
class DiaryEntry:
    id: int
    entry_on: date
    pain: int | None
    swelling: int | None
    painkillers: int | None
    exercises_done: frozenset[int]
    side_effects: frozenset[str]
    side_effect_other: str
    note: str

    @property
    def has_side_effects(self) -> bool:
        return bool(self.side_effects or self.side_effect_other)


@dataclass(frozen=True, slots=True)
class Recovery:
    """Everything recorded for one plan's recovery, in date order."""

    plan_id: int
    plan_name: str
    treatment: date | None
    knee: bool
    measures: tuple[Measure, ...]
    activities: tuple[Named, ...]
    exercises: tuple[Named, ...]
    check_ins: tuple[CheckIn, ...]
    diary: tuple[DiaryEntry, ...]
    schedule: tuple[Scheduled, ...]
    """Empty while the plan has no treatment day."""


@dataclass(slots=True)
class RecoveryRecord:
    """A plan's recovery as a plan file or a copy of the plan carries it: the names, and the
    check-ins and diary with activities and exercises named by their place in the lists."""

    activities: list[str] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    check_ins: list[CleanCheckIn] = field(default_factory=list)
    diary: list[CleanDiaryEntry] = field(default_factory=list)
