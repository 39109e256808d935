"""Backups, damaged data files, restoring and failed saves, as a person would meet them.

Proved here:

- a backup is a real, sound SQLite database holding the saved plans, even when it is taken while
  another connection is half-way through a write; it is owner-only in an owner-only folder;
- the app backs up at start-up only when the data changed since the last backup, and before an
  import, a delete and a restore, each backup holding the plans from just before;
- the backups list names the plans inside each backup and marks one that cannot be read;
- thinning deletes exactly what the schedule drops, and nothing that is not a backup;
- a damaged data file (not a database, cut short, a page overwritten, emptied) stops the app
  with DamagedDatabase and is left byte for byte as it was; recovering moves it aside under a
  new name, never over an earlier one, and brings back the newest good backup or starts afresh;
- restoring replaces the data and keeps what was there before; a damaged backup, or one from a
  newer version, is refused with nothing changed; one from an older version is brought up to date;
- a save that fails because the disk is full, the file is read-only or another program holds it
  raises StorageError with nothing written; other database errors are not disguised as such.

The same damages on protected data: tests/db/protection/test_damaged_protected_data.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import OperationalError
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.budget.rules import ExpenseDraft
from planner.budget.service import list_expenses, save_expense
from planner.catalogue.files import catalogue_fingerprint
from planner.catalogue.meta_store import FINGERPRINT_KEY
from planner.core.clock import local_now
from planner.core.dates import backup_stamp
from planner.core.paths import BACKUP_DIR, DATABASE_FILE, catalogue_dir
from planner.db import migrate
from planner.db.backup import (
    BackupInfo,
    backup_database,
    database_problem,
    list_backups,
    thin_backups,
)
from planner.db.backup_schedule import backups_to_keep
from planner.db.database import DamagedDatabase, Database, RestoreError, StorageError, recover_damaged
from planner.db.models import AppMeta
from planner.journey.trip_details_service import load_details
from planner.planfile.service import NameClash, OnClash, export_plan, import_plan, read_plan_file
from planner.plans.service import delete_plan, list_plans, rename_plan
from planner.startup import open_synced_database
from tests.db.journey.journey_plans import new_plan
from tests.db.migration_steps import step_back
from tests.sql_dump import sql_lines

PLANS = ("Hip, June", "Knee, March")
"""The plans in the saved data every test starts from, in name order."""
NOW = datetime(2026, 11, 1, 12, 30)
BACKUP_NAME = re.compile(r"planner-\d{8}-\d{6}-\d{6}-(?P<reason>[a-z-]+)\.sqlite3")
TODAY = date(2026, 11, 1)


# --- the saved data every test starts from ----------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]) -> bytes:
    """The bytes of a closed database holding PLANS, built once: opening a copy skips the
    catalogue sync, which keeps these tests quick."""
    folder = tmp_path_factory.mktemp("pristine") / "data"
    db = fresh_database(folder)
    for name in PLANS:
        new_plan(db, name)
    db.close()
    assert not (folder / f"{DATABASE_FILE}-wal").exists()  # one self-contained file
    return (folder / DATABASE_FILE).read_bytes()


@pytest.fixture
def saved(data_dir: Path, pristine: bytes) -> Path:
    """The data folder with PLANS saved and the app closed; the database's path."""
    return place(data_dir, pristine)


@pytest.fixture
def opened(saved: Path) -> Iterator[Database]:
    db = open_synced_database(saved.parent)
    yield db
    db.close()


def place(data_dir: Path, content: bytes) -> Path:
    data_dir.mkdir(mode=0o700, parents=True)
    path = data_dir / DATABASE_FILE
    path.write_bytes(content)
    path.chmod(0o600)
    return path


# --- helpers -----------------------------------------------------------------------------------


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file (nor create -wal or -shm files beside it). It
    ignores any -wal file: use it on backups and closed databases only."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)


def plans_in(path: Path) -> tuple[str, ...]:
    with closing(read_only(path)) as connection:
        return tuple(name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name"))


def integrity(path: Path) -> list[tuple[Any, ...]]:
    with closing(read_only(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


def plan_names(db: Database) -> tuple[str, ...]:
    return tuple(plan.name for plan in list_plans(db))


def plan_id(db: Database, name: str) -> int:
    return next(plan.id for plan in list_plans(db) if plan.name == name)


def dump(path: Path) -> list[str]:
    """Every table's rows, as SQL: what 'unchanged' means for the person's data."""
    with closing(sqlite3.connect(path)) as connection:
        return sql_lines(connection)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def by_reason(database: Path, reason: str) -> list[BackupInfo]:
    return [b for b in list_backups(database) if b.reason == reason]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def craft_backups(database: Path, taken: list[datetime]) -> None:
    """Files named as backups taken at `taken` (the thinning only reads their names)."""
    folder = database.parent / BACKUP_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for moment in taken:
        (folder / f"{database.stem}-{backup_stamp(moment)}-by-you.sqlite3").touch()


def stamps_left(database: Path) -> set[datetime]:
    return {b.taken_at for b in list_backups(database)}


# --- backups are sound copies --------------------------------------------------------------------


def test_a_backup_taken_while_another_program_is_writing_is_a_sound_copy_of_the_saved_plans(
    opened: Database,
) -> None:
    with closing(sqlite3.connect(opened.path, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE plan SET name = 'Half-typed' WHERE name = 'Knee, March'")
        writer.execute("UPDATE plan SET name = 'Half-typed too' WHERE name = 'Hip, June'")
        backup = opened.back_up("by-you")
        writer.execute("COMMIT")
    assert integrity(backup) == [("ok",)]
    assert plans_in(backup) == PLANS
    with closing(read_only(backup)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file, no -wal
    assert not Path(f"{backup}-wal").exists()
    assert plan_names(opened) == ("Half-typed", "Half-typed too")


def test_a_backup_taken_while_the_app_is_half_way_through_a_save_holds_the_saved_plans(
    opened: Database,
) -> None:
    with opened.transaction() as session:
        session.execute(text("UPDATE plan SET name = 'Not saved yet' WHERE name = 'Hip, June'"))
        backup = opened.back_up("by-you")
    assert integrity(backup) == [("ok",)]
    assert plans_in(backup) == PLANS


def test_a_plan_saved_a_moment_ago_is_in_the_backup(opened: Database) -> None:
    new_plan(opened, "Knee, April")
    assert Path(f"{opened.path}-wal").exists()  # the new plan is still only in the write-ahead log
    assert plans_in(opened.back_up("by-you")) == ("Hip, June", "Knee, April", "Knee, March")


def test_backups_are_owner_only_and_named_with_the_time_and_reason(opened: Database) -> None:
    backup = opened.back_up("by-you")
    assert backup.parent == opened.data_dir / BACKUP_DIR
    match = BACKUP_NAME.fullmatch(backup.name)
    assert match is not None and match["reason"] == "by-you"
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700


# --- when the app backs up by itself -----------------------------------------------------------


def test_opening_and_closing_twice_without_changes_takes_one_start_up_backup(saved: Path) -> None:
    first = open_synced_database(saved.parent)
    first.close()
    second = open_synced_database(saved.parent)
    second.close()
    assert first.startup_backup is not None
    assert second.startup_backup is None
    assert len(by_reason(saved, "start-up")) == 1


def test_a_start_after_a_plan_changed_takes_a_backup_holding_the_change(saved: Path) -> None:
    first = open_synced_database(saved.parent)
    assert first.startup_backup is not None and plans_in(first.startup_backup) == PLANS
    rename_plan(first, plan_id(first, "Hip, June"), "Hip, July")
    first.close()
    second = open_synced_database(saved.parent)
    second.close()
    assert second.startup_backup is not None
    assert plans_in(second.startup_backup) == ("Hip, July", "Knee, March")


def test_when_no_start_up_backup_can_be_made_the_app_still_opens_and_says_why(saved: Path) -> None:
    (saved.parent / BACKUP_DIR).write_text("not a folder")
    db = open_synced_database(saved.parent)
    try:
        assert db.startup_backup is None and db.startup_backup_problem
        assert plan_names(db) == PLANS
    finally:
        db.close()


def test_importing_a_plan_backs_up_first_but_a_name_clash_backs_up_nothing(opened: Database) -> None:
    file = read_plan_file(opened, export_plan(opened, plan_id(opened, "Knee, March")))
    with pytest.raises(NameClash):
        import_plan(opened, file)
    assert by_reason(opened.path, "before-import") == []

    import_plan(opened, file, OnClash.RENAME)
    [backup] = by_reason(opened.path, "before-import")
    assert backup.plans == PLANS
    assert len(plan_names(opened)) == 3


def test_a_deleted_plan_is_kept_in_the_before_delete_backup(opened: Database) -> None:
    delete_plan(opened, plan_id(opened, "Hip, June"))
    assert plan_names(opened) == ("Knee, March",)
    [backup] = by_reason(opened.path, "before-delete")
    assert backup.plans == PLANS
    assert backup.reason_text == "Before deleting a plan"


def test_a_plan_is_not_deleted_when_no_backup_can_be_made_first(opened: Database) -> None:
    folder = opened.data_dir / BACKUP_DIR
    for backup in folder.iterdir():
        backup.unlink()
    folder.rmdir()
    folder.write_text("not a folder")
    with pytest.raises(StorageError, match="backup could not be made first, so nothing was changed"):
        delete_plan(opened, plan_id(opened, "Hip, June"))
    assert plan_names(opened) == PLANS


# --- the backups list -----------------------------------------------------------------------------


def test_the_backups_list_shows_the_plans_inside_newest_first_and_marks_an_unreadable_one(
    opened: Database,
) -> None:
    new_plan(opened, "Knee, April")
    by_you = opened.back_up("by-you")
    folder = by_you.parent
    later = backup_stamp(local_now() + timedelta(minutes=1))
    (folder / f"planner-{later}-by-you.sqlite3").write_bytes(os.urandom(2048))
    for stray in ("notes.txt", "planner-copy.sqlite3", f"planner-old-{later}-by-you.sqlite3"):
        (folder / stray).write_bytes(b"")

    listed = opened.backups()
    assert [(b.reason, b.plans) for b in listed] == [
        ("by-you", None),
        ("by-you", ("Hip, June", "Knee, April", "Knee, March")),
        ("start-up", PLANS),
    ]
    assert [b.readable for b in listed] == [False, True, True]
    assert [b.reason_text for b in listed] == ["Backed up by you", "Backed up by you", "At start-up"]
    assert listed[1].path == by_you and listed[1].size == by_you.stat().st_size
    assert listed[0].taken_at > listed[1].taken_at > listed[2].taken_at


# --- thinning ------------------------------------------------------------------------------------


def test_thinning_deletes_exactly_the_backups_the_schedule_drops(tmp_path: Path) -> None:
    database = tmp_path / "data" / DATABASE_FILE
    taken = [NOW - timedelta(hours=11 * n, minutes=n) for n in range(450)]  # over 200 days
    craft_backups(database, taken)
    folder = database.parent / BACKUP_DIR
    strays = ["notes.txt", "planner-copy.sqlite3", "other-20250101-090000-000000-by-you.sqlite3"]
    for stray in strays:
        (folder / stray).write_text("mine")

    removed = thin_backups(database, NOW)

    expected = backups_to_keep(taken, NOW)
    assert stamps_left(database) == expected
    assert len(removed) == len(taken) - len(expected)
    assert not any(path.exists() for path in removed)
    assert all((folder / stray).read_text() == "mine" for stray in strays)


def test_a_new_backup_thins_the_older_ones(saved: Path) -> None:
    taken = [NOW - timedelta(days=n, hours=3) for n in range(1, 300, 2)]
    craft_backups(saved, taken)
    new = backup_database(saved, "by-you", now=NOW)
    assert new.exists() and plans_in(new) == PLANS
    assert stamps_left(saved) == backups_to_keep([*taken, NOW], NOW)
    assert len(stamps_left(saved)) < len(taken) // 4


# --- damaged data files ----------------------------------------------------------------------------


def random_bytes(path: Path) -> None:
    """Another file written over it. (Whole pages of random bytes would read as encrypted data,
    which asks for the passphrase instead: see test_protected_data.py.)"""
    path.write_bytes(os.urandom(path.stat().st_size + 100))


def cut_to_half(path: Path) -> None:
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size // 2)


def zero_root_page(path: Path, name: str) -> None:
    """Overwrite the first page of the table or index `name` with zeros (the file must have no
    -wal holding that page)."""
    with closing(read_only(path)) as connection:
        (page,) = connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (name,)).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    with open(path, "r+b") as file:
        file.seek((page - 1) * size)
        file.write(bytes(size))


def overwrite_a_page(path: Path) -> None:
    """Zero the page of the plans' name index, so `PRAGMA quick_check` reports it."""
    zero_root_page(path, "sqlite_autoindex_plan_1")
    with closing(read_only(path)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]


def empty(path: Path) -> None:
    path.write_bytes(b"")


DAMAGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "random bytes": (random_bytes, "it is not a database file"),
    "cut to half": (cut_to_half, "it is damaged"),
    "a page overwritten": (overwrite_a_page, r"it is damaged \(\*\*\* in database main \*\*\*"),
    "emptied, with backups": (empty, "it is empty"),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_data_file_stops_the_app_and_is_left_exactly_as_it_was(saved: Path, damage: str) -> None:
    backup_database(saved, "by-you")
    harm, problem = DAMAGES[damage]
    harm(saved)
    before = snapshot(saved.parent)

    with pytest.raises(DamagedDatabase, match="Nothing has been changed") as raised:
        open_synced_database(saved.parent)

    assert re.match(problem, raised.value.problem), raised.value.problem
    assert raised.value.path == saved
    assert snapshot(saved.parent) == before  # the file's bytes, its backups, and no new files


def test_a_damaged_data_file_left_with_a_write_ahead_log_by_a_crash_is_left_exactly_as_it_was(
    saved: Path, tmp_path: Path
) -> None:
    crashed = tmp_path / "crashed"
    crashed.mkdir(mode=0o700)
    with closing(sqlite3.connect(saved, isolation_level=None)) as app:
        app.execute("PRAGMA wal_autocheckpoint = 0")
        app.execute("UPDATE plan SET name = 'Renamed just before the crash' WHERE name = 'Hip, June'")
        for side in ("", "-wal"):  # the files as a power cut would leave them
            (crashed / f"{DATABASE_FILE}{side}").write_bytes(Path(f"{saved}{side}").read_bytes())
    zero_root_page(crashed / DATABASE_FILE, "sqlite_autoindex_condition_1")  # not in the log
    before = snapshot(crashed)

    with pytest.raises(DamagedDatabase, match="Nothing has been changed"):
        open_synced_database(crashed)

    # The file and its log are untouched; reading the log read-only needs SQLite's shared-memory
    # index beside it, which holds no data.
    after = {name: digest for name, digest in snapshot(crashed).items() if not name.endswith("-shm")}
    assert after == before


def test_an_empty_data_file_without_backups_is_a_first_start(data_dir: Path) -> None:
    place(data_dir, b"")
    db = open_synced_database(data_dir)
    try:
        assert plan_names(db) == ()
        assert database_problem(db.path) is None
    finally:
        db.close()


def damaged_error(data_dir: Path) -> DamagedDatabase:
    with pytest.raises(DamagedDatabase) as raised:
        open_synced_database(data_dir)
    return raised.value


def test_recovery_keeps_the_damaged_file_aside_and_brings_back_the_newest_good_backup(saved: Path) -> None:
    good = backup_database(saved, "by-you")
    newer = backup_stamp(local_now() + timedelta(minutes=1))
    (good.parent / f"planner-{newer}-by-you.sqlite3").write_bytes(os.urandom(4096))  # unreadable
    random_bytes(saved)
    sides = {side: os.urandom(100) for side in ("-wal", "-shm")}
    for side, content in sides.items():
        Path(f"{saved}{side}").write_bytes(content)
    damaged_bytes = saved.read_bytes()

    damaged = damaged_error(saved.parent)
    newest = damaged.newest_good_backup()
    assert newest is not None and newest.path == good
    moved = recover_damaged(damaged, newest, now=NOW)

    assert moved == saved.with_name("planner-damaged-20261101-123000.sqlite3")
    assert moved.read_bytes() == damaged_bytes
    for side, content in sides.items():
        assert Path(f"{moved}{side}").read_bytes() == content
    assert mode(saved) == 0o600
    db = open_synced_database(saved.parent)
    try:
        assert plan_names(db) == PLANS
    finally:
        db.close()


def test_recovery_without_a_backup_starts_afresh_and_keeps_the_damaged_file(saved: Path) -> None:
    random_bytes(saved)
    damaged_bytes = saved.read_bytes()
    damaged = damaged_error(saved.parent)
    assert damaged.newest_good_backup() is None

    moved = recover_damaged(damaged, None, now=NOW)

    assert not saved.exists()
    assert moved.read_bytes() == damaged_bytes
    db = open_synced_database(saved.parent)
    try:
        assert plan_names(db) == ()
    finally:
        db.close()
    assert moved.read_bytes() == damaged_bytes


def test_a_second_recovery_in_the_same_second_does_not_overwrite_the_first(saved: Path) -> None:
    random_bytes(saved)
    first_bytes = saved.read_bytes()
    first = recover_damaged(damaged_error(saved.parent), None, now=NOW)
    place_again = os.urandom(8192 + 100)
    saved.write_bytes(place_again)

    second = recover_damaged(damaged_error(saved.parent), None, now=NOW)

    assert first != second
    assert second.name == "planner-damaged-20261101-123000-2.sqlite3"
    assert first.read_bytes() == first_bytes
    assert second.read_bytes() == place_again


# --- restoring a backup ----------------------------------------------------------------------------


def test_restoring_a_backup_brings_back_its_plans_and_keeps_the_data_from_just_before(
    opened: Database,
) -> None:
    chosen = opened.back_up("by-you")
    new_plan(opened, "Knee, April")
    delete_plan(opened, plan_id(opened, "Hip, June"))

    before_restore = opened.restore(chosen)

    assert plan_names(opened) == PLANS
    assert BACKUP_NAME.fullmatch(before_restore.name) is not None
    [kept] = by_reason(opened.path, "before-restore")
    assert kept.path == before_restore
    assert kept.plans == ("Knee, April", "Knee, March")
    new_plan(opened, "Eye, May")  # the restored data can be changed as usual
    assert plan_names(opened) == ("Eye, May", *PLANS)
    assert integrity(opened.path) == [("ok",)]


def junk_backup(db: Database) -> Path:
    path = db.data_dir / BACKUP_DIR / f"planner-{backup_stamp(local_now())}-by-you.sqlite3"
    path.write_bytes(os.urandom(8192))
    return path


def half_backup(db: Database) -> Path:
    path = db.back_up("by-you")
    cut_to_half(path)
    return path


def missing_backup(db: Database) -> Path:
    path = db.back_up("by-you")
    path.unlink()
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (junk_backup, "it is protected with another passphrase, or it is damaged"),
        (half_backup, "it is damaged"),
        (missing_backup, "it no longer exists"),
    ],
    ids=["random bytes", "cut to half", "deleted"],
)
def test_a_damaged_or_missing_backup_is_refused_and_nothing_changes(
    opened: Database, make: Callable[[Database], Path], reason: str
) -> None:
    backup = make(opened)
    before, backups = dump(opened.path), snapshot(opened.data_dir / BACKUP_DIR)
    with pytest.raises(RestoreError, match=f"This backup cannot be restored: {reason}"):
        opened.restore(backup)
    assert dump(opened.path) == before
    assert snapshot(opened.data_dir / BACKUP_DIR) == backups  # not even a before-restore backup
    assert plan_names(opened) == PLANS


def test_a_backup_from_a_newer_version_of_the_app_is_refused_and_nothing_changes(opened: Database) -> None:
    backup = opened.back_up("by-you")
    with closing(sqlite3.connect(backup)) as copy:
        copy.execute("UPDATE alembic_version SET version_num = '9999'")
        copy.commit()
    new_plan(opened, "Knee, April")
    before = dump(opened.path)
    with pytest.raises(RestoreError, match="made by a newer version of Patient Journey Planner"):
        opened.restore(backup)
    assert dump(opened.path) == before
    assert by_reason(opened.path, "before-restore") == []
    assert plan_names(opened) == ("Hip, June", "Knee, April", "Knee, March")


def test_a_backup_from_an_older_version_of_the_app_is_brought_up_to_date(
    opened: Database, pristine: bytes, tmp_path: Path
) -> None:
    older_path = place(tmp_path / "older", pristine)
    older = open_synced_database(older_path.parent)
    step_back(older.engine, "0006")  # before trip details existed
    with older.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE app_meta SET value = 'stale' WHERE key = ?", (FINGERPRINT_KEY,))
    older.close()
    with closing(read_only(older_path)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0006",)]
        assert copy.execute("SELECT name FROM sqlite_schema WHERE name = 'trip_details'").fetchall() == []
    assert plans_in(older_path) == PLANS

    opened.restore(older_path)

    assert migrate.current_revision(opened.engine) == migrate.HEAD_REVISION
    assert plan_names(opened) == PLANS
    details = load_details(opened, plan_id(opened, "Knee, March"))
    assert details == load_details(opened, plan_id(opened, "Hip, June"))
    with opened.transaction() as session:  # the catalogue was synced again
        stored = session.scalars(select(AppMeta).where(AppMeta.key == FINGERPRINT_KEY)).one()
        assert stored.value == catalogue_fingerprint(catalogue_dir())
    assert integrity(opened.path) == [("ok",)]


# --- failed saves -----------------------------------------------------------------------------------


def long_expense() -> ExpenseDraft:
    return ExpenseDraft(
        label="Flights to Seoul",
        category="travel",
        step_id=None,
        planned="1,234.56",
        actual="",
        currency="USD",
        paid_on=None,
        note="Seat 14A, window. " * 556,  # 10,008 characters
    )


def full_disk(connection: Any) -> None:
    """No more pages than the file has now: the next page SQLite needs is 'database or disk is full'."""
    (pages,) = connection.execute("PRAGMA page_count").fetchone()
    connection.execute(f"PRAGMA max_page_count = {pages}")


def read_only_file(connection: Any) -> None:
    connection.execute("PRAGMA query_only = ON")


def no_waiting(connection: Any) -> None:
    connection.execute("PRAGMA busy_timeout = 0")


@pytest.mark.parametrize(
    ("limit", "problem"),
    [
        (full_disk, "the disk is full"),
        (read_only_file, "the data file is read-only"),
        (no_waiting, "another program is using the data file"),
    ],
    ids=["disk full", "read-only", "locked by another program"],
)
def test_a_save_the_disk_or_file_refuses_says_why_and_writes_nothing(
    opened: Database, limit: Callable[[Any], None], problem: str
) -> None:
    knee = plan_id(opened, "Knee, March")

    def limited(connection: Any, _record: Any) -> None:
        limit(connection)

    event.listen(opened.engine, "connect", limited)
    opened.engine.dispose()  # every connection from now on has the limit
    before = dump(opened.path)
    with closing(sqlite3.connect(opened.path, isolation_level=None)) as other:
        if limit is no_waiting:
            other.execute("BEGIN IMMEDIATE")  # another program is writing
        with pytest.raises(StorageError) as raised:
            save_expense(opened, knee, long_expense(), today=TODAY)
        if limit is no_waiting:
            other.execute("ROLLBACK")
    assert str(raised.value).startswith(f"Your change could not be saved: {problem}.")
    assert str(raised.value).endswith("Nothing was changed.")
    assert dump(opened.path) == before

    event.remove(opened.engine, "connect", limited)
    opened.engine.dispose()
    save_expense(opened, knee, long_expense(), today=TODAY)  # with room again, it saves
    assert [e.note for e in list_expenses(opened, knee)] == [long_expense().note.strip()]


def test_an_error_that_is_not_the_disks_is_not_reported_as_a_storage_problem(opened: Database) -> None:
    with pytest.raises(OperationalError, match="no such table") as raised, opened.transaction() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(raised.value, StorageError)
