"""A plan's recovery through the services, on a fresh database each time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.checklist.service import set_treatment_date
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import DiaryEntryRow
from planner.plans.service import PlanDraft, create_plan, delete_plan
from planner.recovery.measures_loader import load_measures
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import (
    delete_check_in,
    delete_diary_entry,
    load_recovery,
    next_check_in,
    restore_check_in,
    restore_diary_entry,
    save_activities,
    save_check_in,
    save_diary_entry,
    save_exercises,
)

MEASURES = load_measures(Path(__file__).resolve().parents[3] / "resources" / "catalogue")
TREATMENT = date(2026, 9, 1)


def new_plan(db: Database, condition: str = "knee-cartilage-damage") -> int:
    plan = create_plan(
        db,
        PlanDraft(
            name="Knee, September",
            condition_id=condition,
            home_country="GB",
            home_currency="GBP",
            departure=date(2026, 8, 28),
            return_=date(2026, 9, 12),
            budget_limit="",
        ),
    )
    set_treatment_date(db, plan.id, TREATMENT)
    return plan.id


def test_a_knee_plan_asks_the_knee_bend_and_a_soft_tissue_plan_does_not(db: Database) -> None:
    knee = load_recovery(db, new_plan(db), MEASURES)
    assert knee.knee and "knee-bend" in [m.id for m in knee.measures]
    other = create_plan(
        db,
        PlanDraft("Ankle", "sprain", "GB", "GBP", date(2026, 8, 28), date(2026, 9, 12), ""),
    )
    assert "knee-bend" not in [m.id for m in load_recovery(db, other.id, MEASURES).measures]


def test_check_ins_keep_their_answers_and_the_next_one_due_moves_on(db: Database) -> None:
    plan_id = new_plan(db)
    save_activities(db, plan_id, ["Stairs", "Running", "Kneeling"], MEASURES)
    activities = load_recovery(db, plan_id, MEASURES).activities
    ratings = {a.id: r for a, r in zip(activities, ("3", "2", "4"), strict=True)}
    save_check_in(
        db,
        plan_id,
        None,
        CheckInDraft("baseline", date(2026, 8, 20), {"pain-activity": "7"}, ratings),
        MEASURES,
    )
    due = next_check_in(db, plan_id)
    assert due is not None and due.point.id == "2-weeks" and due.due == date(2026, 9, 15)
    recovery = load_recovery(db, plan_id, MEASURES)
    (baseline,) = recovery.check_ins
    assert baseline.values == {"pain-activity": 7}
    assert sorted(baseline.activity_ratings.values()) == [2, 3, 4]
    assert recovery.schedule[0].taken_on == date(2026, 8, 20)


def test_a_schedule_point_answered_twice_is_refused_and_nothing_is_saved(db: Database) -> None:
    plan_id = new_plan(db)
    save_check_in(
        db, plan_id, None, CheckInDraft("baseline", date(2026, 8, 20), {"pain-rest": "5"}), MEASURES
    )
    with pytest.raises(ValidationError) as caught:
        save_check_in(
            db, plan_id, None, CheckInDraft("baseline", date(2026, 8, 21), {"pain-rest": "4"}), MEASURES
        )
    assert "point" in caught.value.errors
    assert [c.values for c in load_recovery(db, plan_id, MEASURES).check_ins] == [{"pain-rest": 5}]


def test_a_bad_answer_saves_nothing(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError):
        save_check_in(
            db,
            plan_id,
            None,
            CheckInDraft("2-weeks", date(2026, 9, 16), {"pain-rest": "3", "knee-bend": "190"}),
            MEASURES,
        )
    assert load_recovery(db, plan_id, MEASURES).check_ins == ()


def test_a_deleted_check_in_comes_back_with_undo(db: Database) -> None:
    plan_id = new_plan(db)
    kept = save_check_in(
        db,
        plan_id,
        None,
        CheckInDraft("2-weeks", date(2026, 9, 14), {"pain-rest": "3"}, note="흉터 괜찮음"),
        MEASURES,
    )
    deleted = delete_check_in(db, kept)
    assert load_recovery(db, plan_id, MEASURES).check_ins == ()
    restore_check_in(db, deleted)
    (back,) = load_recovery(db, plan_id, MEASURES).check_ins
    assert (back.point_id, back.values, back.note) == ("2-weeks", {"pain-rest": 3}, "흉터 괜찮음")


def test_one_diary_entry_a_day_edited_deleted_and_undone(db: Database) -> None:
    plan_id = new_plan(db)
    save_exercises(db, plan_id, ["Straight-leg raises", "Heel slides"])
    exercises = load_recovery(db, plan_id, MEASURES).exercises
    day = date(2026, 9, 20)
    entry = save_diary_entry(
        db,
        plan_id,
        None,
        DiaryDraft(
            day,
            pain="4",
            swelling="Mild",
            exercises_done=frozenset({exercises[0].id}),
            side_effects=frozenset({"warmth"}),
        ),
        MEASURES,
    )
    with pytest.raises(ValidationError) as caught:
        save_diary_entry(db, plan_id, None, DiaryDraft(day, pain="3"), MEASURES)
    assert "already an entry for 20 Sep 2026" in caught.value.errors["date"]
    save_diary_entry(db, plan_id, entry, DiaryDraft(day, pain="3", note="Better"), MEASURES)
    (edited,) = load_recovery(db, plan_id, MEASURES).diary
    assert (edited.pain, edited.swelling, edited.exercises_done, edited.note) == (
        3,
        None,
        frozenset(),
        "Better",
    )
    deleted = delete_diary_entry(db, entry)
    assert load_recovery(db, plan_id, MEASURES).diary == ()
    restore_diary_entry(db, deleted)
    assert load_recovery(db, plan_id, MEASURES).diary[0].note == "Better"


def test_undo_refuses_to_put_back_a_day_or_a_check_in_recorded_again_since(db: Database) -> None:
    plan_id = new_plan(db)
    day = date(2026, 9, 20)
    entry = save_diary_entry(db, plan_id, None, DiaryDraft(day, pain="4"), MEASURES)
    deleted_entry = delete_diary_entry(db, entry)
    save_diary_entry(db, plan_id, None, DiaryDraft(day, pain="2"), MEASURES)
    with pytest.raises(ValidationError) as caught:
        restore_diary_entry(db, deleted_entry)
    assert "new entry for 20 Sep 2026" in caught.value.errors["date"]
    assert [e.pain for e in load_recovery(db, plan_id, MEASURES).diary] == [2]

    check_in = save_check_in(
        db, plan_id, None, CheckInDraft("2-weeks", date(2026, 9, 14), {"pain-rest": "3"}), MEASURES
    )
    deleted_check_in = delete_check_in(db, check_in)
    save_check_in(db, plan_id, None, CheckInDraft("2-weeks", date(2026, 9, 15), {"pain-rest": "2"}), MEASURES)
    with pytest.raises(ValidationError) as caught:
        restore_check_in(db, deleted_check_in)
    assert "recorded again" in caught.value.errors["point"]
    assert [c.values for c in load_recovery(db, plan_id, MEASURES).check_ins] == [{"pain-rest": 2}]


def test_renaming_an_activity_keeps_its_ratings_and_dropping_one_drops_them(db: Database) -> None:
    plan_id = new_plan(db)
    save_activities(db, plan_id, ["Stairs", "Running", "Kneeling", "Squatting"], MEASURES)
    first = load_recovery(db, plan_id, MEASURES).activities
    ratings = {a.id: "5" for a in first}
    save_check_in(db, plan_id, None, CheckInDraft("baseline", date(2026, 8, 20), {}, ratings), MEASURES)
    save_activities(db, plan_id, ["Stairs up and down", "Running", "Kneeling"], MEASURES)
    after = load_recovery(db, plan_id, MEASURES)
    assert [a.name for a in after.activities] == ["Stairs up and down", "Running", "Kneeling"]
    assert set(after.check_ins[0].activity_ratings) == {a.id for a in after.activities}


def test_too_few_activities_are_refused(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as caught:
        save_activities(db, plan_id, ["Stairs", "Running"], MEASURES)
    assert "3 to 5" in caught.value.errors["activities"]


def test_the_diary_goes_with_its_plan(db: Database) -> None:
    plan_id = new_plan(db)
    save_diary_entry(db, plan_id, None, DiaryDraft(date(2026, 9, 20), pain="4"), MEASURES)
    delete_plan(db, plan_id)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(DiaryEntryRow)) == 0
