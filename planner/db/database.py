"""Open the app's database: check the folder and the file, back up and migrate if needed, then
run the caller's sync of the data the app ships; and the database's backups, restore and the
failures of saving."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from planner.core.clock import local_now
from planner.core.dates import file_stamp
from planner.core.paths import DATABASE_FILE, PROTECTED_MARK, SETTINGS_FILE
from planner.datadir import (
    DataDirError,
    create_private_file,
    os_error_reason,
    os_error_text,
    prepare_data_dir,
)
from planner.db import migrate
from planner.db.backup import (
    MISSING,
    BackupInfo,
    backup_database,
    backup_folder,
    changed_since_last_backup,
    copy_database,
    database_problem,
    list_backups,
    move_aside,
    newest_good_backup,
    restore_into,
    restore_problem,
)
from planner.db.cipher import (
    SQLITE_HEADER,
    Connection,
    Error,
    Key,
    WrongPassphrase,
    connect,
    file_salt,
    key_of,
    looks_encrypted,
    opens_with,
    unlock_key,
)
from planner.db.cipher import OperationalError as DriverOperationalError
from planner.db.engine import make_engine
from planner.db.rekey import RekeyCheckFailed, rekey_file, remove_leftover_copies, remove_leftover_copy

__all__ = [
    "BackupInfo",
    "DamagedDatabase",
    "DataDirError",
    "DataFileMissing",
    "DataLocked",
    "Database",
    "RestoreError",
    "StartupError",
    "StorageError",
    "WrongPassphrase",
    "open_database",
    "recover_damaged",
]


class StartupError(Exception):
    """The app cannot open its data; the message says why in plain words."""


class DamagedDatabase(StartupError):
    """The database file is not a sound SQLite database. Nothing has been changed: the person
    chooses what happens (see `recover_damaged`)."""

    def __init__(self, path: Path, problem: str, key: Key | None = None) -> None:
        remedy = "" if problem == MISSING else "move it aside and "
        super().__init__(
            f"The data file {path} cannot be used: {problem}. Nothing has been changed. "
            f"Open Patient Journey Planner to {remedy}restore the newest good backup or start afresh."
        )
        self.path = path
        self.problem = problem
        self.key = key
        """The key the file was unlocked with (its backups are under it too); None if plain."""

    @property
    def missing(self) -> bool:
        """Whether the file is gone (beside backups of it) rather than damaged."""
        return self.problem == MISSING

    def newest_good_backup(self) -> BackupInfo | None:
        return newest_good_backup(self.path, self.key)


class DataLocked(Exception):
    """The data is protected with a passphrase, and none was given: nothing was read."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Your data ({path}) is protected with a passphrase: give it in PLANNER_PASSPHRASE, or run "
            "the command in a terminal to type it. Nothing has been read or changed. (If you never "
            "protected it, the file is damaged: open the app to recover it.)"
        )
        self.path = path


class StorageError(Exception):
    """A save failed because of the disk or the file (full, read-only, failing); nothing of that
    save was written. The message says so in plain words."""


class DataFileMissing(StorageError):
    """The data file was deleted or replaced while the app had it open: saves are refused from
    then on (what was saved before is still readable through the open connection), until a
    backup is restored."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Your data file was deleted or replaced while the app was open ({path}), so this change "
            "was not saved, and no further changes will be. What the window shows is still here: "
            "save a copy of it elsewhere, or restore a backup."
        )
        self.path = path


OUTSIDE_BACKUP = "patient-journey-planner-backup"
"""How a backup written to a folder the person chose is named, before its date and time."""


UNREADABLE_BACKUP = "it is protected with another passphrase, or it is damaged"
"""Why a backup was left as it was by a change of passphrase it could not be read for."""


class RestoreError(Exception):
    """A backup cannot be restored; nothing was changed. The message says why."""


STORAGE_PROBLEMS = {
    "database or disk is full": "the disk is full. Free some space on it and try again",
    "attempt to write a readonly database": "the data file is read-only. Check that you may change it",
    "disk i/o error": "the disk reported an error. Check the disk and try again",
    "database is locked": "another program is using the data file. Close it and try again",
    "unable to open database file": "the data file cannot be opened. Check the disk and try again",
}


DataSync = Callable[["Database"], Callable[[bool], None]]
"""Brings data the app ships (the catalogue) into the database, at every opening and after every
restore; the opener passes it. Called before anything is migrated or changed, it reads and
checks what it needs; the step it returns runs once the schema is up to date, told whether a
migration just ran. Whatever either raises stops the opening."""


@dataclass
class Database:
    data_dir: Path
    path: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    migration_backup: Path | None = None
    sync: DataSync | None = field(default=None, repr=False)
    startup_backup: Path | None = None
    startup_backup_problem: str | None = None
    """Why the start-up backup could not be taken (the app still starts); None when it was."""
    gone: bool = False
    """Whether the data file was found deleted or replaced while open: saves are refused."""
    _file: tuple[int, int] | None = field(default=None, repr=False)
    _log: tuple[int, int] | None = field(default=None, repr=False)
    _connections: int = field(default=0, repr=False)
    key: Key | None = field(default=None, repr=False)
    """The key the data and its backups are encrypted with; None when they are plain."""

    @property
    def protected(self) -> bool:
        return self.key is not None

    def __post_init__(self) -> None:
        self._file = _identity(self.path)
        event.listen(self.engine, "connect", self._connected)
        event.listen(self.engine, "close", self._closed)
        event.listen(self.engine, "close_detached", self._closed)

    def _connected(self, *_args: object) -> None:
        self._connections += 1

    def _closed(self, *_args: object) -> None:
        self._connections -= 1
        if self._connections <= 0:
            self._connections = 0
            self._log = None  # the last connection removes the log; the next one starts another

    def _file_is_gone(self) -> bool:
        """Whether the data file (or, while connections hold it open, its write-ahead log) is no
        longer the one the app opened: deleted, or replaced by another file. One stat each."""
        if _identity(self.path) != self._file:
            return True
        if self._connections == 0:
            return False
        log = _identity(self.path.with_name(self.path.name + "-wal"))
        if self._log is None:
            self._log = log
            return False
        return log != self._log

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error. A failure of
        the disk or the file becomes a StorageError. Once the data file is found gone, it runs
        read-only and any write in it raises DataFileMissing."""
        if not self.gone and self._file_is_gone():
            self.gone = True
        try:
            with self.sessions.begin() as session:
                if self.gone:
                    session.connection().exec_driver_sql("PRAGMA query_only = ON")
                yield session
        except (OperationalError, DriverOperationalError) as error:
            if self.gone:
                raise DataFileMissing(self.path) from error
            problem = storage_problem(error)
            if problem is None:
                raise
            raise StorageError(f"Your change could not be saved: {problem}. Nothing was changed.") from error

    def back_up(self, reason: str) -> Path:
        """A backup of the data as it is now (when the data file is gone, of what the open
        connection still reads); raises StorageError when it cannot be written."""
        try:
            if not self.gone:
                return backup_database(self.path, reason, key=self.key)
            with self._open_connection() as source:
                return backup_database(self.path, reason, source=source, key=self.key)
        except (OSError, Error) as error:
            raise StorageError(
                f"A backup could not be made first, so nothing was changed: {backup_problem(error)}."
            ) from error

    def save_copy(self, target: Path) -> None:
        """Write a copy of the data as the app reads it (even with its file gone) to `target`;
        raises StorageError when it cannot be written."""
        try:
            with self._open_connection() as source:
                copy_database(source, target, self.key)
        except (OSError, Error) as error:
            raise StorageError(f"The copy could not be saved: {error}.") from error

    def back_up_to(self, folder: Path, now: datetime | None = None) -> Path:
        """Write a consistent copy of the data into `folder` (a USB stick, another disk) under a
        new dated name, never replacing a file there; return its path. It can be restored from
        there with `restore`. Raises StorageError (leaving no partial file) when it cannot be
        written."""
        stamp = file_stamp(now or local_now())
        names = (f"{OUTSIDE_BACKUP}-{stamp}{'' if n == 1 else f'-{n}'}.sqlite3" for n in range(1, 1000))
        try:
            target = next(folder / name for name in names if not (folder / name).exists())
            with self._open_connection() as source:
                copy_database(source, target, self.key)
        except (OSError, Error, StopIteration) as error:
            why = "there is no free name in it" if isinstance(error, StopIteration) else backup_problem(error)
            raise StorageError(f"The backup could not be written to {folder}: {why}.") from error
        return target

    @contextmanager
    def _open_connection(self) -> Iterator[Connection]:
        """A connection the app already holds (so one on a deleted file still reads it)."""
        pooled = self.engine.raw_connection()
        try:
            yield cast(Connection, pooled.driver_connection)
        finally:
            pooled.close()

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.path, key=self.key)

    def needs_passphrase(self, backup: Path) -> bool:
        """Whether `backup` is encrypted under another passphrase than the data's (one used before
        a change): restoring it needs that passphrase."""
        return looks_encrypted(backup) and not opens_with(backup, self.key)

    def restore(self, backup: Path, passphrase: str | None = None) -> Path:
        """Replace the data with `backup`'s after backing up the current data (whose path is
        returned); the data is brought up to this version of the app and written under the data's
        key (a backup under another passphrase is read with `passphrase`). Raises RestoreError
        (nothing changed) when the backup is damaged, from a newer version of the app, or under a
        passphrase not given."""
        other = None
        if passphrase is not None and self.needs_passphrase(backup):
            try:
                other = unlock_key(backup, passphrase)
            except WrongPassphrase as error:
                wrong = "That passphrase does not open this backup. Nothing was changed."
                raise RestoreError(wrong) from error
        problem = restore_problem(backup, self.key, other)
        if problem is None and _identity(backup) == _identity(self.path):
            problem = "it is the data file the app is using now, not a backup"
        if problem is not None:
            raise RestoreError(f"This backup cannot be restored: {problem}. Nothing was changed.")
        current = self.back_up("before-restore")
        self.engine.dispose()
        if self.gone and _identity(self.path) is not None:
            move_aside(self.path, label="replaced")  # whatever took its place is kept, not overwritten
        try:
            create_private_file(self.path)
            restore_into(backup, self.path, self.key, other)
        except (Error, WrongPassphrase, OSError) as error:
            why = backup_problem(error) if isinstance(error, OSError) else str(error)
            raise RestoreError(
                f"The backup could not be restored, and nothing was changed: {why}."
            ) from error
        self._file, self._log, self.gone = _identity(self.path), None, False
        _bring_up_to_date(self)
        return current

    def change_key(self, new: Key | None) -> list[str]:
        """Encrypt the data and every backup beside it with `new` (None: make them plain again).
        Each file is rewritten as a checked new copy renamed over it, so a crash leaves each one
        whole under its old key or its new one. Raises StorageError when the data file cannot be
        rewritten (then nothing changed). A backup that cannot be is left as it was, and named in
        what is returned, one "NAME (why)" each: the data's change is done, not all of it is. A
        plain backup beside protected data (one a full disk kept plain before) is encrypted too."""
        if self.gone:
            raise DataFileMissing(self.path)
        old = self.key
        self.engine.dispose()  # the last connection closes: the log is written into the file
        try:
            rekey_file(self.path, old, new)
        except (OSError, Error, RekeyCheckFailed) as error:
            problem = backup_problem(error)
            raise StorageError(f"Your data could not be rewritten, so nothing changed: {problem}.") from error
        self.key, self._file, self._log = new, _identity(self.path), None
        _mark_protected(self.data_dir, new is not None)
        left = []
        for backup in list_backups(self.path, with_plans=False):
            try:
                key = key_of(backup.path, old)
                if key != new:
                    rekey_file(backup.path, key, new)
            except WrongPassphrase:
                left.append(f"{backup.path.name} ({UNREADABLE_BACKUP})")
            except (OSError, Error, RekeyCheckFailed) as error:
                why = os_error_reason(error) if isinstance(error, OSError) else backup_problem(error)
                left.append(f"{backup.path.name} ({why.split('. ')[0]})")
        return left

    def settings_path(self) -> Path:
        """The window-settings file beside the database, created owner-only."""
        path = self.data_dir / SETTINGS_FILE
        create_private_file(path)
        return path

    def close(self) -> None:
        self.engine.dispose()


def backup_problem(error: Exception) -> str:
    """Why a backup could not be written, in plain words."""
    if isinstance(error, OSError):
        return os_error_text(error)
    return storage_problem(error) or str(error)


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file `path` names (device and inode); None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def storage_problem(error: Exception) -> str | None:
    """What a database error says about the disk or the file, in plain words; None for others."""
    text = str(getattr(error, "orig", None) or error).lower()
    return next((problem for key, problem in STORAGE_PROBLEMS.items() if key in text), None)


def storage_failure(error: BaseException) -> str | None:
    """What a database error met outside a transaction (at start-up) says about the disk or the
    file, in plain words; None for any other error."""
    if not isinstance(error, (OperationalError, DriverOperationalError)):
        return None
    return storage_problem(error)


def open_database(data_dir: Path, sync: DataSync | None = None, key: Key | None = None) -> Database:
    """Open the data in `data_dir`, bringing its schema up to date and then running `sync` (see
    DataSync; `planner.startup.open_synced_database` passes the catalogue's). Protected data is
    opened with `key` (see `key_file` and `planner.db.cipher.unlock_key`); without one it raises
    DataLocked, never taking it for damage. Raises DamagedDatabase (changing nothing) when the file
    is not a sound database, StartupError when the folder cannot be used."""
    path = data_file(data_dir)
    unlocks = key_file(data_dir)
    if unlocks is None:
        key = None  # plain data: a passphrase given for it is not needed
    elif key is None:
        raise DataLocked(path)
    elif not opens_with(unlocks, key):
        raise WrongPassphrase()
    problem = database_problem(path, key)
    if problem is not None:
        raise DamagedDatabase(path, problem, key)
    had_data = path.exists() and path.stat().st_size > 0
    db: Database
    engine = make_engine(path, lambda: db.key)  # read at each new connection, after `db` is made
    try:
        db = Database(
            data_dir,
            path,
            engine,
            sessionmaker(engine, expire_on_commit=False),
            sync=sync,
            key=key,
        )
        _bring_up_to_date(db, start_up=had_data)
        return db
    except BaseException:
        engine.dispose()
        raise


def recover_damaged(
    damaged: DamagedDatabase, backup: BackupInfo | None, now: datetime | None = None
) -> Path | None:
    """Move the damaged file aside (never deleting or overwriting it) and, when `backup` is given,
    put a copy of it in its place; return where the damaged file went (None when it was missing).
    Open the data again after."""
    had_file = damaged.path.exists()
    moved = move_aside(damaged.path, now)  # with a missing file, only a log it left behind
    if backup is not None:
        create_private_file(damaged.path)
        restore_into(backup.path, damaged.path, damaged.key)
    elif newest_good_backup(damaged.path, damaged.key) is not None:
        # Start afresh with an empty database: no file beside good backups counts as a lost one.
        # It is plain until protected again (an empty file cannot hold a key's salt).
        create_private_file(damaged.path)
        with closing(connect(damaged.path, None)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
    return moved if had_file else None


def _bring_up_to_date(db: Database, start_up: bool = False) -> None:
    """Migrate (after a backup), then run the database's sync. At `start_up` with no migration
    due, back up first if the data changed since the last backup (a failure there is noted, and
    the app still starts)."""
    write_shipped_data = db.sync(db) if db.sync is not None else None
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
            db.migration_backup = backup_database(db.path, "before-migration", key=db.key)
        migrate.upgrade_to_head(engine)
    elif start_up and changed_since_last_backup(db.path):
        try:
            db.startup_backup = backup_database(db.path, "start-up", key=db.key)
        except (OSError, Error) as error:
            db.startup_backup_problem = backup_problem(error)
    if write_shipped_data is not None:
        write_shipped_data(migrated)


def data_file(data_dir: Path) -> Path:
    """Prepare `data_dir` and return its database file's path, removing the half-written copies a
    crash left while the passphrase was being changed, beside it or beside a backup (each file
    itself is whole)."""
    try:
        prepare_data_dir(data_dir)
    except DataDirError as error:
        raise StartupError(str(error)) from error
    path = data_dir / DATABASE_FILE
    remove_leftover_copy(path)
    remove_leftover_copies(backup_folder(path))
    return path


def needs_passphrase(data_dir: Path) -> bool:
    """Whether the data in `data_dir` is protected, so a key must be given to open it."""
    return key_file(data_dir) is not None


def key_file(data_dir: Path) -> Path | None:
    """The file protected data in `data_dir` is unlocked with (the salt its key is derived with is
    at its start); None when the data is plain. That is the data file when it looks encrypted.
    When it is missing, empty or no database at all (cut short mid-page, written over), it is the
    newest backup, if that looks encrypted and shares its salt with the data file or another
    backup (a protected folder's files share one key), or the folder is marked protected: then the
    damage is found, and the backups offered, once unlocked. Noise in a lone backup of an unmarked
    folder shares no salt, and asks for nothing."""
    path = data_dir / DATABASE_FILE
    if looks_encrypted(path):
        return path
    if _starts_as_sqlite(path):
        return None
    backups = [backup.path for backup in list_backups(path, with_plans=False)]
    if not backups or not looks_encrypted(backups[0]):
        return None
    if (data_dir / PROTECTED_MARK).exists():
        return backups[0]
    salt = file_salt(backups[0])
    others = [path, *backups[1:]]
    shared = any(other.exists() and file_salt(other) == salt for other in others)
    return backups[0] if shared else None


PROTECTED_TEXT = (
    "The data in this folder is encrypted with a passphrase (SQLCipher 4). This file holds no "
    "secret: it tells Patient Journey Planner to ask for the passphrase even if the data file is "
    "lost, so that its encrypted backups are offered.\n"
)


def _mark_protected(data_dir: Path, protected: bool) -> None:
    """Leave the mark of a protected folder beside its data, or remove it. Only a help: the data
    file itself says it is encrypted, so a mark that cannot be written is let go."""
    mark = data_dir / PROTECTED_MARK
    try:
        if protected:
            create_private_file(mark)
            mark.write_text(PROTECTED_TEXT, encoding="utf-8")
        else:
            mark.unlink(missing_ok=True)
    except OSError:
        pass


def _starts_as_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
