"""The proposed schedule without Qt: the stay day by day, the follow-ups at home, and the times
that suit both the clinic in Seoul and the person at home."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.zones import SEOUL, convert, exists, offset_hours, to_utc
from planner.journey.itinerary import (
    CLINIC_KINDS,
    AppointmentDraft,
    PlanSpan,
    appointment,
    in_order,
    overlaps,
    validate_appointment,
)
from planner.journey.rules import Stay, default_arrival
from planner.journey.schedule import ChosenClinic, Proposal, propose, shared_time

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
LA = "America/Los_Angeles"
CLINIC = ChosenClinic("Seoul Joint Clinic", "Gangnam")
HOME_ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Pacific/Honolulu",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
]

# A week in Seoul from Los Angeles: leave home on Tue 1 Jun, land on Wed 2 Jun, fly home Tue 8 Jun.
WEEK = Stay(date(2027, 6, 2), date(2027, 6, 8))
WEEK_PROPOSAL = Proposal(WEEK, date(2027, 6, 1), LA, CLINIC)


def keyed(drafts: list[AppointmentDraft]) -> dict[str, AppointmentDraft]:
    return {d.proposal_key: d for d in drafts}


def departure_for(arrival: date, home_zone: str) -> date:
    """The day the person leaves home to land on `arrival`, as the app assumes by default."""
    offset = offset_hours(home_zone, datetime.combine(arrival, time(0)))
    return arrival if default_arrival(arrival, offset) == arrival else arrival - timedelta(days=1)


def test_a_week_with_same_day_cells_step_by_step() -> None:
    drafts = propose(WEEK_PROPOSAL)
    assert [d.proposal_key for d in drafts] == [
        "virtual-consultation",
        "outbound-flight",
        "hotel-check-in",
        "intake",
        "imaging",
        "harvest",
        "injection",
        "monitoring-same-day",
        "monitoring-next-day",
        "recovery-1",
        "physiotherapy-1",
        "follow-up-seoul",
        "hotel-check-out",
        "flight-home",
        "physiotherapy-home",
        "follow-up-1m",
        "follow-up-3m",
        "follow-up-6m",
    ]
    by_key = keyed(drafts)
    assert by_key["outbound-flight"].zone == LA
    assert by_key["outbound-flight"].start == datetime(2027, 6, 1, 10, 0)
    # It lands at 16:00 in Seoul, which is midnight in Los Angeles.
    assert convert(by_key["outbound-flight"].end, LA, SEOUL) == datetime(2027, 6, 2, 16, 0)
    assert by_key["hotel-check-in"].start == datetime(2027, 6, 2, 18, 0)
    assert by_key["intake"].start.date() == by_key["imaging"].start.date() == date(2027, 6, 3)
    assert by_key["harvest"].start.date() == by_key["injection"].start.date() == WEEK.treatment_day
    assert by_key["harvest"].end <= by_key["injection"].start
    assert by_key["monitoring-same-day"].start == by_key["injection"].end
    assert by_key["monitoring-next-day"].start.date() == date(2027, 6, 5)
    assert by_key["recovery-1"].kind == "free"
    assert by_key["follow-up-seoul"].start.date() == date(2027, 6, 7)
    assert by_key["hotel-check-out"].start.date() == by_key["flight-home"].start.date() == WEEK.leave
    assert by_key["hotel-check-out"].end <= by_key["flight-home"].start
    seoul = [d for d in drafts[1:-4] if d.proposal_key != "outbound-flight"]
    assert {d.zone for d in seoul} == {SEOUL}


def test_after_the_stay_come_physiotherapy_and_video_follow_ups_at_home() -> None:
    by_key = keyed(propose(WEEK_PROPOSAL))
    assert by_key["physiotherapy-home"].zone == LA
    assert by_key["physiotherapy-home"].start == datetime(2027, 6, 15, 10, 0)
    for months, day in ((1, date(2027, 7, 4)), (3, date(2027, 9, 4)), (6, date(2027, 12, 4))):
        follow_up = by_key[f"follow-up-{months}m"]
        assert (follow_up.zone, follow_up.kind, follow_up.step_id) == (LA, "follow-up", "rehabilitation-home")
        assert follow_up.start.date() == day
        assert f"{months} month" in follow_up.title


def test_the_video_consultation_is_dropped_once_its_day_has_passed() -> None:
    consultation = keyed(propose(WEEK_PROPOSAL))["virtual-consultation"]
    assert consultation.start.date() == date(2027, 4, 20)  # six weeks before departure
    assert consultation.zone == LA
    later = Proposal(WEEK, date(2027, 6, 1), LA, CLINIC, today=date(2027, 4, 20))
    assert "virtual-consultation" not in keyed(propose(later))
    earlier = Proposal(WEEK, date(2027, 6, 1), LA, CLINIC, today=date(2027, 4, 19))
    assert "virtual-consultation" in keyed(propose(earlier))


@pytest.mark.parametrize("days", [4, 5, 7, 10, 14, 21, 30])
@pytest.mark.parametrize("cells", ["same-day", "cultured"])
@pytest.mark.parametrize("home", [LA, "Europe/London", "Australia/Sydney"])
def test_proposals_never_overlap_each_other(days: int, cells: str, home: str) -> None:
    arrival = date(2027, 6, 2)
    stay = Stay(arrival, arrival + timedelta(days=days - 1), None, cells, 7)
    drafts = propose(Proposal(stay, departure_for(arrival, home), home, CLINIC))
    assert overlaps([appointment(n, d) for n, d in enumerate(drafts)]) == []


def test_a_three_day_stay_proposes_no_clashes() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 4))
    assert stay.treatment_day == stay.leave
    drafts = propose(Proposal(stay, date(2027, 6, 1), LA, CLINIC))
    assert overlaps([appointment(n, d) for n, d in enumerate(drafts)]) == []


@pytest.mark.parametrize("home", ["America/Los_Angeles", "Europe/London", "Australia/Sydney", SEOUL])
@pytest.mark.parametrize("cells", ["same-day", "cultured"])
def test_every_proposal_passes_the_appointment_rules(home: str, cells: str) -> None:
    arrival = date(2027, 6, 2)
    stay = Stay(arrival, date(2027, 6, 20), date(2027, 6, 15), cells, 10)
    departure = departure_for(arrival, home)
    drafts = propose(Proposal(stay, departure, home, CLINIC))
    for draft in drafts:
        assert validate_appointment(draft, STEPS, PlanSpan(departure, stay.leave)) == draft


def test_proposal_keys_are_unique() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 30), date(2027, 6, 20), "cultured", 14)
    drafts = propose(Proposal(stay, date(2027, 6, 1), LA, CLINIC))
    keys = [d.proposal_key for d in drafts]
    assert len(keys) == len(set(keys))
    assert all(keys)


def test_clinic_visits_in_seoul_carry_the_clinic_name_and_district() -> None:
    drafts = propose(WEEK_PROPOSAL)
    for draft in drafts:
        if draft.zone == SEOUL and draft.kind in CLINIC_KINDS:
            assert draft.location == "Seoul Joint Clinic, Gangnam", draft.proposal_key
        else:
            assert draft.location == "", draft.proposal_key
    assert keyed(drafts)["injection"].location == "Seoul Joint Clinic, Gangnam"


def test_without_a_clinic_no_location_is_guessed() -> None:
    drafts = propose(Proposal(WEEK, date(2027, 6, 1), LA))
    assert {d.location for d in drafts} == {""}


def test_cultured_cells_are_harvested_days_before_the_injection_with_free_days_between() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 23), date(2027, 6, 20), "cultured", 14)
    drafts = propose(Proposal(stay, date(2027, 6, 1), LA, CLINIC))
    by_key = keyed(drafts)
    assert by_key["harvest"].start.date() == date(2027, 6, 6)
    assert by_key["injection"].start.date() == date(2027, 6, 20)
    culture = [d for d in drafts if d.proposal_key.startswith("culture-")]
    assert [d.start.date() for d in culture] == [date(2027, 6, 6) + timedelta(days=n) for n in range(1, 14)]
    assert {d.kind for d in culture} == {"free"}
    assert {d.step_id for d in culture} == {"treatment"}
    keys = [d.proposal_key for d in drafts]
    assert (
        keys.index("harvest") < keys.index("culture-1") < keys.index("culture-13") < keys.index("injection")
    )


def test_same_day_cells_are_injected_hours_after_the_harvest() -> None:
    by_key = keyed(propose(WEEK_PROPOSAL))
    gap = to_utc(by_key["injection"].start, SEOUL) - to_utc(by_key["harvest"].end, SEOUL)
    assert timedelta(0) < gap < timedelta(hours=8)
    assert not any(k.startswith("culture-") for k in by_key)


@pytest.mark.parametrize("home", ["America/Los_Angeles", "Europe/London", "Australia/Sydney", "Asia/Kolkata"])
@pytest.mark.parametrize("day", [date(2027, 1, 15), date(2027, 4, 1), date(2027, 7, 4), date(2027, 10, 31)])
def test_video_calls_suit_the_clinic_and_the_person_at_home(home: str, day: date) -> None:
    at_home = shared_time(day, home)
    in_seoul = convert(at_home, home, SEOUL)
    assert at_home.date() == day
    assert 8 <= at_home.hour <= 20
    assert 9 <= in_seoul.hour <= 17
    assert exists(at_home, home)


def test_when_no_hour_suits_both_the_call_is_at_nine_in_seoul() -> None:
    # São Paulo (UTC-3) is awake only while the clinic in Seoul is closed.
    at_home = shared_time(date(2027, 6, 15), "America/Sao_Paulo")
    assert convert(at_home, "America/Sao_Paulo", SEOUL) == datetime(2027, 6, 15, 9, 0)


@st.composite
def proposals(draw: st.DrawFn, sensible: bool = False) -> Proposal:
    """Stays of 1-30 days from a home zone; `sensible` ones last at least 4 days and have the
    treatment at least a day after arrival and before the flight home."""
    arrival = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)))
    days = draw(st.integers(min_value=4 if sensible else 1, max_value=30))
    first, last = (1, days - 2) if sensible else (0, days - 1)
    treatment = arrival + timedelta(days=draw(st.integers(min_value=first, max_value=last)))
    cells = draw(st.sampled_from(["same-day", "cultured"]))
    culture_days = draw(st.integers(min_value=1, max_value=30))
    home = draw(st.sampled_from(HOME_ZONES))
    stay = Stay(arrival, arrival + timedelta(days=days - 1), treatment, cells, culture_days)
    return Proposal(stay, departure_for(arrival, home), home, CLINIC)


@settings(max_examples=100, deadline=None)
@given(proposals())
def test_every_proposed_appointment_is_a_real_stretch_of_time(proposal: Proposal) -> None:
    drafts = propose(proposal)
    for draft in drafts:
        assert exists(draft.start, draft.zone), draft.proposal_key
        assert exists(draft.end, draft.zone), draft.proposal_key
        assert to_utc(draft.end, draft.zone) >= to_utc(draft.start, draft.zone), draft.proposal_key
    keys = [d.proposal_key for d in drafts]
    assert len(keys) == len(set(keys))


@settings(max_examples=100, deadline=None)
@given(proposals())
def test_every_proposed_appointment_passes_the_appointment_rules(proposal: Proposal) -> None:
    span = PlanSpan(proposal.departure, proposal.stay.leave)
    for draft in propose(proposal):
        validate_appointment(draft, STEPS, span)


@settings(max_examples=100, deadline=None)
@given(proposals(sensible=True))
def test_a_sensible_stay_proposes_no_clashes(proposal: Proposal) -> None:
    stay = proposal.stay
    assert stay.days >= 4 and stay.arrival < stay.treatment_day < stay.leave
    drafts = propose(proposal)
    found = [
        (o.first.proposal_key, o.second.proposal_key)
        for o in overlaps([appointment(n, d) for n, d in enumerate(drafts)])
    ]
    assert found == []


def test_the_first_video_follow_up_does_not_clash_with_physiotherapy_at_home() -> None:
    stay = Stay(date(2027, 6, 1), date(2027, 6, 25), date(2027, 6, 2))
    drafts = propose(Proposal(stay, date(2027, 6, 1), "Australia/Sydney", CLINIC))
    by_key = keyed(drafts)
    assert by_key["physiotherapy-home"].start.date() == date(2027, 7, 2)
    assert by_key["follow-up-1m"].start.date() > by_key["physiotherapy-home"].start.date()
    assert overlaps([appointment(n, d) for n, d in enumerate(drafts)]) == []


def test_proposals_come_in_the_order_they_happen_even_after_a_long_stay() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 30), date(2027, 6, 4))
    drafts = propose(Proposal(stay, date(2027, 6, 1), LA, CLINIC))
    made = [appointment(n, d) for n, d in enumerate(drafts)]
    assert [a.proposal_key for a in in_order(made)] == [d.proposal_key for d in drafts]


def test_proposals_come_in_the_order_they_happen_for_a_week() -> None:
    drafts = propose(WEEK_PROPOSAL)
    made = [appointment(n, d) for n, d in enumerate(drafts)]
    assert [a.proposal_key for a in in_order(made)] == [d.proposal_key for d in drafts]


def test_home_video_follow_ups_come_after_the_flight_home() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 7, 16))  # 45 days, treatment on 4 Jun
    drafts = propose(Proposal(stay, date(2027, 6, 1), "Europe/Berlin", CLINIC))
    by_key = keyed(drafts)
    flight_home_ends = to_utc(by_key["flight-home"].end, SEOUL)
    for months in (1, 3, 6):
        follow_up = by_key[f"follow-up-{months}m"]
        assert to_utc(follow_up.start, follow_up.zone) > flight_home_ends
    assert overlaps([appointment(n, d) for n, d in enumerate(drafts)]) == []
