"""Protecting, changing and removing the passphrase, and restoring, when the disk or a file in the
data folder works against it: a backup that cannot be rewritten (a full disk), a data file that is
a symbolic link to another folder, a folder where the restore's working copy goes. Each is done
whole, or refused with a plain message, and nothing is left readable that was said encrypted."""

from __future__ import annotations

import errno
import os
from contextlib import closing
from pathlib import Path

import pytest

from planner.core.paths import DATABASE_FILE
from planner.db import database
from planner.db.cipher import SQLITE_HEADER, Key, looks_encrypted, unlock_key
from planner.db.database import Database, RestoreError
from planner.db.rekey import RESTORING_SUFFIX
from planner.plans.service import list_plans
from planner.protection.service import backups_left_text, change_passphrase, protect_data, remove_protection
from planner.startup import open_synced_database
from tests.db.journey.journey_plans import new_plan

PASSPHRASE = "correct horse battery"
NAME = "Zebulon Quillfeather"


def plain(path: Path) -> bool:
    return path.read_bytes().startswith(SQLITE_HEADER)


def full_disk_for(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    """Rewriting `victim` fails as on a full disk; every other file is rewritten as usual."""
    rewrite = database.rekey_file

    def rekey_file(path: Path, old: Key | None, new: Key | None) -> None:
        if path == victim:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        rewrite(path, old, new)

    monkeypatch.setattr(database, "rekey_file", rekey_file)


@pytest.fixture
def with_backups(db: Database) -> Database:
    new_plan(db, NAME)
    db.back_up("by-you")
    db.back_up("by-you")
    return db


def test_a_backup_a_full_disk_kept_plain_is_named_and_encrypted_at_the_next_change(
    with_backups: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = with_backups
    victim = db.backups()[-1].path
    with monkeypatch.context() as patch:
        full_disk_for(patch, victim)
        left = protect_data(db, PASSPHRASE)

    assert left == [f"{victim.name} (the disk is full)"]
    warning = backups_left_text(left, protected=True)
    assert warning is not None and victim.name in warning and "change the passphrase" in warning
    assert plain(victim)  # left as it was, and said so: never claimed encrypted
    assert all(looks_encrypted(b.path) for b in db.backups() if b.path != victim)

    assert change_passphrase(db, PASSPHRASE, PASSPHRASE) == []  # the same one, once there is room
    assert not plain(victim)
    assert unlock_key(victim, PASSPHRASE) is not None
    assert backups_left_text([], protected=True) is None


def test_a_backup_left_encrypted_when_the_protection_is_removed_is_named(
    with_backups: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = with_backups
    protect_data(db, PASSPHRASE)
    victim = db.backups()[0].path
    full_disk_for(monkeypatch, victim)

    left = remove_protection(db, PASSPHRASE)

    assert [line.split(" ")[0] for line in left] == [victim.name]
    assert looks_encrypted(victim) and plain(db.path)
    warning = backups_left_text(left, protected=False)
    assert warning is not None and "with the passphrase it was written with" in warning


def test_junk_named_like_backups_is_named_and_left_and_the_rest_is_rewritten(with_backups: Database) -> None:
    db = with_backups
    protect_data(db, PASSPHRASE)
    folder = db.backups()[0].path.parent
    noise = folder / "planner-20200101-000000-000000-by-you.sqlite3"
    noise.write_bytes(os.urandom(4 * 4096))

    left = change_passphrase(db, PASSPHRASE, "another good passphrase")

    assert left == [f"{noise.name} (it is protected with another passphrase, or it is damaged)"]
    rewritten = [b.path for b in db.backups() if b.path != noise]
    assert rewritten and all(unlock_key(path, "another good passphrase") for path in rewritten)


def test_a_data_file_linked_from_another_folder_is_encrypted_where_it_lies(
    with_backups: Database, tmp_path: Path
) -> None:
    db = with_backups
    data_dir = db.data_dir
    db.close()
    elsewhere = tmp_path / "synced" / DATABASE_FILE
    elsewhere.parent.mkdir()
    os.replace(data_dir / DATABASE_FILE, elsewhere)
    (data_dir / DATABASE_FILE).symlink_to(elsewhere)

    with closing(open_synced_database(data_dir)) as linked:
        protect_data(linked, PASSPHRASE)
        new_plan(linked, "Saved after protecting")

    assert (data_dir / DATABASE_FILE).is_symlink()
    assert not plain(elsewhere) and NAME.encode() not in elsewhere.read_bytes()
    key = unlock_key(elsewhere, PASSPHRASE)
    with closing(open_synced_database(data_dir, key=key)) as reopened:
        assert {NAME, "Saved after protecting"} <= {plan.name for plan in list_plans(reopened)}


def test_a_folder_where_the_restore_writes_its_copy_refuses_the_restore_plainly(
    with_backups: Database, tmp_path: Path
) -> None:
    db = with_backups
    outside = db.back_up_to(tmp_path)  # plain: restoring it into protected data converts it
    protect_data(db, PASSPHRASE)
    new_plan(db, "Made after the backup")
    (db.path.with_name(db.path.name + RESTORING_SUFFIX)).mkdir()

    with pytest.raises(RestoreError, match="it is a folder, not a file") as refused:
        db.restore(outside)

    assert "nothing was changed" in str(refused.value)
    assert "Made after the backup" in [plan.name for plan in list_plans(db)]
    new_plan(db, "Saved after the refusal")  # the app goes on working
    assert "Saved after the refusal" in [plan.name for plan in list_plans(db)]
