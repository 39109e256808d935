"""A plan file's "recovery" section (version 4): the activities and exercises, the check-ins and
the diary, read with the same checks as the forms (planner/recovery/rules.py).

Activities and exercises are lists of names; a check-in rates the activities by their place in
that list, and a diary entry names the exercises done by theirs. Values are kept as stored: a
level by its index, a duration in minutes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.core import clock, limits
from planner.core.dates import iso_date
from planner.core.validation import ValidationError
from planner.planfile.checks import FieldReader, shown
from planner.recovery.checkins import POINT_IDS
from planner.recovery.measures import PSFS, Measures
from planner.recovery.model import RecoveryRecord
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

DIARY_MEASURES = ("pain-activity", "swelling", "painkillers")


def _names(r: FieldReader, section: dict[str, Any], key: str) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        r.fail(f"recovery.{key}", "should be a list of names")
        return []
    return [v.strip() for v in value]


def _refusals(r: FieldReader, path: str, error: ValidationError) -> None:
    for key, message in error.errors.items():
        r.fail(f"{path}.{key}", message)


def _number_text(r: FieldReader, value: object, path: str) -> str:
    """A stored whole number as the form's text; anything else is noted and read as no answer."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int):
        r.fail(path, f"{shown(value)} is not a whole number")
        return ""
    return str(value)


def _check_in(
    r: FieldReader,
    row: dict[str, Any],
    path: str,
    measures: Measures,
    knee: bool,
    activities: int,
    treatment: date | None,
) -> CleanCheckIn | None:
    point = r.choice(row, "point", path, POINT_IDS | {""})
    taken_on = r.day(row, "taken_on", path, required=True)
    values_in = r.mapping(row.get("values", {}), f"{path}.values")
    asked = {m.id for m in measures.for_plan(knee) if m.id != PSFS}
    for unknown in sorted(set(values_in) - asked):
        r.fail(f"{path}.values", f"{shown(unknown)} is not a measure of this plan")
    ratings_in = row.get("activity_ratings", [])
    if not isinstance(ratings_in, list) or len(ratings_in) > activities:
        r.fail(f"{path}.activity_ratings", "should rate at most the plan's activities, in their order")
        ratings_in = []
    draft = CheckInDraft(
        point,
        taken_on,
        {k: _number_text(r, v, f"{path}.values.{k}") for k, v in values_in.items() if k in asked},
        {n: _number_text(r, v, f"{path}.activity_ratings[{n}]") for n, v in enumerate(ratings_in)},
        r.text(row, "note", path),
    )
    if taken_on is None:
        return None
    try:
        return validate_check_in(draft, measures.for_plan(knee), range(activities), treatment, clock.today())
    except ValidationError as error:
        _refusals(r, path, error)
        return None


def _diary_entry(
    r: FieldReader, row: dict[str, Any], path: str, measures: Measures, exercises: int, treatment: date | None
) -> CleanDiaryEntry | None:
    entry_on = r.day(row, "entry_on", path, required=True)
    done = row.get("exercises_done", [])
    if not isinstance(done, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in done):
        r.fail(f"{path}.exercises_done", "should list the exercises done by their place in the list")
        done = []
    effects = row.get("side_effects", [])
    if not isinstance(effects, list) or not all(isinstance(e, str) for e in effects):
        r.fail(f"{path}.side_effects", "should be a list of side effects")
        effects = []
    draft = DiaryDraft(
        entry_on,
        _number_text(r, row.get("pain"), f"{path}.pain"),
        _number_text(r, row.get("swelling"), f"{path}.swelling"),
        _number_text(r, row.get("painkillers"), f"{path}.painkillers"),
        frozenset(done),
        frozenset(effects),
        r.text(row, "side_effect_other", path),
        r.text(row, "note", path),
    )
    if entry_on is None:
        return None
    pain, swelling, painkillers = (measures.get(m) for m in DIARY_MEASURES)
    try:
        return validate_diary_entry(
            draft, pain, swelling, painkillers, range(exercises), treatment, clock.today()
        )
    except ValidationError as error:
        _refusals(r, path, error)
        return None


def read_recovery(
    r: FieldReader, value: object, measures: Measures, knee: bool, treatment: date | None
) -> RecoveryRecord:
    """The checked section; its problems are noted on `r` with their paths."""
    section = RecoveryRecord()
    if value is None:
        return section
    root = r.mapping(value, "recovery")
    section.activities = _names(r, root, "activities")
    psfs = measures.get(PSFS)
    if section.activities and (problem := activity_names_problem(section.activities, psfs.fewest, psfs.most)):
        r.fail("recovery.activities", problem)
    section.exercises = _names(r, root, "exercises")
    if problem := exercise_names_problem(section.exercises):
        r.fail("recovery.exercises", problem)
    for n, row in enumerate(r.rows(root, "check_ins", "recovery.", limits.CHECK_INS)):
        found = _check_in(
            r, row, f"recovery.check_ins[{n}]", measures, knee, len(section.activities), treatment
        )
        if found is not None:
            section.check_ins.append(found)
    points = [c.point_id for c in section.check_ins if c.point_id]
    if len(set(points)) != len(points):
        r.fail("recovery.check_ins", "answers the same check-in twice")
    for n, row in enumerate(r.rows(root, "diary", "recovery.")):
        found_entry = _diary_entry(
            r, row, f"recovery.diary[{n}]", measures, len(section.exercises), treatment
        )
        if found_entry is not None:
            section.diary.append(found_entry)
    days = [e.entry_on for e in section.diary]
    if len(set(days)) != len(days):
        r.fail("recovery.diary", "has two entries for the same day")
    return section


def recovery_json(section: RecoveryRecord) -> dict[str, Any]:
    """The section as the file writes it."""
    return {
        "activities": section.activities,
        "exercises": section.exercises,
        "check_ins": [
            {
                "point": c.point_id,
                "taken_on": iso_date(c.taken_on),
                "values": dict(c.values),
                "activity_ratings": [c.activity_ratings.get(n) for n in range(len(section.activities))],
                "note": c.note,
            }
            for c in section.check_ins
        ],
        "diary": [
            {
                "entry_on": iso_date(e.entry_on),
                "pain": e.pain,
                "swelling": e.swelling,
                "painkillers": e.painkillers,
                "exercises_done": sorted(e.exercises_done),
                "side_effects": sorted(e.side_effects),
                "side_effect_other": e.side_effect_other,
                "note": e.note,
            }
            for e in section.diary
        ],
    }
