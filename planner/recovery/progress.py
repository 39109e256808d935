"""What the charts and the doctor's report show of a recovery: each measure over time, baseline
against latest with the change, exercise adherence per week and the side effects recorded.

Only what the patient recorded; nothing here says what caused a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from planner.recovery.checkins import BASELINE
from planner.recovery.measures import Measure
from planner.recovery.model import CheckIn, Recovery
from planner.recovery.rules import SIDE_EFFECTS
from planner.recovery.scoring import ScoreChange, change_between, score

Point = tuple[date, Decimal]
DIARY_PAIN_LABEL = "Pain (diary)"


def _value(check_in: CheckIn, measure: Measure, activity_id: int | None = None) -> Decimal | None:
    if measure.kind == "activities":
        if activity_id is not None:
            rating = check_in.activity_ratings.get(activity_id)
            return None if rating is None else Decimal(rating)
        return score(measure, list(check_in.activity_ratings.values()))
    value = check_in.values.get(measure.id)
    return None if value is None else Decimal(value)


def measure_series(recovery: Recovery, measure: Measure, activity_id: int | None = None) -> list[Point]:
    """The measure's value at each check-in that answered it, in date order."""
    found = ((c.taken_on, _value(c, measure, activity_id)) for c in recovery.check_ins)
    return [(day, value) for day, value in found if value is not None]


def diary_pain_series(recovery: Recovery) -> list[Point]:
    return [(e.entry_on, Decimal(e.pain)) for e in recovery.diary if e.pain is not None]


def _baseline(recovery: Recovery) -> CheckIn | None:
    marked = [c for c in recovery.check_ins if c.point_id == BASELINE]
    if marked:
        return marked[0]
    before = [c for c in recovery.check_ins if recovery.treatment and c.taken_on <= recovery.treatment]
    return before[0] if before else None


@dataclass(frozen=True, slots=True)
class Compared:
    """One measure (or one activity of it) at the baseline and at the latest check-in after it."""

    measure: Measure
    label: str
    baseline: Point | None
    latest: Point | None
    change: ScoreChange | None


def compared(recovery: Recovery) -> list[Compared]:
    """Baseline against latest for every measure asked in the plan, then each activity."""
    first = _baseline(recovery)
    result: list[Compared] = []
    for measure in recovery.measures:
        targets: list[tuple[str, int | None]] = [(measure.name, None)]
        if measure.kind == "activities":
            targets = [(f"{measure.name} (average)", None)] + [(a.name, a.id) for a in recovery.activities]
        for label, activity_id in targets:
            base_value = None if first is None else _value(first, measure, activity_id)
            base = None if first is None or base_value is None else (first.taken_on, base_value)
            latest: Point | None = None
            for check_in in recovery.check_ins:
                if first is not None and check_in.id != first.id and check_in.taken_on >= first.taken_on:
                    value = _value(check_in, measure, activity_id)
                    if value is not None:
                        latest = (check_in.taken_on, value)
            change = None
            if base is not None and latest is not None:
                change = change_between(measure, base[1], latest[1], single_activity=activity_id is not None)
            result.append(Compared(measure, label, base, latest, change))
    return result


def shown_value(measure: Measure, value: Decimal) -> str:
    """A value as the patient typed it: a level by name, minutes as a duration, else the number."""
    if measure.kind == "level":
        return measure.levels[int(value)]
    if measure.kind == "minutes":
        hours, minutes = divmod(int(value), 60)
        if hours and minutes:
            return f"{hours} h {minutes} min"
        return f"{hours} h" if hours else f"{minutes} min"
    text = f"{value.normalize():f}"
    return f"{text} {measure.unit}" if measure.unit else text


def change_sentence(measure: Measure, change: ScoreChange) -> str:
    """The change in plain words, against the published change people notice where there is one."""
    if change.improvement == 0:
        moved = "No change from the baseline"
    else:
        size = abs(change.improvement).normalize()
        points = "point" if size == 1 else "points"
        if measure.kind == "minutes":
            points = "minute" if size == 1 else "minutes"
        elif measure.unit:
            points = measure.unit
        elif measure.kind == "level":
            points = "level" if size == 1 else "levels"
        went_up = (change.improvement > 0) == (measure.better == "higher")
        direction = "Up" if went_up else "Down"
        better = "better" if change.improvement > 0 else "worse"
        share = (
            f" ({abs(change.percent)}%)" if change.percent is not None and measure.kind == "rating" else ""
        )
        moved = f"{direction} {size:f} {points}{share} since the baseline, {better}"
    if change.reaches is None:
        return f"{moved}."
    reached = "reaches" if change.reaches else "does not reach"
    return f"{moved}; {reached} the change people notice."


@dataclass(frozen=True, slots=True)
class WeekAdherence:
    week: int
    """1 for the week starting on the treatment day."""
    starts: date
    done: int
    planned: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned) if self.planned else 0


def adherence_by_week(recovery: Recovery, today: date) -> list[WeekAdherence]:
    """Exercises recorded as done per week, from the treatment day to the last entry (not after
    today), out of every exercise of the plan on every one of those days."""
    if recovery.treatment is None or not recovery.exercises or not recovery.diary:
        return []
    exercises = len(recovery.exercises)
    last = min(today, max(e.entry_on for e in recovery.diary))
    done_by_week: dict[int, int] = {}
    for entry in recovery.diary:
        if entry.entry_on >= recovery.treatment:
            week = (entry.entry_on - recovery.treatment).days // 7
            done_by_week[week] = done_by_week.get(week, 0) + len(entry.exercises_done)
    weeks: list[WeekAdherence] = []
    for week in range((last - recovery.treatment).days // 7 + 1 if last >= recovery.treatment else 0):
        starts = recovery.treatment + timedelta(days=7 * week)
        days = min(7, (last - starts).days + 1)
        weeks.append(WeekAdherence(week + 1, starts, done_by_week.get(week, 0), exercises * days))
    return weeks


SIDE_EFFECT_LABELS = dict(SIDE_EFFECTS)


@dataclass(frozen=True, slots=True)
class SideEffectDay:
    day: date
    effects: tuple[str, ...]
    """As recorded: the listed ones by name, then the patient's own words."""


def side_effect_log(recovery: Recovery) -> list[SideEffectDay]:
    log: list[SideEffectDay] = []
    for entry in recovery.diary:
        if entry.has_side_effects:
            named = [SIDE_EFFECT_LABELS[k] for k, _ in SIDE_EFFECTS if k in entry.side_effects]
            if entry.side_effect_other:
                named.append(entry.side_effect_other)
            log.append(SideEffectDay(entry.entry_on, tuple(named)))
    return log
