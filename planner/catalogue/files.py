"""Which files make up the catalogue, and their fingerprint (cheap: bytes only, no parsing)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planner.catalogue.errors import CatalogueError

FILES = (
    "sources.toml",
    "conditions.toml",
    "clinics.toml",
    "prices.toml",
    "countries.toml",
    "reference.toml",
    "journey.toml",
    "checklist.toml",
    "questions.toml",
)


def read_file(directory: Path, name: str) -> bytes:
    try:
        return (directory / name).read_bytes()
    except OSError as error:
        raise CatalogueError(f"{name}: cannot be read ({error.strerror})") from error


def fingerprint_of(contents: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        digest.update(name.encode() + b"\0" + contents[name] + b"\0")
    return digest.hexdigest()


def catalogue_fingerprint(directory: Path) -> str:
    """Changes whenever any catalogue file's bytes change."""
    return fingerprint_of({name: read_file(directory, name) for name in FILES})
