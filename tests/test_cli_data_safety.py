"""The `planner` command keeps the data safe when it cannot use it, run as a user would run it.

Proved here:

- while another process holds the data folder's lock, `planner plans` and `planner --smoke`
  exit 6 saying the app is already open, and the data file is not touched (bytes and time);
- a lock left behind by a process that was killed is taken over: `planner plans` then works;
- a damaged data file makes `planner plans` and `planner --smoke` exit 7 with a message, and the
  file stays where it was, byte for byte, with nothing added beside it;
- so does a data file missing beside good backups of it, and no empty one is created;
- so do protected data cut short and protected data missing beside its backups, once `planner
  plans` is given the right passphrase (which is never said to be wrong for damage), and nothing is
  moved, changed or created; without the passphrase it is locked (exit 8), never damaged.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db.backup import backup_database
from planner.db.cipher import PAGE_SIZE, looks_encrypted
from planner.db.database import Database
from planner.exit_codes import EXIT_DAMAGED, EXIT_IN_USE, EXIT_LOCKED, EXIT_OK
from planner.passphrase_input import CURRENT
from planner.platform.instance_lock import LOCK_FILE
from planner.protection.service import protect_data
from planner.startup import open_synced_database
from tests.cli_runner import run
from tests.db.journey.journey_plans import new_plan
from tests.fixed_time import TEST_NOW_ENV

PLAN = "Knee, March"
PASSPHRASE = "correct horse battery"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **TEST_NOW_ENV}
HOLDER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from planner.platform.instance_lock import lock_data_dir\n"
    "lock = lock_data_dir(Path(sys.argv[1]))\n"
    "print('locked', flush=True)\n"
    "time.sleep(300)\n"
)
"""Another copy of the app: holds the data folder's lock until it is killed."""


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]) -> bytes:
    """A closed database holding one plan, built once."""
    folder = tmp_path_factory.mktemp("pristine") / "data"
    db = fresh_database(folder)
    new_plan(db, PLAN)
    db.close()
    return (folder / DATABASE_FILE).read_bytes()


@pytest.fixture
def data(tmp_path: Path, pristine: bytes) -> Path:
    """A data folder with one plan saved and no app running."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    (folder / DATABASE_FILE).write_bytes(pristine)
    (folder / DATABASE_FILE).chmod(0o600)
    return folder


@pytest.fixture
def holder(data: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the data folder's lock; killed at the end if still running."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "locked\n"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def state(path: Path) -> tuple[str, int]:
    """What 'untouched' means for a file: its bytes and its modification time."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_while_the_app_is_open_a_second_start_says_so_and_leaves_the_data_untouched(
    data: Path, holder: subprocess.Popen[str]
) -> None:
    database = data / DATABASE_FILE
    before, files = state(database), listing(data)
    for command in (["plans"], ["--smoke"]):
        result = run("--data-dir", str(data), *command)
        assert result.returncode == EXIT_IN_USE, (command, result.stderr)
        assert "Patient Journey Planner is already open with this data" in result.stderr
        assert f"process {holder.pid}" in result.stderr
        assert result.stdout == ""
    assert state(database) == before
    assert listing(data) == files  # no backup, no -wal, nothing beside it
    assert holder.poll() is None  # the running copy was left alone


def test_a_lock_left_by_a_killed_app_is_taken_over(data: Path, holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert (data / LOCK_FILE).exists()  # the killed process could not remove it

    result = run("plans", "--data-dir", str(data))

    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith(f"{PLAN}\t")
    assert not (data / LOCK_FILE).exists()  # released when the command ended


@pytest.mark.parametrize("command", [["plans"], ["--smoke"]], ids=["plans", "smoke"])
def test_a_damaged_data_file_stops_the_app_and_is_left_where_and_as_it_was(
    data: Path, command: list[str]
) -> None:
    database = data / DATABASE_FILE
    database.write_bytes(os.urandom(64 * 1024 + 100))  # not whole pages: see test_cli_protection.py
    before, files = state(database), listing(data)

    result = run(*command, "--data-dir", str(data))

    assert result.returncode == EXIT_DAMAGED, result.stderr
    assert f"The data file {database} cannot be used: it is not a database file" in result.stderr
    assert "Nothing has been changed" in result.stderr
    assert state(database) == before
    assert listing(data) == files  # not moved aside, no copy, and the lock released


@pytest.mark.parametrize("command", [["plans"], ["--smoke"]], ids=["plans", "smoke"])
def test_a_data_file_missing_beside_its_backups_stops_the_app_and_nothing_is_created(
    data: Path, command: list[str]
) -> None:
    db = open_synced_database(data)
    db.back_up("by-you")
    db.close()
    database = data / DATABASE_FILE
    database.unlink()
    files = listing(data)

    result = run(*command, "--data-dir", str(data))

    assert result.returncode == EXIT_DAMAGED, result.stderr
    assert f"The data file {database} cannot be used: it is missing" in result.stderr
    assert "restore the newest good backup" in result.stderr
    assert not database.exists()  # no empty database in its place
    assert listing(data) == files


@pytest.fixture(scope="module")
def protected_pristine(
    tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]
) -> dict[str, bytes]:
    """A closed protected database holding one plan, and two backups of it, built once."""
    folder = tmp_path_factory.mktemp("protected") / "data"
    db = fresh_database(folder)
    new_plan(db, PLAN)
    protect_data(db, PASSPHRASE)
    for reason in ("start-up", "by-you"):
        backup_database(db.path, reason, key=db.key)
    db.close()
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.sqlite3")}


@pytest.fixture
def protected(tmp_path: Path, protected_pristine: dict[str, bytes]) -> Path:
    """A protected data folder with one plan and two backups, and no app running."""
    folder = tmp_path / "data"
    (folder / BACKUP_DIR).mkdir(mode=0o700, parents=True)
    folder.chmod(0o700)
    for name, content in protected_pristine.items():
        (folder / name).write_bytes(content)
        (folder / name).chmod(0o600)
    return folder


def cut_to_whole_pages(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2 // PAGE_SIZE * PAGE_SIZE)


@pytest.mark.parametrize(
    ("harm", "problem"),
    [(cut_to_whole_pages, "it is damaged"), (Path.unlink, "it is missing")],
    ids=["cut short", "missing"],
)
def test_damaged_protected_data_stops_the_app_once_unlocked_and_nothing_is_changed(
    protected: Path, monkeypatch: pytest.MonkeyPatch, harm: Callable[[Path], None], problem: str
) -> None:
    # `planner plans`, not --smoke: the window asks for the passphrase in a dialog of its own.
    database = protected / DATABASE_FILE
    harm(database)
    files = {str(p.relative_to(protected)): state(p) for p in protected.rglob("*") if p.is_file()}

    locked = run("plans", "--data-dir", str(protected))
    monkeypatch.setenv(CURRENT, PASSPHRASE)
    damaged = run("plans", "--data-dir", str(protected))

    assert locked.returncode == EXIT_LOCKED, locked.stderr
    assert damaged.returncode == EXIT_DAMAGED, damaged.stderr
    assert f"The data file {database} cannot be used: {problem}" in damaged.stderr
    assert "Nothing has been changed" in damaged.stderr
    assert damaged.stdout == ""
    assert {str(p.relative_to(protected)): state(p) for p in protected.rglob("*") if p.is_file()} == files
    assert all(looks_encrypted(p) for p in (protected / BACKUP_DIR).glob("*.sqlite3"))
