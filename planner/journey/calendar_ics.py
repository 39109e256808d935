"""A plan's appointments as an iCalendar (.ics) file.

Each event keeps the appointment's own time zone (with its VTIMEZONE), and its UID is the
appointment's lasting identifier, so a calendar importing the file again updates the events it
already has instead of adding them twice. SEQUENCE and LAST-MODIFIED grow with every edit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event

from planner import APP_NAME, __version__
from planner.core.zones import zone

UID_DOMAIN = "patient-journey-planner"
SEQUENCE_EPOCH = datetime(2026, 1, 1)
"""Sequence numbers count seconds of edits since then, so a later edit always has a higher one."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime
    """Wall-clock time in `zone`, without tzinfo."""
    end: datetime
    zone: str
    kind_name: str = ""
    step_name: str = ""
    location: str = ""
    note: str = ""
    updated: datetime = SEQUENCE_EPOCH
    """When the appointment last changed, naive UTC."""


def event_uid(uid: str) -> str:
    return f"{uid}@{UID_DOMAIN}"


def _sequence(updated: datetime) -> int:
    return max(0, int((updated - SEQUENCE_EPOCH).total_seconds()))


def calendar_ics(name: str, events: Sequence[CalendarEvent], stamp: datetime) -> bytes:
    """The events as one calendar called `name`; `stamp` is when the file is made (naive UTC)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        place = zone(item.zone)
        event = Event()
        event.add("uid", event_uid(item.uid))
        event.add("summary", item.title)
        event.add("dtstart", item.start.replace(tzinfo=place))
        event.add("dtend", item.end.replace(tzinfo=place))
        event.add("dtstamp", stamp.replace(tzinfo=UTC))
        event.add("last-modified", item.updated.replace(tzinfo=UTC))
        event.add("sequence", _sequence(item.updated))
        if item.location:
            event.add("location", item.location)
        description = " · ".join(part for part in (item.kind_name, item.step_name) if part)
        if item.note:
            description = f"{description}\n\n{item.note}" if description else item.note
        if description:
            event.add("description", description)
        if item.kind_name:
            event.add("categories", [item.kind_name])
        calendar.add_component(event)
    if events:
        first = min(e.start for e in events).date().replace(month=1, day=1)
        last = (
            max(e.end for e in events)
            .date()
            .replace(year=max(e.end for e in events).year + 2, month=1, day=1)
        )
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return bytes(calendar.to_ical())
