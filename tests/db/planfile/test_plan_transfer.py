"""Whole plans to a plan file and back: a rich plan survives export and import into another
database unchanged; a name clash asks, renames or replaces; and a bad file, or a failure half-way
through writing, leaves the database exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

import planner.budget.rules
import planner.checklist.rules
import planner.clinics.quotes
import planner.journey.itinerary
import planner.journey.rules
import planner.planfile.import_store
from planner.budget.deposit import DepositDraft
from planner.budget.estimate import EstimateSettings
from planner.budget.rules import ExpenseDraft
from planner.budget.service import (
    add_rate,
    list_expenses,
    load_budget,
    save_deposit,
    save_estimate_line,
    save_estimate_settings,
    save_expense,
)
from planner.budget.summary_service import summarise
from planner.checklist.rules import ItemDraft
from planner.checklist.service import load_checklist, save_item, set_done
from planner.clinics.drafts import (
    MAX_CLINIC_NAME,
    MAX_ITEMS,
    MAX_LOCATION,
    MAX_NOTE,
    MAX_PLACE,
    TEXT_LISTS,
    ClinicDraft,
)
from planner.clinics.questions_service import (
    MAX_ANSWER,
    MAX_QUESTION,
    add_question,
    answers_for,
    list_questions,
    save_answer,
)
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import accept_quote, save_quote
from planner.clinics.service import create_clinic, get_clinic, list_clinics, save_notes
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted
from planner.db.database import Database, StorageError
from planner.db.models import AppointmentRow, ClinicRow, PlanRow
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import (
    StayDraft,
    accept_proposal,
    load_itinerary,
    propose_schedule,
    save_appointment,
)
from planner.journey.rules import StepDraft
from planner.journey.service import save_step
from planner.journey.trip_details_service import MAX_DETAIL, TripDetails, load_details, save_details
from planner.planfile.expenses import expense_tables
from planner.planfile.format import VERSION
from planner.planfile.service import (
    NameClash,
    OnClash,
    PlanFileError,
    export_plan,
    import_plan,
    read_plan_file,
)
from planner.plans.rules import MAX_NAME_LENGTH
from planner.plans.service import Plan, get_plan, list_plans
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import (
    load_recovery,
    save_activities,
    save_check_in,
    save_diary_entry,
    save_exercises,
)
from tests.db.journey.journey_plans import TODAY, new_plan
from tests.old_plan_files import version_1_expense, version_2_table
from tests.sql_dump import sql_lines

OWN_CLINIC = "Busan Knee Centre"
NURSE_QUESTION = "Do you have an English-speaking nurse?"


@pytest.fixture
def second(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Iterator[Database]:
    """Another person's fresh database, on another data folder."""
    database = fresh_database(tmp_path / "second")
    yield database
    database.close()


def rich_plan(db: Database, name: str = "Knee, March") -> int:
    """A plan using every part of the app that goes into a plan file."""
    plan_id = new_plan(db, name, country="GB", currency="GBP")
    own = create_clinic(
        db,
        ClinicDraft(
            name=OWN_CLINIC,
            city="Busan",
            district="Haeundae",
            location="해운대구 1",
            focus="Knees",
            lead_doctors="Dr. Park\nDr. Choi",
            key_features="English staff",
            condition_groups=("knee-cartilage",),
            technique_ids=("prp",),
            approvals="KFDA",
            claims="Best in Busan",
        ),
    )
    catalogue = next(c for c in list_clinics(db) if c.catalogue_id == "sh-clinic")
    set_shortlisted(db, plan_id, catalogue.id, True)
    quote = save_quote(
        db,
        plan_id,
        QuoteDraft(
            own.id,
            "KRW",
            date(2026, 10, 5),
            date(2026, 12, 31),
            "12.5",
            "Refundable until 14 days before",
            "Includes MRI",
            (QuoteLineDraft("surgeon", "", "9,000,000"), QuoteLineDraft(None, "호텔 5박", "750,000")),
        ),
    )
    save_quote(
        db,
        plan_id,
        QuoteDraft(
            catalogue.id,
            "USD",
            date(2026, 10, 7),
            None,
            "",
            "",
            "",
            (QuoteLineDraft("facility", "", "6,500.50"),),
        ),
    )
    accept_quote(db, plan_id, quote.id)  # chooses the own clinic too
    add_rate(db, plan_id, "GBP", "KRW", "1,750.25", date(2026, 10, 1), today=TODAY)
    add_rate(db, plan_id, "GBP", "USD", "1.27", date(2026, 10, 1), today=TODAY)
    save_expense(
        db,
        plan_id,
        ExpenseDraft(
            "Flights",
            "travel",
            "departure",
            "850.00",
            "845.10",
            "GBP",
            date(2026, 10, 15),
            "Korean Air",
            "Seat 42A",
        ),
        today=TODAY,
    )
    save_expense(
        db, plan_id, ExpenseDraft("Deposit", "treatment", None, "1,200,000", "", "KRW", None), today=TODAY
    )
    save_estimate_settings(db, plan_id, EstimateSettings("fees", 8, 12, "comfort", True, False))
    save_estimate_line(db, plan_id, "hotel", "900", "1,400", "USD")
    save_deposit(db, plan_id, DepositDraft("10", "1,500,000", "KRW", date(2027, 1, 15), None), today=TODAY)
    items = load_checklist(db, plan_id).items
    set_done(db, plan_id, items[0].id, True, datetime(2026, 10, 20, 8, 30))
    save_item(
        db,
        plan_id,
        ItemDraft(
            "booking-preparation", "Ask about 김치 allergies", "ask", "date", "2027-02-01", note="Twice"
        ),
    )
    save_step(db, plan_id, "virtual-consultation", StepDraft("done", None, date(2027, 1, 20), "OK"))
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "cultured", 2)
    accept_proposal(db, plan_id, stay, propose_schedule(db, plan_id, stay, today=TODAY))
    save_appointment(
        db,
        plan_id,
        AppointmentDraft(
            "departure",
            "free",
            "Shopping, 명동",
            datetime(2027, 3, 10, 9),
            datetime(2027, 3, 10, 11),
            "Asia/Seoul",
            "Myeongdong",
            "Gifts; snacks",
        ),
    )
    save_details(
        db,
        plan_id,
        TripDetails("Hotel Gangnam", "서울특별시 강남구 테헤란로 123", "+82 2 555 0101", "Aviva 123", "Sam"),
    )
    save_notes(db, own.id, "Friendly on the phone", 4)
    save_notes(db, catalogue.id, "", 3)
    save_answer(db, own.id, "builtin:certifications", "KFDA approved")
    mine = add_question(db, NURSE_QUESTION)
    save_answer(db, catalogue.id, mine.key, "Yes, Jiyoung")
    _recovery(db, plan_id)
    return plan_id


def _recovery(db: Database, plan_id: int) -> None:
    """A baseline, one check-in of the person's own and a diary day, with activities and exercises."""
    save_activities(db, plan_id, ["Stairs", "Running", "무릎 꿇기"])
    save_exercises(db, plan_id, ["Heel slides", "Straight-leg raises"])
    recovery = load_recovery(db, plan_id)
    first, _, third = (a.id for a in recovery.activities)
    values = {
        "pain-rest": "4",
        "pain-activity": "7",
        "walking-time": "1 h 10 min",
        "knee-bend": "95",
        "swelling": "Mild",
    }
    save_check_in(
        db, plan_id, None, CheckInDraft("baseline", date(2026, 11, 15), values, {first: "3", third: "2"})
    )
    save_check_in(
        db, plan_id, None, CheckInDraft("", date(2026, 11, 18), {"stiffness": "2"}, note="아침에 뻣뻣함")
    )
    save_diary_entry(
        db,
        plan_id,
        None,
        DiaryDraft(
            date(2026, 11, 19),
            pain="5",
            swelling="1",
            painkillers="2",
            exercises_done=frozenset({recovery.exercises[1].id}),
            side_effects=frozenset({"warmth"}),
            side_effect_other="Itchy",
            note="Walked to the park",
        ),
    )


def without_stamp(data: bytes) -> dict[str, Any]:
    parsed = json.loads(data)
    assert isinstance(parsed.pop("exported_at"), str)
    return dict(parsed)


def import_bytes(db: Database, data: bytes, on_clash: OnClash = OnClash.ASK) -> Plan:
    return import_plan(db, read_plan_file(db, data), on_clash)


def dump(db: Database) -> list[str]:
    """Every table's rows, as SQL: what 'unchanged' means for the person's data."""
    with closing(sqlite3.connect(db.path)) as connection:
        return sql_lines(connection)


def count(db: Database, table: type[Any]) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def appointment_uids(db: Database, plan_id: int) -> set[str]:
    with db.transaction() as session:
        return set(session.scalars(select(AppointmentRow.uid).where(AppointmentRow.plan_id == plan_id)))


def own_clinic_ids(db: Database, name: str) -> list[int]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(ClinicRow.id).where(ClinicRow.catalogue_id.is_(None), ClinicRow.name == name)
            )
        )


# Round trip


def test_a_rich_plan_round_trips_through_another_database(db: Database, second: Database) -> None:
    plan_id = rich_plan(db)
    first = export_plan(db, plan_id)

    imported = import_bytes(second, first)
    again = export_plan(second, imported.id)

    assert without_stamp(again) == without_stamp(first)
    content = without_stamp(first)
    # The file really carries every part of the plan.
    assert content["plan"]["clinic"] == "own:1"
    assert sorted(content["shortlist"]) == ["catalogue:sh-clinic", "own:1"]
    assert [q["accepted"] for q in content["quotes"]] == [True, False]
    assert len(content["rates"]) == 2 and len(content["expenses"]["rows"]) == 2
    # Each line keeps its conversions, amounts in minor units: 850.00 GBP is 85000.
    assert content["expenses"]["rows"][0][:6] == ["travel", "departure", "Flights", 85_000, 84_510, "GBP"]
    assert {c[0] for c in content["expenses"]["conversions"]} == {0, 1}
    assert content["budget_settings"]["deposit_amount"] == "1500000"
    assert content["estimate_overrides"][0]["key"] == "hotel"
    assert any(i["done_at"] for i in content["checklist"])
    assert any(i["template_id"] is None for i in content["checklist"])
    assert content["journey_settings"]["cells"] == "cultured"
    assert content["steps"][0]["status"] == "done"
    assert any(a["proposal_key"] == "injection" for a in content["appointments"])
    assert any(a["proposal_key"] is None for a in content["appointments"])
    assert content["trip_details"]["hotel_address"] == "서울특별시 강남구 테헤란로 123"
    assert {n["rating"] for n in content["clinic_notes"]} == {3, 4}
    assert {a["question"] for a in content["answers"]} == {"builtin:certifications", NURSE_QUESTION}


def test_the_imported_plan_reads_as_the_original_in_the_app(db: Database, second: Database) -> None:
    plan_id = rich_plan(db)
    imported = import_bytes(second, export_plan(db, plan_id))
    original = get_plan(db, plan_id)
    assert original is not None

    assert (imported.name, imported.clinic_name, imported.departure, imported.return_) == (
        original.name,
        OWN_CLINIC,
        original.departure,
        original.return_,
    )
    assert imported.treatment_date == original.treatment_date == date(2027, 3, 4)
    assert load_details(second, imported.id) == load_details(db, plan_id)
    shown = [(a.title, a.start, a.zone) for a in load_itinerary(second, imported.id).appointments]
    assert shown == [(a.title, a.start, a.zone) for a in load_itinerary(db, plan_id).appointments]
    # Same calendar identity: a calendar that imported the first plan's events updates them.
    assert appointment_uids(second, imported.id) == appointment_uids(db, plan_id)
    before = summarise(load_budget(db, plan_id), TODAY).totals
    after = summarise(load_budget(second, imported.id), TODAY).totals
    assert [(t.currency, t.planned, t.actual, t.lines) for t in after] == [
        (t.currency, t.planned, t.actual, t.lines) for t in before
    ]


def test_an_own_clinics_government_approval_survives_the_round_trip(db: Database, second: Database) -> None:
    clinic = create_clinic(db, ClinicDraft(name=OWN_CLINIC, government_approved=True))
    plan_id = new_plan(db)
    choose_clinic(db, plan_id, clinic.id)

    import_bytes(second, export_plan(db, plan_id))

    (imported,) = [c for c in list_clinics(second) if c.name == OWN_CLINIC]
    assert imported.government_approved


def test_a_plan_with_a_large_expense_can_be_imported_again(db: Database, second: Database) -> None:
    plan_id = new_plan(db, country="US", currency="USD")
    add_rate(db, plan_id, "USD", "KRW", "1,400", date(2026, 10, 1), today=TODAY)
    save_expense(
        db, plan_id, ExpenseDraft("Surgery", "treatment", None, "8,000,000", "", "USD", None), today=TODAY
    )
    imported = import_bytes(second, export_plan(db, plan_id))
    assert len(list_expenses(second, imported.id)) == 1


def expense_line(n: int) -> tuple[list[Any], dict[str, list[Any]], dict[str, tuple[Decimal, Decimal]]]:
    """Line n of a long plan, in GBP or KRW with its kept conversion to the other: its own values
    and its conversions as versions 1 and 2 wrote them, and what it adds to each currency's
    planned and paid totals."""
    if n % 2:
        currency, other, rate, places = "GBP", "KRW", Decimal("1750.25"), Decimal(1)
        planned, actual = Decimal(f"{n}.{n % 100:02d}"), Decimal(f"{n % 7}.01")
    else:
        currency, other, rate, places = "KRW", "GBP", Decimal(1) / Decimal("1750.25"), Decimal("0.01")
        planned, actual = Decimal(1_000 * n + 7), Decimal(500 * n)
    converted = ((planned * rate).quantize(places), (actual * rate).quantize(places))
    values = ["other", None, f"Line {n}", str(planned), str(actual), currency, "2026-10-15", "", ""]
    conversions = {other: [str(converted[0]), str(converted[1]), str(rate), "2026-10-01"]}
    return values, conversions, {currency: (planned, actual), other: converted}


def version_3_tables(lines: list[tuple[list[Any], dict[str, list[Any]]]]) -> dict[str, Any]:
    """The same lines as version 3 writes them: amounts in minor units, conversions in their own table."""

    def minor(amount: str) -> int:
        return int(amount.replace(".", ""))

    rows, conversions = [], []
    for n, (values, converted) in enumerate(lines):
        rows.append([*values[:3], minor(values[3]), minor(values[4]), *values[5:]])
        for code, (planned, actual, rate, day) in sorted(converted.items()):
            conversions.append([n, code, minor(planned), minor(actual), rate, day])
    return expense_tables(rows, conversions)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_two_thousand_expenses_round_trip_their_totals_exactly(
    db: Database, second: Database, version: int
) -> None:
    file = without_stamp(export_plan(db, new_plan(db, "Template", country="GB", currency="GBP")))
    file["plan"]["name"] = "Many lines"
    file["rates"] = [{"base": "GBP", "quote": "KRW", "rate": "1750.25", "on_date": "2026-10-01"}]
    expected = {"GBP": [Decimal(0), Decimal(0)], "KRW": [Decimal(0), Decimal(0)]}
    lines = []
    for n in range(2_000):
        values, conversions, adds = expense_line(n)
        lines.append((values, conversions))
        for currency, (planned, actual) in adds.items():
            expected[currency][0] += planned
            expected[currency][1] += actual
    tables = version_3_tables(lines)
    file["version"] = version
    file["expenses"] = {
        1: [version_1_expense(*line) for line in lines],
        2: version_2_table(lines),
        3: tables,
    }[version]
    imported = import_bytes(db, json.dumps(file).encode("utf-8"))

    moved = import_bytes(second, export_plan(db, imported.id))

    for database, plan in ((db, imported.id), (second, moved.id)):
        totals = {t.currency: t for t in summarise(load_budget(database, plan), TODAY).totals}
        for currency in ("GBP", "KRW"):
            total = totals[currency]
            assert (total.planned, total.actual) == tuple(expected[currency])
            assert isinstance(total.planned, Decimal)
            assert (total.lines, total.missing) == (2_000, 0)
    assert len(list_expenses(second, moved.id)) == 2_000
    assert without_stamp(export_plan(second, moved.id))["expenses"] == tables


def longest(length: int, tag: str) -> str:
    """A text of exactly `length` characters with a NUL and Hangul in it."""
    start = f"{tag}\x00한"
    return start + "x" * (length - len(start))


def longest_name(length: int, tag: str) -> str:
    """A name of exactly `length` characters with Hangul in it (names hold no control characters)."""
    start = f"{tag} 한"
    return start + "x" * (length - len(start))


def test_every_text_at_the_longest_the_app_allows_with_a_nul_round_trips(
    db: Database, second: Database
) -> None:
    """Whatever the forms let a person save, a plan file carries to another computer."""
    plan_id = new_plan(db, longest_name(MAX_NAME_LENGTH, "plan"), country="GB", currency="GBP")
    items = "\n".join(longest(MAX_LOCATION, f"item {n}") for n in range(MAX_ITEMS))
    own = create_clinic(
        db,
        ClinicDraft(
            name=longest_name(MAX_CLINIC_NAME, "clinic"),
            city=longest(MAX_PLACE, "city"),
            district=longest(MAX_PLACE, "district"),
            location=longest(MAX_LOCATION, "location"),
            focus=longest(MAX_NOTE, "focus"),
            **{field: items for field in TEXT_LISTS},
        ),
    )
    save_quote(
        db,
        plan_id,
        QuoteDraft(
            own.id,
            "KRW",
            date(2026, 10, 5),
            None,
            "",
            longest(planner.clinics.quotes.MAX_TEXT_LENGTH, "refund"),
            longest(planner.clinics.quotes.MAX_TEXT_LENGTH, "note"),
            (QuoteLineDraft(None, longest(planner.clinics.quotes.MAX_LABEL_LENGTH, "line"), "750,000"),),
        ),
    )
    save_expense(
        db,
        plan_id,
        ExpenseDraft(
            longest(planner.budget.rules.MAX_LABEL_LENGTH, "label"),
            "travel",
            None,
            "850.00",
            "",
            "GBP",
            None,
            longest(planner.budget.rules.MAX_LABEL_LENGTH, "payee"),
            longest(planner.budget.rules.MAX_NOTE_LENGTH, "note"),
        ),
        today=TODAY,
    )
    save_item(
        db,
        plan_id,
        ItemDraft(
            "booking-preparation",
            longest(planner.checklist.rules.MAX_TEXT_LENGTH, "item"),
            "ask",
            note=longest(planner.checklist.rules.MAX_NOTE_LENGTH, "note"),
        ),
    )
    save_step(
        db,
        plan_id,
        "virtual-consultation",
        StepDraft("done", None, None, longest(planner.journey.rules.MAX_NOTE_LENGTH, "step")),
    )
    save_appointment(
        db,
        plan_id,
        AppointmentDraft(
            "departure",
            "free",
            longest(planner.journey.itinerary.MAX_TITLE_LENGTH, "title"),
            datetime(2027, 3, 10, 9),
            datetime(2027, 3, 10, 11),
            "Asia/Seoul",
            longest(planner.journey.itinerary.MAX_LOCATION_LENGTH, "where"),
            longest(planner.journey.itinerary.MAX_NOTE_LENGTH, "note"),
        ),
    )
    save_details(db, plan_id, TripDetails(*(longest(MAX_DETAIL, f"detail {n}") for n in range(5))))
    save_notes(db, own.id, longest(MAX_NOTE, "clinic note"), 4)
    question = add_question(db, longest(MAX_QUESTION, "question"))
    save_answer(db, own.id, question.key, longest(MAX_ANSWER, "answer"))
    first = export_plan(db, plan_id)

    moved = import_bytes(second, first)

    assert without_stamp(export_plan(second, moved.id)) == without_stamp(first)
    assert get_clinic(second, own_clinic_ids(second, own.name)[0]).focus == own.focus


# Name clashes


def test_ask_raises_name_clash_and_writes_nothing(db: Database) -> None:
    plan_id = rich_plan(db)
    data = export_plan(db, plan_id)
    before = dump(db)

    with pytest.raises(NameClash) as caught:
        import_bytes(db, data, OnClash.ASK)

    assert caught.value.name == "Knee, March"
    assert caught.value.suggested == "Knee, March (copy)"
    assert "already exists" in str(caught.value)
    assert dump(db) == before
    assert count(db, PlanRow) == 1


def test_a_clash_ignores_letter_case(db: Database) -> None:
    plan_id = rich_plan(db)
    data = json.loads(export_plan(db, plan_id))
    data["plan"]["name"] = "KNEE, MARCH"
    with pytest.raises(NameClash):
        import_bytes(db, json.dumps(data).encode("utf-8"))


def test_rename_imports_as_a_copy_with_new_appointment_uids(db: Database) -> None:
    plan_id = rich_plan(db)
    data = export_plan(db, plan_id)

    copy = import_bytes(db, data, OnClash.RENAME)
    again = import_bytes(db, data, OnClash.RENAME)

    assert copy.name == "Knee, March (copy)"
    assert again.name == "Knee, March (copy 2)"
    assert count(db, PlanRow) == 3
    original = appointment_uids(db, plan_id)
    assert len(appointment_uids(db, copy.id)) == len(original)
    assert appointment_uids(db, copy.id).isdisjoint(original)
    assert appointment_uids(db, again.id).isdisjoint(original | appointment_uids(db, copy.id))
    # Apart from the name and the new uids, the copy holds the same plan.
    expected, copied = without_stamp(data), without_stamp(export_plan(db, copy.id))
    for content in (expected, copied):
        content["plan"].pop("name")
        for a in content["appointments"]:
            a.pop("uid")
    assert copied == expected
    # The original is untouched and still the only plan with its name.
    assert without_stamp(export_plan(db, plan_id)) == without_stamp(data)


def test_rename_to_a_chosen_name(db: Database) -> None:
    plan_id = rich_plan(db)
    plan = import_plan(db, read_plan_file(db, export_plan(db, plan_id)), OnClash.RENAME, name=" Knee, April ")
    assert plan.name == "Knee, April"


def test_replace_removes_the_old_plan_and_keeps_the_name(db: Database) -> None:
    plan_id = rich_plan(db)
    data = export_plan(db, plan_id)
    other = new_plan(db, "Shoulder, May")

    plan = import_bytes(db, data, OnClash.REPLACE)

    assert plan.name == "Knee, March"
    assert get_plan(db, plan_id) is None
    assert sorted(p.name for p in list_plans(db)) == ["Knee, March", "Shoulder, May"]
    assert get_plan(db, other) is not None
    assert without_stamp(export_plan(db, plan.id)) == without_stamp(data)
    assert len(own_clinic_ids(db, OWN_CLINIC)) == 1


# Nothing is written from a bad file


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _newer(data: bytes) -> bytes:
    parsed = json.loads(data)
    parsed["version"] = VERSION + 1
    return json.dumps(parsed).encode("utf-8")


def _unknown_clinic(data: bytes) -> bytes:
    parsed = json.loads(data)
    parsed["plan"]["name"] = "Something new"
    parsed["shortlist"].append("catalogue:no-such-clinic")
    return json.dumps(parsed).encode("utf-8")


def _two_accepted(data: bytes) -> bytes:
    parsed = json.loads(data)
    parsed["plan"]["name"] = "Something new"
    for quote in parsed["quotes"]:
        quote["accepted"] = True
    return json.dumps(parsed).encode("utf-8")


def _refused_by_the_database(data: bytes) -> bytes:
    """Passes every check of the file; the database refuses a second change to one estimate line."""
    parsed = json.loads(data)
    parsed["plan"]["name"] = "Something new"
    parsed["estimate_overrides"].append(dict(parsed["estimate_overrides"][0]))
    return json.dumps(parsed).encode("utf-8")


@pytest.mark.parametrize(
    "spoil",
    [_truncated, _newer, _unknown_clinic, _two_accepted, _refused_by_the_database],
    ids=["truncated", "newer version", "unknown clinic", "two accepted quotes", "refused when written"],
)
def test_a_bad_file_leaves_the_database_unchanged(db: Database, spoil: Any) -> None:
    plan_id = rich_plan(db)
    data = spoil(export_plan(db, plan_id))
    before = dump(db)

    with pytest.raises(PlanFileError) as caught:
        import_bytes(db, data, OnClash.RENAME)

    assert str(caught.value)
    assert dump(db) == before


def test_a_database_refusal_says_nothing_was_saved(db: Database) -> None:
    plan_id = rich_plan(db)
    with pytest.raises(PlanFileError, match="nothing of it was saved"):
        import_bytes(db, _refused_by_the_database(export_plan(db, plan_id)))


@pytest.mark.parametrize(
    ("error", "seen"),
    [
        (RuntimeError("disk gone"), RuntimeError),
        (OperationalError("INSERT", {}, Exception("constraint refused")), PlanFileError),
        (OperationalError("INSERT", {}, Exception("disk I/O error")), StorageError),
    ],
    ids=["unexpected error", "database error", "disk error"],
)
def test_a_failure_half_way_through_leaves_no_partial_plan(
    db: Database, second: Database, monkeypatch: pytest.MonkeyPatch, error: Exception, seen: type[Exception]
) -> None:
    data = export_plan(db, rich_plan(db))
    file = read_plan_file(second, data)
    before = dump(second)
    calls = 0

    def failing_to_utc(local: datetime, zone_name: str) -> datetime:
        nonlocal calls
        calls += 1
        if calls > 3:  # after the plan, its clinics, expenses and some appointments are written
            raise error
        return datetime(2027, 3, 1)

    monkeypatch.setattr(planner.planfile.import_store, "to_utc", failing_to_utc)
    with pytest.raises(seen):
        import_plan(second, file)

    assert calls > 3
    assert dump(second) == before
    assert count(second, PlanRow) == 0
    assert own_clinic_ids(second, OWN_CLINIC) == []


# Merging into what the person already has


def test_notes_and_answers_already_here_are_kept(db: Database, second: Database) -> None:
    data = export_plan(db, rich_plan(db))
    mine = create_clinic(second, ClinicDraft(name=OWN_CLINIC, city="Busan"))
    save_notes(second, mine.id, "My own note", 2)
    save_answer(second, mine.id, "builtin:certifications", "My own answer")

    plan = import_bytes(second, data)

    # The own clinic of the same name is the one already here, not a second one.
    assert own_clinic_ids(second, OWN_CLINIC) == [mine.id]
    assert plan.clinic_id == mine.id and plan.clinic_name == OWN_CLINIC
    clinics = {c.name: c for c in list_clinics(second)}
    assert (clinics[OWN_CLINIC].note, clinics[OWN_CLINIC].rating) == ("My own note", 2)
    answers = answers_for(second, [mine.id, clinics["SH Clinic"].id])
    assert answers[mine.id] == {"builtin:certifications": "My own answer"}
    # What was empty here is filled from the file.
    assert clinics["SH Clinic"].rating == 3
    nurse = next(q for q in list_questions(second) if q.text == NURSE_QUESTION)
    assert answers[clinics["SH Clinic"].id] == {nurse.key: "Yes, Jiyoung"}


def test_importing_twice_reuses_the_own_clinic_and_question(db: Database, second: Database) -> None:
    data = export_plan(db, rich_plan(db))
    import_bytes(second, data)
    import_bytes(second, data, OnClash.RENAME)

    assert len(own_clinic_ids(second, OWN_CLINIC)) == 1
    assert [q.text for q in list_questions(second) if q.own] == [NURSE_QUESTION]
    assert count(second, PlanRow) == 2
