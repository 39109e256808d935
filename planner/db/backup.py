"""Backups of the database, and the checks and moves that keep a damaged one safe.

Copies are made with SQLite's online backup API, never a file copy, so a backup taken while
the app writes is still a consistent database. They live in the `backups` folder beside the
database, owner-only, named `planner-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite3` (local time), and
are thinned by `planner.db.backup_schedule` after each new one.
"""

from __future__ import annotations

import errno
import json
import os
import re
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from planner.core.clock import local_now
from planner.core.dates import backup_stamp, file_stamp, parse_backup_stamp
from planner.core.paths import BACKUP_DIR
from planner.datadir import PRIVATE_DIR_MODE, create_private_file
from planner.db.backup_schedule import backups_to_keep
from planner.db.cipher import (
    SQLITE_HEADER,
    Connection,
    DatabaseError,
    Error,
    Key,
    WrongPassphrase,
    connect,
    key_of,
    looks_encrypted,
)
from planner.db.migrate import KNOWN_REVISIONS
from planner.db.rekey import RESTORING_SUFFIX, write_copy

NAME = re.compile(r"(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z-]+)\.sqlite3")
SIGNATURE_FILE = "last-backup.json"
"""What the database file looked like when the last backup was taken (size and times)."""
SIDE_FILES = ("-wal", "-shm")
MISSING = "it is missing, although there are backups of it (it may have been deleted or moved)"
"""The problem of a data file that is gone from beside its backups."""

REASONS = {
    "start-up": "At start-up",
    "before-migration": "Before an update of the data",
    "before-import": "Before importing a plan",
    "before-delete": "Before deleting a plan",
    "before-restore": "Before restoring a backup",
    "by-you": "Backed up by you",
}
"""Why a backup was taken, as the restore dialog says it."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    plans: tuple[str, ...] | None
    """The names of the plans inside; None when the backup cannot be read."""
    locked: bool = False
    """Whether it cannot be read because it is encrypted under another key than the data's (one
    used before a change of passphrase), or is so damaged that it looks so: its passphrase may
    open it."""

    @property
    def readable(self) -> bool:
        return self.plans is not None

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason.replace("-", " ").capitalize())


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_DIR


def backup_database(
    database: Path,
    reason: str,
    now: datetime | None = None,
    source: Connection | None = None,
    key: Key | None = None,
) -> Path:
    """Write a consistent copy of `database` into the backups folder beside it, thin the older
    ones, and return the new copy's path. Its time is `now` (by default the clock's), moved just
    past the newest backup if that is not earlier, so the newest copy always sorts first and
    never takes an older one's name (a clock that stands still, or an hour that repeats when
    summer time ends). `source`, when given, is an open connection to copy from instead of the
    file (which may have been deleted while it was open). The copy is encrypted with `key`, the
    key the database is read with (None: plain)."""
    now = now or local_now()
    folder = backup_folder(database)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    newest = max((b.taken_at for b in list_backups(database, with_plans=False)), default=None)
    if newest is not None and newest >= now:
        now = newest + timedelta(microseconds=1)
    target = folder / f"{database.stem}-{backup_stamp(now)}-{reason}.sqlite3"
    signature = _signature(database)
    try:
        if source is None:
            with closing(connect(database, key)) as connection:
                copy_database(connection, target, key)
        else:
            copy_database(source, target, key)
        create_private_file(folder / SIGNATURE_FILE)
        (folder / SIGNATURE_FILE).write_text(json.dumps(signature), encoding="utf-8")
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    thin_backups(database, now)
    return target


def copy_database(source: Connection, target: Path, key: Key | None) -> None:
    """Write everything `source` (read with `key`) holds into `target`, a new owner-only file of
    its own (no log beside it) under the same key; on failure no partial copy is left."""
    target.unlink(missing_ok=True)
    create_private_file(target)
    try:
        with closing(connect(target, key)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable read-only
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def changed_since_last_backup(database: Path) -> bool:
    """Whether the database file differs (in size or time) from when the last backup was taken."""
    try:
        recorded = json.loads((backup_folder(database) / SIGNATURE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return bool(recorded != _signature(database))


def _signature(database: Path) -> list[int]:
    """The file's size and time, and the size of its write-ahead log (changes not yet in the file;
    an empty log comes and goes with connections, so only its size counts)."""
    main, log = _stat(database), _stat(database.with_name(database.name + "-wal"))
    return [main.st_size, main.st_mtime_ns, log.st_size if log else 0] if main else []


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def list_backups(database: Path, with_plans: bool = True, key: Key | None = None) -> list[BackupInfo]:
    """The backups of `database`, newest first, with the plans inside each (when `with_plans`,
    read with `key` or, for a plain backup, none; else their plans are an empty tuple, unread)."""
    found = []
    folder = backup_folder(database)
    for path in folder.glob(f"{database.stem}-*.sqlite3") if folder.is_dir() else ():
        match = NAME.fullmatch(path.name)
        stat = _stat(path)
        if match is None or match["stem"] != database.stem or stat is None:
            continue
        taken = parse_backup_stamp(match["stamp"])
        plans = _plans_in(path, key) if with_plans else ()
        locked = plans is None and looks_encrypted(path)
        found.append(BackupInfo(path, taken, match["reason"], stat.st_size, plans, locked))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _plans_in(path: Path, key: Key | None) -> tuple[str, ...] | None:
    try:
        with _read_only(path, key_of(path, key)) as connection:
            return tuple(name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name"))
    except (Error, WrongPassphrase):
        return None


def thin_backups(database: Path, now: datetime) -> list[Path]:
    """Delete the backups the schedule no longer keeps; return their paths."""
    backups = list_backups(database, with_plans=False)
    keep = backups_to_keep((b.taken_at for b in backups), now)
    removed = [b.path for b in backups if b.taken_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def database_problem(path: Path, key: Key | None = None) -> str | None:
    """What is wrong with the database file (encrypted with `key`, or plain), in plain words, or
    None if it is sound (or absent). Checking an encrypted file without its key is the caller's
    mistake: it would read as damaged."""
    stat = _stat(path)
    if stat is None:
        # No data yet (a first start), unless there are backups of it: then it was deleted.
        return MISSING if newest_good_backup(path, key) is not None else None
    if stat.st_size == 0 and not list_backups(path, with_plans=False):
        return None  # a first start that stopped before writing anything
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        return f"it cannot be read ({error.strerror})"
    encrypted = header != SQLITE_HEADER and key is not None and looks_encrypted(path)
    if header != SQLITE_HEADER and not encrypted:
        return "it is empty" if stat.st_size == 0 else "it is not a database file"
    # Read-only, so a damaged file (and a log a crash left beside it) stays exactly as it is; with
    # no log beside it, immutable too, so SQLite does not even create one.
    log = Path(str(path) + "-wal").exists()
    try:
        with _read_only(path, key if encrypted else None, immutable=not log) as connection:
            result = connection.execute("PRAGMA quick_check").fetchall()
    except DatabaseError as error:
        return f"it is damaged ({error})"
    if result != [("ok",)]:
        return f"it is damaged ({result[0][0]})"
    return None


def revision_of(database: Path, key: Key | None = None) -> str | None:
    """The schema revision a database (or backup) read with `key` was saved at; None when it
    has none."""
    try:
        with _read_only(database, key) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except Error:
        return None
    return str(row[0]) if row else None


def restore_problem(backup: Path, key: Key | None = None, other: Key | None = None) -> str | None:
    """Why `backup` cannot be restored into data under `key` by this version of the app, in plain
    words; None if it can. A plain backup can be restored into protected data, and so can one
    under another passphrase's key, `other`."""
    if not backup.exists():
        return "it no longer exists"
    try:
        key = key_of(backup, key, other)
    except WrongPassphrase:
        if looks_encrypted(backup):
            return "it is protected with another passphrase, or it is damaged"
        key = None
    problem = database_problem(backup, key)
    if problem is None and backup.stat().st_size == 0:
        problem = "it is empty"  # not a first start's empty file: nothing to go back to
    if problem is not None:
        return problem
    revision = revision_of(backup, key)
    if revision is None:
        return "it is not a Patient Journey Planner backup"
    if revision not in KNOWN_REVISIONS:
        return "it was made by a newer version of Patient Journey Planner"
    return None


def newest_good_backup(database: Path, key: Key | None = None) -> BackupInfo | None:
    """The newest backup this version of the app can restore into data under `key`."""
    for backup in list_backups(database, key=key):
        if backup.readable and restore_problem(backup.path, key) is None:
            return backup
    return None


def move_aside(database: Path, now: datetime | None = None, label: str = "damaged") -> Path:
    """Rename a damaged database (and its -wal and -shm files) to a timestamped name beside it,
    never replacing a file; return the new name of the database. Files that do not exist (a
    database that is gone, leaving only its log) are skipped."""
    stamp = file_stamp(now or local_now())
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        target = database.with_name(f"{database.stem}-{label}-{stamp}{suffix}{database.suffix}")
        if not any(Path(str(target) + side).exists() for side in ("", *SIDE_FILES)):
            break
    else:
        raise FileExistsError(f"no free name to move {database} aside")
    for side in SIDE_FILES:
        moved = Path(str(database) + side)
        if moved.exists():
            os.rename(moved, Path(str(target) + side))
    if database.exists():
        os.rename(database, target)
    return target


def restore_into(backup: Path, database: Path, key: Key | None = None, other: Key | None = None) -> None:
    """Replace the contents of `database` (under `key`) with `backup`'s, in one transaction (a
    failure leaves it as it was). A plain backup, or one under another passphrase's key `other`,
    is encrypted with `key` on the way. Nothing else may have the database open."""
    backup_key = key_of(backup, key, other)
    if backup_key == key:
        with _read_only(backup, key) as source, closing(connect(database, key)) as target:
            source.backup(target)
        return
    converted = database.with_name(database.name + RESTORING_SUFFIX)
    try:
        write_copy(backup, backup_key, converted, key)
        with _read_only(converted, key) as source, closing(connect(database, key)) as target:
            source.backup(target)
    finally:
        converted.unlink(missing_ok=True)


@contextmanager
def _read_only(path: Path, key: Key | None, immutable: bool = False) -> Iterator[Connection]:
    with closing(connect(path.resolve(), key, mode="ro", immutable=immutable)) as connection:
        yield connection
