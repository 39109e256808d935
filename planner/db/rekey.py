"""Write a database file again under another key (or none), so that a crash at any moment leaves
either the old file or the new one whole: a new copy is written beside it, checked, flushed to
the disk, then renamed over it in one step."""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path

from planner.datadir import create_private_file
from planner.db.cipher import Connection, Key, connect

REKEY_SUFFIX = ".rekey"
"""The new copy's name is the file's own with this after it; one left by a crash is removed."""
SIDE_FILES = ("-wal", "-shm")


class RekeyCheckFailed(Exception):
    """The new copy did not read back the same as the file; the file was left as it was."""


def rekey_file(path: Path, old: Key | None, new: Key | None) -> None:
    """Replace the database at `path` (which nothing else may have open) by a copy under `new`
    (None: plain), checked table by table against it first. Raises the driver's Error, OSError or
    RekeyCheckFailed, leaving the file as it was. A symbolic link is followed: the file it names
    is replaced (and the link kept), never the link by a copy that leaves that file as it was."""
    path = Path(os.path.realpath(path))
    copy = path.with_name(path.name + REKEY_SUFFIX)
    with closing(connect(path, old)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    write_copy(path, old, copy, new)
    try:
        for side in SIDE_FILES:  # the old file's log and index must never be read with the new one
            _remove(Path(str(path) + side))
        os.replace(copy, path)
        _flush(path.parent)
    except BaseException:
        _remove(copy)
        raise


def write_copy(path: Path, key: Key | None, copy: Path, copy_key: Key | None) -> None:
    """Write the database at `path` (read with `key`, never changed) to a new owner-only file
    `copy` under `copy_key`, check it table by table and flush it to the disk. On failure no
    copy is left."""
    _remove(copy)
    try:
        create_private_file(copy)
        with closing(connect(path, key, mode="ro")) as source:
            secret = copy_key.sqlcipher if copy_key else ""  # no key: a plain copy
            source.execute("ATTACH DATABASE ? AS copy KEY ?", (str(copy), secret))
            # The copy is thrown away unless it is whole and reads back the same, and it is flushed
            # before it replaces the file: it needs no journal (which a kill would leave behind)
            # and no syncs of its own, which made each table's copy wait for the disk (a 0.5 MB
            # file took a second instead of a fiftieth).
            source.execute("PRAGMA copy.journal_mode = OFF")
            source.execute("PRAGMA copy.synchronous = OFF")
            source.execute("SELECT sqlcipher_export('copy')")
            source.commit()
            source.execute("DETACH DATABASE copy")
            counts = _row_counts(source)
        with closing(connect(copy, copy_key)) as check:
            sound = check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            if not sound or _row_counts(check) != counts:
                raise RekeyCheckFailed(f"the new copy of {path.name} did not read back the same")
        _flush(copy)
    except BaseException:
        _remove(copy)
        raise


RESTORING_SUFFIX = ".restoring"
LEFTOVER_SUFFIXES = (REKEY_SUFFIX, RESTORING_SUFFIX)
"""The copies written beside the data file while its key changes or a backup is restored."""


def remove_leftover_copy(path: Path) -> None:
    """Remove a copy that a crash left beside `path` (or the file it links to) before it was used
    (the file is whole)."""
    path = Path(os.path.realpath(path))
    if path.exists():
        for suffix in LEFTOVER_SUFFIXES:
            _remove(path.with_name(path.name + suffix))


def remove_leftover_copies(folder: Path) -> None:
    """Remove the new copies a crash left in `folder` (the backups') beside the files they had not
    yet replaced."""
    for copy in folder.glob(f"*{REKEY_SUFFIX}") if folder.is_dir() else ():
        remove_leftover_copy(copy.with_name(copy.name.removesuffix(REKEY_SUFFIX)))


def _row_counts(connection: Connection) -> dict[str, int]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table'"
    tables = [name for (name,) in connection.execute(query)]
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
