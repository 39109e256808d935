"""Reading and writing a plan's recovery rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planner.db.models import (
    CheckInRow,
    CheckInValueRow,
    ConditionRow,
    DiaryEntryRow,
    DiaryExerciseRow,
    JourneySettingsRow,
    PlanRow,
    RecoveryActivityRow,
    RecoveryExerciseRow,
)
from planner.recovery.measures import KNEE_GROUP, PSFS
from planner.recovery.model import CheckIn, DiaryEntry, Named, RecoveryRecord
from planner.recovery.rules import CleanCheckIn, CleanDiaryEntry

NamedRow = TypeVar("NamedRow", RecoveryActivityRow, RecoveryExerciseRow)


def plan_facts(session: Session, plan_id: int) -> tuple[str, date | None, bool]:
    """The plan's name, treatment day, and whether its condition is of the knee."""
    plan = session.get_one(PlanRow, plan_id)
    condition = session.get(ConditionRow, plan.condition_id)
    return plan.name, plan.treatment_date, condition is not None and condition.group_id == KNEE_GROUP


def cells_in(session: Session, plan_id: int) -> tuple[str, int] | None:
    """How the cells are prepared ("same-day" or "cultured") and the days of culturing, as the
    person recorded them for the stay; None while they have not (the itinerary then assumes
    the same day)."""
    settings = session.get(JourneySettingsRow, plan_id)
    return None if settings is None else (settings.cells, settings.culture_days)


def plan_created_at(session: Session, plan_id: int) -> datetime:
    return session.get_one(PlanRow, plan_id).created_at


def _named_in(session: Session, row_type: type[NamedRow], plan_id: int) -> tuple[Named, ...]:
    rows = session.scalars(
        select(row_type).where(row_type.plan_id == plan_id).order_by(row_type.position, row_type.id)
    )
    return tuple(Named(r.id, r.name) for r in rows)


def _replace_named(session: Session, row_type: type[NamedRow], plan_id: int, names: Sequence[str]) -> None:
    """Keep the rows by position (so ratings and ticks stay with a renamed one), add or drop the rest."""
    rows = list(
        session.scalars(
            select(row_type).where(row_type.plan_id == plan_id).order_by(row_type.position, row_type.id)
        )
    )
    for position, name in enumerate(names):
        if position < len(rows):
            rows[position].name, rows[position].position = name, position
        else:
            session.add(row_type(plan_id=plan_id, position=position, name=name))
    for extra in rows[len(names) :]:
        session.delete(extra)


def activities_in(session: Session, plan_id: int) -> tuple[Named, ...]:
    return _named_in(session, RecoveryActivityRow, plan_id)


def exercises_in(session: Session, plan_id: int) -> tuple[Named, ...]:
    return _named_in(session, RecoveryExerciseRow, plan_id)


def replace_activities(session: Session, plan_id: int, names: Sequence[str]) -> None:
    _replace_named(session, RecoveryActivityRow, plan_id, names)


def replace_exercises(session: Session, plan_id: int, names: Sequence[str]) -> None:
    _replace_named(session, RecoveryExerciseRow, plan_id, names)


def check_ins_in(session: Session, plan_id: int) -> tuple[CheckIn, ...]:
    rows = list(
        session.scalars(
            select(CheckInRow)
            .where(CheckInRow.plan_id == plan_id)
            .order_by(CheckInRow.taken_on, CheckInRow.id)
        )
    )
    values: dict[int, dict[str, int]] = defaultdict(dict)
    ratings: dict[int, dict[int, int]] = defaultdict(dict)
    ids = [r.id for r in rows]
    if ids:
        for value in session.scalars(select(CheckInValueRow).where(CheckInValueRow.check_in_id.in_(ids))):
            if value.activity_id is None:
                values[value.check_in_id][value.measure_id] = value.value
            else:
                ratings[value.check_in_id][value.activity_id] = value.value
    return tuple(CheckIn(r.id, r.point_id, r.taken_on, values[r.id], ratings[r.id], r.note) for r in rows)


def check_in_count(session: Session, plan_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(CheckInRow).where(CheckInRow.plan_id == plan_id)) or 0
    )


def check_in_on_point(session: Session, plan_id: int, point_id: str) -> int | None:
    if not point_id:
        return None
    return session.scalar(
        select(CheckInRow.id).where(CheckInRow.plan_id == plan_id, CheckInRow.point_id == point_id)
    )


def write_check_in(session: Session, plan_id: int, check_in_id: int | None, clean: CleanCheckIn) -> int:
    """Insert (when `check_in_id` is None) or overwrite a check-in and all its answers."""
    if check_in_id is None:
        row = CheckInRow(plan_id=plan_id, point_id=clean.point_id, taken_on=clean.taken_on, note=clean.note)
        session.add(row)
        session.flush()
    else:
        row = session.get_one(CheckInRow, check_in_id)
        row.point_id, row.taken_on, row.note = clean.point_id, clean.taken_on, clean.note
        session.execute(delete(CheckInValueRow).where(CheckInValueRow.check_in_id == row.id))
    session.add_all(
        CheckInValueRow(check_in_id=row.id, measure_id=measure_id, activity_id=None, value=value)
        for measure_id, value in clean.values.items()
    )
    session.add_all(
        CheckInValueRow(check_in_id=row.id, measure_id=PSFS, activity_id=activity_id, value=value)
        for activity_id, value in clean.activity_ratings.items()
    )
    return row.id


def check_in_plan(session: Session, check_in_id: int) -> int:
    return session.get_one(CheckInRow, check_in_id).plan_id


def remove_check_in(session: Session, check_in_id: int) -> None:
    session.delete(session.get_one(CheckInRow, check_in_id))


def _entry(row: DiaryEntryRow, done: frozenset[int]) -> DiaryEntry:
    effects = frozenset(e for e in row.side_effects.split(",") if e)
    return DiaryEntry(
        row.id,
        row.entry_on,
        row.pain,
        row.swelling,
        row.painkillers,
        done,
        effects,
        row.side_effect_other,
        row.note,
    )


def diary_in(session: Session, plan_id: int) -> tuple[DiaryEntry, ...]:
    rows = list(
        session.scalars(
            select(DiaryEntryRow).where(DiaryEntryRow.plan_id == plan_id).order_by(DiaryEntryRow.entry_on)
        )
    )
    done: dict[int, set[int]] = defaultdict(set)
    if rows:
        ticks = session.execute(
            select(DiaryExerciseRow.entry_id, DiaryExerciseRow.exercise_id)
            .join(DiaryEntryRow, DiaryEntryRow.id == DiaryExerciseRow.entry_id)
            .where(DiaryEntryRow.plan_id == plan_id)
        )
        for entry_id, exercise_id in ticks:
            done[entry_id].add(exercise_id)
    return tuple(_entry(r, frozenset(done[r.id])) for r in rows)


def diary_entry_on(session: Session, plan_id: int, day: date) -> int | None:
    return session.scalar(
        select(DiaryEntryRow.id).where(DiaryEntryRow.plan_id == plan_id, DiaryEntryRow.entry_on == day)
    )


def write_diary_entry(session: Session, plan_id: int, entry_id: int | None, clean: CleanDiaryEntry) -> int:
    """Insert (when `entry_id` is None) or overwrite a diary entry and its ticked exercises."""
    fields = {
        "entry_on": clean.entry_on,
        "pain": clean.pain,
        "swelling": clean.swelling,
        "painkillers": clean.painkillers,
        "side_effects": ",".join(sorted(clean.side_effects)),
        "side_effect_other": clean.side_effect_other,
        "note": clean.note,
    }
    if entry_id is None:
        row = DiaryEntryRow(plan_id=plan_id, **fields)
        session.add(row)
        session.flush()
    else:
        row = session.get_one(DiaryEntryRow, entry_id)
        for key, value in fields.items():
            setattr(row, key, value)
        session.execute(delete(DiaryExerciseRow).where(DiaryExerciseRow.entry_id == row.id))
    session.add_all(DiaryExerciseRow(entry_id=row.id, exercise_id=e) for e in sorted(clean.exercises_done))
    return row.id


def diary_entry_plan(session: Session, entry_id: int) -> int:
    return session.get_one(DiaryEntryRow, entry_id).plan_id


def remove_diary_entry(session: Session, entry_id: int) -> None:
    session.delete(session.get_one(DiaryEntryRow, entry_id))


def recovery_record(session: Session, plan_id: int) -> RecoveryRecord:
    """Everything recorded, with activities and exercises named by their place in the lists."""
    activities = activities_in(session, plan_id)
    exercises = exercises_in(session, plan_id)
    activity_place = {a.id: n for n, a in enumerate(activities)}
    exercise_place = {e.id: n for n, e in enumerate(exercises)}
    return RecoveryRecord(
        [a.name for a in activities],
        [e.name for e in exercises],
        [
            CleanCheckIn(
                c.point_id,
                c.taken_on,
                dict(c.values),
                {activity_place[a]: v for a, v in c.activity_ratings.items()},
                c.note,
            )
            for c in check_ins_in(session, plan_id)
        ],
        [
            CleanDiaryEntry(
                e.entry_on,
                e.pain,
                e.swelling,
                e.painkillers,
                frozenset(exercise_place[x] for x in e.exercises_done),
                e.side_effects,
                e.side_effect_other,
                e.note,
            )
            for e in diary_in(session, plan_id)
        ],
    )


def add_recovery(session: Session, plan_id: int, record: RecoveryRecord) -> None:
    """Write a record (from a plan file or another plan) into a plan that has none."""
    replace_activities(session, plan_id, record.activities)
    replace_exercises(session, plan_id, record.exercises)
    session.flush()
    activity_ids = [a.id for a in activities_in(session, plan_id)]
    exercise_ids = [e.id for e in exercises_in(session, plan_id)]
    for check_in in record.check_ins:
        ratings = {activity_ids[n]: v for n, v in check_in.activity_ratings.items()}
        clean = CleanCheckIn(check_in.point_id, check_in.taken_on, check_in.values, ratings, check_in.note)
        write_check_in(session, plan_id, None, clean)
    for entry in record.diary:
        done = frozenset(exercise_ids[n] for n in entry.exercises_done)
        write_diary_entry(
            session,
            plan_id,
            None,
            CleanDiaryEntry(
                entry.entry_on,
                entry.pain,
                entry.swelling,
                entry.painkillers,
                done,
                entry.side_effects,
                entry.side_effect_other,
                entry.note,
            ),
        )
