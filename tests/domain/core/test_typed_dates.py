"""Dates read as a person types them into a date field."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.dates import read_typed_date


@pytest.mark.parametrize(
    "typed",
    [
        "12 Mar 2027",
        "12 march 2027",
        " 12  MARCH 2027 ",
        "Mar 12, 2027",
        "12-Mar-2027",
        "2027-03-12",
        "12 Marc 2027",
    ],
)
def test_a_date_typed_the_usual_ways_is_read(typed: str) -> None:
    assert read_typed_date(typed) == date(2027, 3, 12)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12",
        "12 Mar",
        "31 Feb 2027",
        "12 Ma 2027",
        "12/03/2027",
        "12 Mar 27",
        "next tuesday",
        "2027-13-01",
    ],
)
def test_what_is_not_a_whole_date_is_not_read(typed: str) -> None:
    assert read_typed_date(typed) is None
