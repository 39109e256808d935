"""Time zones: Seoul, the patient's home zone, and the checks a typed zone and wall-clock time
must pass. Zones come from zoneinfo; the `tzdata` package makes them work on any laptop."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import get_global

from planner.core.dates import day_month_year, hour_minute

SEOUL = "Asia/Seoul"

MAIN_ZONE = {
    "US": "America/New_York",
    "CA": "America/Toronto",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "RU": "Europe/Moscow",
    "MX": "America/Mexico_City",
    "ID": "Asia/Jakarta",
    "CN": "Asia/Shanghai",
    "NZ": "Pacific/Auckland",
    "DE": "Europe/Berlin",
}
"""The zone most people live in, for countries with several; others take their only (or first)
zone. The person can always choose another."""


class ZoneError(ValueError):
    """A zone name or a wall-clock time that cannot be used; the message is for the person."""


@cache
def zone(name: str) -> ZoneInfo:
    """The zone called `name`. Raises ZoneError when there is none of that name."""
    cleaned = name.strip()
    if not cleaned or cleaned.startswith(("/", ".")) or ".." in cleaned:
        raise ZoneError(f"“{name}” is not a time zone. Choose one from the list, such as {SEOUL}.")
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ZoneError(f"“{name}” is not a time zone. Choose one from the list, such as {SEOUL}.") from None


def zone_problem(name: str) -> str | None:
    try:
        zone(name)
    except ZoneError as error:
        return str(error)
    return None


@cache
def all_zones() -> tuple[str, ...]:
    """Every zone name people pick from (Region/City), alphabetical."""
    return tuple(
        sorted(name for name in available_timezones() if "/" in name and not name.startswith("Etc/"))
    )


def country_zones(country: str) -> tuple[str, ...]:
    """The zones of a country (ISO code), its main one first."""
    zones = list(get_global("territory_zones").get(country.upper(), ()))
    main = MAIN_ZONE.get(country.upper())
    if main in zones:
        zones.remove(main)
        zones.insert(0, main)
    return tuple(zones)


def default_home_zone(country: str) -> str:
    zones = country_zones(country)
    return zones[0] if zones else "UTC"


def exists(local: datetime, zone_name: str) -> bool:
    """Whether this wall-clock time happens in the zone (it does not in a spring-forward gap)."""
    place = zone(zone_name)
    there = local.replace(tzinfo=place)
    back = there.astimezone(UTC).astimezone(place).replace(tzinfo=None)
    return back == local


def to_utc(local: datetime, zone_name: str) -> datetime:
    """A wall-clock time in a zone as naive UTC (for sorting and comparing across zones)."""
    return local.replace(tzinfo=zone(zone_name)).astimezone(UTC).replace(tzinfo=None)


def from_utc(moment: datetime, zone_name: str) -> datetime:
    """Naive UTC as the wall-clock time in a zone."""
    return moment.replace(tzinfo=UTC).astimezone(zone(zone_name)).replace(tzinfo=None)


def convert(local: datetime, from_zone: str, to_zone: str) -> datetime:
    return from_utc(to_utc(local, from_zone), to_zone)


def offset_hours(zone_name: str, moment: datetime) -> float:
    """The zone's offset from UTC, in hours, at a naive UTC moment."""
    offset = moment.replace(tzinfo=UTC).astimezone(zone(zone_name)).utcoffset() or timedelta(0)
    return offset.total_seconds() / 3600


def offsets_from(zone_name: str, first: date, last: date) -> list[tuple[date, float]]:
    """The zone's offset from UTC in hours on `first`, then each day up to `last` on which the
    clocks change, with the offset from that day on (taken at midday)."""
    changes: list[tuple[date, float]] = []
    day = first
    while day <= last:
        hours = offset_hours(zone_name, to_utc(datetime.combine(day, time(12)), zone_name))
        if not changes or changes[-1][1] != hours:
            changes.append((day, hours))
        day += timedelta(days=1)
    return changes


def gap_message(local: datetime, zone_name: str) -> str:
    return (
        f"{hour_minute(local)} on {day_month_year(local)} does not exist in {zone_name}: "
        "the clocks skip it when they change. Pick a time an hour later or earlier."
    )
