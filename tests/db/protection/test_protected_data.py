"""A data folder protected with a passphrase: everything at rest is encrypted, it is never taken
for damage, and its passphrase can be changed and removed. Damage found once it is unlocked, and
its recovery: test_damaged_protected_data.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.budget.rules import ExpenseDraft
from planner.budget.service import list_expenses, save_expense
from planner.clinics.service import list_clinics, save_notes
from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db.cipher import SQLITE_HEADER, WrongPassphrase, looks_encrypted, unlock_key
from planner.db.database import Database, DataLocked, RestoreError
from planner.db.rekey import REKEY_SUFFIX
from planner.plans.service import list_plans
from planner.protection.service import (
    AlreadyProtected,
    PassphraseRefused,
    change_passphrase,
    passphrase_opens,
    protect_data,
    remove_protection,
)
from planner.startup import open_synced_database
from tests.db.journey.journey_plans import new_plan

PASSPHRASE = "correct horse battery"
NAME = "Zebulon Quillfeather"
NOTE = "무릎 연골 줄기세포 상담 메모"
AMOUNT = "98765.43"
TODAY = date(2026, 11, 20)


def unlocked(data_dir: Path, passphrase: str = PASSPHRASE) -> Database:
    return open_synced_database(data_dir, key=unlock_key(data_dir / DATABASE_FILE, passphrase))


def write_secrets(db: Database, name: str = NAME) -> None:
    plan = new_plan(db, name)
    clinic = list_clinics(db)[0]
    save_notes(db, clinic.id, NOTE, None)
    draft = ExpenseDraft(
        label="Flights",
        category="travel",
        step_id=None,
        planned=AMOUNT,
        actual="",
        currency="USD",
        paid_on=None,
        note="",
    )
    save_expense(db, plan, draft, today=TODAY)


def every_file(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def secrets_in(path: Path) -> list[str]:
    data = path.read_bytes()
    found = [text for text in (NAME, NOTE, AMOUNT) if text.encode("utf-8") in data]
    return found + (["the SQLite header"] if data.startswith(SQLITE_HEADER) else [])


@pytest.fixture
def protected(db: Database) -> Iterator[Database]:
    write_secrets(db)
    db.back_up("by-you")
    protect_data(db, PASSPHRASE)
    yield db


def test_nothing_written_is_readable_in_any_file_of_the_data_folder(protected: Database) -> None:
    write_secrets(protected, f"{NAME} again")  # after protecting too, so the log holds them
    protected.back_up("by-you")
    files = every_file(protected.data_dir)
    assert protected.path.with_name(DATABASE_FILE + "-wal") in files
    assert len([f for f in files if f.parent.name == BACKUP_DIR and f.suffix == ".sqlite3"]) >= 2
    assert {
        str(path.relative_to(protected.data_dir)): secrets_in(path) for path in files if secrets_in(path)
    } == {}


def test_settings_hold_no_health_data(protected: Database) -> None:
    settings = protected.settings_path()
    assert secrets_in(settings) == []


def test_protected_data_without_its_passphrase_is_locked_never_damaged(protected: Database) -> None:
    data_dir, path = protected.data_dir, protected.path
    protected.close()
    before = {p.name: p.read_bytes() for p in every_file(data_dir)}

    with pytest.raises(DataLocked):
        open_synced_database(data_dir)
    with pytest.raises(WrongPassphrase):
        unlock_key(path, "not the passphrase")

    assert {p.name: p.read_bytes() for p in every_file(data_dir)} == before  # nothing moved aside
    reopened = unlocked(data_dir)
    assert NAME in [plan.name for plan in list_plans(reopened)]
    reopened.close()


def test_whole_pages_of_random_bytes_ask_for_a_passphrase_and_are_left_where_they_are(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / DATABASE_FILE
    path.write_bytes(os.urandom(8 * 4096))
    assert looks_encrypted(path)
    with pytest.raises(DataLocked):
        open_synced_database(data_dir)
    assert [p.name for p in data_dir.iterdir()] == [DATABASE_FILE]


def test_a_new_passphrase_opens_the_data_and_every_backup_and_the_old_one_no_longer_does(
    protected: Database,
) -> None:
    change_passphrase(protected, PASSPHRASE, "a brand new passphrase")
    data_dir, path = protected.data_dir, protected.path
    assert [backup.plans is not None and NAME in backup.plans for backup in protected.backups()] == [
        True
    ] * len(protected.backups())
    protected.close()

    with pytest.raises(WrongPassphrase):
        unlock_key(path, PASSPHRASE)
    for backup in (data_dir / BACKUP_DIR).glob("*.sqlite3"):
        with pytest.raises(WrongPassphrase):
            unlock_key(backup, PASSPHRASE)
        unlock_key(backup, "a brand new passphrase")
    with closing(unlocked(data_dir, "a brand new passphrase")) as reopened:
        assert NAME in [plan.name for plan in list_plans(reopened)]


def test_any_file_opens_in_another_sqlcipher_program_with_the_passphrase_alone(protected: Database) -> None:
    backup = protected.back_up("by-you")
    with closing(sqlite3.connect(backup)) as other:
        other.execute("PRAGMA key = 'correct horse battery'")
        assert (NAME,) in other.execute("SELECT name FROM plan").fetchall()


def test_removing_protection_writes_the_data_and_its_backups_plain_again(protected: Database) -> None:
    remove_protection(protected, PASSPHRASE)
    assert not protected.protected
    write_secrets(protected, f"{NAME} again")
    assert protected.path.read_bytes().startswith(SQLITE_HEADER)
    for backup in protected.backups():
        assert backup.path.read_bytes().startswith(SQLITE_HEADER)
    data_dir = protected.data_dir
    protected.close()
    with closing(open_synced_database(data_dir)) as reopened:
        assert {NAME, f"{NAME} again"} <= {p.name for p in list_plans(reopened)}


def test_wrong_or_refused_passphrases_change_nothing(protected: Database) -> None:
    before = protected.path.read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(protected, "not it at all", "another good one")
    with pytest.raises(PassphraseRefused):
        change_passphrase(protected, PASSPHRASE, "short")
    with pytest.raises(WrongPassphrase):
        remove_protection(protected, "not it at all")
    with pytest.raises(AlreadyProtected):
        protect_data(protected, "another good one")
    assert protected.path.read_bytes() == before
    assert passphrase_opens(protected, PASSPHRASE)
    assert not passphrase_opens(protected, "not it at all")


def test_an_old_plain_backup_restored_into_protected_data_is_encrypted(db: Database, tmp_path: Path) -> None:
    write_secrets(db)
    outside = db.back_up_to(tmp_path)  # a plain copy on a memory stick, from before protecting
    protect_data(db, PASSPHRASE)
    new_plan(db, "Made after protecting")

    db.restore(outside)

    assert looks_encrypted(db.path) and db.protected
    assert "Made after protecting" not in [plan.name for plan in list_plans(db)]
    assert [expense.planned for expense in list_expenses(db, list_plans(db)[0].id)] == [Decimal(AMOUNT)]
    assert secrets_in(db.path) == []


def test_copies_left_by_a_crash_while_rewriting_are_removed_and_the_data_opens(protected: Database) -> None:
    data_dir, path = protected.data_dir, protected.path
    backup = protected.backups()[0].path
    protected.close()
    leftovers = [file.with_name(file.name + REKEY_SUFFIX) for file in (path, backup)]
    for leftover in leftovers:
        leftover.write_bytes(os.urandom(4096))
    with closing(unlocked(data_dir)) as reopened:
        assert NAME in [plan.name for plan in list_plans(reopened)]
    assert [leftover.exists() for leftover in leftovers] == [False, False]


def test_a_failure_while_swapping_leaves_the_old_file_whole(
    protected: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("planner.db.rekey.os.replace", failing)
    from planner.db.database import StorageError

    with pytest.raises(StorageError, match="the disk is full"):
        remove_protection(protected, PASSPHRASE)
    assert protected.protected and looks_encrypted(protected.path)
    assert not protected.path.with_name(protected.path.name + REKEY_SUFFIX).exists()
    assert NAME in [plan.name for plan in list_plans(protected)]


def test_a_backup_under_an_earlier_passphrase_restores_with_that_passphrase(
    protected: Database, tmp_path: Path
) -> None:
    outside = protected.back_up_to(tmp_path)  # on a memory stick, under the first passphrase
    change_passphrase(protected, PASSPHRASE, "the second passphrase")
    new_plan(protected, "Made after the change")
    assert protected.needs_passphrase(outside)

    with pytest.raises(RestoreError, match="another passphrase"):
        protected.restore(outside)
    with pytest.raises(RestoreError, match="does not open this backup"):
        protected.restore(outside, "the second passphrase")
    assert "Made after the change" in [plan.name for plan in list_plans(protected)]

    protected.restore(outside, PASSPHRASE)

    assert "Made after the change" not in [plan.name for plan in list_plans(protected)]
    data_dir = protected.data_dir
    protected.close()
    with closing(unlocked(data_dir, "the second passphrase")) as reopened:  # the data keeps its own
        assert NAME in [plan.name for plan in list_plans(reopened)]
