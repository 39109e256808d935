"""A plan's journey through the services: its steps, their status, dates and notes, the stay in
Korea, the home time zone and the warnings, on a fresh database each time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import JourneySettingsRow, PlanRow, StepStateRow
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import save_appointment
from planner.journey.rules import Stay, StepDraft, StepState
from planner.journey.service import list_steps, load_journey, save_stay, save_step
from planner.plans.service import change_dates, get_plan
from tests.db.journey.journey_plans import DEPARTURE, JOURNEY, RETURN, TODAY, new_plan

FAR = date(2029, 6, 1)
"""More than a year after the trip: taken for a typing slip."""


def step_rows(db: Database, plan_id: int) -> dict[str, tuple[Any, ...]]:
    """Every stored step state of the plan, exactly as stored (updated_at included)."""
    with db.transaction() as session:
        rows = session.scalars(select(StepStateRow).where(StepStateRow.plan_id == plan_id))
        return {r.step_id: (r.status, r.start_date, r.end_date, r.note, r.updated_at) for r in rows}


def settings_row(db: Database, plan_id: int) -> tuple[Any, ...] | None:
    with db.transaction() as session:
        row = session.get(JourneySettingsRow, plan_id)
        return None if row is None else (row.arrival_date, row.cells, row.culture_days)


def plan_row(db: Database, plan_id: int) -> tuple[Any, ...]:
    with db.transaction() as session:
        row = session.get_one(PlanRow, plan_id)
        return (row.departure_date, row.return_date, row.treatment_date, row.home_zone, row.updated_at)


# A new plan's journey


def test_a_new_plan_has_eight_steps_none_started(db: Database) -> None:
    plan_id = new_plan(db)
    data = load_journey(db, plan_id, today=TODAY)

    assert data.plan_id == plan_id
    assert [s.id for s in data.steps] == JOURNEY
    assert [s.id for s in list_steps(db)] == JOURNEY
    assert all(s.name for s in data.steps)
    assert data.states == {}
    assert all(data.state(s) == StepState(s) for s in JOURNEY)
    assert all(data.state(s).status == "not-started" for s in JOURNEY)
    assert data.position.step_id == "virtual-consultation"
    assert data.position.index == 0
    assert (data.progress.settled, data.progress.total, data.progress.percent) == (0, 8, 0)
    assert data.home_zone == "America/New_York"
    assert (data.departure, data.return_) == (DEPARTURE, RETURN)
    assert set(data.planned) == set(JOURNEY)
    assert step_rows(db, plan_id) == {}
    assert settings_row(db, plan_id) is None


def test_a_new_plan_stays_from_the_day_after_departure_by_default(db: Database) -> None:
    # Flights from New York land in Seoul the next day; cells are used the same day.
    data = load_journey(db, new_plan(db), today=TODAY)
    assert data.stay == Stay(date(2027, 3, 2), RETURN, None, "same-day", 14)
    assert data.warnings == []


@pytest.mark.parametrize(
    ("country", "currency", "zone"),
    [("US", "USD", "America/New_York"), ("GB", "GBP", "Europe/London"), ("AU", "AUD", "Australia/Sydney")],
)
def test_the_home_zone_is_the_home_countrys_main_one(
    db: Database, country: str, currency: str, zone: str
) -> None:
    plan_id = new_plan(db, country=country, currency=currency)
    assert load_journey(db, plan_id, today=TODAY).home_zone == zone
    assert get_plan(db, plan_id).home_zone == zone  # type: ignore[union-attr]


# Saving a step


def test_save_step_keeps_status_dates_and_note(db: Database) -> None:
    plan_id = new_plan(db)
    saved = save_step(
        db,
        plan_id,
        "booking-preparation",
        StepDraft("in-progress", date(2027, 1, 30), date(2027, 2, 27), "  Booked flights 🛫, 호텔 next  "),
    )
    expected = StepState(
        "booking-preparation",
        "in-progress",
        date(2027, 1, 30),
        date(2027, 2, 27),
        "Booked flights 🛫, 호텔 next",
    )
    assert saved == expected

    data = load_journey(db, plan_id, today=TODAY)
    assert data.states == {"booking-preparation": expected}
    assert data.state("booking-preparation") == expected
    assert data.position.step_id == "booking-preparation"
    assert data.position.reason == "In progress."

    # Saving again changes the same row.
    save_step(db, plan_id, "booking-preparation", StepDraft("done", None, None, ""))
    assert load_journey(db, plan_id, today=TODAY).states == {
        "booking-preparation": StepState("booking-preparation", "done")
    }
    assert list(step_rows(db, plan_id)) == ["booking-preparation"]


def test_save_step_writes_only_that_step(db: Database) -> None:
    plan_id = new_plan(db)
    other_plan = new_plan(db, name="Other")
    save_step(db, plan_id, "treatment", StepDraft("in-progress", date(2027, 3, 4), None, "Harvest"))
    save_step(db, other_plan, "treatment", StepDraft("skipped", None, None, "Not this one"))
    before = step_rows(db, plan_id)
    other_before = step_rows(db, other_plan)

    save_step(db, plan_id, "departure", StepDraft("done", date(2027, 3, 11), date(2027, 3, 11), "Home"))

    after = step_rows(db, plan_id)
    assert set(after) == {"treatment", "departure"}
    assert after["treatment"] == before["treatment"]
    assert after["departure"][:4] == ("done", date(2027, 3, 11), date(2027, 3, 11), "Home")
    assert step_rows(db, other_plan) == other_before
    states = load_journey(db, plan_id, today=TODAY).states
    assert set(states) == {"treatment", "departure"}


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (StepDraft("done", date(2027, 3, 5), date(2027, 3, 4)), "end"),
        (StepDraft("done", FAR, None), "start"),
        (StepDraft("done", None, FAR), "end"),
        (StepDraft("done", date(2025, 1, 1), date(2027, 3, 4)), "start"),
        (StepDraft("finished", None, None), "status"),
        (StepDraft("done", None, None, "x" * 20_001), "note"),
    ],
)
def test_a_refused_step_leaves_the_stored_state_exactly_as_before(
    db: Database, draft: StepDraft, field: str
) -> None:
    plan_id = new_plan(db)
    save_step(db, plan_id, "treatment", StepDraft("in-progress", date(2027, 3, 3), date(2027, 3, 4), "n"))
    save_step(db, plan_id, "arrival-intake", StepDraft("done", None, None, "landed"))
    before = step_rows(db, plan_id)

    for step in ("treatment", "departure"):  # an existing row and a step without one
        with pytest.raises(ValidationError) as raised:
            save_step(db, plan_id, step, draft)
        assert field in raised.value.errors
        assert raised.value.errors[field]

    assert step_rows(db, plan_id) == before


def test_an_end_before_the_start_is_the_end_fields_fault(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as raised:
        save_step(db, plan_id, "treatment", StepDraft("done", date(2027, 3, 5), date(2027, 3, 4)))
    assert set(raised.value.errors) == {"end"}
    assert step_rows(db, plan_id) == {}


def test_marking_steps_done_moves_the_current_step(db: Database) -> None:
    plan_id = new_plan(db)
    assert load_journey(db, plan_id, today=TODAY).position.step_id == "virtual-consultation"

    save_step(db, plan_id, "virtual-consultation", StepDraft("done", None, None))
    data = load_journey(db, plan_id, today=TODAY)
    assert (data.position.step_id, data.position.index) == ("booking-preparation", 1)
    assert data.progress.settled == 1

    save_step(db, plan_id, "booking-preparation", StepDraft("skipped", None, None))
    data = load_journey(db, plan_id, today=TODAY)
    assert (data.position.step_id, data.position.index) == ("arrival-intake", 2)
    assert (data.progress.settled, data.progress.total) == (2, 8)

    # During the stay the step planned for today is the current one.
    data = load_journey(db, plan_id, today=date(2027, 3, 4))
    assert data.position.step_id == "treatment"

    for step in JOURNEY:
        save_step(db, plan_id, step, StepDraft("done", None, None))
    data = load_journey(db, plan_id, today=TODAY)
    assert data.position.step_id is None
    assert (data.progress.settled, data.progress.percent) == (8, 100)


# The stay


def test_save_stay_keeps_arrival_cells_and_culture_days(db: Database) -> None:
    plan_id = new_plan(db)
    stay = save_stay(db, plan_id, date(2027, 3, 1), "cultured", 3)
    assert stay == Stay(date(2027, 3, 1), RETURN, None, "cultured", 3)
    assert settings_row(db, plan_id) == (date(2027, 3, 1), "cultured", 3)
    assert load_journey(db, plan_id, today=TODAY).stay == stay

    again = save_stay(db, plan_id, date(2027, 3, 2), "same-day", 90)
    assert again == Stay(date(2027, 3, 2), RETURN, None, "same-day", 90)
    assert settings_row(db, plan_id) == (date(2027, 3, 2), "same-day", 90)


@pytest.mark.parametrize(
    ("arrival", "cells", "culture", "field"),
    [
        (date(2027, 3, 2), "same-day", 0, "culture"),
        (date(2027, 3, 2), "cultured", 91, "culture"),
        (date(2027, 3, 2), "frozen", 14, "cells"),
        (date(2027, 3, 2), "", 14, "cells"),
        (FAR, "same-day", 14, "arrival"),
        (date(2025, 1, 1), "same-day", 14, "arrival"),
    ],
)
def test_a_refused_stay_changes_nothing(
    db: Database, arrival: date, cells: str, culture: int, field: str
) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as raised:
        save_stay(db, plan_id, arrival, cells, culture)
    assert set(raised.value.errors) == {field}
    assert settings_row(db, plan_id) is None

    save_stay(db, plan_id, date(2027, 3, 3), "cultured", 5)
    with pytest.raises(ValidationError) as raised:
        save_stay(db, plan_id, arrival, cells, culture)
    assert set(raised.value.errors) == {field}
    assert settings_row(db, plan_id) == (date(2027, 3, 3), "cultured", 5)


def test_every_wrong_stay_field_is_reported_at_once(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as raised:
        save_stay(db, plan_id, FAR, "frozen", 0)
    assert set(raised.value.errors) == {"arrival", "cells", "culture"}
    assert settings_row(db, plan_id) is None


# Trip dates and the home time zone


def test_a_home_zone_near_seoul_arrives_the_same_day(db: Database) -> None:
    plan_id = new_plan(db)
    assert load_journey(db, plan_id, today=TODAY).stay.arrival == date(2027, 3, 2)
    change_dates(db, plan_id, DEPARTURE, RETURN, None, "Asia/Tokyo")
    data = load_journey(db, plan_id, today=TODAY)
    assert (data.home_zone, data.stay.arrival) == ("Asia/Tokyo", DEPARTURE)
    # An arrival the person chose is kept whatever the zone.
    save_stay(db, plan_id, date(2027, 3, 3), "same-day", 14)
    change_dates(db, plan_id, DEPARTURE, RETURN, None, "America/New_York")
    assert load_journey(db, plan_id, today=TODAY).stay.arrival == date(2027, 3, 3)


def test_change_dates_with_a_home_zone_keeps_the_zone(db: Database) -> None:
    plan_id = new_plan(db)
    plan = change_dates(db, plan_id, date(2027, 4, 1), date(2027, 4, 12), date(2027, 4, 4), "  Europe/Paris ")
    assert (plan.departure, plan.return_, plan.treatment_date) == (
        date(2027, 4, 1),
        date(2027, 4, 12),
        date(2027, 4, 4),
    )
    assert plan.home_zone == "Europe/Paris"
    assert plan_row(db, plan_id)[:4] == (
        date(2027, 4, 1),
        date(2027, 4, 12),
        date(2027, 4, 4),
        "Europe/Paris",
    )
    data = load_journey(db, plan_id, today=TODAY)
    assert data.home_zone == "Europe/Paris"
    assert (data.departure, data.return_, data.stay.treatment) == (
        date(2027, 4, 1),
        date(2027, 4, 12),
        date(2027, 4, 4),
    )

    # Without a zone, the zone stays as it was.
    change_dates(db, plan_id, date(2027, 4, 2), date(2027, 4, 12), None)
    assert load_journey(db, plan_id, today=TODAY).home_zone == "Europe/Paris"
    assert plan_row(db, plan_id)[3] == "Europe/Paris"


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "   ", "../etc/passwd", "Not a zone"])
def test_change_dates_refuses_an_unknown_zone_and_changes_nothing(db: Database, zone: str) -> None:
    plan_id = new_plan(db)
    before = plan_row(db, plan_id)
    with pytest.raises(ValidationError) as raised:
        change_dates(db, plan_id, date(2027, 4, 1), date(2027, 4, 12), None, zone)
    assert set(raised.value.errors) == {"zone"}
    assert plan_row(db, plan_id) == before
    data = load_journey(db, plan_id, today=TODAY)
    assert (data.home_zone, data.departure, data.return_) == ("America/New_York", DEPARTURE, RETURN)


def test_change_dates_reports_a_bad_zone_with_bad_dates(db: Database) -> None:
    plan_id = new_plan(db)
    before = plan_row(db, plan_id)
    with pytest.raises(ValidationError) as raised:
        change_dates(db, plan_id, date(2027, 4, 12), date(2027, 4, 1), date(2027, 5, 1), "Nowhere/City")
    assert set(raised.value.errors) == {"zone", "return", "treatment"}
    assert plan_row(db, plan_id) == before


# Warnings


def test_a_three_day_trip_warns_of_a_short_stay(db: Database) -> None:
    plan_id = new_plan(db, return_=date(2027, 3, 3))
    data = load_journey(db, plan_id, today=TODAY)
    assert [w.key for w in data.warnings] == ["short-stay"]
    assert "2 days" in data.warnings[0].text


def test_a_treatment_before_the_arrival_is_warned_of(db: Database) -> None:
    # From New York the stay starts the day after departure; a treatment on departure day is
    # outside it.
    plan_id = new_plan(db)
    change_dates(db, plan_id, DEPARTURE, RETURN, DEPARTURE)
    keys = [w.key for w in load_journey(db, plan_id, today=TODAY).warnings]
    assert keys == ["treatment-outside"]


def test_too_little_culture_time_and_an_early_arrival_are_warned_of(db: Database) -> None:
    plan_id = new_plan(db)
    change_dates(db, plan_id, DEPARTURE, RETURN, date(2027, 3, 5))
    save_stay(db, plan_id, date(2027, 2, 27), "cultured", 14)
    keys = {w.key for w in load_journey(db, plan_id, today=TODAY).warnings}
    assert keys == {"arrival-before-departure", "culture-time"}

    save_stay(db, plan_id, date(2027, 3, 2), "same-day", 14)
    assert load_journey(db, plan_id, today=TODAY).warnings == []


def test_overlapping_appointments_come_back_as_warnings(db: Database) -> None:
    plan_id = new_plan(db)
    for title, start, end in (
        ("Harvest", datetime(2027, 3, 4, 9), datetime(2027, 3, 4, 11)),
        ("Injection", datetime(2027, 3, 4, 10), datetime(2027, 3, 4, 12)),
    ):
        save_appointment(
            db, plan_id, AppointmentDraft("treatment", "injection", title, start, end, "Asia/Seoul")
        )
    warnings = load_journey(db, plan_id, today=TODAY).warnings
    assert [w.key for w in warnings] == ["overlap"]
    assert "Injection" in warnings[0].text and "Harvest" in warnings[0].text
