"""A plan's recovery exported as a FHIR R4 Bundle from the database, validated with fhir.resources."""

from __future__ import annotations

import json
from datetime import date, datetime

from fhir.resources.bundle import Bundle

from planner.checklist.service import set_treatment_date
from planner.core import clock
from planner.core.dates import utc_instant
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan, rename_plan
from planner.recovery.fhir_service import recovery_fhir_json
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import load_recovery, save_activities, save_check_in, save_diary_entry
from tests.domain.recovery.measures_here import MEASURES

LATER = datetime(2027, 9, 1, 10, 0)


def knee_plan(db: Database, name: str = "Knee, March") -> int:
    plan = create_plan(
        db, PlanDraft(name, "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 5), date(2027, 3, 20), "")
    )
    set_treatment_date(db, plan.id, date(2027, 3, 10))
    return plan.id


def test_a_plan_without_records_exports_an_empty_valid_bundle(db: Database) -> None:
    data = recovery_fhir_json(db, knee_plan(db), MEASURES)
    stamp = utc_instant(clock.utc_now())
    assert json.loads(data) == {"resourceType": "Bundle", "type": "collection", "timestamp": stamp}
    assert Bundle.parse_raw(data).entry is None


def test_the_recorded_recovery_exports_valid_and_the_same_again(db: Database) -> None:
    plan_id = knee_plan(db)
    with clock.pinned(LATER):
        save_activities(db, plan_id, ["Stairs", "Running", "Kneeling"], MEASURES)
        activities = [a.id for a in load_recovery(db, plan_id, MEASURES).activities]
        save_check_in(
            db,
            plan_id,
            None,
            CheckInDraft(
                "baseline",
                date(2027, 3, 2),
                {"pain-rest": "3", "pain-activity": "7", "walking-time": "1:30", "swelling": "Mild"},
                dict(zip(activities, ("2", "0", "4"), strict=True)),
                "Stairs are the worst.",
            ),
            MEASURES,
        )
        save_diary_entry(
            db,
            plan_id,
            None,
            DiaryDraft(date(2027, 3, 12), pain="6", side_effects=frozenset({"warmth"})),
            MEASURES,
        )
        first = recovery_fhir_json(db, plan_id, MEASURES)
        stamp = utc_instant(clock.utc_now())
        assert recovery_fhir_json(db, plan_id, MEASURES) == first
        rename_plan(db, plan_id, "Knee, Cellinique")
        assert recovery_fhir_json(db, plan_id, MEASURES) == first, "the ids come from the plan, not its name"
    parsed = Bundle.parse_raw(first)
    kinds = [entry.resource.resource_type for entry in parsed.entry]
    assert kinds.count("QuestionnaireResponse") == 2
    assert kinds.count("Observation") == 5 + 2  # four measures and the scale; diary pain, side effects
    bundle = json.loads(first)
    assert bundle["timestamp"] == stamp
    walking = next(
        e["resource"] for e in bundle["entry"] if e["resource"].get("code", {}).get("text") == "Walking time"
    )
    assert walking["valueQuantity"]["value"] == 90


def test_two_plans_never_share_an_id(db: Database) -> None:
    ids: list[set[str]] = []
    for name in ("Knee, March", "Knee, May"):
        plan_id = knee_plan(db, name)
        with clock.pinned(LATER):
            draft = CheckInDraft("", date(2027, 4, 1), {"pain-rest": "2"})
            save_check_in(db, plan_id, None, draft, MEASURES)
            ids.append({e["fullUrl"] for e in json.loads(recovery_fhir_json(db, plan_id, MEASURES))["entry"]})
    assert len(ids[0]) == 2 and ids[0].isdisjoint(ids[1])
