"""Time zones without Qt: names that are refused, wall-clock times the clocks skip, conversions
between Seoul and home, and the zone a home country starts with."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.zones import (
    SEOUL,
    ZoneError,
    convert,
    country_zones,
    default_home_zone,
    exists,
    from_utc,
    gap_message,
    to_utc,
    zone,
    zone_problem,
)

ZONES = [
    "Asia/Seoul",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
]


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "", "   ", "../etc/passwd", "/etc/localtime", "Asia/../etc"]
)
def test_unknown_zone_names_are_refused(name: str) -> None:
    with pytest.raises(ZoneError) as refused:
        zone(name)
    assert SEOUL in str(refused.value)  # the message suggests a zone that works
    assert zone_problem(name) == str(refused.value)


def test_known_zones_are_found_even_with_stray_spaces() -> None:
    assert zone(" Asia/Seoul ").key == "Asia/Seoul"
    assert zone_problem("Europe/London") is None


@pytest.mark.parametrize(
    ("local", "zone_name"),
    [
        (datetime(2027, 3, 14, 2, 30), "America/New_York"),
        (datetime(2027, 3, 14, 2, 0), "America/New_York"),
        (datetime(2027, 3, 28, 1, 30), "Europe/London"),
    ],
)
def test_a_time_the_clocks_skip_does_not_exist(local: datetime, zone_name: str) -> None:
    assert not exists(local, zone_name)
    message = gap_message(local, zone_name)
    assert "clocks" in message
    assert zone_name in message


@pytest.mark.parametrize(
    ("local", "zone_name"),
    [
        (datetime(2027, 3, 14, 1, 59), "America/New_York"),
        (datetime(2027, 3, 14, 3, 0), "America/New_York"),
        (datetime(2027, 3, 28, 2, 0), "Europe/London"),
        (datetime(2027, 6, 1, 14, 0), SEOUL),
        # Fall back: 01:30 happens twice, so it certainly happens.
        (datetime(2027, 11, 7, 1, 30), "America/New_York"),
        (datetime(2027, 10, 31, 1, 30), "Europe/London"),
    ],
)
def test_ordinary_and_repeated_times_exist(local: datetime, zone_name: str) -> None:
    assert exists(local, zone_name)


@settings(max_examples=100, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2031, 12, 31)),
    st.sampled_from(ZONES),
)
def test_a_wall_clock_time_survives_the_trip_through_utc(local: datetime, zone_name: str) -> None:
    if exists(local, zone_name):
        assert from_utc(to_utc(local, zone_name), zone_name) == local


@settings(max_examples=100, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2031, 12, 31)),
    st.sampled_from(ZONES),
)
def test_every_moment_has_one_wall_clock_time_that_leads_back_to_it(moment: datetime, zone_name: str) -> None:
    local = from_utc(moment, zone_name)
    assert exists(local, zone_name)
    assert to_utc(local, zone_name) == moment


def test_seoul_to_los_angeles() -> None:
    # Seoul is UTC+9 all year; Los Angeles is UTC-7 in summer and UTC-8 in winter.
    assert convert(datetime(2027, 6, 1, 9, 0), SEOUL, "America/Los_Angeles") == datetime(2027, 5, 31, 17, 0)
    assert convert(datetime(2027, 1, 15, 9, 0), SEOUL, "America/Los_Angeles") == datetime(2027, 1, 14, 16, 0)
    assert convert(datetime(2027, 5, 31, 17, 0), "America/Los_Angeles", SEOUL) == datetime(2027, 6, 1, 9, 0)


def test_converting_to_the_same_zone_changes_nothing() -> None:
    assert convert(datetime(2027, 6, 1, 9, 0), SEOUL, SEOUL) == datetime(2027, 6, 1, 9, 0)


def test_to_utc_gives_naive_utc() -> None:
    assert to_utc(datetime(2027, 6, 1, 9, 0), SEOUL) == datetime(2027, 6, 1, 0, 0)
    assert to_utc(datetime(2027, 6, 1, 9, 0), SEOUL).tzinfo is None
    assert from_utc(datetime(2027, 6, 1, 0, 0), "Europe/London") == datetime(2027, 6, 1, 1, 0)


@pytest.mark.parametrize(
    ("country", "expected"),
    [
        ("US", "America/New_York"),
        ("us", "America/New_York"),
        ("GB", "Europe/London"),
        ("DE", "Europe/Berlin"),
        ("AU", "Australia/Sydney"),
        ("KR", SEOUL),
        ("JP", "Asia/Tokyo"),
        ("IN", "Asia/Kolkata"),
    ],
)
def test_the_home_zone_a_country_starts_with(country: str, expected: str) -> None:
    assert default_home_zone(country) == expected
    assert zone_problem(default_home_zone(country)) is None


def test_a_country_without_zones_starts_at_utc() -> None:
    assert default_home_zone("XX") == "UTC"
    assert country_zones("XX") == ()


@pytest.mark.parametrize(
    ("country", "main"),
    [
        ("US", "America/New_York"),
        ("AU", "Australia/Sydney"),
        ("CA", "America/Toronto"),
        ("RU", "Europe/Moscow"),
    ],
)
def test_country_zones_put_the_main_zone_first_and_keep_the_others(country: str, main: str) -> None:
    zones = country_zones(country)
    assert zones[0] == main
    assert len(zones) > 1
    assert zones.count(main) == 1
    assert len(set(zones)) == len(zones)


def test_a_one_zone_country_has_just_that_zone() -> None:
    assert country_zones("GB") == ("Europe/London",)
    assert country_zones("KR") == (SEOUL,)


def test_spring_forward_moves_utc_by_the_lost_hour() -> None:
    before = to_utc(datetime(2027, 3, 14, 1, 0), "America/New_York")
    after = to_utc(datetime(2027, 3, 14, 3, 0), "America/New_York")
    assert after - before == timedelta(hours=1)
