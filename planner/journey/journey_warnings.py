"""What the journey warns about, never silently: a short stay, treatment outside the stay,
leaving before arriving, too little time to culture cells, overlapping appointments, and
appointments in Seoul while the person is not there."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from planner.core.dates import weekday_date, weekday_day_month_time
from planner.core.zones import SEOUL
from planner.journey.itinerary import Appointment, overlaps
from planner.journey.rules import RECOMMENDED_STAY, Stay

MAX_OVERLAPS_LISTED = 5


@dataclass(frozen=True, slots=True)
class JourneyWarning:
    key: str
    """What kind of warning: short-stay, treatment-outside, leave-before-arrival,
    arrival-before-departure, culture-time, overlap, outside-stay."""
    text: str


def _day(day: date) -> str:
    return weekday_date(day)


def _when(appointment: Appointment) -> str:
    return weekday_day_month_time(appointment.start)


def stay_warnings(stay: Stay, departure: date, return_: date) -> list[JourneyWarning]:
    found: list[JourneyWarning] = []
    if return_ < departure:
        found.append(
            JourneyWarning(
                "leave-before-arrival",
                f"The return ({_day(return_)}) is before the departure ({_day(departure)}).",
            )
        )
    if stay.leave < stay.arrival:
        found.append(
            JourneyWarning(
                "leave-before-arrival",
                f"You would fly home ({_day(stay.leave)}) before you arrive ({_day(stay.arrival)}).",
            )
        )
        return found
    if stay.arrival < departure:
        found.append(
            JourneyWarning(
                "arrival-before-departure",
                f"The arrival in Seoul ({_day(stay.arrival)}) is before you leave home ({_day(departure)}).",
            )
        )
    low, high = RECOMMENDED_STAY
    if stay.days < low:
        found.append(
            JourneyWarning(
                "short-stay",
                f"Your stay in Korea is {stay.days} day{'s' if stay.days != 1 else ''}; the articles "
                f"generally recommend {low}–{high} days, for the checks, the treatment and a first "
                "recovery before flying.",
            )
        )
    if stay.treatment is not None and not stay.arrival <= stay.treatment <= stay.leave:
        found.append(
            JourneyWarning(
                "treatment-outside",
                f"The treatment day ({_day(stay.treatment)}) is outside your stay in Korea "
                f"({_day(stay.arrival)} to {_day(stay.leave)}).",
            )
        )
    if stay.cells == "cultured":
        have = (stay.treatment_day - stay.harvest_day).days
        if have < stay.culture_days:
            found.append(
                JourneyWarning(
                    "culture-time",
                    f"Cultured cells need about {stay.culture_days} days in the lab, but only {have} "
                    f"{'days lie' if have != 1 else 'day lies'} between the harvest "
                    f"({_day(stay.harvest_day)}) and the injection ({_day(stay.treatment_day)}). "
                    "Stay longer, or ask the clinic about coming back for the injection.",
                )
            )
    return found


def appointment_warnings(appointments: Sequence[Appointment], stay: Stay | None) -> list[JourneyWarning]:
    found: list[JourneyWarning] = []
    clashes = overlaps(appointments)
    for clash in clashes[:MAX_OVERLAPS_LISTED]:
        found.append(
            JourneyWarning(
                "overlap",
                f"“{clash.second.title}” ({_when(clash.second)}) starts before “{clash.first.title}” "
                f"({_when(clash.first)}) has ended.",
            )
        )
    if len(clashes) > MAX_OVERLAPS_LISTED:
        more = len(clashes) - MAX_OVERLAPS_LISTED
        found.append(
            JourneyWarning("overlap", f"And {more} more overlapping appointment{'s' if more > 1 else ''}.")
        )
    if stay is not None and stay.arrival <= stay.leave:
        outside = [
            a
            for a in appointments
            if a.zone == SEOUL and a.kind != "flight" and not stay.arrival <= a.start.date() <= stay.leave
        ]
        if outside:
            first = min(outside, key=lambda a: a.start_utc)
            count = len(outside)
            found.append(
                JourneyWarning(
                    "outside-stay",
                    f"{count} appointment{'s' if count > 1 else ''} in Seoul fall{'s' if count == 1 else ''} "
                    f"outside your stay, such as “{first.title}” on {_day(first.start.date())}.",
                )
            )
    return found


def journey_warnings(
    stay: Stay, departure: date, return_: date, appointments: Sequence[Appointment]
) -> list[JourneyWarning]:
    return stay_warnings(stay, departure, return_) + appointment_warnings(appointments, stay)
