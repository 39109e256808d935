"""One Patient Journey Planner at a time per data folder: a QLockFile held while the app runs.

A second start finds the lock held and stops before it opens the database. A lock left behind
by a process that crashed names a process that no longer runs; QLockFile recognises it as stale
and takes it over. A lock file that names no process at all (empty or garbage, as a crash while
writing it or another program can leave it) is stale too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
from pathlib import Path

from PySide6.QtCore import QLockFile

from planner import APP_NAME
from planner.datadir import PRIVATE_FILE_MODE

LOCK_FILE = "planner.lock"
UNREADABLE_GRACE_S = 0.2
"""How long a lock file that names no process may stay so before it is taken over: another copy
creates the file and then writes its process into it, in far less."""


class AlreadyRunning(Exception):
    """Another process holds the data folder; the message says so in plain words."""


class LockError(Exception):
    """The lock file cannot be written (a full disk, a read-only folder); the message says why."""


def lock_data_dir(data_dir: Path) -> QLockFile:
    """Hold `data_dir` for this process until the returned lock is unlocked or freed (the folder
    must exist); the lock file is owner-only. Raises AlreadyRunning when another running process
    holds it, LockError when the lock file cannot be written."""
    lock = QLockFile(str(data_dir / LOCK_FILE))
    lock.setStaleLockTime(0)  # never by age: only a lock whose process is gone is stale
    # Created owner-only from the start (not readable by others even for a moment), whatever the
    # umask; the umask is the process's, so it is put back at once.
    umask = os.umask(0o077)
    try:
        if not lock.tryLock(0) and _names_no_process(lock):
            lock.removeStaleLockFile()
            lock.tryLock(0)
    finally:
        os.umask(umask)
    if lock.isLocked():
        _make_private(data_dir / LOCK_FILE)
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, host, _app = lock.getLockInfo()  # PySide6 returns the three values
        where = f"process {pid}" + (f" on {host}" if host else "")
        raise AlreadyRunning(
            f"{APP_NAME} is already open with this data ({where}). Switch to that window; "
            "two copies at once could overwrite each other's changes."
        )
    raise LockError(f"The data folder {data_dir} cannot be locked for {APP_NAME}: {_why(data_dir)}.")


def _make_private(path: Path) -> None:
    """Tighten the lock file to owner-only if it is not (a file left by another program that
    QLockFile took over in place); the lock holds all the same if that fails: it only names this
    process."""
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE_MODE:
            os.chmod(path, PRIVATE_FILE_MODE)


def _names_no_process(lock: QLockFile) -> bool:
    """Whether the held lock names no process, even after a moment for its writer to finish."""
    if lock.error() != QLockFile.LockError.LockFailedError:
        return False
    deadline = time.monotonic() + UNREADABLE_GRACE_S
    while True:
        pid, _host, _app = lock.getLockInfo()  # pid 0 when the file cannot be parsed
        if pid or time.monotonic() > deadline:
            return not pid
        time.sleep(0.02)


def _why(data_dir: Path) -> str:
    try:
        if shutil.disk_usage(data_dir).free == 0:
            return "the disk is full. Free some space on it and try again"
    except OSError:
        pass
    if not os.access(data_dir, os.W_OK):
        return "it is read-only"
    return "the lock file could not be written. Check the disk and try again"
