"""Upgrading a database made before printing and calendar export (revision 0006): the plans and
their appointments are kept, every appointment gets a lasting identifier of its own for calendar
files, and each plan starts with empty trip details."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import inspect

from planner.db import migrate
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import load_itinerary, save_appointment
from planner.journey.trip_details_service import TripDetails, load_details, save_details
from planner.plans.service import duplicate_plan
from planner.startup import open_synced_database
from tests.db.migration_steps import step_back

APPOINTMENT_COLUMNS = (
    "plan_id, step_id, kind, title, start_local, end_local, zone, start_utc, end_utc, location, note,"
    " proposal_key, created_at, updated_at"
)


def _database_at_0006_with_a_plan(data_dir: Path) -> int:
    """Build today's database, step it back to 0006 and add a plan with two appointments as
    0006 stored them. Returns the plan's id."""
    db = open_synced_database(data_dir)
    step_back(db.engine, "0006")
    with db.engine.begin() as connection:
        inspector = inspect(connection)
        assert "trip_details" not in inspector.get_table_names()
        assert "uid" not in {c["name"] for c in inspector.get_columns("appointment")}
        connection.exec_driver_sql(
            "INSERT INTO plan (name, condition_id, home_country, home_currency, departure_date,"
            " return_date, budget_limit_minor, clinic_id, treatment_date, home_zone, created_at, updated_at)"
            " VALUES ('Knee, March', 'knee-cartilage-damage', 'GB', 'GBP', '2027-03-01', '2027-03-11',"
            " NULL, NULL, '2027-03-04', 'Europe/London', '2026-10-01 09:00:00.000000',"
            " '2026-10-01 09:00:00.000000')"
        )
        plan_id = int(connection.exec_driver_sql("SELECT id FROM plan").scalar_one())
        for title, start, end, start_utc, end_utc in (
            (
                "MRI",
                "2027-03-03 10:00:00.000000",
                "2027-03-03 11:00:00.000000",
                "2027-03-03 01:00:00.000000",
                "2027-03-03 02:00:00.000000",
            ),
            (
                "Injection",
                "2027-03-04 14:00:00.000000",
                "2027-03-04 15:30:00.000000",
                "2027-03-04 05:00:00.000000",
                "2027-03-04 06:30:00.000000",
            ),
        ):
            connection.exec_driver_sql(
                f"INSERT INTO appointment ({APPOINTMENT_COLUMNS}) VALUES"
                " (?, 'treatment', 'injection', ?, ?, ?, 'Asia/Seoul', ?, ?, 'SH Clinic', '', NULL,"
                " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')",
                (plan_id, title, start, end, start_utc, end_utc),
            )
    assert migrate.current_revision(db.engine) == "0006"
    db.close()
    return plan_id


def _uids(db: Database, plan_id: int) -> dict[str, str]:
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT title, uid FROM appointment WHERE plan_id = ? ORDER BY id", (plan_id,)
        ).all()
    return {title: uid for title, uid in rows}


def test_a_0006_database_upgrades_giving_each_appointment_its_own_uid(data_dir: Path) -> None:
    plan_id = _database_at_0006_with_a_plan(data_dir)

    db = open_synced_database(data_dir)
    try:
        assert db.migration_backup is not None and db.migration_backup.exists()
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
        with db.engine.connect() as connection:
            assert "trip_details" in inspect(connection).get_table_names()
            assert connection.exec_driver_sql("SELECT count(*) FROM trip_details").scalar_one() == 0
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []

        uids = _uids(db, plan_id)
        assert set(uids) == {"MRI", "Injection"}
        assert all(uid.strip() for uid in uids.values())
        assert len(set(uids.values())) == 2

        # The appointments are as they were, and the plan prints with blank trip details.
        shown = load_itinerary(db, plan_id).appointments
        assert [(a.title, a.start) for a in shown] == [
            ("MRI", datetime(2027, 3, 3, 10)),
            ("Injection", datetime(2027, 3, 4, 14)),
        ]
        assert load_details(db, plan_id) == TripDetails()

        # A new appointment gets a uid of its own too.
        save_appointment(
            db,
            plan_id,
            AppointmentDraft(
                "treatment", "free", "Rest", datetime(2027, 3, 5, 9), datetime(2027, 3, 5, 10), "Asia/Seoul"
            ),
        )
        after = _uids(db, plan_id)
        assert len(set(after.values())) == 3 and after["MRI"] == uids["MRI"]
    finally:
        db.close()

    # Opening it again needs no migration and keeps the same uids.
    again = open_synced_database(data_dir)
    try:
        assert again.migration_backup is None
        assert _uids(again, plan_id) == after
    finally:
        again.close()


def test_an_upgraded_plan_duplicates_with_its_details_and_new_uids(data_dir: Path) -> None:
    plan_id = _database_at_0006_with_a_plan(data_dir)
    db = open_synced_database(data_dir)
    try:
        details = TripDetails(
            "Hotel Gangnam", "서울특별시 강남구 테헤란로 123", "+82 2 555 0101", "Aviva", "Sam"
        )
        save_details(db, plan_id, details)

        copy = duplicate_plan(db, plan_id)

        assert load_details(db, copy.id) == details
        original, copied = _uids(db, plan_id), _uids(db, copy.id)
        assert set(copied) == set(original) == {"MRI", "Injection"}
        assert set(copied.values()).isdisjoint(original.values())
        assert len(set(copied.values())) == 2

        # The copy's details are its own.
        save_details(db, copy.id, TripDetails(hotel_name="Another hotel"))
        assert load_details(db, plan_id) == details
    finally:
        db.close()
