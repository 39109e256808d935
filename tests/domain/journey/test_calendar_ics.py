"""A plan's appointments as an .ics file, read back the way a calendar app reads it: one event per
appointment at the right wall-clock time in its own zone, a lasting UID so importing again updates
instead of duplicating, a SEQUENCE that grows with edits, and the person's text unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Calendar

from planner.journey.calendar_ics import CalendarEvent, calendar_ics, event_uid

STAMP = datetime(2026, 11, 21, 10, 5)
SEOUL, NEW_YORK, LONDON = "Asia/Seoul", "America/New_York", "Europe/London"


def an_event(**changes: Any) -> CalendarEvent:
    values: dict[str, Any] = {
        "uid": "3a49ac65-9d6c-4a2b-8e5c-724627dce894",
        "title": "Injection",
        "start": datetime(2027, 3, 4, 14),
        "end": datetime(2027, 3, 4, 15, 30),
        "zone": SEOUL,
        "kind_name": "Injection",
        "step_name": "Treatment",
        "location": "SH Clinic, Gangnam",
        "note": "Fast from midnight",
        "updated": datetime(2026, 11, 1, 12),
    }
    values.update(changes)
    return CalendarEvent(**values)


def read_back(*events: CalendarEvent, name: str = "Knee, March") -> Calendar:
    data = calendar_ics(name, events, STAMP)
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def events_of(calendar: Calendar) -> list[Any]:
    return list(calendar.walk("VEVENT"))


def test_the_calendar_is_named_after_the_plan_and_has_one_event_per_appointment() -> None:
    calendar = read_back(
        an_event(uid="a-1"),
        an_event(uid="a-2", title="MRI", start=datetime(2027, 3, 3, 10), end=datetime(2027, 3, 3, 11)),
        an_event(uid="a-3", title="Flight home", zone=NEW_YORK),
        name="Knee, 무릎; March",
    )
    assert str(calendar["X-WR-CALNAME"]) == "Knee, 무릎; March"
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(e["SUMMARY"]) for e in events_of(calendar)] == ["Injection", "MRI", "Flight home"]
    assert [str(e["UID"]) for e in events_of(calendar)] == [
        "a-1@patient-journey-planner",
        "a-2@patient-journey-planner",
        "a-3@patient-journey-planner",
    ]


def test_an_empty_plan_gives_a_calendar_without_events_or_zones() -> None:
    calendar = read_back()
    assert events_of(calendar) == []
    assert list(calendar.walk("VTIMEZONE")) == []
    assert str(calendar["X-WR-CALNAME"]) == "Knee, March"


def test_times_keep_their_own_zone_and_wall_clock() -> None:
    seoul = an_event(uid="seoul")
    flight = an_event(
        uid="flight",
        title="Flight to Seoul",
        start=datetime(2027, 3, 1, 10, 15),
        end=datetime(2027, 3, 2, 7),
        zone=NEW_YORK,
    )
    one, two = events_of(read_back(seoul, flight))

    assert one["DTSTART"].params["TZID"] == SEOUL
    assert one["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 4, 14)
    assert one["DTEND"].dt.replace(tzinfo=None) == datetime(2027, 3, 4, 15, 30)
    assert one["DTSTART"].dt.utcoffset() == timedelta(hours=9)

    assert two["DTSTART"].params["TZID"] == NEW_YORK
    assert two["DTEND"].params["TZID"] == NEW_YORK
    assert two["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 1, 10, 15)
    assert two["DTEND"].dt.replace(tzinfo=None) == datetime(2027, 3, 2, 7)
    assert two["DTSTART"].dt.utcoffset() == timedelta(hours=-5)
    # The same moment a calendar in Seoul shows: 00:15 on 2 Mar.
    assert two["DTSTART"].dt.astimezone(one["DTSTART"].dt.tzinfo).replace(tzinfo=None) == datetime(
        2027, 3, 2, 0, 15
    )


def test_a_time_after_the_clocks_change_keeps_its_wall_clock() -> None:
    # New York moves to summer time on 14 Mar 2027.
    later = an_event(start=datetime(2027, 3, 20, 9), end=datetime(2027, 3, 20, 9, 30), zone=NEW_YORK)
    (event,) = events_of(read_back(later))
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 3, 20, 9)
    assert event["DTSTART"].dt.utcoffset() == timedelta(hours=-4)


def test_each_zone_used_has_its_vtimezone_once() -> None:
    calendar = read_back(
        an_event(uid="a"),
        an_event(uid="b", zone=NEW_YORK),
        an_event(uid="c", zone=NEW_YORK, start=datetime(2027, 3, 20, 9), end=datetime(2027, 3, 20, 10)),
        an_event(uid="d"),
    )
    zones = [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")]
    assert sorted(zones) == sorted([SEOUL, NEW_YORK])
    used = {e["DTSTART"].params["TZID"] for e in events_of(calendar)}
    assert used == set(zones)


def test_a_vtimezone_covers_appointments_in_the_year_before_the_trip() -> None:
    calendar = read_back(
        an_event(uid="call", zone=LONDON, start=datetime(2026, 12, 15, 8), end=datetime(2026, 12, 15, 9)),
        an_event(uid="injection"),
    )
    london = next(z for z in calendar.walk("VTIMEZONE") if str(z["TZID"]) == LONDON)
    starts = [sub["DTSTART"].dt for sub in london.subcomponents]
    assert min(starts).date() <= date(2026, 12, 15)


def test_uid_is_the_appointments_lasting_identifier_with_the_apps_domain() -> None:
    assert event_uid("3a49ac65-9d6c-4a2b-8e5c-724627dce894") == (
        "3a49ac65-9d6c-4a2b-8e5c-724627dce894@patient-journey-planner"
    )
    (event,) = events_of(read_back(an_event()))
    assert str(event["UID"]) == "3a49ac65-9d6c-4a2b-8e5c-724627dce894@patient-journey-planner"


def test_the_same_appointment_exported_twice_has_the_same_uid() -> None:
    (first,) = events_of(read_back(an_event()))
    (again,) = events_of(read_back(an_event(title="Injection (moved)", start=datetime(2027, 3, 5, 14))))
    assert str(first["UID"]) == str(again["UID"])


def test_a_later_edit_has_a_higher_sequence_and_last_modified() -> None:
    before = an_event(updated=datetime(2026, 11, 1, 12))
    after = an_event(updated=datetime(2026, 11, 1, 12, 0, 5))
    much_later = an_event(updated=datetime(2027, 2, 1))
    sequences = [int(events_of(read_back(e))[0]["SEQUENCE"]) for e in (before, after, much_later)]
    assert sequences[0] < sequences[1] < sequences[2]
    assert all(s >= 0 for s in sequences)

    (event,) = events_of(read_back(after))
    assert event["LAST-MODIFIED"].dt.replace(tzinfo=None) == datetime(2026, 11, 1, 12, 0, 5)
    assert event["DTSTAMP"].dt.replace(tzinfo=None) == STAMP
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)


def test_an_appointment_never_edited_since_before_2026_has_sequence_zero() -> None:
    (event,) = events_of(read_back(an_event(updated=datetime(2025, 6, 1))))
    assert int(event["SEQUENCE"]) == 0


def test_text_with_commas_semicolons_newlines_and_hangul_round_trips() -> None:
    title = "Injection, left knee; 주사 (왼쪽 무릎)"
    location = "SH Clinic, 3F; 서울특별시 강남구 테헤란로 123\nGate B"
    note = "Fast from midnight, no water;\nbring 여권 and scans\\MRI\n\n" + "긴 메모 " * 40
    (event,) = events_of(read_back(an_event(title=title, location=location, note=note)))

    assert str(event["SUMMARY"]) == title
    assert str(event["LOCATION"]) == location
    assert str(event["DESCRIPTION"]) == f"Injection · Treatment\n\n{note}"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["Injection"]


def test_an_ics_file_has_crlf_lines_no_longer_than_75_octets() -> None:
    long_note = "서울특별시 강남구 테헤란로 123, " * 20
    data = calendar_ics("Knee, March", [an_event(note=long_note)], STAMP)
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert max(len(line) for line in lines) <= 75
    data.decode("utf-8")  # folding never splits a character


def test_empty_fields_are_left_out_not_written_blank() -> None:
    bare = an_event(kind_name="", step_name="", location="", note="")
    (event,) = events_of(read_back(bare))
    assert "LOCATION" not in event and "DESCRIPTION" not in event and "CATEGORIES" not in event

    note_only = an_event(kind_name="", step_name="", note="Just the note")
    (event,) = events_of(read_back(note_only))
    assert str(event["DESCRIPTION"]) == "Just the note"
