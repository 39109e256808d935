"""Copies of the live database made with SQLite's online backup API, never a file copy."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from planner.datadir import PRIVATE_DIR_MODE, create_private_file
from planner.paths import BACKUP_DIR


def backup_database(database: Path, reason: str, now: datetime | None = None) -> Path:
    """Write a consistent copy of `database` into the backups folder beside it; return its path."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    folder = database.parent / BACKUP_DIR
    folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    target = folder / f"{database.stem}-{stamp}-{reason}.sqlite3"
    create_private_file(target)
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
