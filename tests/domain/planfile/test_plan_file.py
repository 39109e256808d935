"""Reading a plan file: a good file gives clean values; a damaged, truncated, wrong-version or
hostile one is refused as a whole with a PlanFileError whose message says what is wrong and
where ("expenses[0].planned: ..."), so the person knows why nothing was imported."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from planner.planfile.expenses import EXPENSE_COLUMNS
from planner.planfile.format import MAX_FILE_BYTES, VERSION, Known, PlanFile, PlanFileError, parse_plan_file

KNOWN = Known(
    conditions=frozenset({"knee-cartilage-damage", "rotator-cuff-tear"}),
    steps=frozenset({"virtual-consultation", "booking-preparation", "treatment", "departure"}),
    catalogue_clinics=frozenset({"sh-clinic", "cellinique"}),
    fee_categories=frozenset({"surgeon", "facility"}),
    expense_categories=frozenset({"surgeon", "facility", "travel", "lodging", "other"}),
    question_templates=frozenset({"certifications", "cell-source"}),
)
UID = "3a49ac65-9d6c-4a2b-8e5c-724627dce894"


def minimal() -> dict[str, Any]:
    return {
        "format": "patient-journey-planner/plan",
        "version": 1,
        "plan": {
            "name": "Knee, March",
            "condition_id": "knee-cartilage-damage",
            "home_country": "GB",
            "home_currency": "GBP",
            "departure": "2027-03-01",
            "return": "2027-03-11",
        },
    }


def fuller() -> dict[str, Any]:
    """A valid file with one row in each section the bad files below spoil."""
    data = minimal()
    data["plan"].update({"home_zone": "Europe/London", "clinic": "own:1", "budget_limit": "9000.00"})
    data["own_clinics"] = [{"key": "own:1", "name": "Busan Knee Centre", "city": "Busan"}]
    data["shortlist"] = ["own:1", "catalogue:sh-clinic"]
    data["quotes"] = [
        {
            "clinic": "own:1",
            "currency": "KRW",
            "received_on": "2026-10-05",
            "deposit_percent": "12.50",
            "accepted": True,
            "lines": [{"fee_category": "surgeon", "label": "Surgeon", "amount": "9000000"}],
        },
        {
            "clinic": "catalogue:sh-clinic",
            "currency": "USD",
            "received_on": "2026-10-07",
            "accepted": False,
            "lines": [{"fee_category": None, "label": "Package", "amount": "6500.50"}],
        },
    ]
    data["rates"] = [{"base": "GBP", "quote": "KRW", "rate": "1750.25", "on_date": "2026-10-01"}]
    data["expenses"] = [
        {
            "category": "travel",
            "step_id": "departure",
            "label": "Flights",
            "planned": "850.00",
            "actual": None,
            "currency": "GBP",
            "paid_on": None,
            "note": "Seat 42A",
            "conversions": [
                {"currency": "KRW", "planned": "1487712", "rate": "1750.25", "rate_date": "2026-10-01"}
            ],
        }
    ]
    data["journey_settings"] = {"arrival_date": "2027-03-02", "cells": "cultured", "culture_days": 2}
    data["steps"] = [{"step_id": "treatment", "status": "in-progress", "note": ""}]
    data["checklist"] = [{"step_id": "booking-preparation", "text": "Book flights", "kind": "task"}]
    data["appointments"] = [
        {
            "uid": UID,
            "step_id": "treatment",
            "kind": "injection",
            "title": "Injection",
            "start": "2027-03-04T14:00:00",
            "end": "2027-03-04T15:30:00",
            "zone": "Asia/Seoul",
            "proposal_key": "injection",
        }
    ]
    data["trip_details"] = {"hotel_name": "Hotel Gangnam", "hotel_address": "서울특별시 강남구 테헤란로 123"}
    data["clinic_notes"] = [{"clinic": "own:1", "note": "Friendly", "rating": 4}]
    data["answers"] = [
        {"clinic": "catalogue:sh-clinic", "question": "builtin:certifications", "answer": "KFDA"},
        {"clinic": "own:1", "question": "Do you have an English-speaking nurse?", "answer": "Yes"},
    ]
    return data


def encoded(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def refused(data: bytes) -> str:
    with pytest.raises(PlanFileError) as caught:
        parse_plan_file(data, KNOWN)
    return str(caught.value)


def spoiled(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = copy.deepcopy(fuller())
    change(data)
    return encoded(data)


# Good files


def test_a_minimal_file_parses() -> None:
    file = parse_plan_file(encoded(minimal()), KNOWN)
    assert isinstance(file, PlanFile)
    assert file.name == "Knee, March"
    assert file.plan["departure_date"] == date(2027, 3, 1)
    assert file.plan["return_date"] == date(2027, 3, 11)
    assert file.plan["budget_limit_minor"] is None and file.plan["clinic"] is None
    assert (file.quotes, file.expenses, file.appointments, file.answers) == ([], [], [], [])
    assert file.trip_details is None and file.budget_settings is None


def test_a_fuller_file_parses_into_clean_values() -> None:
    file = parse_plan_file(encoded(fuller()), KNOWN)
    assert file.plan["budget_limit_minor"] == 900_000
    assert file.plan["clinic"] == "own:1"
    assert file.own_clinics["own:1"]["name"] == "Busan Knee Centre"
    assert file.shortlist == ["own:1", "catalogue:sh-clinic"]
    assert file.quotes[0]["lines"][0]["amount_minor"] == 9_000_000  # KRW has no minor unit
    assert file.quotes[0]["deposit_basis_points"] == 1250
    assert file.quotes[1]["lines"][0]["amount_minor"] == 650_050
    line = dict(zip(("line", *EXPENSE_COLUMNS), file.expenses[0], strict=True))
    assert (line["planned_minor"], line["actual_minor"], line["currency"]) == (85_000, None, "GBP")
    assert file.conversions == [(0, "KRW", 1_487_712, None, "1750.25", "2026-10-01")]
    assert file.appointments[0]["start"] == datetime(2027, 3, 4, 14)
    assert file.trip_details is not None
    assert file.trip_details["hotel_address"] == "서울특별시 강남구 테헤란로 123"


def test_a_file_from_a_text_editor_with_spaces_and_any_key_order_parses() -> None:
    data = minimal()
    text = json.dumps({k: data[k] for k in reversed(list(data))}, indent=4)
    assert parse_plan_file(text.encode("utf-8"), KNOWN).name == "Knee, March"


# Files that are not plan files at all


def test_not_json() -> None:
    assert "damaged or cut short" in refused(b"Knee, March: 1-11 Mar 2027")


def test_truncated_json_is_refused_saying_where() -> None:
    whole = encoded(fuller())
    message = refused(whole[: len(whole) // 2])
    assert "damaged or cut short" in message
    assert "line 1, column" in message


def test_empty_bytes() -> None:
    assert "damaged or cut short" in refused(b"")


def test_binary_garbage() -> None:
    assert "not text (UTF-8)" in refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00")


def test_utf16_text() -> None:
    assert "not text (UTF-8)" in refused(json.dumps(minimal()).encode("utf-16"))


def test_json_that_is_a_list() -> None:
    assert "not a Patient Journey Planner plan file" in refused(encoded([minimal()]))


def test_wrong_format() -> None:
    data = minimal() | {"format": "some-other-app/plan"}
    assert "not a Patient Journey Planner plan file" in refused(encoded(data))


def test_missing_version() -> None:
    data = minimal()
    del data["version"]
    assert "does not say which version" in refused(encoded(data))


@pytest.mark.parametrize("version", ["1", 1.0, True, None])
def test_a_version_that_is_not_a_whole_number(version: object) -> None:
    assert "does not say which version" in refused(encoded(minimal() | {"version": version}))


def test_a_newer_version_asks_to_update_the_app() -> None:
    message = refused(encoded(minimal() | {"version": VERSION + 1}))
    assert f"version {VERSION + 1}" in message and "newer" in message
    assert "Update the app" in message


def test_version_zero() -> None:
    assert "version 0 is not one this app knows" in refused(encoded(minimal() | {"version": 0}))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    text = json.dumps(fuller()).replace('"850.00"', constant)
    assert constant in text
    assert "damaged or cut short" in refused(text.encode("utf-8"))


def test_deeply_nested_arrays_are_refused_without_crashing() -> None:
    depth = 100_000
    text = (
        '{"format": "patient-journey-planner/plan", "version": 1, "plan": ' + "[" * depth + "]" * depth + "}"
    )
    assert "damaged or cut short" in refused(text.encode("ascii"))


def test_a_file_over_64_mb_is_refused_before_it_is_read() -> None:
    data = b" " * (70 * 1024 * 1024)
    assert len(data) > MAX_FILE_BYTES
    assert "larger than 64 MB" in refused(data)


# Plan files with wrong values: each names the field


def set_in(path: tuple[Any, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


BAD_VALUES: dict[str, tuple[Callable[[dict[str, Any]], None], list[str]]] = {
    "negative amount": (
        set_in(("expenses", 0, "planned"), "-850.00"),
        ["expenses[0].planned", "is not an amount like 1234.50"],
    ),
    "non-numeric amount": (
        set_in(("expenses", 0, "planned"), "eight hundred"),
        ["expenses[0].planned", "“eight hundred” is not an amount"],
    ),
    "amount as a JSON number": (
        set_in(("expenses", 0, "planned"), 850.0),
        ["expenses[0].planned", "850.0 is not an amount"],
    ),
    "amount with a thousands separator": (
        set_in(("expenses", 0, "planned"), "1,850.00"),
        ["expenses[0].planned", "is not an amount"],
    ),
    "too many decimals for GBP": (
        set_in(("expenses", 0, "planned"), "850.005"),
        ["expenses[0].planned", "GBP amounts have at most 2 decimal places"],
    ),
    "decimals for KRW": (
        set_in(("quotes", 0, "lines", 0, "amount"), "9000000.5"),
        ["quotes[0].lines[0].amount", "KRW amounts have at most 0 decimal places"],
    ),
    "decimals for JPY": (
        set_in(
            ("expenses", 0, "conversions", 0),
            {"currency": "JPY", "planned": "12.5", "rate": "190", "rate_date": "2026-10-01"},
        ),
        ["expenses[0].conversions[0].planned", "JPY amounts have at most 0 decimal places"],
    ),
    "amount above the largest allowed": (
        set_in(("plan", "budget_limit"), "99999999.00"),
        ["plan.budget_limit", "more than the largest amount allowed in GBP"],
    ),
    "unknown currency": (
        set_in(("expenses", 0, "currency"), "XYZ"),
        ["expenses[0].currency", "“XYZ” is not a known currency code"],
    ),
    "unknown home currency": (
        set_in(("plan", "home_currency"), "Pounds"),
        ["plan.home_currency", "is not a known currency code"],
    ),
    "unknown condition": (
        set_in(("plan", "condition_id"), "hip-replacement"),
        ["plan.condition_id", "“hip-replacement” is not one of the known values"],
    ),
    "unknown step on an appointment": (
        set_in(("appointments", 0, "step_id"), "sightseeing"),
        ["appointments[0].step_id", "“sightseeing” is not one of the known values"],
    ),
    "unknown step on an expense": (
        set_in(("expenses", 0, "step_id"), "sightseeing"),
        ["expenses[0].step_id", "is not a journey step"],
    ),
    "unknown step on a checklist item": (
        set_in(("checklist", 0, "step_id"), "sightseeing"),
        ["checklist[0].step_id", "is not one of the known values"],
    ),
    "unknown catalogue clinic": (
        set_in(("shortlist", 1), "catalogue:no-such-clinic"),
        ["shortlist[1].clinic", "names no clinic in the file or the catalogue"],
    ),
    "quote naming an own clinic not in the file": (
        set_in(("quotes", 0, "clinic"), "own:9"),
        ["quotes[0].clinic", "“own:9” names no clinic"],
    ),
    "answer for an own clinic not in the file": (
        set_in(("answers", 1, "clinic"), "own:2"),
        ["answers[1].clinic", "names no clinic"],
    ),
    "unknown built-in question": (
        set_in(("answers", 0, "question"), "builtin:favourite-colour"),
        ["answers[0].question", "is not a question this app knows"],
    ),
    "return before departure": (
        set_in(("plan", "return"), "2027-02-20"),
        ["plan.return: is before the departure"],
    ),
    "a date that is not a date": (
        set_in(("plan", "departure"), "1 Mar 2027"),
        ["plan.departure", "is not a date like 2027-03-01"],
    ),
    "missing departure": (delete(("plan", "departure")), ["plan.departure: is missing"]),
    "two accepted quotes": (
        set_in(("quotes", 1, "accepted"), True),
        ["quotes: more than one quote is marked accepted"],
    ),
    "quote without lines": (
        set_in(("quotes", 1, "lines"), []),
        ["quotes[1].lines: a quote needs at least one line"],
    ),
    "bad appointment time zone": (
        set_in(("appointments", 0, "zone"), "Mars/Olympus_Mons"),
        ["appointments[0].zone", "is not a known time zone"],
    ),
    "bad home time zone": (
        set_in(("plan", "home_zone"), "../../etc/passwd"),
        ["plan.home_zone", "is not a known time zone"],
    ),
    "appointment ending before it starts": (
        set_in(("appointments", 0, "end"), "2027-03-04T13:00:00"),
        ["appointments[0].end: is before the start"],
    ),
    "appointment time with a zone offset": (
        set_in(("appointments", 0, "start"), "2027-03-04T14:00:00+09:00"),
        ["appointments[0].start", "is not a date and time like 2027-03-01T09:30:00"],
    ),
    "25,000-character note": (
        set_in(("clinic_notes", 0, "note"), "x" * 25_000),
        ["clinic_notes[0].note: is longer than 20,000 characters"],
    ),
    "over-long trip detail": (
        set_in(("trip_details", "hotel_name"), "호" * 1_001),
        ["trip_details.hotel_name: is longer than 1,000 characters"],
    ),
    "duplicate appointment uids": (
        lambda data: data["appointments"].append(
            data["appointments"][0] | {"proposal_key": None, "title": "Second"}
        ),
        ["appointments: two appointments have the same uid"],
    ),
    "appointment uid with odd characters": (
        set_in(("appointments", 0, "uid"), "../../x;DROP"),
        ["appointments[0].uid", "is not an identifier"],
    ),
    "boolean for culture days": (
        set_in(("journey_settings", "culture_days"), True),
        ["journey_settings.culture_days", "true should be a whole number from 1 to 90"],
    ),
    "boolean for a rating": (
        set_in(("clinic_notes", 0, "rating"), False),
        ["clinic_notes[0].rating", "should be a whole number from 1 to 5"],
    ),
    "rating out of range": (
        set_in(("clinic_notes", 0, "rating"), 6),
        ["clinic_notes[0].rating", "6 should be a whole number from 1 to 5"],
    ),
    "integer for a yes/no": (
        set_in(("quotes", 1, "accepted"), 1),
        ["quotes[1].accepted: should be true or false"],
    ),
    "number where text is expected": (
        set_in(("checklist", 0, "text"), 42),
        ["checklist[0].text: should be text"],
    ),
    "section that is not a list": (
        set_in(("expenses",), {"0": {}}),
        ["expenses: should be a list"],
    ),
    "row that is not an object": (
        set_in(("appointments", 0), "Injection at 14:00"),
        ["appointments[0]: should be an object"],
    ),
    "plan that is not an object": (set_in(("plan",), ["Knee, March"]), ["plan: should be an object"]),
    "country that is not a code": (
        set_in(("plan", "home_country"), "gb"),
        ["plan.home_country", "is not a two-letter country code"],
    ),
    "zero rate": (set_in(("rates", 0, "rate"), "0"), ["rates[0].rate", "is not a positive rate"]),
    "rate between one currency and itself": (
        set_in(("rates", 0, "quote"), "GBP"),
        ["rates[0]: a rate needs two different currencies"],
    ),
    "deposit over 100 percent": (
        set_in(("quotes", 0, "deposit_percent"), "150"),
        ["quotes[0].deposit_percent", "is not a percentage from 0 to 100"],
    ),
    "expense without any amount": (
        set_in(("expenses", 0, "planned"), None),
        ["expenses[0]: has neither a planned nor a paid amount"],
    ),
    "two own clinics with one key": (
        lambda data: data["own_clinics"].append({"key": "own:1", "name": "Another"}),
        ["own_clinics[1].key", "should be a unique key"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_VALUES), ids=list(BAD_VALUES))
def test_a_bad_value_is_refused_naming_the_field(case: str) -> None:
    change, fragments = BAD_VALUES[case]
    message = refused(spoiled(change))
    assert message.startswith("The plan file has ")
    assert "problem(s) and was not imported:\n• " in message
    for fragment in fragments:
        assert fragment in message


def test_every_problem_is_listed_up_to_eight_then_summarised() -> None:
    def many(data: dict[str, Any]) -> None:
        data["expenses"] = [data["expenses"][0] | {"planned": f"-{n}", "conversions": []} for n in range(12)]

    message = refused(spoiled(many))
    assert message.startswith("The plan file has 12 problem(s) and was not imported:")
    assert "expenses[0].planned" in message and "expenses[7].planned" in message
    assert "expenses[8].planned" not in message
    assert message.endswith("• and 4 more")
    assert message.count("\n• ") == 9


def test_several_different_problems_are_all_named() -> None:
    def several(data: dict[str, Any]) -> None:
        data["plan"]["return"] = "2027-02-01"
        data["quotes"][1]["accepted"] = True
        data["appointments"][0]["zone"] = "Nowhere/Town"

    message = refused(spoiled(several))
    assert "3 problem(s)" in message
    assert (
        "plan.return" in message and "quotes: more than one" in message and "appointments[0].zone" in message
    )


def test_a_problem_value_is_shown_shortened() -> None:
    message = refused(spoiled(set_in(("plan", "condition_id"), "y" * 500)))
    assert "plan.condition_id" in message
    assert "y" * 100 not in message


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("expenses", 0, "step_id"), "expenses[0].step_id"),
        (("checklist", 0, "document"), "checklist[0].document"),
        (("quotes", 0, "lines", 0, "fee_category"), "quotes[0].lines[0].fee_category"),
    ],
    ids=["expense step", "checklist document", "quote line fee category"],
)
def test_a_list_where_an_id_is_expected_is_refused_naming_the_field(
    path: tuple[Any, ...], field: str
) -> None:
    message = refused(spoiled(set_in(path, ["sightseeing"])))
    assert field in message


def test_a_file_saved_with_a_byte_order_mark_parses() -> None:
    file = parse_plan_file(b"\xef\xbb\xbf" + encoded(minimal()), KNOWN)
    assert file.name == minimal()["plan"]["name"]


def test_a_shortlist_that_is_not_a_list_is_refused() -> None:
    assert "shortlist: should be a list" in refused(spoiled(lambda d: d.update(shortlist="catalogue:lydian")))
