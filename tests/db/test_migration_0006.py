"""Upgrading a database made before the journey (revision 0005) keeps the user's plans, with no
home zone of their own until they pick one; and the journey's tables follow a plan when it is
duplicated or deleted."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select

from planner.db import migrate
from planner.db.database import Database
from planner.db.models import AppointmentRow, JourneySettingsRow, StepStateRow
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import (
    StayDraft,
    accept_proposal,
    delete_appointment,
    load_itinerary,
    propose_schedule,
    save_appointment,
)
from planner.journey.rules import StepDraft, StepState
from planner.journey.service import load_journey, save_stay, save_step
from planner.plans.service import PlanDraft, change_dates, create_plan, delete_plan, duplicate_plan, get_plan
from planner.startup import open_synced_database
from tests.db.migration_steps import step_back

JOURNEY_TABLES = {"appointment", "journey_settings", "journey_step_state"}
TODAY = date(2026, 11, 1)


def _database_at_0005_with_a_plan(data_dir: Path) -> int:
    """Build today's database, step it back to 0005 and add a plan as 0005 stored it. Returns
    the plan's id."""
    db = open_synced_database(data_dir)
    step_back(db.engine, "0005")
    with db.engine.begin() as connection:
        inspector = inspect(connection)
        assert not set(inspector.get_table_names()) & JOURNEY_TABLES
        assert "checklist_item" in inspector.get_table_names()
        assert "home_zone" not in {c["name"] for c in inspector.get_columns("plan")}
        connection.exec_driver_sql(
            "INSERT INTO plan (name, condition_id, home_country, home_currency, departure_date,"
            " return_date, budget_limit_minor, clinic_id, treatment_date, created_at, updated_at)"
            " VALUES ('Knee, March', 'knee-cartilage-damage', 'GB', 'GBP', '2027-03-01', '2027-03-11',"
            " NULL, NULL, '2027-03-04', '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')"
        )
        plan_id = int(connection.exec_driver_sql("SELECT id FROM plan").scalar_one())
    assert migrate.current_revision(db.engine) == "0005"
    db.close()
    return plan_id


def test_a_0005_database_upgrades_keeping_plans_without_a_home_zone(data_dir: Path) -> None:
    plan_id = _database_at_0005_with_a_plan(data_dir)

    db = open_synced_database(data_dir)
    try:
        assert db.migration_backup is not None and db.migration_backup.exists()
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= JOURNEY_TABLES
            for table in JOURNEY_TABLES:
                assert connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == 0
            stored = connection.exec_driver_sql(
                "SELECT name, home_zone, departure_date, return_date, treatment_date FROM plan"
            ).one()
        assert tuple(stored) == ("Knee, March", "", "2027-03-01", "2027-03-11", "2027-03-04")

        # The services use the home country's main zone meanwhile.
        plan = get_plan(db, plan_id)
        assert plan is not None
        assert (plan.name, plan.home_zone, plan.treatment_date) == (
            "Knee, March",
            "Europe/London",
            date(2027, 3, 4),
        )
        journey = load_journey(db, plan_id, today=TODAY)
        assert journey.home_zone == "Europe/London"
        assert journey.states == {} and journey.position.step_id == "virtual-consultation"
        assert (journey.progress.settled, journey.progress.total) == (0, 8)
        assert (journey.stay.arrival, journey.stay.leave, journey.stay.treatment) == (
            date(2027, 3, 2),
            date(2027, 3, 11),
            date(2027, 3, 4),
        )
        assert load_itinerary(db, plan_id).home_zone == "Europe/London"

        # And the old plan takes a journey at once.
        save_step(db, plan_id, "treatment", StepDraft("in-progress", None, None, "Booked"))
        save_stay(db, plan_id, date(2027, 3, 2), "cultured", 2)
        save_appointment(
            db,
            plan_id,
            AppointmentDraft(
                "treatment",
                "injection",
                "Injection",
                datetime(2027, 3, 4, 14),
                datetime(2027, 3, 4, 15),
                "Asia/Seoul",
            ),
        )
        change_dates(db, plan_id, date(2027, 3, 1), date(2027, 3, 11), date(2027, 3, 4), "Europe/Dublin")
        assert load_journey(db, plan_id, today=TODAY).home_zone == "Europe/Dublin"
    finally:
        db.close()

    # Opening it again needs no migration and finds the journey as it was left.
    again = open_synced_database(data_dir)
    try:
        assert again.migration_backup is None
        journey = load_journey(again, plan_id, today=TODAY)
        assert journey.states == {"treatment": StepState("treatment", "in-progress", note="Booked")}
        assert (journey.stay.cells, journey.stay.culture_days) == ("cultured", 2)
        assert [a.title for a in load_itinerary(again, plan_id).appointments] == ["Injection"]
    finally:
        again.close()


# Duplicating and deleting plans


def new_plan(db: Database, name: str) -> int:
    return create_plan(
        db, PlanDraft(name, "knee-cartilage-damage", "US", "USD", date(2027, 3, 1), date(2027, 3, 11), "")
    ).id


def with_a_journey(db: Database, plan_id: int) -> None:
    save_step(db, plan_id, "virtual-consultation", StepDraft("done", None, date(2027, 1, 20), "OK"))
    save_step(db, plan_id, "booking-preparation", StepDraft("in-progress", date(2027, 1, 25), None))
    stay = StayDraft(date(2027, 3, 2), 11, date(2027, 3, 5), "cultured", 2)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)
    accept_proposal(db, plan_id, stay, proposal)
    save_appointment(
        db,
        plan_id,
        AppointmentDraft(
            "departure",
            "free",
            "Shopping in Myeongdong 🛍️",
            datetime(2027, 3, 11, 9),
            datetime(2027, 3, 11, 9, 45),
            "Asia/Seoul",
            "명동",
            "Gifts",
        ),
    )
    change_dates(db, plan_id, date(2027, 3, 1), date(2027, 3, 12), date(2027, 3, 5), "America/Chicago")


def journey_counts(db: Database, plan_id: int) -> dict[str, int]:
    with db.transaction() as session:
        return {
            table.__tablename__: session.scalar(
                select(func.count()).select_from(table).where(table.plan_id == plan_id)
            )
            or 0
            for table in (AppointmentRow, JourneySettingsRow, StepStateRow)
        }


def appointments_but_ids(db: Database, plan_id: int) -> list[tuple[Any, ...]]:
    return [
        (
            a.step_id,
            a.kind,
            a.title,
            a.start,
            a.end,
            a.zone,
            a.start_utc,
            a.end_utc,
            a.location,
            a.note,
            a.proposal_key,
        )
        for a in load_itinerary(db, plan_id).appointments
    ]


def test_duplicate_plan_copies_the_journey(db: Database) -> None:
    source = new_plan(db, "Knee, March")
    with_a_journey(db, source)
    before = load_journey(db, source, today=TODAY)
    before_appointments = load_itinerary(db, source).appointments

    copy = duplicate_plan(db, source)
    assert copy.id != source
    assert copy.home_zone == "America/Chicago"
    assert (copy.departure, copy.return_, copy.treatment_date) == (
        date(2027, 3, 1),
        date(2027, 3, 12),
        date(2027, 3, 5),
    )

    copied = load_journey(db, copy.id, today=TODAY)
    assert copied.states == before.states
    assert len(copied.states) == 2
    assert copied.stay == before.stay
    assert (copied.stay.arrival, copied.stay.cells, copied.stay.culture_days) == (
        date(2027, 3, 2),
        "cultured",
        2,
    )
    assert copied.home_zone == before.home_zone
    assert copied.position == before.position and copied.warnings == before.warnings
    assert appointments_but_ids(db, copy.id) == appointments_but_ids(db, source)
    assert journey_counts(db, copy.id) == journey_counts(db, source)
    copied_ids = {a.id for a in load_itinerary(db, copy.id).appointments}
    assert copied_ids.isdisjoint(a.id for a in before_appointments)

    # The two are independent: changing the copy leaves the source as it was.
    save_step(db, copy.id, "virtual-consultation", StepDraft("skipped", None, None))
    save_stay(db, copy.id, date(2027, 3, 3), "same-day", 14)
    first = min(copied_ids)
    delete_appointment(db, copy.id, first)
    stay = StayDraft(date(2027, 3, 2), 11, date(2027, 3, 5), "cultured", 2)
    accept_proposal(db, copy.id, stay, propose_schedule(db, copy.id, stay, today=TODAY))
    assert load_journey(db, source, today=TODAY) == before
    assert load_itinerary(db, source).appointments == before_appointments


def test_deleting_a_plan_removes_its_journey(db: Database) -> None:
    gone = new_plan(db, "Gone")
    kept = new_plan(db, "Kept")
    with_a_journey(db, gone)
    with_a_journey(db, kept)
    kept_counts = journey_counts(db, kept)
    assert all(kept_counts.values())
    assert journey_counts(db, gone) == kept_counts
    kept_appointments = load_itinerary(db, kept).appointments

    delete_plan(db, gone)

    assert get_plan(db, gone) is None
    assert journey_counts(db, gone) == {"appointment": 0, "journey_settings": 0, "journey_step_state": 0}
    assert journey_counts(db, kept) == kept_counts
    assert load_itinerary(db, kept).appointments == kept_appointments
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
