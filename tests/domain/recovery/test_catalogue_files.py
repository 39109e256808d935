"""The measures and emergency files load, and a broken one is refused with the file and entry named."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalogue.errors import CatalogueError
from planner.recovery.emergency import load_emergency_numbers
from planner.recovery.measures_loader import measures_from
from tests.domain.recovery.measures_here import MEASURES

CATALOGUE = Path(__file__).resolve().parents[3] / "resources" / "catalogue"
HEAD = '[[measure]]\nid = "x"\nname = "X"\nquestion = "?"\n'


def test_every_measure_with_a_published_change_names_its_source() -> None:
    with_change = [m for m in MEASURES.all if m.change is not None]
    assert {m.id for m in with_change} == {"pain-rest", "pain-activity", "psfs"}
    assert all(m.change and m.change.source for m in with_change)


def test_korea_emergency_numbers_load() -> None:
    assert [n.number for n in load_emergency_numbers(CATALOGUE)] == ["119", "112", "1330"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            HEAD + 'kind = "dial"\nbetter = "lower"\nlow = 0\nhigh = 1\n',
            '"kind"',
        ),
        (
            HEAD + 'kind = "rating"\nbetter = "lower"\nlow = 5\nhigh = 1\n',
            '"high"',
        ),
        (
            HEAD + 'kind = "rating"\nbetter = "lower"\nlow = 0\nhigh = 10\n'
            '[measure.change]\npoints = 2\nwording = "w"\n',
            '"source"',
        ),
        (
            HEAD + 'kind = "rating"\nbetter = "up"\nlow = 0\nhigh = 10\n',
            '"better"',
        ),
        ("not toml [", "not valid TOML"),
    ],
)
def test_a_broken_measures_file_is_refused_naming_the_problem(text: str, problem: str) -> None:
    with pytest.raises(CatalogueError, match=problem):
        measures_from(text)
