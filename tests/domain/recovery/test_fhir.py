"""The recovery as a FHIR R4 Bundle: every bundle is validated whole by fhir.resources' R4 classes."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import fhir.resources
import pytest
from fhir.resources.bundle import Bundle
from pydantic import ValidationError

from planner.recovery.checkins import schedule
from planner.recovery.fhir import (
    PAIN_LOINC_DISPLAY,
    bundle_json,
    plan_namespace,
    recovery_bundle,
)
from planner.recovery.model import CheckIn, DiaryEntry, Named, Recovery
from tests.domain.recovery.measures_here import MEASURES

NOW = datetime(2027, 9, 1, 8, 30, 5, 123456)
"""The app's clock, in UTC."""
CREATED = datetime(2026, 11, 20, 10, 0, 0, 654321)
NAMESPACE = plan_namespace(1, CREATED)
TREATMENT = date(2027, 3, 10)
ACTIVITIES = tuple(
    Named(n, name)
    for n, name in enumerate(("Stairs", "Running", "Kneeling", "Squatting", "Getting out of a car"), 1)
)
EXERCISES = (Named(10, "Straight-leg raises"), Named(11, "Heel slides"), Named(12, "Quad sets"))
HANGUL_NOTE = "".join(chr(0xAC00 + (n * 37) % 11172) for n in range(10_000))
"""The longest note the app keeps, all Hangul syllables."""
PAIN = [{"system": "http://loinc.org", "code": "72514-3", "display": PAIN_LOINC_DISPLAY}]


def recovery(check_ins: tuple[CheckIn, ...] = (), diary: tuple[DiaryEntry, ...] = ()) -> Recovery:
    return Recovery(
        1,
        "Knee, March",
        TREATMENT,
        True,
        MEASURES.for_plan(knee=True),
        ACTIVITIES if check_ins else (),
        EXERCISES if diary else (),
        check_ins,
        diary,
        tuple(schedule(TREATMENT, {})),
    )


EVERY_MEASURE = CheckIn(
    7,
    "6-weeks",
    date(2027, 4, 21),
    {
        "pain-rest": 2,
        "pain-activity": 5,
        "walking-time": 90,
        "knee-bend": 115,
        "swelling": 2,
        "stiffness": 1,
        "painkillers": 3,
    },
    {1: 6, 2: 1, 3: 5, 4: 4, 5: 8},
    HANGUL_NOTE,
)
BASELINE = CheckIn(3, "baseline", date(2027, 3, 2), {"pain-activity": 8}, {1: 2, 2: 0, 3: 4}, "")
OWN = CheckIn(9, "", date(2027, 5, 1), {"swelling": 0}, {1: 7}, "Bell\x07 and \tTab\r\nkept")
DIARY_DAY = DiaryEntry(
    21,
    date(2027, 3, 12),
    6,
    3,
    4,
    frozenset({10, 12}),
    frozenset({"redness", "fever"}),
    "붉은 반점 on the shin; it itches",
    "Slept badly.",
)
QUIET_DAY = DiaryEntry(22, date(2027, 3, 13), None, None, None, frozenset(), frozenset(), "", "")
FULL = recovery((BASELINE, EVERY_MEASURE, OWN), (DIARY_DAY, QUIET_DAY))


def validated(bundle: dict[str, Any]) -> Bundle:
    """The bundle parsed by fhir.resources' R4 model, from the bytes the export writes, and the
    rules that model leaves out: no empty list, string or object and no null anywhere (JSON
    format rules), and no QuestionnaireResponse item with both answers and items (qrs-1)."""
    parsed = Bundle.parse_raw(bundle_json(bundle))
    assert isinstance(parsed, Bundle)
    assert empties(bundle) == []
    for response in resources(bundle, "QuestionnaireResponse"):
        for item in response.get("item", []):
            assert not ("answer" in item and "item" in item), item["linkId"]
    return parsed


def empties(node: object, path: str = "") -> list[str]:
    """Where `node` holds an empty list, string or object, or a null."""
    if node in (None, "", [], {}):
        return [path]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in empties(value, f"{path}.{key}")]
    if isinstance(node, list):
        return [found for n, value in enumerate(node) for found in empties(value, f"{path}[{n}]")]
    return []


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle.get("entry", []) if e["resource"]["resourceType"] == kind]


def observation(bundle: dict[str, Any], text: str, day: date) -> dict[str, Any]:
    [found] = [
        o
        for o in resources(bundle, "Observation")
        if o["code"]["text"] == text and o["effectiveDateTime"] == day.isoformat()
    ]
    return found


def items(response: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in response["item"]}


def test_the_validator_is_fhir_r4_and_refuses_a_resource_missing_what_r4_requires() -> None:
    assert fhir.resources.__fhir_version__ == "4.0.1"
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    validated(bundle)
    del resources(bundle, "Observation")[0]["status"]
    with pytest.raises(ValidationError, match="status"):
        validated(bundle)
    assert empties({"a": [{"b": ""}], "c": 0, "d": False}) == [".a[0].b"]


def test_an_empty_recovery_is_a_valid_bundle_with_no_entries() -> None:
    bundle = recovery_bundle(recovery(), NAMESPACE, NOW)
    assert bundle == {"resourceType": "Bundle", "type": "collection", "timestamp": "2027-09-01T08:30:05Z"}
    parsed = validated(bundle)
    assert parsed.type == "collection" and parsed.entry is None


def test_a_full_recovery_validates_with_a_response_per_record_and_an_observation_per_answer() -> None:
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    parsed = validated(bundle)
    assert len(parsed.entry) == len(bundle["entry"])
    responses = resources(bundle, "QuestionnaireResponse")
    assert [(r["status"], r["authored"]) for r in responses] == [
        ("completed", "2027-03-02"),
        ("completed", "2027-04-21"),
        ("completed", "2027-05-01"),
        ("completed", "2027-03-12"),
        ("completed", "2027-03-13"),
    ]
    assert all("subject" not in r for r in responses), "the app holds no patient identity"
    observed = resources(bundle, "Observation")
    # Baseline: pain during activity and the scale; six weeks: all eight measures; own: swelling
    # and the scale (one activity, too few for a score); the diary day: four, the quiet day none.
    assert len(observed) == 2 + 8 + 2 + 4
    assert all(o["status"] == "final" and "subject" not in o for o in observed)
    assert all(o["category"][0]["coding"][0]["code"] == "survey" for o in observed)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in bundle["entry"])
    every_source = {o["derivedFrom"][0]["reference"] for o in observed}
    assert every_source <= set(urls)


def test_the_check_in_answers_one_item_per_measure_with_the_activities_nested() -> None:
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    six_weeks = items(resources(bundle, "QuestionnaireResponse")[1])
    assert list(six_weeks) == [
        "check-in",
        "treatment-day",
        "pain-rest",
        "pain-activity",
        "psfs",
        "walking-time",
        "knee-bend",
        "swelling",
        "stiffness",
        "painkillers",
        "note",
    ]
    assert six_weeks["check-in"]["answer"] == [{"valueString": "6 weeks"}]
    assert six_weeks["treatment-day"]["answer"] == [{"valueDate": "2027-03-10"}]
    assert six_weeks["pain-rest"]["answer"] == [{"valueInteger": 2}]
    assert six_weeks["pain-rest"]["text"] == MEASURES.get("pain-rest").question
    psfs = six_weeks["psfs"]
    assert "answer" not in psfs
    assert [(i["text"], i["answer"]) for i in psfs["item"]] == [
        ("Stairs", [{"valueInteger": 6}]),
        ("Running", [{"valueInteger": 1}]),
        ("Kneeling", [{"valueInteger": 5}]),
        ("Squatting", [{"valueInteger": 4}]),
        ("Getting out of a car", [{"valueInteger": 8}]),
    ]
    ucum = "http://unitsofmeasure.org"
    assert six_weeks["walking-time"]["answer"] == [
        {"valueQuantity": {"value": 90, "unit": "min", "system": ucum, "code": "min"}}
    ]
    assert six_weeks["knee-bend"]["answer"] == [
        {"valueQuantity": {"value": 115, "unit": "degrees", "system": ucum, "code": "deg"}}
    ]
    assert six_weeks["swelling"]["answer"] == [{"valueCoding": {"display": "Moderate"}}]
    assert six_weeks["stiffness"]["answer"] == [{"valueCoding": {"display": "Mild"}}]
    assert six_weeks["painkillers"]["answer"] == [{"valueInteger": 3}]
    assert six_weeks["note"]["answer"] == [{"valueString": HANGUL_NOTE}]
    own = items(resources(bundle, "QuestionnaireResponse")[2])
    assert own["check-in"]["answer"][0]["valueString"].startswith("The patient's own check-in")
    assert own["note"]["answer"] == [{"valueString": "Bell and \tTab\r\nkept"}]  # FHIR strings hold no BEL


def test_pain_carries_loinc_72514_3_exactly_and_nothing_else_is_coded() -> None:
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    pains = [
        observation(bundle, "Pain at rest", date(2027, 4, 21)),
        observation(bundle, "Pain during activity", date(2027, 4, 21)),
        observation(bundle, "Pain during activity", date(2027, 3, 2)),
        observation(bundle, "Pain (diary)", date(2027, 3, 12)),
    ]
    assert [p["code"] for p in pains] == [
        {"coding": PAIN, "text": "Pain at rest"},
        {"coding": PAIN, "text": "Pain during activity"},
        {"coding": PAIN, "text": "Pain during activity"},
        {"coding": PAIN, "text": "Pain (diary)"},
    ]
    assert [p["valueInteger"] for p in pains] == [2, 5, 8, 6]
    others = [o for o in resources(bundle, "Observation") if o not in pains]
    assert others and all(set(o["code"]) == {"text"} for o in others)
    components = [c for o in others for c in o.get("component", [])]
    assert components and all(set(c["code"]) == {"text"} for c in components)


def test_the_other_measures_keep_their_values_units_and_levels_as_text() -> None:
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    day = date(2027, 4, 21)
    assert observation(bundle, "Walking time", day)["valueQuantity"]["code"] == "min"
    assert observation(bundle, "Knee bend", day)["valueQuantity"] == {
        "value": 115,
        "unit": "degrees",
        "system": "http://unitsofmeasure.org",
        "code": "deg",
    }
    assert observation(bundle, "Swelling", day)["valueCodeableConcept"] == {"text": "Moderate"}
    assert observation(bundle, "Stiffness", day)["valueCodeableConcept"] == {"text": "Mild"}
    assert observation(bundle, "Swelling", date(2027, 5, 1))["valueCodeableConcept"] == {"text": "None"}
    assert observation(bundle, "Painkillers", day)["valueInteger"] == 3
    scale = "Patient-Specific Functional Scale: the mean of the activities' ratings (0-10)"
    psfs = observation(bundle, scale, day)
    assert psfs["valueQuantity"] == {"value": 4.8}
    assert [(c["code"]["text"], c["valueInteger"]) for c in psfs["component"]] == [
        ("Stairs", 6),
        ("Running", 1),
        ("Kneeling", 5),
        ("Squatting", 4),
        ("Getting out of a car", 8),
    ]
    one_activity = observation(bundle, scale, date(2027, 5, 1))
    assert "valueQuantity" not in one_activity and len(one_activity["component"]) == 1


def test_the_diary_keeps_side_effects_as_recorded() -> None:
    bundle = recovery_bundle(FULL, NAMESPACE, NOW)
    day = items(resources(bundle, "QuestionnaireResponse")[3])
    assert day["pain"]["answer"] == [{"valueInteger": 6}]
    assert day["swelling"]["answer"] == [{"valueCoding": {"display": "Severe"}}]
    assert day["painkillers"]["answer"] == [{"valueInteger": 4}]
    assert day["exercises"]["answer"] == [
        {"valueString": "Straight-leg raises"},
        {"valueString": "Quad sets"},
    ]
    assert day["side-effects"]["answer"] == [{"valueString": "Redness"}, {"valueString": "Fever"}]
    assert day["side-effect-other"]["answer"] == [{"valueString": "붉은 반점 on the shin; it itches"}]
    assert day["note"]["answer"] == [{"valueString": "Slept badly."}]
    recorded = "Side effects the patient recorded (as recorded, not assessed)"
    effects = observation(bundle, recorded, date(2027, 3, 12))
    assert "valueString" not in effects and "interpretation" not in effects
    assert [c["code"]["text"] for c in effects["component"]] == [
        "Redness",
        "Fever",
        "Other side effect, in the patient's words",
    ]
    assert effects["component"][-1]["valueString"] == "붉은 반점 on the shin; it itches"
    swelling = observation(bundle, "Swelling (diary)", date(2027, 3, 12))
    assert swelling["valueCodeableConcept"] == {"text": "Severe"}
    painkillers = "Painkiller doses in the last 24 hours (diary)"
    assert observation(bundle, painkillers, date(2027, 3, 12))["valueInteger"] == 4
    quiet = resources(bundle, "QuestionnaireResponse")[4]
    assert "item" not in quiet  # nothing recorded that day but the entry itself


def test_exporting_again_gives_the_same_file_and_another_plan_other_ids() -> None:
    first = bundle_json(recovery_bundle(FULL, NAMESPACE, NOW))
    assert bundle_json(recovery_bundle(FULL, plan_namespace(1, CREATED), NOW)) == first
    later = json.loads(bundle_json(recovery_bundle(FULL, NAMESPACE, datetime(2028, 1, 2, 3, 4, 5))))
    assert later.pop("timestamp") == "2028-01-02T03:04:05Z"
    assert later == {k: v for k, v in json.loads(first).items() if k != "timestamp"}
    elsewhere = recovery_bundle(FULL, plan_namespace(1, datetime(2026, 11, 20, 10, 0, 0, 1)), NOW)
    ids = {e["fullUrl"] for e in json.loads(first)["entry"]}
    assert ids.isdisjoint(e["fullUrl"] for e in elsewhere["entry"])
