"""What the charts and the report show: baseline against latest, adherence per week, side effects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.recovery.checkins import schedule
from planner.recovery.model import CheckIn, DiaryEntry, Named, Recovery
from planner.recovery.progress import (
    adherence_by_week,
    change_sentence,
    compared,
    diary_pain_series,
    measure_series,
    shown_value,
    side_effect_log,
)
from tests.domain.recovery.measures_here import MEASURES

TREATMENT = date(2027, 3, 10)
ACTIVITIES = (Named(1, "Stairs"), Named(2, "Running"), Named(3, "Kneeling"))
EXERCISES = (Named(10, "Straight-leg raises"), Named(11, "Heel slides"))


def entry(
    day: date, pain: int | None = None, done: frozenset[int] = frozenset(), **extra: object
) -> DiaryEntry:
    fields: dict[str, object] = {"side_effects": frozenset(), "side_effect_other": "", "note": ""} | extra
    return DiaryEntry(
        day.toordinal(),
        day,
        pain,
        None,
        None,
        done,
        fields["side_effects"],
        fields["side_effect_other"],
        "",  # type: ignore[arg-type]
    )


def recovery(check_ins: tuple[CheckIn, ...] = (), diary: tuple[DiaryEntry, ...] = ()) -> Recovery:
    return Recovery(
        1,
        "Knee",
        TREATMENT,
        True,
        MEASURES.for_plan(knee=True),
        ACTIVITIES,
        EXERCISES,
        check_ins,
        diary,
        tuple(schedule(TREATMENT, {})),
    )


BASELINE = CheckIn(
    1, "baseline", date(2027, 3, 1), {"pain-activity": 7, "walking-time": 10}, {1: 2, 2: 0, 3: 4}, ""
)
SIX_WEEKS = CheckIn(
    2, "6-weeks", date(2027, 4, 22), {"pain-activity": 4, "walking-time": 35}, {1: 6, 2: 1, 3: 5}, ""
)
THREE_MONTHS = CheckIn(3, "3-months", date(2027, 6, 12), {"pain-activity": 3}, {1: 7, 2: 2, 3: 5}, "")


def test_baseline_against_the_latest_check_in_for_each_measure_and_activity() -> None:
    rows = {c.label: c for c in compared(recovery((BASELINE, SIX_WEEKS, THREE_MONTHS)))}
    pain = rows["Pain during activity"]
    assert pain.baseline == (date(2027, 3, 1), Decimal(7)) and pain.latest == (date(2027, 6, 12), Decimal(3))
    assert pain.change is not None and pain.change.reaches is True
    walking = rows["Walking time"]
    assert walking.latest == (date(2027, 4, 22), Decimal(35))
    average = rows["Patient-Specific Functional Scale (average)"]
    assert (average.baseline, average.latest) == (
        (date(2027, 3, 1), Decimal("2.0")),
        (date(2027, 6, 12), Decimal("4.7")),
    )
    assert average.change is not None and average.change.reaches is True
    running = rows["Running"]
    assert running.change is not None and running.change.improvement == 2 and running.change.reaches is False
    assert rows["Knee bend"].baseline is None and rows["Knee bend"].change is None


def test_without_a_baseline_nothing_is_compared() -> None:
    assert all(c.change is None for c in compared(recovery((SIX_WEEKS,))))


def test_change_in_plain_words_against_the_change_people_notice() -> None:
    pain = MEASURES.get("pain-activity")
    rows = {c.label: c for c in compared(recovery((BASELINE, THREE_MONTHS)))}
    assert change_sentence(pain, rows["Pain during activity"].change) == (  # type: ignore[arg-type]
        "Down 4 points (57%) since the baseline, better; reaches the change people notice."
    )
    walking = MEASURES.get("walking-time")
    rows = {c.label: c for c in compared(recovery((BASELINE, SIX_WEEKS)))}
    assert (
        change_sentence(walking, rows["Walking time"].change) == "Up 25 minutes since the baseline, better."
    )  # type: ignore[arg-type]


def test_values_are_shown_as_they_were_typed() -> None:
    assert shown_value(MEASURES.get("swelling"), Decimal(2)) == "Moderate"
    assert shown_value(MEASURES.get("walking-time"), Decimal(95)) == "1 h 35 min"
    assert shown_value(MEASURES.get("walking-time"), Decimal(60)) == "1 h"
    assert shown_value(MEASURES.get("walking-time"), Decimal(0)) == "0 min"
    assert shown_value(MEASURES.get("knee-bend"), Decimal(110)) == "110 degrees"


def test_series_follow_the_check_ins_and_the_diary() -> None:
    data = recovery((BASELINE, SIX_WEEKS), (entry(date(2027, 3, 12), pain=6), entry(date(2027, 3, 13))))
    assert measure_series(data, MEASURES.get("pain-activity")) == [
        (date(2027, 3, 1), Decimal(7)),
        (date(2027, 4, 22), Decimal(4)),
    ]
    assert measure_series(data, MEASURES.get("psfs"), activity_id=2) == [
        (date(2027, 3, 1), Decimal(0)),
        (date(2027, 4, 22), Decimal(1)),
    ]
    assert diary_pain_series(data) == [(date(2027, 3, 12), Decimal(6))]


def test_adherence_counts_each_week_from_the_treatment_day_to_the_last_entry() -> None:
    both, one = frozenset({10, 11}), frozenset({10})
    diary = (
        entry(date(2027, 3, 10), done=both),
        entry(date(2027, 3, 11), done=one),
        entry(date(2027, 3, 18), done=both),
    )
    weeks = adherence_by_week(recovery(diary=diary), today=date(2027, 3, 19))
    assert [(w.week, w.starts, w.done, w.planned) for w in weeks] == [
        (1, date(2027, 3, 10), 3, 14),
        (2, date(2027, 3, 17), 2, 4),
    ]
    assert [w.percent for w in weeks] == [21, 50]


def test_no_adherence_without_exercises_or_entries() -> None:
    assert adherence_by_week(recovery(), today=date(2027, 3, 19)) == []


def test_side_effects_are_listed_as_recorded() -> None:
    diary = (
        entry(date(2027, 3, 11), side_effects=frozenset({"fever", "redness"})),
        entry(date(2027, 3, 12)),
        entry(date(2027, 3, 13), side_effect_other="Itching at the injection site"),
    )
    log = side_effect_log(recovery(diary=diary))
    assert [(d.day, d.effects) for d in log] == [
        (date(2027, 3, 11), ("Redness", "Fever")),
        (date(2027, 3, 13), ("Itching at the injection site",)),
    ]
