"""A plan's recovery: read it, name the activities and exercises, save and delete check-ins and
diary entries (deleting can be undone). One transaction per action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.changes import Change, changes
from planner.core import clock
from planner.core.dates import day_month_year
from planner.core.limits import CHECK_INS, check_room
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.checkins import Scheduled, next_due, schedule
from planner.recovery.measures import PSFS, Measures
from planner.recovery.measures_loader import shipped_measures
from planner.recovery.model import CheckIn, DiaryEntry, Recovery
from planner.recovery.rules import (
    CheckInDraft,
    CleanCheckIn,
    CleanDiaryEntry,
    DiaryDraft,
    activity_names_problem,
    exercise_names_problem,
    validate_check_in,
    validate_diary_entry,
)
from planner.recovery.store import (
    activities_in,
    cells_in,
    check_in_count,
    check_in_on_point,
    check_in_plan,
    check_ins_in,
    diary_entry_on,
    diary_entry_plan,
    diary_in,
    exercises_in,
    plan_facts,
    remove_check_in,
    remove_diary_entry,
    replace_activities,
    replace_exercises,
    write_check_in,
    write_diary_entry,
)

DIARY_PAIN, DIARY_SWELLING, DIARY_PAINKILLERS = "pain-activity", "swelling", "painkillers"

__all__ = [
    "DeletedCheckIn",
    "DeletedDiaryEntry",
    "check_in_schedule",
    "delete_check_in",
    "delete_diary_entry",
    "load_recovery",
    "next_check_in",
    "recorded_cells",
    "restore_check_in",
    "restore_diary_entry",
    "save_activities",
    "save_check_in",
    "save_diary_entry",
    "save_exercises",
]


def load_recovery(db: Database, plan_id: int, measures: Measures | None = None) -> Recovery:
    known = measures or shipped_measures()
    with db.transaction() as session:
        name, treatment, knee = plan_facts(session, plan_id)
        check_ins = check_ins_in(session, plan_id)
        taken = {c.point_id: c.taken_on for c in check_ins if c.point_id}
        return Recovery(
            plan_id,
            name,
            treatment,
            knee,
            known.for_plan(knee),
            activities_in(session, plan_id),
            exercises_in(session, plan_id),
            check_ins,
            diary_in(session, plan_id),
            tuple(schedule(treatment, taken)) if treatment else (),
        )


def check_in_schedule(db: Database, plan_id: int) -> list[Scheduled]:
    """The baseline and check-ins with their due days and the days they were done; empty without
    a treatment day."""
    with db.transaction() as session:
        _, treatment, _ = plan_facts(session, plan_id)
        if treatment is None:
            return []
        taken = {c.point_id: c.taken_on for c in check_ins_in(session, plan_id) if c.point_id}
        return schedule(treatment, taken)


def next_check_in(db: Database, plan_id: int) -> Scheduled | None:
    """The first baseline or check-in not yet done (a baseline only until the treatment day); None
    when all are, or without a treatment day."""
    return next_due(check_in_schedule(db, plan_id), clock.today())


def recorded_cells(db: Database, plan_id: int) -> tuple[str, int] | None:
    """The cell preparation recorded for the plan's stay ("same-day" or "cultured", and the days
    of culturing), for the doctor's report; None when the person has not recorded it."""
    with db.transaction() as session:
        plan_facts(session, plan_id)
        return cells_in(session, plan_id)


@changes(Change.RECOVERY)
def save_activities(
    db: Database, plan_id: int, names: Sequence[str], measures: Measures | None = None
) -> None:
    """Name the activities rated at every check-in; raises ValidationError keyed "activities"."""
    psfs = (measures or shipped_measures()).get(PSFS)
    named = [n.strip() for n in names if n.strip()]
    if problem := activity_names_problem(named, psfs.fewest, psfs.most):
        raise ValidationError.single("activities", problem)
    with db.transaction() as session:
        plan_facts(session, plan_id)
        replace_activities(session, plan_id, named)


@changes(Change.RECOVERY)
def save_exercises(db: Database, plan_id: int, names: Sequence[str]) -> None:
    """Name the physiotherapy plan's exercises; raises ValidationError keyed "exercises"."""
    named = [n.strip() for n in names if n.strip()]
    if problem := exercise_names_problem(named):
        raise ValidationError.single("exercises", problem)
    with db.transaction() as session:
        plan_facts(session, plan_id)
        replace_exercises(session, plan_id, named)


@changes(Change.RECOVERY)
def save_check_in(
    db: Database, plan_id: int, check_in_id: int | None, draft: CheckInDraft, measures: Measures | None = None
) -> int:
    """Add (`check_in_id` None) or edit a check-in; raises ValidationError keyed by field. A schedule
    point already answered by another check-in is refused at "point"."""
    known = measures or shipped_measures()
    with db.transaction() as session:
        _, treatment, knee = plan_facts(session, plan_id)
        activity_ids = [a.id for a in activities_in(session, plan_id)]
        clean = validate_check_in(draft, known.for_plan(knee), activity_ids, treatment, clock.today())
        other = check_in_on_point(session, plan_id, clean.point_id)
        if other is not None and other != check_in_id:
            raise ValidationError.single("point", "That check-in is already recorded; open it to change it.")
        if check_in_id is None:
            check_room(CHECK_INS, check_in_count(session, plan_id))
        return write_check_in(session, plan_id, check_in_id, clean)


@dataclass(frozen=True, slots=True)
class DeletedCheckIn:
    plan_id: int
    check_in: CheckIn


@changes(Change.RECOVERY)
def delete_check_in(db: Database, check_in_id: int) -> DeletedCheckIn:
    with db.transaction() as session:
        plan_id = check_in_plan(session, check_in_id)
        kept = next(c for c in check_ins_in(session, plan_id) if c.id == check_in_id)
        remove_check_in(session, check_in_id)
        return DeletedCheckIn(plan_id, kept)


@changes(Change.RECOVERY)
def restore_check_in(db: Database, deleted: DeletedCheckIn) -> int:
    """Put a deleted check-in back (answers to activities since removed are left out); raises
    ValidationError keyed "point" when its schedule point was answered again since."""
    c = deleted.check_in
    with db.transaction() as session:
        if c.point_id and check_in_on_point(session, deleted.plan_id, c.point_id) is not None:
            raise ValidationError.single(
                "point", "That check-in was recorded again since, so the deleted one cannot be put back."
            )
        activities = {a.id for a in activities_in(session, deleted.plan_id)}
        ratings = {a: v for a, v in c.activity_ratings.items() if a in activities}
        clean = CleanCheckIn(c.point_id, c.taken_on, dict(c.values), ratings, c.note)
        return write_check_in(session, deleted.plan_id, None, clean)


@changes(Change.RECOVERY)
def save_diary_entry(
    db: Database, plan_id: int, entry_id: int | None, draft: DiaryDraft, measures: Measures | None = None
) -> int:
    """Add (`entry_id` None) or edit the diary entry of a day; one entry per day (another on the
    same day is refused at "date"). Raises ValidationError keyed by field."""
    known = measures or shipped_measures()
    with db.transaction() as session:
        _, treatment, _ = plan_facts(session, plan_id)
        exercise_ids = [e.id for e in exercises_in(session, plan_id)]
        clean = validate_diary_entry(
            draft,
            known.get(DIARY_PAIN),
            known.get(DIARY_SWELLING),
            known.get(DIARY_PAINKILLERS),
            exercise_ids,
            treatment,
            clock.today(),
        )
        other = diary_entry_on(session, plan_id, clean.entry_on)
        if other is not None and other != entry_id:
            raise ValidationError.single(
                "date",
                f"There is already an entry for {day_month_year(clean.entry_on)}; open it to change it.",
            )
        return write_diary_entry(session, plan_id, entry_id, clean)


@dataclass(frozen=True, slots=True)
class DeletedDiaryEntry:
    plan_id: int
    entry: DiaryEntry


@changes(Change.RECOVERY)
def delete_diary_entry(db: Database, entry_id: int) -> DeletedDiaryEntry:
    with db.transaction() as session:
        plan_id = diary_entry_plan(session, entry_id)
        kept = next(e for e in diary_in(session, plan_id) if e.id == entry_id)
        remove_diary_entry(session, entry_id)
        return DeletedDiaryEntry(plan_id, kept)


@changes(Change.RECOVERY)
def restore_diary_entry(db: Database, deleted: DeletedDiaryEntry) -> int:
    """Put a deleted entry back (ticks of exercises since removed are left out); raises
    ValidationError keyed "date" when its day has a new entry since."""
    e = deleted.entry
    with db.transaction() as session:
        if diary_entry_on(session, deleted.plan_id, e.entry_on) is not None:
            raise ValidationError.single(
                "date",
                f"There is a new entry for {day_month_year(e.entry_on)}, so the deleted one cannot be "
                "put back; open the new one to change it.",
            )
        exercises = {x.id for x in exercises_in(session, deleted.plan_id)}
        clean = CleanDiaryEntry(
            e.entry_on,
            e.pain,
            e.swelling,
            e.painkillers,
            frozenset(e.exercises_done & exercises),
            e.side_effects,
            e.side_effect_other,
            e.note,
        )
        return write_diary_entry(session, deleted.plan_id, None, clean)
