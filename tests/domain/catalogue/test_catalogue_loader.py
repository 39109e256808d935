"""Loading the catalogue: the shipped files are valid; a broken file names the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalogue.errors import CatalogueError
from planner.catalogue.loader import load_catalogue
from planner.core.paths import catalogue_dir


def test_the_shipped_catalogue_loads() -> None:
    catalogue = load_catalogue(catalogue_dir())
    assert {c.id for c in catalogue.clinics} == {"cellinique", "sh-clinic", "theplus", "lydian"}
    assert [s.id for s in catalogue.steps] == [
        "virtual-consultation",
        "booking-preparation",
        "arrival-intake",
        "treatment",
        "after-treatment",
        "recovery-follow-up",
        "departure",
        "rehabilitation-home",
    ]
    assert {s.step for s in catalogue.checklist} == {s.id for s in catalogue.steps}
    assert catalogue.stay.low_days == 7 and catalogue.stay.high_days == 10


def test_the_fingerprint_follows_the_bytes(catalogue_copy: Path) -> None:
    before = load_catalogue(catalogue_copy).fingerprint
    path = catalogue_copy / "questions.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert load_catalogue(catalogue_copy).fingerprint != before


def _break(folder: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("clinics.toml", 'district = "Sinsa"', "", 'clinics.toml, clinic "sh-clinic": missing "district"'),
        ("clinics.toml", 'id = "cellinique"', 'id = "Cellinique!"', 'clinics.toml, clinic "Cellinique!"'),
        (
            "clinics.toml",
            'name = "SH Clinic"',
            "name = 42",
            'clinics.toml, clinic "sh-clinic": "name" must be text',
        ),
        (
            "clinics.toml",
            'id = "sh-clinic"',
            'id = "cellinique"',
            'clinic "cellinique": the id is used twice',
        ),
        ("conditions.toml", 'group = "soft-tissue"', 'group = "elbow"', 'refers to unknown "elbow"'),
        ("prices.toml", 'currency = "USD"', 'currency = "ZZZ"', 'unknown currency "ZZZ"'),
        ("prices.toml", 'low = "7000"', 'low = "seven"', 'is not a number: "seven"'),
        ("prices.toml", 'low = "7000"', 'low = "70000"', '"low" above "high"'),
        (
            "journey.toml",
            'phase = "booking"',
            'phase = "holiday"',
            'journey.toml, step "booking-preparation"',
        ),
        ("checklist.toml", 'kind = "document"', 'kind = "souvenir"', '"kind" must be one of'),
        ("sources.toml", "[[source]]", "[[source]\n", "sources.toml: is not valid TOML"),
    ],
)
def test_a_malformed_entry_is_named(
    catalogue_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    _break(catalogue_copy, file, old, new)
    with pytest.raises(CatalogueError) as error:
        load_catalogue(catalogue_copy)
    assert expected in str(error.value)
    assert str(error.value).startswith(file)


def test_an_unknown_field_is_refused_rather_than_ignored(catalogue_copy: Path) -> None:
    _break(catalogue_copy, "clinics.toml", 'district = "Sinsa"', 'district = "Sinsa"\ndistrcit = "typo"')
    with pytest.raises(CatalogueError, match=r'clinic "sh-clinic": unknown field.*distrcit'):
        load_catalogue(catalogue_copy)


def test_a_missing_file_is_named(catalogue_copy: Path) -> None:
    (catalogue_copy / "countries.toml").unlink()
    with pytest.raises(CatalogueError, match=r"^countries\.toml: cannot be read"):
        load_catalogue(catalogue_copy)
