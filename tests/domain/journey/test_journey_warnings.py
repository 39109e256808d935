"""Journey warnings without Qt: a short stay, treatment outside it, flying home before arriving,
too little time to culture cells, overlapping appointments, appointments in Seoul while away."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from planner.core.zones import SEOUL
from planner.journey.itinerary import Appointment, AppointmentDraft, appointment
from planner.journey.journey_warnings import (
    MAX_OVERLAPS_LISTED,
    appointment_warnings,
    journey_warnings,
    stay_warnings,
)
from planner.journey.rules import Stay

DEPARTURE = date(2027, 6, 1)
RETURN = date(2027, 6, 8)
WEEK = Stay(date(2027, 6, 2), date(2027, 6, 8))


def keys(stay: Stay, departure: date = DEPARTURE, return_: date = RETURN) -> list[str]:
    return [w.key for w in stay_warnings(stay, departure, return_)]


def made(
    appointment_id: int,
    start: datetime,
    minutes: int = 60,
    zone: str = SEOUL,
    kind: str = "consultation",
    title: str = "",
) -> Appointment:
    return appointment(
        appointment_id,
        AppointmentDraft(
            "arrival-intake",
            kind,
            title or f"Visit {appointment_id}",
            start,
            start + timedelta(minutes=minutes),
            zone,
        ),
    )


def test_a_recommended_stay_has_no_warnings() -> None:
    assert stay_warnings(WEEK, DEPARTURE, RETURN) == []
    assert journey_warnings(WEEK, DEPARTURE, RETURN, []) == []


def test_a_five_day_stay_is_short() -> None:
    found = stay_warnings(Stay(date(2027, 6, 2), date(2027, 6, 6)), DEPARTURE, RETURN)
    assert [w.key for w in found] == ["short-stay"]
    assert "5 days" in found[0].text
    assert "7–10" in found[0].text


def test_a_one_day_stay_says_day_not_days() -> None:
    found = stay_warnings(Stay(date(2027, 6, 2), date(2027, 6, 2)), DEPARTURE, RETURN)
    assert "is 1 day;" in found[0].text


def test_seven_days_is_long_enough() -> None:
    assert "short-stay" not in keys(Stay(date(2027, 6, 2), date(2027, 6, 8)))
    assert "short-stay" in keys(Stay(date(2027, 6, 2), date(2027, 6, 7)))


def test_a_treatment_day_outside_the_stay_is_warned_about() -> None:
    for treatment, written in ((date(2027, 6, 1), "Tue 1 Jun 2027"), (date(2027, 6, 9), "Wed 9 Jun 2027")):
        found = stay_warnings(Stay(WEEK.arrival, WEEK.leave, treatment), DEPARTURE, RETURN)
        assert [w.key for w in found] == ["treatment-outside"]
        assert written in found[0].text
    for treatment in (WEEK.arrival, WEEK.leave):
        assert keys(Stay(WEEK.arrival, WEEK.leave, treatment)) == []


def test_flying_home_before_arriving_is_warned_about() -> None:
    found = stay_warnings(Stay(date(2027, 6, 8), date(2027, 6, 2)), DEPARTURE, RETURN)
    assert [w.key for w in found] == ["leave-before-arrival"]
    assert "before you arrive" in found[0].text


def test_a_return_before_the_departure_is_warned_about() -> None:
    found = stay_warnings(WEEK, date(2027, 6, 10), date(2027, 6, 8))
    assert "leave-before-arrival" in [w.key for w in found]
    assert any("before the departure" in w.text for w in found)


def test_arriving_before_leaving_home_is_warned_about() -> None:
    assert keys(WEEK, departure=date(2027, 6, 3)) == ["arrival-before-departure"]


def test_too_little_time_to_culture_the_cells_is_warned_about() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 12), date(2027, 6, 10), "cultured", 14)
    found = stay_warnings(stay, DEPARTURE, date(2027, 6, 12))
    assert [w.key for w in found] == ["culture-time"]
    assert "14 days" in found[0].text
    assert "only 7 days" in found[0].text  # harvest on 3 Jun, injection on 10 Jun


def test_enough_time_to_culture_the_cells_is_not_warned_about() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 23), date(2027, 6, 20), "cultured", 14)
    assert keys(stay, return_=date(2027, 6, 23)) == []


def test_same_day_cells_need_no_culture_time() -> None:
    assert keys(Stay(date(2027, 6, 2), date(2027, 6, 12), date(2027, 6, 3), "same-day", 14)) == []


def test_overlapping_appointments_are_warned_about() -> None:
    intake = made(1, datetime(2027, 6, 3, 9, 0), 90, title="Intake")
    imaging = made(2, datetime(2027, 6, 3, 10, 0), 60, kind="imaging", title="MRI")
    found = appointment_warnings([imaging, intake], WEEK)
    assert [w.key for w in found] == ["overlap"]
    assert "“MRI”" in found[0].text
    assert "“Intake”" in found[0].text
    assert "10:00" in found[0].text


def test_free_time_and_back_to_back_appointments_are_not_warned_about() -> None:
    rest = made(1, datetime(2027, 6, 5, 10, 0), 240, kind="free")
    physio = made(2, datetime(2027, 6, 5, 11, 0), 60, kind="physiotherapy")
    after = made(3, datetime(2027, 6, 5, 12, 0), 60)
    assert appointment_warnings([rest, physio, after], WEEK) == []


def test_at_most_five_overlaps_are_listed_and_the_rest_counted() -> None:
    crowded = [made(n, datetime(2027, 6, 4, 9, n), 120) for n in range(8)]  # 7 overlaps
    found = appointment_warnings(crowded, WEEK)
    assert [w.key for w in found] == ["overlap"] * (MAX_OVERLAPS_LISTED + 1)
    assert found[-1].text == "And 2 more overlapping appointments."


def test_one_more_overlap_is_counted_in_the_singular() -> None:
    crowded = [made(n, datetime(2027, 6, 4, 9, n), 120) for n in range(7)]  # 6 overlaps
    assert appointment_warnings(crowded, WEEK)[-1].text == "And 1 more overlapping appointment."


def test_exactly_five_overlaps_are_all_listed() -> None:
    crowded = [made(n, datetime(2027, 6, 4, 9, n), 120) for n in range(6)]
    found = appointment_warnings(crowded, WEEK)
    assert len(found) == 5
    assert not any(w.text.startswith("And ") for w in found)


def test_an_appointment_in_seoul_outside_the_stay_is_warned_about() -> None:
    early = made(1, datetime(2027, 6, 1, 9, 0), title="Intake")
    late = made(2, datetime(2027, 6, 10, 9, 0), title="Check-up")
    found = appointment_warnings([late, early], WEEK)
    assert [w.key for w in found] == ["outside-stay"]
    assert found[0].text.startswith("2 appointments in Seoul fall outside your stay")
    assert "“Intake”" in found[0].text  # the first one is named


def test_one_appointment_outside_the_stay_is_in_the_singular() -> None:
    found = appointment_warnings([made(1, datetime(2027, 6, 10, 9, 0), title="Check-up")], WEEK)
    assert found[0].text.startswith("1 appointment in Seoul falls outside your stay")


def test_appointments_at_home_and_flights_are_not_outside_the_stay() -> None:
    at_home = made(1, datetime(2027, 7, 1, 10, 0), zone="America/Los_Angeles", kind="physiotherapy")
    flight = made(2, datetime(2027, 6, 1, 10, 0), 600, kind="flight")
    first_and_last_day = [made(3, datetime(2027, 6, 2, 18, 0)), made(4, datetime(2027, 6, 8, 10, 0))]
    assert appointment_warnings([at_home, flight, *first_and_last_day], WEEK) == []


def test_without_a_stay_only_overlaps_are_warned_about() -> None:
    outside = made(1, datetime(2027, 1, 1, 9, 0))
    assert appointment_warnings([outside], None) == []


def test_all_the_warnings_together() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 5), date(2027, 6, 9))
    clash = [made(1, datetime(2027, 6, 3, 9, 0), 90), made(2, datetime(2027, 6, 3, 10, 0))]
    away = made(3, datetime(2027, 6, 20, 9, 0))
    found = journey_warnings(stay, DEPARTURE, date(2027, 6, 5), [*clash, away])
    assert [w.key for w in found] == ["short-stay", "treatment-outside", "overlap", "outside-stay"]
