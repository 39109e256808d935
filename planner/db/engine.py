"""One engine per database file, with the pragmas every connection needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from planner.datadir import create_private_file
from planner.db.cipher import DRIVER, Connection, Key, connect


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(database: Path, key: Callable[[], Key | None] = lambda: None) -> Engine:
    """An engine on `database`, creating the file with owner-only permissions first; each new
    connection is keyed with what `key` returns then (None: a plain file), so a passphrase change
    needs only the pool emptied.

    SQLite gives its -wal and -shm files the permissions of the database file, so they are
    owner-only too. Connections open the file read-write but never create it: a data file deleted while the
    app runs is not silently replaced by an empty one.
    """
    create_private_file(database)

    def connection() -> Connection:
        return connect(database, key())

    engine = create_engine(f"sqlite:///{database}", creator=connection, module=DRIVER)
    event.listen(engine, "connect", _set_pragmas)
    return engine
