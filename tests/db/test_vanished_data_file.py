"""A data file deleted or replaced while the app has it open, and one missing at start-up.

Proved here:

- deleting the data file (or its write-ahead log) while the app runs makes the next save fail
  with DataFileMissing before anything is written, and every save after it too; no empty file
  is created in its place; what was saved before can still be read;
- a file put in its place (a copy, another version) is noticed the same way and left untouched;
- a copy saved elsewhere and a backup hold what the app still reads from the deleted file;
- restoring a backup after that makes saves work again, keeping a file that took the data
  file's place under another name;
- at start-up, a missing data file beside a good backup counts as damaged (nothing is created,
  the newest good backup is offered, starting afresh works); a brand-new install, or one whose
  backups are all unusable, just starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db.backup import MISSING
from planner.db.database import DamagedDatabase, Database, DataFileMissing, StorageError, recover_damaged
from planner.plans.service import list_plans, rename_plan
from planner.startup import open_synced_database
from tests.db.journey.journey_plans import new_plan

PLAN = "Knee, March"


def names(db: Database) -> list[str]:
    return [plan.name for plan in list_plans(db)]


def names_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name")]


@pytest.fixture
def saved(db: Database) -> Iterator[Database]:
    """An open database holding one plan."""
    new_plan(db, PLAN)
    yield db


def test_a_save_after_the_data_file_was_deleted_is_refused_and_nothing_takes_its_place(
    saved: Database,
) -> None:
    saved.path.unlink()

    with pytest.raises(DataFileMissing) as raised:
        new_plan(saved, "Knee, May")
    assert "deleted or replaced while the app was open" in str(raised.value)
    assert isinstance(raised.value, StorageError)  # the window's "Not saved" path shows it
    with pytest.raises(DataFileMissing):
        rename_plan(saved, list_plans(saved)[0].id, "Knee, April")
    assert not saved.path.exists()  # no empty database created behind the person's back
    assert names(saved) == [PLAN]  # what was saved can still be read


def test_a_replaced_data_file_is_noticed_and_left_as_it_is(saved: Database, tmp_path: Path) -> None:
    replacement = tmp_path / "other.sqlite3"
    shutil.copy(saved.path, replacement)
    os.replace(replacement, saved.path)
    before = saved.path.read_bytes()

    with pytest.raises(DataFileMissing):
        new_plan(saved, "Knee, May")
    assert saved.path.read_bytes() == before


def test_a_deleted_write_ahead_log_is_noticed(saved: Database) -> None:
    new_plan(saved, "Knee, May")  # the connection holds the log open
    log = saved.path.with_name(saved.path.name + "-wal")
    assert log.exists()
    log.unlink()

    with pytest.raises(DataFileMissing):
        new_plan(saved, "Knee, June")


def test_an_engine_closed_and_opened_again_is_not_mistaken_for_a_deleted_log(saved: Database) -> None:
    saved.engine.dispose()  # the last connection removes the log
    new_plan(saved, "Knee, May")
    saved.engine.dispose()
    new_plan(saved, "Knee, June")
    assert names(saved) == ["Knee, June", PLAN, "Knee, May"]


def test_a_copy_and_a_backup_keep_what_the_deleted_file_held(saved: Database, tmp_path: Path) -> None:
    saved.path.unlink()
    with pytest.raises(DataFileMissing):
        new_plan(saved, "Knee, May")

    copy = tmp_path / "elsewhere" / "rescued.sqlite3"
    copy.parent.mkdir()
    saved.save_copy(copy)
    assert names_in(copy) == [PLAN]
    assert oct(copy.stat().st_mode & 0o777) == oct(0o600)
    backup = saved.back_up("by-you")
    assert names_in(backup) == [PLAN]
    assert not saved.path.exists()


def test_restoring_a_backup_after_the_file_was_replaced_makes_saves_work_again(
    saved: Database, tmp_path: Path
) -> None:
    good = saved.back_up("by-you")
    new_plan(saved, "Knee, May")
    replacement = tmp_path / "other.sqlite3"
    replacement.write_bytes(b"someone else's file")
    os.replace(replacement, saved.path)
    with pytest.raises(DataFileMissing):
        new_plan(saved, "Knee, June")

    before_restore = saved.restore(good)

    assert names_in(before_restore) == [PLAN, "Knee, May"]  # what the app still held is kept
    [kept] = saved.data_dir.glob("planner-replaced-*.sqlite3")
    assert kept.read_bytes() == b"someone else's file"
    assert not saved.gone
    new_plan(saved, "Knee, June")
    assert names(saved) == ["Knee, June", PLAN]
    saved.close()
    assert names_in(saved.path) == ["Knee, June", PLAN]


# --- at start-up -------------------------------------------------------------------------------
@pytest.fixture
def folder_with_backup(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    """A closed data folder holding one plan and a backup of it."""
    folder = tmp_path / "data"
    db = fresh_database(folder)
    new_plan(db, PLAN)
    db.back_up("by-you")
    db.close()
    return folder


def test_a_missing_data_file_beside_a_good_backup_counts_as_damaged(folder_with_backup: Path) -> None:
    database = folder_with_backup / DATABASE_FILE
    database.unlink()

    with pytest.raises(DamagedDatabase) as raised:
        open_synced_database(folder_with_backup)
    damaged = raised.value
    assert damaged.missing and damaged.problem == MISSING
    assert not database.exists()  # nothing created
    backup = damaged.newest_good_backup()
    assert backup is not None and backup.plans == (PLAN,)

    assert recover_damaged(damaged, backup) is None  # nothing to move aside
    db = open_synced_database(folder_with_backup)
    try:
        assert names(db) == [PLAN]
    finally:
        db.close()


def test_starting_afresh_without_the_missing_file_then_opens_an_empty_database(
    folder_with_backup: Path,
) -> None:
    (folder_with_backup / DATABASE_FILE).unlink()
    with pytest.raises(DamagedDatabase) as raised:
        open_synced_database(folder_with_backup)
    assert recover_damaged(raised.value, None) is None
    db = open_synced_database(folder_with_backup)
    try:
        assert names(db) == []
    finally:
        db.close()


def test_a_brand_new_install_and_unusable_backups_just_start(tmp_path: Path) -> None:
    db = open_synced_database(tmp_path / "new")
    try:
        assert names(db) == []
    finally:
        db.close()

    folder = tmp_path / "old"
    (folder / BACKUP_DIR).mkdir(parents=True)
    (folder / BACKUP_DIR / "planner-20260101-100000-000000-by-you.sqlite3").write_bytes(b"x" * 4096)
    db = open_synced_database(folder)
    try:
        assert names(db) == []
    finally:
        db.close()
