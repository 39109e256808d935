"""The plan file's recovery section (version 4) is read with the forms' own checks: what the forms
refuse, the file is refused for, naming the place; older files without it still read."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from planner.planfile.format import Known, PlanFileError, parse_plan_file

KNOWN = Known(
    conditions=frozenset({"knee-cartilage-damage", "sprain"}),
    steps=frozenset({"treatment"}),
    catalogue_clinics=frozenset(),
    fee_categories=frozenset(),
    expense_categories=frozenset({"other"}),
    question_templates=frozenset(),
    knee_conditions=frozenset({"knee-cartilage-damage"}),
)


def with_recovery() -> dict[str, Any]:
    """Treatment on 1 Sep 2026, before the tests' today (20 Nov 2026)."""
    return {
        "format": "patient-journey-planner/plan",
        "version": 4,
        "plan": {
            "name": "Knee, September",
            "condition_id": "knee-cartilage-damage",
            "home_country": "GB",
            "home_currency": "GBP",
            "departure": "2026-08-28",
            "return": "2026-09-12",
            "treatment_date": "2026-09-01",
        },
        "recovery": {
            "activities": ["Stairs", "Running", "무릎 꿇기"],
            "exercises": ["Heel slides"],
            "check_ins": [
                {
                    "point": "baseline",
                    "taken_on": "2026-08-20",
                    "values": {"pain-rest": 6, "walking-time": 25, "knee-bend": 100, "swelling": 2},
                    "activity_ratings": [3, None, 2],
                    "note": "",
                },
                {"point": "2-weeks", "taken_on": "2026-09-16", "values": {"pain-rest": 4}, "note": "좋아요"},
            ],
            "diary": [
                {
                    "entry_on": "2026-09-02",
                    "pain": 5,
                    "swelling": 1,
                    "painkillers": 3,
                    "exercises_done": [0],
                    "side_effects": ["warmth"],
                    "side_effect_other": "Itchy",
                    "note": "",
                }
            ],
        },
    }


def parsed(data: dict[str, Any]) -> Any:
    return parse_plan_file(json.dumps(data, ensure_ascii=False).encode(), KNOWN)


def refused(change: Any) -> str:
    data = copy.deepcopy(with_recovery())
    change(data)
    with pytest.raises(PlanFileError) as caught:
        parsed(data)
    return str(caught.value)


def test_the_recovery_section_reads_into_clean_values() -> None:
    record = parsed(with_recovery()).recovery
    assert record.activities == ["Stairs", "Running", "무릎 꿇기"]
    baseline, two_weeks = record.check_ins
    assert baseline.values == {"pain-rest": 6, "walking-time": 25, "knee-bend": 100, "swelling": 2}
    assert baseline.activity_ratings == {0: 3, 2: 2}
    assert two_weeks.note == "좋아요"
    (entry,) = record.diary
    assert (entry.entry_on, entry.exercises_done, entry.side_effects) == (date(2026, 9, 2), {0}, {"warmth"})


def test_a_file_without_the_section_reads_as_no_recovery() -> None:
    data = with_recovery()
    del data["recovery"]
    data["version"] = 3
    assert parsed(data).recovery.check_ins == []


def section(data: dict[str, Any]) -> dict[str, Any]:
    return data["recovery"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (lambda d: section(d)["check_ins"][0]["values"].update({"pain-rest": 11}), "check_ins[0].pain-rest"),
        (lambda d: section(d)["check_ins"][1].update({"taken_on": "2026-11-21"}), "check_ins[1].date"),
        (lambda d: section(d)["check_ins"][0]["values"].update({"knee-bend": 181}), "check_ins[0].knee-bend"),
        (
            lambda d: section(d)["check_ins"][0]["values"].update({"walking-time": "soon"}),
            "values.walking-time",
        ),
        (lambda d: section(d)["check_ins"][0]["values"].update({"grip": 3}), "check_ins[0].values"),
        (lambda d: section(d)["check_ins"][0].update({"activity_ratings": [1, 2, 3, 4]}), "activity_ratings"),
        (lambda d: section(d)["check_ins"][1].update({"point": "baseline"}), "check_ins[1].date"),
        (lambda d: section(d).update({"activities": ["Stairs", "Running"]}), "recovery.activities"),
        (lambda d: section(d).update({"activities": [f"A{n}" for n in range(6)]}), "recovery.activities"),
        (lambda d: section(d)["diary"][0].update({"entry_on": "2028-09-02"}), "diary[0].date"),
        (lambda d: section(d)["diary"][0].update({"exercises_done": [4]}), "diary[0].exercises"),
        (lambda d: section(d)["diary"][0].update({"side_effects": ["itching"]}), "diary[0].side-effects"),
        (lambda d: section(d)["diary"][0].update({"note": "x" * 10_001}), "diary[0].note"),
        (lambda d: section(d)["diary"].append(dict(section(d)["diary"][0])), "two entries for the same day"),
    ],
)
def test_what_the_forms_refuse_the_file_is_refused_for_naming_the_place(change: Any, place: str) -> None:
    assert place in refused(change)


def test_a_soft_tissue_plan_has_no_knee_bend() -> None:
    def sprain(data: dict[str, Any]) -> None:
        data["plan"]["condition_id"] = "sprain"

    assert "knee-bend" in refused(sprain)


def test_a_ten_thousand_character_hangul_note_is_kept() -> None:
    data = with_recovery()
    section(data)["diary"][0]["note"] = "무" * 10_000
    assert parsed(data).recovery.diary[0].note == "무" * 10_000
