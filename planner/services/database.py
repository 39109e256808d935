"""Open the app's database: check the folder and the file, back up and migrate if needed, sync
the catalogue; and the database's backups, restore and the failures of saving."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from planner.catalogue.errors import CatalogueError
from planner.catalogue.files import catalogue_fingerprint
from planner.datadir import DataDirError, create_private_file, os_error_text, prepare_data_dir
from planner.db import migrate
from planner.db.backup import (
    BackupInfo,
    backup_database,
    changed_since_last_backup,
    database_problem,
    list_backups,
    move_aside,
    newest_good_backup,
    restore_into,
    restore_problem,
)
from planner.db.catalogue_meta import FINGERPRINT_KEY
from planner.db.engine import make_engine
from planner.db.models import AppMeta
from planner.paths import DATABASE_FILE, SETTINGS_FILE, catalogue_dir

__all__ = [
    "BackupInfo",
    "CatalogueError",
    "DamagedDatabase",
    "DataDirError",
    "Database",
    "RestoreError",
    "StartupError",
    "StorageError",
    "open_database",
    "recover_damaged",
]


class StartupError(Exception):
    """The app cannot open its data; the message says why in plain words."""


class DamagedDatabase(StartupError):
    """The database file is not a sound SQLite database. Nothing has been changed: the person
    chooses what happens (see `recover_damaged`)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"The data file {path} cannot be used: {problem}. Nothing has been changed. "
            "Open Patient Journey Planner to move it aside and restore the newest good backup "
            "or start afresh."
        )
        self.path = path
        self.problem = problem

    def newest_good_backup(self) -> BackupInfo | None:
        return newest_good_backup(self.path)


class StorageError(Exception):
    """A save failed because of the disk or the file (full, read-only, failing); nothing of that
    save was written. The message says so in plain words."""


class RestoreError(Exception):
    """A backup cannot be restored; nothing was changed. The message says why."""


STORAGE_PROBLEMS = {
    "database or disk is full": "the disk is full. Free some space on it and try again",
    "attempt to write a readonly database": "the data file is read-only. Check that you may change it",
    "disk i/o error": "the disk reported an error. Check the disk and try again",
    "database is locked": "another program is using the data file. Close it and try again",
    "unable to open database file": "the data file cannot be opened. Check the disk and try again",
}


@dataclass
class Database:
    data_dir: Path
    path: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    migration_backup: Path | None = None
    catalogue: Path = field(default_factory=catalogue_dir)
    startup_backup: Path | None = None
    startup_backup_problem: str | None = None
    """Why the start-up backup could not be taken (the app still starts); None when it was."""

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error. A failure of
        the disk or the file becomes a StorageError."""
        try:
            with self.sessions.begin() as session:
                yield session
        except (OperationalError, sqlite3.OperationalError) as error:
            problem = storage_problem(error)
            if problem is None:
                raise
            raise StorageError(f"Your change could not be saved: {problem}. Nothing was changed.") from error

    def back_up(self, reason: str) -> Path:
        """A backup of the data as it is now; raises StorageError when it cannot be written."""
        try:
            return backup_database(self.path, reason)
        except (OSError, sqlite3.Error) as error:
            raise StorageError(
                f"A backup could not be made first, so nothing was changed: {backup_problem(error)}."
            ) from error

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.path)

    def restore(self, backup: Path) -> Path:
        """Replace the data with `backup`'s after backing up the current data (whose path is
        returned); the data is brought up to this version of the app. Raises RestoreError (nothing
        changed) when the backup is damaged or from a newer version of the app."""
        problem = restore_problem(backup)
        if problem is not None:
            raise RestoreError(f"This backup cannot be restored: {problem}.")
        current = self.back_up("before-restore")
        self.engine.dispose()
        try:
            restore_into(backup, self.path)
        except sqlite3.Error as error:
            raise RestoreError(
                f"The backup could not be restored, and nothing was changed: {error}."
            ) from error
        _bring_up_to_date(self)
        return current

    def settings_path(self) -> Path:
        """The window-settings file beside the database, created owner-only."""
        path = self.data_dir / SETTINGS_FILE
        create_private_file(path)
        return path

    def close(self) -> None:
        self.engine.dispose()


def backup_problem(error: OSError | sqlite3.Error) -> str:
    """Why a backup could not be written, in plain words."""
    if isinstance(error, OSError):
        return os_error_text(error)
    return storage_problem(error) or str(error)


def storage_problem(error: Exception) -> str | None:
    """What a database error says about the disk or the file, in plain words; None for others."""
    text = str(getattr(error, "orig", None) or error).lower()
    return next((problem for key, problem in STORAGE_PROBLEMS.items() if key in text), None)


def open_database(data_dir: Path, catalogue_path: Path | None = None) -> Database:
    """Open the data in `data_dir`. Raises DamagedDatabase (changing nothing) when the file is not
    a sound database, StartupError when the folder cannot be used."""
    try:
        prepare_data_dir(data_dir)
    except DataDirError as error:
        raise StartupError(str(error)) from error
    path = data_dir / DATABASE_FILE
    problem = database_problem(path)
    if problem is not None:
        raise DamagedDatabase(path, problem)
    had_data = path.exists() and path.stat().st_size > 0
    engine = make_engine(path)
    try:
        db = Database(
            data_dir,
            path,
            engine,
            sessionmaker(engine, expire_on_commit=False),
            catalogue=catalogue_path or catalogue_dir(),
        )
        _bring_up_to_date(db, start_up=had_data)
        return db
    except BaseException:
        engine.dispose()
        raise


def recover_damaged(damaged: DamagedDatabase, backup: BackupInfo | None, now: datetime | None = None) -> Path:
    """Move the damaged file aside (never deleting or overwriting it) and, when `backup` is given,
    put a copy of it in its place; return where the damaged file went. Open the data again after."""
    moved = move_aside(damaged.path, now)
    if backup is not None:
        create_private_file(damaged.path)
        restore_into(backup.path, damaged.path)
    return moved


def _bring_up_to_date(db: Database, start_up: bool = False) -> None:
    """Migrate (after a backup) and sync the catalogue; any failure leaves the data as it was.
    At `start_up` with no migration due, back up first if the data changed since the last
    backup (a failure there is noted, and the app still starts)."""
    catalogue_path = db.catalogue
    fingerprint = catalogue_fingerprint(catalogue_path)
    engine = db.engine
    revision = migrate.current_revision(engine)
    if revision is not None and revision not in migrate.KNOWN_REVISIONS:
        raise StartupError(
            f"The data in {db.path} was saved by a newer version of Patient Journey Planner. "
            "Install that version (or a newer one) to open it; nothing has been changed."
        )
    migrated = revision != migrate.HEAD_REVISION
    if migrated:
        if inspect(engine).get_table_names():
            db.migration_backup = backup_database(db.path, "before-migration")
        migrate.upgrade_to_head(engine)
    elif start_up and changed_since_last_backup(db.path):
        try:
            db.startup_backup = backup_database(db.path, "start-up")
        except (OSError, sqlite3.Error) as error:
            db.startup_backup_problem = backup_problem(error)
    with db.transaction() as session:
        # Files unchanged since the last validated sync need no parsing; changed ones are
        # validated in full before anything is written.
        stored = session.get(AppMeta, FINGERPRINT_KEY)
        # A migration may add tables the catalogue fills, so it always re-syncs.
        if migrated or stored is None or stored.value != fingerprint:
            from planner.catalogue.loader import load_catalogue
            from planner.db.catalogue_sync import sync_catalogue

            sync_catalogue(session, load_catalogue(catalogue_path))
