"""One engine per database file, with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from planner.datadir import create_private_file


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(database: Path) -> Engine:
    """An engine on `database`, creating the file with owner-only permissions first.

    SQLite gives its -wal and -shm files the permissions of the database file, so they are
    owner-only too. Connections open the file read-write but never create it: a data file deleted while the
    app runs is not silently replaced by an empty one.
    """
    create_private_file(database)
    uri = f"{database.absolute().as_uri()}?mode=rw"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine(f"sqlite:///{database}", creator=connect)
    event.listen(engine, "connect", _set_pragmas)
    return engine
