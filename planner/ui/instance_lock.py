"""One Patient Journey Planner at a time per data folder: a QLockFile held while the app runs.

A second start finds the lock held and stops before it opens the database. A lock left behind
by a process that crashed names a process that no longer runs; QLockFile recognises it as stale
and takes it over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from planner import APP_NAME

LOCK_FILE = "planner.lock"


class AlreadyRunning(Exception):
    """Another process holds the data folder; the message says so in plain words."""


def lock_data_dir(data_dir: Path) -> QLockFile:
    """Hold `data_dir` for this process until the returned lock is unlocked or freed (the folder
    must exist). Raises AlreadyRunning when another running process holds it."""
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # never by age: only a lock whose process is gone is stale
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, host, _app = lock.getLockInfo()  # PySide6 returns the three values
        where = f"process {pid}" + (f" on {host}" if host else "")
        raise AlreadyRunning(
            f"{APP_NAME} is already open with this data ({where}). Switch to that window; "
            "two copies at once could overwrite each other's changes."
        )
    raise AlreadyRunning(f"The data folder {data_dir} cannot be locked for {APP_NAME}: it may be read-only.")
