"""The trip details the printed itinerary shows (hotel, insurance, emergency contact), through
their service: kept exactly as typed, refused as a whole when a field is too long, and gone with
the plan."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import NoResultFound

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import TripDetailsRow
from planner.journey.trip_details_service import (
    FIELD_NAMES,
    MAX_DETAIL,
    TripDetails,
    load_details,
    save_details,
)
from planner.plans.service import delete_plan
from planner.printouts.registry import build_printout
from tests.db.journey.journey_plans import new_plan

FILLED = TripDetails(
    hotel_name="Hotel Gangnam 호텔",
    hotel_address="서울특별시 강남구 테헤란로 123\n06133 Seoul",
    hotel_phone="+82 2 555 0101",
    insurance="Aviva Travel, policy 123-456\nEmergency line +44 20 7946 0000",
    emergency_contact="Sam Lee (partner)\n+44 7700 900123",
)


def stored_rows(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(TripDetailsRow)) or 0


def test_a_plan_starts_with_empty_details(db: Database) -> None:
    plan_id = new_plan(db)
    assert load_details(db, plan_id) == TripDetails()
    assert stored_rows(db) == 0


def test_details_round_trip_with_hangul_and_line_breaks(db: Database) -> None:
    plan_id = new_plan(db)
    assert save_details(db, plan_id, FILLED) == FILLED
    assert load_details(db, plan_id) == FILLED

    changed = TripDetails(hotel_name="Lotte Hotel", hotel_address=FILLED.hotel_address)
    save_details(db, plan_id, changed)
    assert load_details(db, plan_id) == changed
    assert stored_rows(db) == 1


def test_surrounding_spaces_are_trimmed(db: Database) -> None:
    plan_id = new_plan(db)
    saved = save_details(db, plan_id, TripDetails(hotel_name="  Hotel Gangnam \n", hotel_phone="\t"))
    assert saved == TripDetails(hotel_name="Hotel Gangnam")
    assert load_details(db, plan_id) == saved


def test_a_field_of_the_longest_length_is_kept(db: Database) -> None:
    plan_id = new_plan(db)
    longest = TripDetails(hotel_address="서" * MAX_DETAIL)
    save_details(db, plan_id, longest)
    assert load_details(db, plan_id) == longest


def test_an_over_long_field_is_refused_naming_it_and_nothing_is_saved(db: Database) -> None:
    plan_id = new_plan(db)
    save_details(db, plan_id, FILLED)
    assert FIELD_NAMES == ("hotel_name", "hotel_address", "hotel_phone", "insurance", "emergency_contact")
    for field in FIELD_NAMES:
        too_long = TripDetails(**{**dict.fromkeys(FIELD_NAMES, "ok"), field: "x" * (MAX_DETAIL + 1)})

        with pytest.raises(ValidationError) as caught:
            save_details(db, plan_id, too_long)

        assert set(caught.value.errors) == {field}
        assert "1,000 characters" in caught.value.errors[field]
        assert load_details(db, plan_id) == FILLED


def test_a_refused_first_save_leaves_no_row(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError):
        save_details(db, plan_id, TripDetails(hotel_name="h" * 5_000, insurance="i" * 5_000))
    assert stored_rows(db) == 0
    assert load_details(db, plan_id) == TripDetails()


def test_each_plan_has_its_own_details(db: Database) -> None:
    first, second = new_plan(db), new_plan(db, "Shoulder, May")
    save_details(db, first, FILLED)
    save_details(db, second, TripDetails(hotel_name="Busan Hotel"))
    assert load_details(db, first) == FILLED
    assert load_details(db, second) == TripDetails(hotel_name="Busan Hotel")


def test_details_are_deleted_with_the_plan(db: Database) -> None:
    gone, kept = new_plan(db), new_plan(db, "Shoulder, May")
    save_details(db, gone, FILLED)
    save_details(db, kept, TripDetails(hotel_name="Busan Hotel"))

    delete_plan(db, gone)

    assert stored_rows(db) == 1
    assert load_details(db, kept) == TripDetails(hotel_name="Busan Hotel")
    assert load_details(db, gone) == TripDetails()
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_details_for_a_plan_that_does_not_exist_are_refused(db: Database) -> None:
    with pytest.raises(NoResultFound):
        save_details(db, 999, FILLED)
    assert stored_rows(db) == 0


def test_the_printed_itinerary_shows_the_saved_details(db: Database) -> None:
    plan_id = new_plan(db)
    save_details(db, plan_id, FILLED)
    html = build_printout(db, plan_id, "itinerary", date(2026, 11, 21)).html
    assert "서울특별시 강남구 테헤란로 123<br>06133 Seoul" in html
    assert "Sam Lee (partner)<br>+44 7700 900123" in html
