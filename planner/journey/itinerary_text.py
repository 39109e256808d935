"""How appointment times read: in Seoul and at home, with the day named when it differs."""

from __future__ import annotations

from datetime import date, datetime

from planner.core.dates import hour_minute, weekday_date, weekday_day_month_time
from planner.core.zones import SEOUL, from_utc
from planner.journey.itinerary import Appointment
from planner.journey.rules import Stay


def zone_label(zone_name: str) -> str:
    """ "Seoul" for Asia/Seoul, else the city part of the zone name ("Los Angeles")."""
    if zone_name == SEOUL:
        return "Seoul"
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def span_in(appointment: Appointment, zone_name: str, on_day: date | None = None) -> str:
    """The appointment's start and end as wall-clock times in `zone_name`: "09:00–10:30", with the
    weekday and date added when a time falls on another day than `on_day`."""
    start = from_utc(appointment.start_utc, zone_name)
    end = from_utc(appointment.end_utc, zone_name)
    return _span(start, end, on_day)


def _span(start: datetime, end: datetime, on_day: date | None) -> str:
    first = hour_minute(start) if on_day == start.date() else weekday_day_month_time(start)
    if end == start:
        return first
    second = hour_minute(end) if end.date() == start.date() else weekday_day_month_time(end)
    return f"{first}–{second}"


def when(appointment: Appointment, home_zone: str) -> str:
    """One line for a list: its own time with date, and the same moment in the other zone."""
    own = _span(appointment.start, appointment.end, None)
    other = home_zone if appointment.zone == SEOUL else SEOUL
    if other == appointment.zone:
        return f"{own} ({zone_label(appointment.zone)})"
    return f"{own} {zone_label(appointment.zone)} · {span_in(appointment, other)} {zone_label(other)}"


def day_label(day: date, stay: Stay, treatment: date | None = None) -> str:
    """What a day of the itinerary is: "Day 3 of 8 in Korea", "5 days before arrival", "At home"."""
    heading = weekday_date(day)
    if stay.arrival <= day <= stay.leave:
        number = (day - stay.arrival).days + 1
        extra = " · treatment day" if treatment is not None and day == treatment else ""
        return f"{heading} — day {number} of {stay.days} in Korea{extra}"
    if day < stay.arrival:
        days = (stay.arrival - day).days
        return f"{heading} — {days} day{'s' if days != 1 else ''} before arrival"
    weeks = (day - stay.leave).days // 7
    if weeks < 1:
        return f"{heading} — back home"
    return f"{heading} — at home, {weeks} week{'s' if weeks != 1 else ''} after leaving Korea"
