"""A plan's calendar file from the database: exporting again gives the same event UIDs (so a
calendar updates its events instead of adding them twice), an edit raises the event's SEQUENCE,
and a duplicated plan's events are events of their own."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select

from planner.db.database import Database
from planner.db.models import AppointmentRow
from planner.journey.calendar_service import plan_calendar
from planner.journey.itinerary_service import (
    StayDraft,
    accept_proposal,
    delete_appointment,
    load_itinerary,
    move_appointment,
    propose_schedule,
    restore_appointment,
    save_appointment,
)
from planner.plans.service import duplicate_plan
from tests.db.journey.journey_plans import TODAY, injection, new_plan

SEOUL = "Asia/Seoul"
DOMAIN = "@patient-journey-planner"


class Clock:
    """The services' clock, moved on by hand, so an edit is always later than what it changes."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 9)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr("planner.journey.itinerary_service.utc_now", clock)
    return clock


def events(db: Database, plan_id: int) -> dict[str, Any]:
    """The plan's calendar as a calendar app reads it: events by UID."""
    calendar = Calendar.from_ical(plan_calendar(db, plan_id))
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(list(calendar.walk("VEVENT"))), "two events share a UID"
    return found


def stored_uids(db: Database, plan_id: int) -> dict[int, str]:
    with db.transaction() as session:
        rows = session.scalars(select(AppointmentRow).where(AppointmentRow.plan_id == plan_id))
        return {r.id: r.uid for r in rows}


def with_a_schedule(db: Database, plan_id: int) -> int:
    """Accept the proposed schedule and add one appointment; returns how many there are."""
    stay = StayDraft(datetime(2027, 3, 2).date(), 10, datetime(2027, 3, 4).date(), "cultured", 2)
    accept_proposal(db, plan_id, stay, propose_schedule(db, plan_id, stay, today=TODAY))
    save_appointment(
        db,
        plan_id,
        injection(
            step_id="departure",
            kind="free",
            title="Shopping, 명동; gifts",
            start=datetime(2027, 3, 10, 9),
            end=datetime(2027, 3, 10, 11),
            location="Myeongdong, Seoul",
            note="Gifts\nSnacks",
        ),
    )
    return len(load_itinerary(db, plan_id).appointments)


def test_the_calendar_has_every_appointment_of_the_plan_and_no_other(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    other = new_plan(db, "Other plan")
    count = with_a_schedule(db, plan_id)
    save_appointment(db, other, injection(title="Not this plan"))
    assert count > 5

    calendar = Calendar.from_ical(plan_calendar(db, plan_id))
    found = list(calendar.walk("VEVENT"))
    assert len(found) == count
    assert str(calendar["X-WR-CALNAME"]) == "Knee, March"
    titles = {str(e["SUMMARY"]) for e in found}
    assert "Shopping, 명동; gifts" in titles and "Not this plan" not in titles
    uids = stored_uids(db, plan_id)
    assert {str(e["UID"]) for e in found} == {u + DOMAIN for u in uids.values()}
    # In time order, as the itinerary lists them.
    starts = [e["DTSTART"].dt for e in found]
    assert starts == sorted(starts)


def test_an_event_keeps_the_appointments_zone_and_text(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(
        db, plan_id, injection(location="SH Clinic, 3F; 강남구", note="Fast, no water;\nbring scans")
    )
    uid = stored_uids(db, plan_id)[saved.id] + DOMAIN
    event = events(db, plan_id)[uid]
    assert event["DTSTART"].params["TZID"] == SEOUL
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 4, 14)
    assert str(event["LOCATION"]) == "SH Clinic, 3F; 강남구"
    assert str(event["DESCRIPTION"]) == "Injection · Treatment\n\nFast, no water;\nbring scans"


def test_exporting_twice_gives_the_same_uids(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    with_a_schedule(db, plan_id)
    first = events(db, plan_id)
    clock.tick(hours=1)
    again = events(db, plan_id)
    assert set(first) == set(again)
    assert {uid: int(e["SEQUENCE"]) for uid, e in first.items()} == {
        uid: int(e["SEQUENCE"]) for uid, e in again.items()
    }


def test_an_edited_appointment_keeps_its_uid_with_a_higher_sequence(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(db, plan_id, injection())
    other = save_appointment(
        db, plan_id, injection(title="MRI", start=datetime(2027, 3, 3, 10), end=datetime(2027, 3, 3, 11))
    )
    uid = stored_uids(db, plan_id)[saved.id] + DOMAIN
    other_uid = stored_uids(db, plan_id)[other.id] + DOMAIN
    before = events(db, plan_id)

    clock.tick(minutes=3)
    save_appointment(
        db,
        plan_id,
        injection(title="Injection, moved", start=datetime(2027, 3, 5, 9), end=datetime(2027, 3, 5, 10)),
        saved.id,
    )
    after = events(db, plan_id)

    assert set(after) == set(before) == {uid, other_uid}
    assert str(after[uid]["SUMMARY"]) == "Injection, moved"
    assert after[uid]["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 5, 9)
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid]["LAST-MODIFIED"].dt > before[uid]["LAST-MODIFIED"].dt
    assert int(after[other_uid]["SEQUENCE"]) == int(before[other_uid]["SEQUENCE"])

    clock.tick(days=2)
    move_appointment(db, plan_id, saved.id, datetime(2027, 3, 6).date())
    moved = events(db, plan_id)
    assert set(moved) == set(before)
    assert int(moved[uid]["SEQUENCE"]) > int(after[uid]["SEQUENCE"])


def test_accepting_the_proposal_again_updates_its_events_instead_of_adding(
    db: Database, clock: Clock
) -> None:
    plan_id = new_plan(db)
    with_a_schedule(db, plan_id)
    before = events(db, plan_id)
    injection = next(uid for uid, e in before.items() if str(e["SUMMARY"]) == "Injection")

    clock.tick(hours=2)
    stay = StayDraft(datetime(2027, 3, 2).date(), 10, datetime(2027, 3, 5).date(), "cultured", 2)
    accept_proposal(db, plan_id, stay, propose_schedule(db, plan_id, stay, today=TODAY))
    after = events(db, plan_id)
    assert set(before) <= set(after)
    assert [uid for uid, e in after.items() if str(e["SUMMARY"]) == "Injection"] == [injection]
    assert after[injection]["DTSTART"].dt.date() == datetime(2027, 3, 5).date()
    assert int(after[injection]["SEQUENCE"]) > int(before[injection]["SEQUENCE"])


def test_a_duplicated_plans_events_have_uids_of_their_own(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    count = with_a_schedule(db, plan_id)
    copy = duplicate_plan(db, plan_id)

    original, copied = events(db, plan_id), events(db, copy.id)
    assert len(copied) == len(original) == count
    assert set(copied).isdisjoint(original)
    assert sorted(str(e["SUMMARY"]) for e in copied.values()) == sorted(
        str(e["SUMMARY"]) for e in original.values()
    )
    assert all(uid.endswith(DOMAIN) and len(uid) > len(DOMAIN) for uid in copied)


def test_undoing_a_delete_brings_the_appointment_back_with_its_uid(db: Database, clock: Clock) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(db, plan_id, injection())
    before = events(db, plan_id)

    gone = delete_appointment(db, plan_id, saved.id)
    clock.tick(seconds=30)
    restore_appointment(db, plan_id, gone)

    assert set(events(db, plan_id)) == set(before)
