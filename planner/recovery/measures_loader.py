"""Read and check resources/catalogue/measures.toml into `Measures`.

The first problem stops loading with a message naming the file and the measure, as the rest of
the catalogue does.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from planner.catalogue.errors import CatalogueError
from planner.catalogue.fields import EntryReader, entries, unique_ids
from planner.core.paths import catalogue_dir
from planner.recovery.measures import KINDS, ImportantChange, Measure, Measures

MEASURES_FILE = "measures.toml"
CHANGE_FIELDS = frozenset({"points", "percent", "single_points", "wording", "source"})


def _whole(entry: EntryReader, key: str, required: bool = True) -> int:
    value = entry.integer(key, required)
    if value is None:
        return 0
    if value < 0:
        raise entry.fail(f'"{key}" must not be negative')
    return value


def _change(entry: EntryReader) -> ImportantChange | None:
    if "change" not in entry.data:
        return None
    entry.used.add("change")
    raw: Any = entry.data["change"]
    if not isinstance(raw, dict) or set(raw) - CHANGE_FIELDS:
        raise entry.fail(f'"change" takes only {", ".join(sorted(CHANGE_FIELDS))}')
    numbers: dict[str, Decimal | None] = {}
    for key in ("points", "percent", "single_points"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise entry.fail(f'"change.{key}" must be a whole number above 0')
        numbers[key] = None if value is None else Decimal(value)
    points = numbers["points"]
    wording, source = raw.get("wording"), raw.get("source")
    if points is None or not isinstance(wording, str) or not isinstance(source, str) or not source.strip():
        raise entry.fail('"change" needs "points", "wording" and the "source" it was published in')
    return ImportantChange(points, numbers["percent"], numbers["single_points"], wording, source)


def _measure(entry: EntryReader) -> Measure:
    measure_id = entry.id()
    kind = entry.choice("kind", KINDS)
    levels = entry.texts("levels", required=kind == "level")
    if kind == "level":
        low, high = 0, len(levels) - 1
        if high < 1:
            raise entry.fail('"levels" needs at least two levels')
    else:
        low, high = _whole(entry, "low"), _whole(entry, "high")
        if high <= low:
            raise entry.fail('"high" must be above "low"')
    fewest = _whole(entry, "fewest", required=kind == "activities")
    most = _whole(entry, "most", required=kind == "activities")
    if kind == "activities" and not 1 <= fewest <= most:
        raise entry.fail('"fewest" must be at least 1 and at most "most"')
    knee_only = entry.flag("knee_only") if "knee_only" in entry.data else False
    measure = Measure(
        id=measure_id,
        name=entry.text("name"),
        question=entry.text("question"),
        kind=kind,  # type: ignore[arg-type]  # checked by choice()
        low=low,
        high=high,
        better=entry.choice("better", ("lower", "higher")),  # type: ignore[arg-type]
        low_label=entry.text("low_label", required=False),
        high_label=entry.text("high_label", required=False),
        unit=entry.text("unit", required=kind == "number"),
        levels=levels,
        fewest=fewest,
        most=most,
        examples=entry.texts("examples", required=False),
        knee_only=knee_only,
        loinc=entry.text("loinc", required=False),
        loinc_display=entry.text("loinc_display", required=False),
        terms=entry.text("terms", required=False),
        change=_change(entry),
    )
    entry.finish()
    return measure


def measures_from(text: str, file: str = MEASURES_FILE) -> Measures:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{file}: not valid TOML ({error})") from None
    found = tuple(_measure(entry) for entry in entries(file, document, "measure"))
    unique_ids(file, "measure", (m.id for m in found))
    return Measures(found)


def load_measures(directory: Path) -> Measures:
    path = directory / MEASURES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError(f"{MEASURES_FILE}: cannot be read ({error})") from None
    return measures_from(text)


@cache
def shipped_measures() -> Measures:
    """The measures the app ships with, read once."""
    return load_measures(catalogue_dir())
