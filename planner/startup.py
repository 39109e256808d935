"""Opening the data, the same way for the window and for every command: prepare the folder,
take the lock, open the database (migrating it and syncing the catalogue); and the one table
that turns a failure on the way, or in a command, into an exit code and a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

from planner.catalogue.errors import CatalogueError
from planner.catalogue.service import sync_catalogue
from planner.core.paths import catalogue_dir
from planner.datadir import DataDirError, data_dir_warning, os_error_text, prepare_data_dir
from planner.db.cipher import Key, WrongPassphrase, opens_with
from planner.db.database import (
    DamagedDatabase,
    Database,
    DataLocked,
    StartupError,
    StorageError,
    data_file,
    key_file,
    open_database,
    storage_failure,
)
from planner.exit_codes import EXIT_DAMAGED, EXIT_FAILURE, EXIT_IN_USE, EXIT_LOCKED, EXIT_WRONG_PASSPHRASE
from planner.platform.instance_lock import AlreadyRunning, LockError, lock_data_dir
from planner.terminal import say


class Lock(Protocol):
    """The lock on the data folder (a QLockFile), held until unlocked."""

    def unlock(self) -> None: ...


class RecoveryDeclined(Exception):
    """Asked what to do about a damaged data file, the person chose to quit: nothing changed."""


class UnlockDeclined(Exception):
    """Asked for the passphrase of protected data, the person chose to quit: nothing was read."""


Unlock = Callable[[Path], Key | None]
"""Asks for the passphrase of protected data and returns the key it gives for the encrypted
database at the path, checked (see `planner.db.cipher.unlock_key`); None when the person quits.
The path is the data file's, or its newest backup's when the data file is missing or ruined (see
`planner.db.database.key_file`). It may raise WrongPassphrase or DataLocked (no passphrase to be
had) instead, or DamagedDatabase when the person says the data was never protected (so it is
damaged, and offered for recovery)."""


@dataclass
class OpenData:
    """The open database and the lock on its folder; `close` (or leaving a `with` block) releases
    both."""

    db: Database
    lock: Lock
    shared_warning: str | None
    """The warning that others can open the data folder (already said on stderr); None if not."""
    recovered: str | None
    """What recovering a damaged data file did, for the status bar; None when nothing was."""

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self.lock.unlock()

    def __enter__(self) -> OpenData:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_synced_database(data_dir: Path, catalogue: Path | None = None, key: Key | None = None) -> Database:
    """Open the database in `data_dir` (see `open_database`; `key` for protected data) with the
    catalogue in the folder `catalogue` (by default the shipped one) synced into it, now and after
    every restore."""
    folder = catalogue or catalogue_dir()
    return open_database(data_dir, lambda db: sync_catalogue(db, folder), key)


def open_data(
    data_dir: Path,
    recover: Callable[[DamagedDatabase], str | None] | None = None,
    unlock: Unlock | None = None,
) -> OpenData:
    """Prepare `data_dir`, lock it and open its database. Protected data is unlocked with the key
    `unlock` returns (None from it raises UnlockDeclined; without `unlock`, DataLocked), before
    anything else is read. A damaged data file is passed to `recover` (which returns a line saying
    what it did, or None when the person quits, raising RecoveryDeclined); without `recover` it
    raises DamagedDatabase. Every other failure is raised as it is, for `failure` to turn into an
    exit code and a message; the lock is released."""
    prepare_data_dir(data_dir)
    shared = data_dir_warning(data_dir)
    if shared is not None:
        say(shared)
    lock = lock_data_dir(data_dir)
    unlock = None if unlock is None else _remembering(unlock)  # asked once, even after a recovery
    try:
        try:
            return OpenData(_unlocked_database(data_dir, unlock), lock, shared, None)
        except DamagedDatabase as damaged:
            if recover is None:
                raise
            notice = recover(damaged)
            if notice is None:
                raise RecoveryDeclined() from damaged
        return OpenData(_unlocked_database(data_dir, unlock), lock, shared, notice)
    except BaseException:
        lock.unlock()
        raise


def _remembering(unlock: Unlock) -> Unlock:
    """`unlock`, asked again only when the key it gave last does not open the file."""
    given: list[Key] = []

    def remembered(path: Path) -> Key | None:
        if given and opens_with(path, given[-1]):
            return given[-1]
        key = unlock(path)
        if key is not None:
            given.append(key)
        return key

    return remembered


def _unlocked_database(data_dir: Path, unlock: Unlock | None) -> Database:
    key = None
    unlocks = key_file(data_dir)
    if unlocks is not None:
        if unlock is None:
            raise DataLocked(data_file(data_dir))
        key = unlock(unlocks)
        if key is None:
            raise UnlockDeclined()
    return open_synced_database(data_dir, key=key)


def _said(error: BaseException) -> str:
    return str(error)


def _os_failure(error: BaseException) -> str:
    assert isinstance(error, OSError)
    return f"Cannot use {os_error_text(error)}."


def _storage_failure(error: BaseException) -> str | None:
    problem = storage_failure(error)
    return None if problem is None else f"The data could not be used: {problem}."


FAILURES: tuple[tuple[type[BaseException], int, Callable[[BaseException], str | None]], ...] = (
    (AlreadyRunning, EXIT_IN_USE, _said),
    (DamagedDatabase, EXIT_DAMAGED, _said),
    (DataLocked, EXIT_LOCKED, _said),
    (WrongPassphrase, EXIT_WRONG_PASSPHRASE, _said),
    (DataDirError, EXIT_FAILURE, _said),
    (LockError, EXIT_FAILURE, _said),
    (StartupError, EXIT_FAILURE, _said),
    (CatalogueError, EXIT_FAILURE, _said),
    (StorageError, EXIT_FAILURE, _said),
    (OSError, EXIT_FAILURE, _os_failure),
    (Exception, EXIT_FAILURE, _storage_failure),
)
"""Each failure of the data, the disk, a file or a path: the first row whose kind matches gives
the exit code and the message (the last row only for a database error the disk or the file
caused)."""


@dataclass(frozen=True)
class Failure:
    code: int
    message: str


def failure(error: BaseException) -> Failure | None:
    """The exit code and the message for a failure the table knows; None for any other error
    (a bug, to be raised)."""
    for kind, code, message in FAILURES:
        if isinstance(error, kind):
            text = message(error)
            return None if text is None else Failure(code, text)
    return None
