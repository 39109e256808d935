"""South Korea's emergency numbers (resources/catalogue/emergency.toml), read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from planner.catalogue.errors import CatalogueError
from planner.catalogue.fields import entries, unique_ids
from planner.core.paths import catalogue_dir

EMERGENCY_FILE = "emergency.toml"


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    id: str
    number: str
    what: str


def load_emergency_numbers(directory: Path) -> tuple[EmergencyNumber, ...]:
    try:
        document = tomllib.loads((directory / EMERGENCY_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"{EMERGENCY_FILE}: cannot be read ({error})") from None
    found = []
    for entry in entries(EMERGENCY_FILE, document, "number"):
        number = EmergencyNumber(entry.id(), entry.text("number"), entry.text("what"))
        entry.finish()
        found.append(number)
    unique_ids(EMERGENCY_FILE, "number", (n.id for n in found))
    return tuple(found)


@cache
def korea_emergency_numbers() -> tuple[EmergencyNumber, ...]:
    return load_emergency_numbers(catalogue_dir())


def emergency_numbers_text() -> str:
    """Every number on one line: "119: Ambulance and fire service; 112: Police; …"."""
    return "; ".join(f"{n.number}: {n.what}" for n in korea_emergency_numbers()) + "."
