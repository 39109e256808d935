"""A plan's itinerary through the services: appointments added, edited, moved, deleted and put
back, and the proposed schedule accepted, on a fresh database each time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import AppointmentRow, JourneySettingsRow, PlanRow
from planner.journey.itinerary import Appointment, AppointmentDraft
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
from planner.journey.service import load_journey
from planner.plans.service import get_plan
from tests.db.journey.journey_plans import DEPARTURE, RETURN, TODAY, injection, new_plan

SEOUL = "Asia/Seoul"
NEW_YORK = "America/New_York"


def rows(db: Database, plan_id: int | None = None) -> list[tuple[Any, ...]]:
    """Every stored appointment (of one plan), every column, by id."""
    with db.transaction() as session:
        query = select(AppointmentRow).order_by(AppointmentRow.id)
        if plan_id is not None:
            query = query.where(AppointmentRow.plan_id == plan_id)
        return [
            tuple(getattr(r, c.key) for c in AppointmentRow.__table__.columns) for r in session.scalars(query)
        ]


def row(db: Database, appointment_id: int) -> AppointmentRow:
    with db.transaction() as session:
        found = session.get_one(AppointmentRow, appointment_id)
        session.expunge(found)
        return found


def count(db: Database, plan_id: int) -> int:
    with db.transaction() as session:
        return (
            session.scalar(
                select(func.count()).select_from(AppointmentRow).where(AppointmentRow.plan_id == plan_id)
            )
            or 0
        )


def plan_state(db: Database, plan_id: int) -> tuple[Any, ...]:
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        settings = session.get(JourneySettingsRow, plan_id)
        return (
            plan.departure_date,
            plan.return_date,
            plan.treatment_date,
            plan.updated_at,
            None if settings is None else (settings.arrival_date, settings.cells, settings.culture_days),
        )


def same_but_id(first: Appointment, second: Appointment) -> bool:
    return replace(first, id=0) == replace(second, id=0)


# Adding and editing


def test_save_appointment_adds_one_with_utc_moments_from_its_zone(db: Database) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(db, plan_id, injection())
    assert saved.id > 0
    assert (saved.start, saved.end, saved.zone) == (
        datetime(2027, 3, 4, 14),
        datetime(2027, 3, 4, 15, 30),
        SEOUL,
    )
    # Seoul is nine hours ahead of UTC.
    assert (saved.start_utc, saved.end_utc) == (datetime(2027, 3, 4, 5), datetime(2027, 3, 4, 6, 30))

    stored = row(db, saved.id)
    assert stored.plan_id == plan_id
    assert (stored.step_id, stored.kind, stored.title, stored.location, stored.note) == (
        "treatment",
        "injection",
        "Injection",
        "SH Clinic, Gangnam",
        "Fast from midnight",
    )
    assert (stored.start_local, stored.end_local, stored.zone) == (
        datetime(2027, 3, 4, 14),
        datetime(2027, 3, 4, 15, 30),
        SEOUL,
    )
    assert (stored.start_utc, stored.end_utc) == (datetime(2027, 3, 4, 5), datetime(2027, 3, 4, 6, 30))
    assert stored.proposal_key is None
    assert load_itinerary(db, plan_id).appointments == [saved]


def test_save_appointment_tidies_the_draft(db: Database) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(
        db,
        plan_id,
        injection(
            title="   ",
            start=datetime(2027, 3, 4, 14, 0, 42, 123),
            location="  SH   Clinic ",
            note="  keep  inner  spaces \n",
            zone=f" {SEOUL} ",
        ),
    )
    assert (saved.title, saved.start, saved.location, saved.note, saved.zone) == (
        "Injection",
        datetime(2027, 3, 4, 14),
        "SH Clinic",
        "keep  inner  spaces",
        SEOUL,
    )
    assert load_itinerary(db, plan_id).appointments == [saved]


def test_save_appointment_with_an_id_edits_it(db: Database) -> None:
    plan_id = new_plan(db)
    first = save_appointment(db, plan_id, injection())
    other = save_appointment(db, plan_id, injection(title="Harvest", kind="harvest"))
    other_row = rows(db, plan_id)[1]

    # New York is on summer time from 14 Mar 2027: four hours behind UTC.
    edited = save_appointment(
        db,
        plan_id,
        AppointmentDraft(
            "rehabilitation-home",
            "physiotherapy",
            "Physio at home",
            datetime(2027, 3, 18, 10),
            datetime(2027, 3, 18, 11),
            NEW_YORK,
            "Downtown",
            "",
        ),
        first.id,
    )
    assert edited.id == first.id
    assert (edited.start_utc, edited.end_utc) == (datetime(2027, 3, 18, 14), datetime(2027, 3, 18, 15))
    stored = row(db, first.id)
    assert (stored.step_id, stored.kind, stored.title, stored.zone, stored.location, stored.note) == (
        "rehabilitation-home",
        "physiotherapy",
        "Physio at home",
        NEW_YORK,
        "Downtown",
        "",
    )
    assert (stored.start_local, stored.start_utc, stored.end_utc) == (
        datetime(2027, 3, 18, 10),
        datetime(2027, 3, 18, 14),
        datetime(2027, 3, 18, 15),
    )
    assert count(db, plan_id) == 2
    assert rows(db, plan_id)[1] == other_row
    assert {a.id for a in load_itinerary(db, plan_id).appointments} == {first.id, other.id}


def test_winter_time_in_new_york_is_five_hours_behind_utc(db: Database) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(
        db, plan_id, injection(zone=NEW_YORK, start=datetime(2027, 3, 1, 10), end=datetime(2027, 3, 1, 11))
    )
    stored = row(db, saved.id)
    assert (stored.start_utc, stored.end_utc) == (datetime(2027, 3, 1, 15), datetime(2027, 3, 1, 16))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": datetime(2027, 3, 4, 15), "end": datetime(2027, 3, 4, 14)}, "end"),
        # The clocks in New York jump from 02:00 to 03:00 on 14 Mar 2027.
        ({"zone": NEW_YORK, "start": datetime(2027, 3, 14, 2, 30), "end": datetime(2027, 3, 14, 4)}, "start"),
        ({"zone": NEW_YORK, "start": datetime(2027, 3, 14, 1), "end": datetime(2027, 3, 14, 2, 15)}, "end"),
        ({"zone": "Mars/Olympus_Mons"}, "zone"),
        ({"zone": ""}, "zone"),
        ({"start": datetime(2029, 6, 1, 9), "end": datetime(2029, 6, 1, 10)}, "start"),
        ({"start": datetime(2027, 3, 4, 9), "end": datetime(2029, 6, 1, 10)}, "end"),
        ({"kind": "party"}, "kind"),
        ({"step_id": "no-such-step"}, "step"),
        ({"title": "x" * 201}, "title"),
        ({"note": "x" * 20_001}, "note"),
    ],
)
def test_a_refused_appointment_saves_nothing(db: Database, changes: dict[str, Any], field: str) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as raised:
        save_appointment(db, plan_id, injection(**changes))
    assert field in raised.value.errors
    assert raised.value.errors[field]
    assert count(db, plan_id) == 0

    # Nor does it change an appointment it was meant to edit.
    kept = save_appointment(db, plan_id, injection())
    before = rows(db, plan_id)
    with pytest.raises(ValidationError) as raised:
        save_appointment(db, plan_id, injection(**changes), kept.id)
    assert field in raised.value.errors
    assert rows(db, plan_id) == before


def test_a_time_in_the_gap_is_explained(db: Database) -> None:
    plan_id = new_plan(db)
    with pytest.raises(ValidationError) as raised:
        save_appointment(
            db,
            plan_id,
            injection(zone=NEW_YORK, start=datetime(2027, 3, 14, 2, 30), end=datetime(2027, 3, 14, 4)),
        )
    assert set(raised.value.errors) == {"start"}
    assert "does not exist" in raised.value.errors["start"]


def test_a_length_across_the_clock_change_is_measured_in_real_time(db: Database) -> None:
    # 01:59 to 03:00 on the night New York's clocks go forward is one minute long.
    plan_id = new_plan(db)
    saved = save_appointment(
        db,
        plan_id,
        injection(zone=NEW_YORK, start=datetime(2027, 3, 14, 1, 59), end=datetime(2027, 3, 14, 3)),
    )
    assert saved.end_utc - saved.start_utc == timedelta(minutes=1)
    assert (saved.start_utc, saved.end_utc) == (datetime(2027, 3, 14, 6, 59), datetime(2027, 3, 14, 7))


# Moving


def test_move_appointment_keeps_the_wall_clock_times(db: Database) -> None:
    plan_id = new_plan(db)
    seoul = save_appointment(db, plan_id, injection())
    moved = move_appointment(db, plan_id, seoul.id, date(2027, 3, 6))
    assert moved.id == seoul.id
    assert (moved.start, moved.end) == (datetime(2027, 3, 6, 14), datetime(2027, 3, 6, 15, 30))
    assert (moved.start_utc, moved.end_utc) == (datetime(2027, 3, 6, 5), datetime(2027, 3, 6, 6, 30))
    assert (moved.title, moved.note, moved.location) == (seoul.title, seoul.note, seoul.location)

    # Across New York's change to summer time: still 10:00 there, an hour earlier in UTC.
    home = save_appointment(
        db, plan_id, injection(zone=NEW_YORK, start=datetime(2027, 3, 10, 10), end=datetime(2027, 3, 10, 11))
    )
    assert home.start_utc == datetime(2027, 3, 10, 15)
    moved = move_appointment(db, plan_id, home.id, date(2027, 3, 15))
    assert (moved.start, moved.end) == (datetime(2027, 3, 15, 10), datetime(2027, 3, 15, 11))
    stored = row(db, home.id)
    assert (stored.start_local, stored.end_local) == (datetime(2027, 3, 15, 10), datetime(2027, 3, 15, 11))
    assert (stored.start_utc, stored.end_utc) == (datetime(2027, 3, 15, 14), datetime(2027, 3, 15, 15))
    assert count(db, plan_id) == 2


def test_an_overnight_appointment_moves_as_a_whole(db: Database) -> None:
    plan_id = new_plan(db)
    flight = save_appointment(
        db,
        plan_id,
        injection(
            step_id="arrival-intake",
            kind="flight",
            title="Flight",
            start=datetime(2027, 3, 1, 22),
            end=datetime(2027, 3, 2, 6),
        ),
    )
    moved = move_appointment(db, plan_id, flight.id, date(2027, 2, 27))
    assert (moved.start, moved.end) == (datetime(2027, 2, 27, 22), datetime(2027, 2, 28, 6))


@pytest.mark.parametrize(
    ("zone", "start", "day", "field"),
    [
        (SEOUL, datetime(2027, 3, 4, 14), date(2030, 1, 1), "start"),
        (SEOUL, datetime(2027, 3, 4, 14), date(2025, 1, 1), "start"),
        (NEW_YORK, datetime(2027, 3, 10, 2, 30), date(2027, 3, 14), "start"),
    ],
)
def test_a_refused_move_leaves_the_row_as_it_was(
    db: Database, zone: str, start: datetime, day: date, field: str
) -> None:
    plan_id = new_plan(db)
    saved = save_appointment(db, plan_id, injection(zone=zone, start=start, end=start + timedelta(hours=1)))
    before = rows(db, plan_id)
    with pytest.raises(ValidationError) as raised:
        move_appointment(db, plan_id, saved.id, day)
    assert field in raised.value.errors
    assert rows(db, plan_id) == before


# Deleting and putting back


def test_delete_then_restore_brings_the_appointment_back(db: Database) -> None:
    plan_id = new_plan(db)
    kept = save_appointment(db, plan_id, injection(title="Harvest", kind="harvest"))
    saved = save_appointment(db, plan_id, injection(note="Bring the MRI\nand the referral"))

    gone = delete_appointment(db, plan_id, saved.id)
    assert gone == saved
    assert count(db, plan_id) == 1
    assert [a.id for a in load_itinerary(db, plan_id).appointments] == [kept.id]

    back = restore_appointment(db, plan_id, gone)
    assert same_but_id(back, saved)
    assert count(db, plan_id) == 2
    assert back.id != kept.id
    listed = load_itinerary(db, plan_id).appointments
    assert {a.id for a in listed} == {kept.id, back.id}
    assert back in listed


def test_restoring_a_proposed_appointment_keeps_its_key_unless_it_was_taken(db: Database) -> None:
    plan_id = new_plan(db)
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)
    accept_proposal(db, plan_id, stay, proposal)
    [harvest] = [a for a in load_itinerary(db, plan_id).appointments if a.proposal_key == "harvest"]

    gone = delete_appointment(db, plan_id, harvest.id)
    back = restore_appointment(db, plan_id, gone)
    assert back.proposal_key == "harvest"
    assert row(db, back.id).proposal_key == "harvest"

    # Deleted, then the proposal accepted again: the new one has the key, the old one comes back
    # without it.
    gone = delete_appointment(db, plan_id, back.id)
    accept_proposal(db, plan_id, stay, proposal)
    again = restore_appointment(db, plan_id, gone)
    assert again.proposal_key == ""
    assert row(db, again.id).proposal_key is None
    assert count(db, plan_id) == len(proposal) + 1


# Another plan's appointments


def test_another_plans_appointment_cannot_be_touched(db: Database) -> None:
    mine = new_plan(db)
    theirs = new_plan(db, "Other")
    saved = save_appointment(db, theirs, injection())
    before = rows(db)

    for attempt in (
        lambda: save_appointment(db, mine, injection(title="Mine now"), saved.id),
        lambda: move_appointment(db, mine, saved.id, date(2027, 3, 5)),
        lambda: delete_appointment(db, mine, saved.id),
    ):
        with pytest.raises(ValueError, match="another plan") as raised:
            attempt()
        assert not isinstance(raised.value, ValidationError)
    assert rows(db) == before
    assert load_itinerary(db, mine).appointments == []
    assert load_itinerary(db, theirs).appointments == [saved]


# The proposed schedule


def test_propose_schedule_returns_drafts_and_saves_nothing(db: Database) -> None:
    plan_id = new_plan(db)
    before = plan_state(db, plan_id)
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)

    assert proposal and all(isinstance(d, AppointmentDraft) for d in proposal)
    keys = [d.proposal_key for d in proposal]
    assert len(set(keys)) == len(keys) and all(keys)
    assert {"virtual-consultation", "outbound-flight", "harvest", "injection", "flight-home"} <= set(keys)
    [shot] = [d for d in proposal if d.proposal_key == "injection"]
    assert (shot.step_id, shot.kind, shot.zone, shot.start.date()) == (
        "treatment",
        "injection",
        SEOUL,
        date(2027, 3, 4),
    )
    # Video calls and the flight out are in the home zone.
    by_key = {d.proposal_key: d for d in proposal}
    assert by_key["virtual-consultation"].zone == NEW_YORK
    assert by_key["outbound-flight"].zone == NEW_YORK
    assert count(db, plan_id) == 0
    assert plan_state(db, plan_id) == before

    # Once the consultation's day has passed it is not proposed.
    late = propose_schedule(db, plan_id, stay, today=date(2027, 2, 25))
    assert "virtual-consultation" not in {d.proposal_key for d in late}


def test_accept_proposal_saves_the_stay_and_the_appointments(db: Database) -> None:
    plan_id = new_plan(db)
    stay = StayDraft(date(2027, 3, 2), 12, date(2027, 3, 5), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)

    assert accept_proposal(db, plan_id, stay, proposal) == len(proposal)

    departure, return_, treatment, _updated, settings = plan_state(db, plan_id)
    assert (departure, return_, treatment) == (DEPARTURE, date(2027, 3, 13), date(2027, 3, 5))
    assert settings == (date(2027, 3, 2), "same-day", 14)
    plan = get_plan(db, plan_id)
    assert plan is not None and (plan.return_, plan.treatment_date) == (date(2027, 3, 13), date(2027, 3, 5))
    journey = load_journey(db, plan_id, today=TODAY)
    assert (journey.stay.arrival, journey.stay.leave, journey.stay.treatment) == (
        date(2027, 3, 2),
        date(2027, 3, 13),
        date(2027, 3, 5),
    )

    assert count(db, plan_id) == len(proposal)
    listed = load_itinerary(db, plan_id).appointments
    assert sorted(a.proposal_key for a in listed) == sorted(d.proposal_key for d in proposal)
    by_key = {a.proposal_key: a for a in listed}
    for draft in proposal:
        made = by_key[draft.proposal_key]
        assert (made.step_id, made.kind, made.title, made.start, made.end, made.zone) == (
            draft.step_id,
            draft.kind,
            draft.title,
            draft.start,
            draft.end,
            draft.zone,
        )


def test_accepting_again_updates_rather_than_duplicates(db: Database) -> None:
    plan_id = new_plan(db)
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)
    accept_proposal(db, plan_id, stay, proposal)
    first = {a.proposal_key: a for a in load_itinerary(db, plan_id).appointments}
    mine = save_appointment(db, plan_id, injection(title="My own", kind="free", step_id="departure"))

    accept_proposal(db, plan_id, stay, proposal)
    assert count(db, plan_id) == len(proposal) + 1

    # A changed proposed appointment updates the one with its key, in place.
    changed = [
        replace(d, start=d.start.replace(hour=11), end=d.end.replace(hour=12, minute=30), note="Moved")
        if d.proposal_key == "harvest"
        else d
        for d in proposal
    ]
    accept_proposal(db, plan_id, stay, changed)
    assert count(db, plan_id) == len(proposal) + 1
    after = {a.proposal_key: a for a in load_itinerary(db, plan_id).appointments}
    assert after[""] == mine
    assert {k: a.id for k, a in after.items() if k} == {k: a.id for k, a in first.items()}
    assert (after["harvest"].start, after["harvest"].note) == (datetime(2027, 3, 4, 11), "Moved")
    assert after["injection"] == first["injection"]


def test_accepting_part_of_a_proposal_adds_only_that_part(db: Database) -> None:
    plan_id = new_plan(db)
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)
    part = [d for d in proposal if d.step_id == "treatment"]
    assert accept_proposal(db, plan_id, stay, part) == len(part)
    assert count(db, plan_id) == len(part)
    accept_proposal(db, plan_id, stay, proposal)
    assert count(db, plan_id) == len(proposal)


@pytest.mark.parametrize(
    ("stay", "field"),
    [
        # Five days from 20 Feb: home on 24 Feb, before the departure.
        (StayDraft(date(2027, 2, 20), 5, date(2027, 2, 22), "same-day", 14), "days"),
        (StayDraft(date(2027, 3, 2), 0, date(2027, 3, 2), "same-day", 14), "days"),
        (StayDraft(date(2027, 3, 2), 400, date(2027, 3, 4), "same-day", 14), "days"),
        (StayDraft(date(2027, 3, 2), 10, date(2027, 4, 30), "same-day", 14), "treatment"),
        (StayDraft(date(2027, 3, 2), 10, date(2027, 2, 27), "same-day", 14), "treatment"),
        (StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "frozen", 14), "cells"),
        (StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "cultured", 0), "culture"),
        (StayDraft(date(2029, 6, 1), 10, date(2029, 6, 3), "same-day", 14), "arrival"),
    ],
)
def test_a_bad_stay_is_refused_and_nothing_changes(db: Database, stay: StayDraft, field: str) -> None:
    plan_id = new_plan(db)
    good = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposal = propose_schedule(db, plan_id, good, today=TODAY)
    accept_proposal(db, plan_id, good, proposal)
    before_plan, before_rows = plan_state(db, plan_id), rows(db, plan_id)

    with pytest.raises(ValidationError) as raised:
        accept_proposal(db, plan_id, stay, [replace(d, note="changed") for d in proposal])
    assert field in raised.value.errors

    assert plan_state(db, plan_id) == before_plan
    assert rows(db, plan_id) == before_rows
    assert count(db, plan_id) == len(proposal)


def test_a_bad_stay_on_a_new_plan_saves_no_stay(db: Database) -> None:
    plan_id = new_plan(db)
    before = plan_state(db, plan_id)
    stay = StayDraft(date(2027, 2, 20), 5, date(2027, 2, 22), "same-day", 14)
    with pytest.raises(ValidationError) as raised:
        accept_proposal(db, plan_id, stay, [injection(proposal_key="injection")])
    assert set(raised.value.errors) == {"days"}
    assert plan_state(db, plan_id) == before
    assert before[4] is None
    assert count(db, plan_id) == 0


def test_one_bad_appointment_keeps_the_whole_proposal_out(db: Database) -> None:
    plan_id = new_plan(db)
    before = plan_state(db, plan_id)
    stay = StayDraft(date(2027, 3, 2), 12, date(2027, 3, 5), "same-day", 14)
    proposal = propose_schedule(db, plan_id, stay, today=TODAY)
    broken = [*proposal, injection(title="Broken", zone="Mars/Olympus_Mons", proposal_key="broken")]

    with pytest.raises(ValidationError) as raised:
        accept_proposal(db, plan_id, stay, broken)
    assert set(raised.value.errors) == {"appointment"}
    assert "Broken" in raised.value.errors["appointment"]
    assert plan_state(db, plan_id) == before
    assert count(db, plan_id) == 0


# Loading the itinerary


def test_load_itinerary_lists_appointments_in_time_order(db: Database) -> None:
    plan_id = new_plan(db)
    late = save_appointment(db, plan_id, injection(title="Late"))
    early = save_appointment(
        db, plan_id, injection(title="Early", start=datetime(2027, 3, 3, 9), end=datetime(2027, 3, 3, 10))
    )
    # 20:00 on 3 Mar in New York is 10:00 on 4 Mar in Seoul: between the two.
    home = save_appointment(
        db,
        plan_id,
        injection(
            title="Call home",
            kind="consultation",
            zone=NEW_YORK,
            start=datetime(2027, 3, 3, 20),
            end=datetime(2027, 3, 3, 20, 30),
        ),
    )
    data = load_itinerary(db, plan_id)
    assert [a.id for a in data.appointments] == [early.id, home.id, late.id]
    assert data.warnings == []
    assert data.home_zone == NEW_YORK
    assert (data.span.departure, data.span.return_) == (DEPARTURE, RETURN)
    assert list(data.steps)[:2] == ["virtual-consultation", "booking-preparation"]
    assert data.clinic.name == ""


def test_load_itinerary_warns_of_overlaps(db: Database) -> None:
    plan_id = new_plan(db)
    save_appointment(
        db, plan_id, injection(title="Harvest", start=datetime(2027, 3, 4, 13), end=datetime(2027, 3, 4, 15))
    )
    save_appointment(db, plan_id, injection(title="Injection"))
    # Touching end to start, and free time, are no overlap.
    save_appointment(
        db,
        plan_id,
        injection(title="Monitoring", start=datetime(2027, 3, 4, 15, 30), end=datetime(2027, 3, 4, 16)),
    )
    save_appointment(
        db,
        plan_id,
        injection(title="Rest", kind="free", start=datetime(2027, 3, 4, 13), end=datetime(2027, 3, 4, 18)),
    )
    warnings = load_itinerary(db, plan_id).warnings
    assert [w.key for w in warnings] == ["overlap"]
    assert "“Injection”" in warnings[0].text and "“Harvest”" in warnings[0].text


def test_appointments_in_seoul_outside_the_stay_are_warned_of(db: Database) -> None:
    plan_id = new_plan(db)
    save_appointment(
        db, plan_id, injection(title="Too early", start=datetime(2027, 3, 1, 9), end=datetime(2027, 3, 1, 10))
    )
    keys = [w.key for w in load_itinerary(db, plan_id).warnings]
    assert keys == ["outside-stay"]


def test_long_notes_and_hangul_and_emoji_round_trip_exactly(db: Database) -> None:
    plan_id = new_plan(db)
    note = ("줄기세포 주사 전 금식 🍽️🚫\n" + "Line two — “quoted” ✔\n") * 200
    note = (note + "x" * 10_000)[:10_000]
    assert len(note) == 10_000 and note == note.strip()
    title = "무릎 줄기세포 주사 💉🦵 (서울) 🧑‍⚕️"
    saved = save_appointment(db, plan_id, injection(title=title, note=note, location="강남구 🏥"))
    assert (saved.title, saved.note, saved.location) == (title, note, "강남구 🏥")
    [listed] = load_itinerary(db, plan_id).appointments
    assert listed == saved
    assert (listed.title, listed.note) == (title, note)
    stored = row(db, saved.id)
    assert (stored.title, stored.note, stored.location) == (title, note, "강남구 🏥")
