"""The lock file is owner-only like every other file the app writes, from the moment it exists."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.platform import instance_lock
from planner.platform.instance_lock import LOCK_FILE, lock_data_dir


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that lets everyone read new files, as on many systems."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_lock_file_is_owner_only_and_the_umask_is_left_as_it_was(
    tmp_path: Path, open_umask: None
) -> None:
    lock = lock_data_dir(tmp_path)
    try:
        assert mode(tmp_path / LOCK_FILE) == 0o600
        assert os.umask(0o022) == 0o022  # the process's umask is back as it was
    finally:
        lock.unlock()


def test_the_lock_file_is_created_owner_only_not_tightened_after(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even where a mode cannot be changed after the fact, nobody else could read it at any moment."""
    monkeypatch.setattr(instance_lock.os, "chmod", lambda *_args, **_kwargs: None)
    lock = lock_data_dir(tmp_path)
    try:
        assert mode(tmp_path / LOCK_FILE) == 0o600
    finally:
        lock.unlock()


def test_a_stale_lock_file_readable_by_all_is_taken_over_owner_only(tmp_path: Path, open_umask: None) -> None:
    stale = tmp_path / LOCK_FILE
    stale.write_bytes(b"")  # names no process: a crash while writing it
    stale.chmod(0o644)
    lock = lock_data_dir(tmp_path)
    try:
        assert lock.isLocked() and mode(stale) == 0o600
    finally:
        lock.unlock()
