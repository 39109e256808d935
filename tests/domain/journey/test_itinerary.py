"""Itinerary rules without Qt: what an appointment must meet, days, overlaps across zones, the next
appointment, moving an appointment, and where a clinic visit takes place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.validation import ValidationError
from planner.core.zones import SEOUL
from planner.journey.itinerary import (
    KINDS,
    MAX_NOTE_LENGTH,
    Appointment,
    AppointmentDraft,
    PlanSpan,
    appointment,
    by_day,
    default_location,
    moved_to,
    next_appointment,
    overlaps,
    shifted,
    validate_appointment,
)

STEPS = [
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
]
SPAN = PlanSpan(date(2027, 3, 1), date(2027, 3, 11))
LA = "America/Los_Angeles"
NEW_YORK = "America/New_York"


def draft(
    start: datetime,
    end: datetime,
    zone: str = SEOUL,
    kind: str = "consultation",
    title: str = "Intake",
    step: str = "arrival-intake",
    note: str = "",
) -> AppointmentDraft:
    return AppointmentDraft(step, kind, title, start, end, zone, note=note)


def made(
    appointment_id: int,
    start: datetime,
    end: datetime,
    zone: str = SEOUL,
    kind: str = "consultation",
    title: str = "",
) -> Appointment:
    return appointment(
        appointment_id, draft(start, end, zone, kind, title or f"Appointment {appointment_id}")
    )


def refused(candidate: AppointmentDraft, span: PlanSpan = SPAN) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        validate_appointment(candidate, STEPS, span)
    return error.value.errors


def test_an_end_before_the_start_is_refused_at_the_end() -> None:
    errors = refused(draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 9, 0)))
    assert list(errors) == ["end"]
    assert "before the start" in errors["end"]


def test_an_end_equal_to_the_start_is_accepted() -> None:
    at = datetime(2027, 3, 3, 10, 0)
    kept = validate_appointment(draft(at, at), STEPS, SPAN)
    assert kept.start == kept.end == at


def test_an_appointment_cannot_last_more_than_a_week() -> None:
    errors = refused(draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 10, 10, 1)))
    assert "week" in errors["end"]


def test_a_start_the_clocks_skip_is_refused_at_the_start() -> None:
    errors = refused(
        draft(datetime(2027, 3, 14, 2, 30), datetime(2027, 3, 14, 4, 0), NEW_YORK, step="rehabilitation-home")
    )
    assert list(errors) == ["start"]
    assert "clocks" in errors["start"]
    assert "02:30" in errors["start"]


def test_an_end_the_clocks_skip_is_refused_at_the_end() -> None:
    errors = refused(draft(datetime(2027, 3, 14, 1, 0), datetime(2027, 3, 14, 2, 30), NEW_YORK))
    assert list(errors) == ["end"]
    assert "clocks" in errors["end"]


def test_an_unknown_zone_is_refused_at_the_zone() -> None:
    errors = refused(draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0), "Mars/Olympus"))
    assert list(errors) == ["zone"]
    assert "Mars/Olympus" in errors["zone"]


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 2, 27, 10, 0),  # more than a year before departure (1 Mar 2027)
        datetime(2028, 3, 11, 10, 0),  # 366 days after return (11 Mar 2027; 2028 is a leap year)
    ],
)
def test_a_date_far_from_the_trip_is_taken_for_a_slip(start: datetime) -> None:
    errors = refused(draft(start, start))
    assert "start" in errors
    assert "within a year" in errors["start"]


def test_dates_a_year_either_side_of_the_trip_are_accepted() -> None:
    for at in (datetime(2026, 3, 1, 10, 0), datetime(2028, 3, 10, 10, 0)):
        assert validate_appointment(draft(at, at), STEPS, SPAN).start == at


def test_an_unknown_kind_is_refused_at_the_kind() -> None:
    errors = refused(draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0), kind="party"))
    assert list(errors) == ["kind"]


def test_an_unknown_step_is_refused_at_the_step() -> None:
    errors = refused(draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0), step="sightseeing"))
    assert list(errors) == ["step"]


def test_a_very_long_note_is_refused_at_the_note() -> None:
    at = datetime(2027, 3, 3, 10, 0)
    errors = refused(draft(at, at, note="x" * (MAX_NOTE_LENGTH + 1)))
    assert list(errors) == ["note"]
    assert validate_appointment(draft(at, at, note="x" * MAX_NOTE_LENGTH), STEPS, SPAN).note


def test_several_problems_are_reported_together() -> None:
    errors = refused(
        draft(datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 9, 0), kind="party", step="nowhere")
    )
    assert set(errors) == {"kind", "step", "end"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_empty_title_takes_the_kinds_name(kind: str) -> None:
    at = datetime(2027, 3, 3, 10, 0)
    assert validate_appointment(draft(at, at, kind=kind, title="   "), STEPS, SPAN).title == KINDS[kind]


def test_the_draft_is_tidied() -> None:
    kept = validate_appointment(
        AppointmentDraft(
            "treatment",
            "injection",
            "  Knee   injection ",
            datetime(2027, 3, 3, 14, 0, 42),
            datetime(2027, 3, 3, 15, 30, 59),
            f" {SEOUL} ",
            " Gangnam   clinic ",
            "  bring scans  ",
        ),
        STEPS,
        SPAN,
    )
    assert kept.title == "Knee injection"
    assert (kept.start, kept.end) == (datetime(2027, 3, 3, 14, 0), datetime(2027, 3, 3, 15, 30))
    assert kept.zone == SEOUL
    assert kept.location == "Gangnam clinic"
    assert kept.note == "bring scans"


def test_a_long_flight_in_one_zone_is_accepted() -> None:
    flight = draft(datetime(2027, 3, 1, 10, 0), datetime(2027, 3, 1, 23, 0), LA, "flight", "Flight to Seoul")
    kept = validate_appointment(flight, STEPS, SPAN)
    made_flight = appointment(1, kept)
    assert made_flight.end_utc - made_flight.start_utc == datetime(2027, 3, 1, 23) - datetime(2027, 3, 1, 10)


def test_utc_moments_come_from_the_zone() -> None:
    injection = made(1, datetime(2027, 3, 3, 14, 0), datetime(2027, 3, 3, 15, 30))
    assert injection.start_utc == datetime(2027, 3, 3, 5, 0)
    assert injection.end_utc == datetime(2027, 3, 3, 6, 30)
    assert injection.kind_name == "Consultation"


def test_days_group_by_the_local_date_where_each_appointment_happens() -> None:
    late_in_la = made(
        1, datetime(2027, 3, 5, 23, 0), datetime(2027, 3, 5, 23, 30), LA
    )  # 6 Mar 16:00 in Seoul
    morning_in_seoul = made(2, datetime(2027, 3, 6, 9, 0), datetime(2027, 3, 6, 10, 0))  # 5 Mar 16:00 in LA
    seoul_next = made(3, datetime(2027, 3, 6, 11, 0), datetime(2027, 3, 6, 12, 0))
    earlier = made(4, datetime(2027, 3, 2, 9, 0), datetime(2027, 3, 2, 10, 0))
    days = by_day([seoul_next, late_in_la, earlier, morning_in_seoul])
    assert [d.day for d in days] == [date(2027, 3, 2), date(2027, 3, 5), date(2027, 3, 6)]
    assert [a.id for a in days[1].appointments] == [1]
    assert [a.id for a in days[2].appointments] == [2, 3]
    assert by_day([]) == []


def test_touching_end_to_start_is_no_overlap() -> None:
    first = made(1, datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0))
    second = made(2, datetime(2027, 3, 3, 11, 0), datetime(2027, 3, 3, 12, 0))
    assert overlaps([first, second]) == []


def test_free_time_overlaps_nothing() -> None:
    rest = made(1, datetime(2027, 3, 3, 9, 0), datetime(2027, 3, 3, 17, 0), kind="free")
    visit = made(2, datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0))
    assert overlaps([rest, visit]) == []


def test_appointments_in_different_zones_at_the_same_moment_overlap() -> None:
    seoul = made(1, datetime(2027, 3, 5, 10, 0), datetime(2027, 3, 5, 11, 0))  # 01:00-02:00 UTC
    la = made(2, datetime(2027, 3, 4, 17, 30), datetime(2027, 3, 4, 18, 0), LA)  # 01:30-02:00 UTC
    found = overlaps([la, seoul])
    assert len(found) == 1
    assert (found[0].first.id, found[0].second.id) == (1, 2)


def test_same_wall_clock_times_in_different_zones_do_not_overlap() -> None:
    seoul = made(1, datetime(2027, 3, 5, 10, 0), datetime(2027, 3, 5, 11, 0))
    la = made(2, datetime(2027, 3, 5, 10, 0), datetime(2027, 3, 5, 11, 0), LA)
    assert overlaps([seoul, la]) == []


def test_three_overlapping_appointments_give_two_overlaps() -> None:
    long = made(1, datetime(2027, 3, 3, 9, 0), datetime(2027, 3, 3, 13, 0))
    middle = made(2, datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 11, 0))
    late = made(3, datetime(2027, 3, 3, 12, 0), datetime(2027, 3, 3, 14, 0))
    found = overlaps([late, middle, long])
    assert [(o.first.id, o.second.id) for o in found] == [(1, 2), (1, 3)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 600), st.integers(0, 480)), max_size=8))
def test_appointments_one_after_another_never_overlap(gaps_and_lengths: list[tuple[int, int]]) -> None:
    appointments = []
    at = datetime(2027, 3, 3, 0, 0)
    for n, (gap, length) in enumerate(gaps_and_lengths):
        start = at + timedelta(minutes=gap)
        at = start + timedelta(minutes=length)
        appointments.append(made(n, start, at))
    assert overlaps(appointments) == []


def test_the_next_appointment_is_the_first_not_yet_ended() -> None:
    done = made(1, datetime(2027, 3, 3, 9, 0), datetime(2027, 3, 3, 10, 0))  # 00:00-01:00 UTC
    under_way = made(2, datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 3, 12, 0))  # 01:00-03:00 UTC
    later = made(3, datetime(2027, 3, 3, 13, 0), datetime(2027, 3, 3, 14, 0))
    everything = [later, done, under_way]
    assert next_appointment(everything, datetime(2027, 3, 3, 2, 0)) == under_way
    assert next_appointment(everything, datetime(2027, 2, 1)) == done
    assert next_appointment(everything, datetime(2027, 3, 3, 3, 30)) == later
    assert next_appointment(everything, datetime(2027, 3, 4)) is None


def test_the_next_appointment_compares_moments_across_zones() -> None:
    seoul = made(1, datetime(2027, 3, 5, 10, 0), datetime(2027, 3, 5, 11, 0))  # 01:00 UTC on 5 Mar
    la = made(2, datetime(2027, 3, 4, 19, 0), datetime(2027, 3, 4, 20, 0), LA)  # 03:00 UTC on 5 Mar
    assert next_appointment([la, seoul], datetime(2027, 3, 4, 12, 0)) == seoul


def test_moving_to_another_day_keeps_the_wall_clock_times() -> None:
    # New York moves its clocks forward on 14 Mar 2027: the 10:00 stays at 10:00.
    visit = made(
        7, datetime(2027, 3, 10, 10, 0), datetime(2027, 3, 10, 11, 30), NEW_YORK, "physiotherapy", "Physio"
    )
    moved = moved_to(visit, date(2027, 3, 20))
    assert (moved.start, moved.end) == (datetime(2027, 3, 20, 10, 0), datetime(2027, 3, 20, 11, 30))
    assert (moved.zone, moved.kind, moved.title) == (NEW_YORK, "physiotherapy", "Physio")
    assert appointment(7, moved).start_utc == datetime(2027, 3, 20, 14, 0)
    assert visit.start_utc == datetime(2027, 3, 10, 15, 0)


def test_moving_keeps_an_overnight_appointment_overnight() -> None:
    flight = made(1, datetime(2027, 3, 1, 22, 0), datetime(2027, 3, 2, 6, 0), kind="flight")
    moved = moved_to(flight, date(2027, 3, 8))
    assert (moved.start, moved.end) == (datetime(2027, 3, 8, 22, 0), datetime(2027, 3, 9, 6, 0))
    assert shifted(flight, -1).start == datetime(2027, 2, 28, 22, 0)


def test_moving_keeps_the_proposal_key() -> None:
    visit = appointment(
        1,
        replace(
            draft(datetime(2027, 3, 3, 9, 0), datetime(2027, 3, 3, 10, 0)),
            proposal_key="intake",
            location="Clinic",
        ),
    )
    moved = moved_to(visit, date(2027, 3, 4))
    assert (moved.proposal_key, moved.location) == ("intake", "Clinic")


@pytest.mark.parametrize(
    "kind", ["consultation", "imaging", "harvest", "injection", "monitoring", "follow-up"]
)
def test_clinic_visits_in_seoul_take_place_at_the_clinic(kind: str) -> None:
    assert default_location(kind, SEOUL, "Seoul Joint Clinic", "Gangnam") == "Seoul Joint Clinic, Gangnam"
    assert default_location(kind, SEOUL, "Seoul Joint Clinic", "") == "Seoul Joint Clinic"


@pytest.mark.parametrize(
    ("kind", "zone_name", "clinic"),
    [
        ("hotel-check-in", SEOUL, "Seoul Joint Clinic"),
        ("free", SEOUL, "Seoul Joint Clinic"),
        ("flight", SEOUL, "Seoul Joint Clinic"),
        ("follow-up", LA, "Seoul Joint Clinic"),  # a video call from home
        ("injection", SEOUL, ""),  # no clinic chosen yet
    ],
)
def test_other_appointments_have_no_default_location(kind: str, zone_name: str, clinic: str) -> None:
    assert default_location(kind, zone_name, clinic, "Gangnam") == ""
