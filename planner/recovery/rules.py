"""What a check-in and a diary entry may hold; every refusal names its field.

The same limits hold for the forms and for the plan-file reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.core.months import add_months
from planner.core.validation import control_character_problem, raise_if_any
from planner.recovery.checkins import BASELINE, POINT_IDS
from planner.recovery.measures import Measure

NOTE_MOST = 10_000
ACTIVITY_NAME_MOST = 200
SIDE_EFFECT_OTHER_MOST = 1_000
EXERCISE_NAME_MOST = 200
EXERCISES_MOST = 30
DIARY_YEARS_AFTER = 2
DIARY_DAYS_BEFORE = 180
"""The diary may start this many days before the treatment day, to record the pain before it."""
SIDE_EFFECTS: tuple[tuple[str, str], ...] = (
    ("swelling", "More swelling"),
    ("redness", "Redness"),
    ("warmth", "Warmth"),
    ("fever", "Fever"),
)
SIDE_EFFECT_IDS = frozenset(kind for kind, _ in SIDE_EFFECTS)

_DURATION_FORMS = (
    re.compile(r"^(?P<m>\d{1,4})\s*(?:m|min|mins|minute|minutes)?$"),
    re.compile(r"^(?P<h>\d{1,2}):(?P<m>[0-5]\d)$"),
    re.compile(
        r"^(?P<h>\d{1,2})\s*(?:h|hr|hrs|hour|hours)(?:\s*(?P<m>\d{1,2})\s*(?:m|min|mins|minute|minutes)?)?$"
    ),
)
DURATION_HINT = "Type minutes (25), hours and minutes (1:30) or 1 h 30 min."


def minutes_from_text(text: str) -> int | None:
    """Minutes from "25", "25 min", "1:30" or "1 h 30 min"; None when the text is not a duration."""
    cleaned = text.strip().lower()
    for form in _DURATION_FORMS:
        found = form.match(cleaned)
        if found:
            parts = found.groupdict()
            hours, minutes = int(parts.get("h") or 0), int(parts.get("m") or 0)
            if parts.get("h") and minutes >= 60:
                return None
            return hours * 60 + minutes
    return None


def whole_number(text: str) -> int | None:
    cleaned = text.strip()
    return int(cleaned) if re.fullmatch(r"\d{1,6}", cleaned) else None


def value_problem(measure: Measure, text: str) -> tuple[int | None, str | None]:
    """The value typed for one measure, or a message for its field. Empty text is no answer."""
    if not text.strip():
        return None, None
    unit = f" {measure.unit}" if measure.unit else (" minutes" if measure.kind == "minutes" else "")
    if measure.kind == "minutes":
        value = minutes_from_text(text)
        if value is None:
            return None, f"{measure.name}: that is not a duration. {DURATION_HINT}"
    elif measure.kind == "level":
        names = [level.lower() for level in measure.levels]
        cleaned = text.strip().lower()
        value = names.index(cleaned) if cleaned in names else whole_number(text)
        if value is None or not measure.in_range(value):
            return None, f"{measure.name}: choose one of {', '.join(measure.levels)}."
        return value, None
    else:
        value = whole_number(text)
        if value is None:
            return None, f"{measure.name}: type a whole number from {measure.low} to {measure.high}{unit}."
    if not measure.in_range(value):
        return None, f"{measure.name}: must be from {measure.low} to {measure.high}{unit}."
    return value, None


def note_problem(note: str) -> str | None:
    if len(note) > NOTE_MOST:
        return f"Keep the note to {NOTE_MOST:,} characters (it has {len(note):,})."
    return None


def activity_names_problem(names: Sequence[str], fewest: int, most: int) -> str | None:
    """A message when the activities are too few, too many, repeated, too long or unprintable."""
    named = [n.strip() for n in names if n.strip()]
    if not fewest <= len(named) <= most:
        return f"Name {fewest} to {most} activities that are hard for you (you named {len(named)})."
    if len({n.casefold() for n in named}) != len(named):
        return "Each activity is named once."
    for name in named:
        if len(name) > ACTIVITY_NAME_MOST:
            return f"Keep each activity to {ACTIVITY_NAME_MOST} characters."
        problem = control_character_problem(name)
        if problem:
            return problem
    return None


@dataclass(frozen=True, slots=True)
class CheckInDraft:
    """A check-in as typed: the schedule point it answers ("" for one of the patient's own),
    its date, the text of each measure's field, each activity's rating, and a note."""

    point_id: str
    taken_on: date | None
    values: Mapping[str, str] = field(default_factory=dict)
    activity_ratings: Mapping[int, str] = field(default_factory=dict)
    """Activity id to the rating typed for it."""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CleanCheckIn:
    point_id: str
    taken_on: date
    values: dict[str, int]
    activity_ratings: dict[int, int]
    note: str


def validate_check_in(
    draft: CheckInDraft,
    measures: Sequence[Measure],
    activity_ids: Sequence[int],
    treatment: date | None,
    today: date,
) -> CleanCheckIn:
    """Raises ValidationError keyed by "point", "date", a measure's id, "activity-<id>" or "note"."""
    errors: dict[str, str] = {}
    if draft.point_id and draft.point_id not in POINT_IDS:
        errors["point"] = "Choose which check-in this is."
    taken_on = draft.taken_on
    if taken_on is None:
        errors["date"] = "Give the day you answered."
    elif taken_on > today:
        errors["date"] = "A check-in cannot be dated in the future; give the day you answered."
    elif treatment is not None and draft.point_id == BASELINE and taken_on > treatment:
        errors["date"] = "The baseline is taken before the treatment day."
    elif treatment is not None and draft.point_id not in ("", BASELINE) and taken_on < treatment:
        errors["date"] = "This check-in comes after the treatment day."
    values: dict[str, int] = {}
    ratings: dict[int, int] = {}
    for measure in measures:
        if measure.kind == "activities":
            for activity_id in activity_ids:
                value, problem = value_problem(measure, draft.activity_ratings.get(activity_id, ""))
                if problem:
                    errors[f"activity-{activity_id}"] = problem
                elif value is not None:
                    ratings[activity_id] = value
            continue
        value, problem = value_problem(measure, draft.values.get(measure.id, ""))
        if problem:
            errors[measure.id] = problem
        elif value is not None:
            values[measure.id] = value
    if not values and not ratings and not errors:
        errors["values"] = "Answer at least one question."
    note = draft.note.strip()
    if problem := note_problem(note):
        errors["note"] = problem
    raise_if_any(errors)
    assert taken_on is not None
    return CleanCheckIn(draft.point_id, taken_on, values, ratings, note)


@dataclass(frozen=True, slots=True)
class DiaryDraft:
    """A day's diary entry as typed."""

    entry_on: date | None
    pain: str = ""
    swelling: str = ""
    painkillers: str = ""
    exercises_done: frozenset[int] = frozenset()
    side_effects: frozenset[str] = frozenset()
    side_effect_other: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CleanDiaryEntry:
    entry_on: date
    pain: int | None
    swelling: int | None
    painkillers: int | None
    exercises_done: frozenset[int]
    side_effects: frozenset[str]
    side_effect_other: str
    note: str


def last_diary_day(treatment: date) -> date:
    return add_months(treatment, 12 * DIARY_YEARS_AFTER)


def validate_diary_entry(
    draft: DiaryDraft,
    pain: Measure,
    swelling: Measure,
    painkillers: Measure,
    exercise_ids: Sequence[int],
    treatment: date | None,
    today: date,
) -> CleanDiaryEntry:
    """Raises ValidationError keyed by "date", "pain", "swelling", "painkillers", "exercises",
    "side-effects" or "note"."""
    errors: dict[str, str] = {}
    entry_on = draft.entry_on
    if entry_on is None:
        errors["date"] = "Give the day this entry is for."
    elif entry_on > today:
        errors["date"] = "A diary entry cannot be dated in the future."
    elif treatment is None:
        errors["date"] = "Set the treatment day on the plan first: the diary counts from it."
    elif entry_on > last_diary_day(treatment):
        errors["date"] = f"The diary runs to {DIARY_YEARS_AFTER} years after the treatment day."
    elif entry_on < treatment - timedelta(days=DIARY_DAYS_BEFORE):
        errors["date"] = f"The diary starts {DIARY_DAYS_BEFORE} days before the treatment day."
    numbers: dict[str, int | None] = {}
    for key, measure, text in (
        ("pain", pain, draft.pain),
        ("swelling", swelling, draft.swelling),
        ("painkillers", painkillers, draft.painkillers),
    ):
        value, problem = value_problem(measure, text)
        if problem:
            errors[key] = problem
        numbers[key] = value
    if not draft.exercises_done <= set(exercise_ids):
        errors["exercises"] = "Tick only exercises of your plan."
    if not draft.side_effects <= SIDE_EFFECT_IDS:
        errors["side-effects"] = "Tick only the side effects listed, or describe it under Other."
    other = draft.side_effect_other.strip()
    if len(other) > SIDE_EFFECT_OTHER_MOST:
        errors["side-effects"] = f"Keep the description to {SIDE_EFFECT_OTHER_MOST:,} characters."
    note = draft.note.strip()
    if problem := note_problem(note):
        errors["note"] = problem
    raise_if_any(errors)
    assert entry_on is not None
    return CleanDiaryEntry(
        entry_on,
        numbers["pain"],
        numbers["swelling"],
        numbers["painkillers"],
        draft.exercises_done,
        draft.side_effects,
        other,
        note,
    )


def exercise_names_problem(names: Sequence[str]) -> str | None:
    """A message when the physiotherapy plan's exercises are too many, repeated, too long or unprintable."""
    if len(names) > EXERCISES_MOST:
        return f"Keep the plan to {EXERCISES_MOST} exercises."
    if len({n.casefold() for n in names}) != len(names):
        return "Each exercise is named once."
    for name in names:
        if len(name) > EXERCISE_NAME_MOST:
            return f"Keep each exercise to {EXERCISE_NAME_MOST} characters."
        if problem := control_character_problem(name):
            return problem
    return None
