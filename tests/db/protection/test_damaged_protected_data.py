"""A damaged data file of protected data is found as damage once unlocked with the right
passphrase, never taken for a wrong passphrase, is left exactly as it was, and recovery brings
back the newest good backup, encrypted, as for plain data (see tests/db/test_backups.py).

The damages keep the file's first page, which holds the salt and is checked against the key (a
file cut short, on a page's edge or not, a page overwritten, one byte changed), or leave no file
to unlock at all (emptied, deleted): then the newest backup, encrypted with the same key, is the
one unlocked. Whole pages of noise, which no key opens, ask for the passphrase and are never
taken for damage: see test_protected_data.py.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from planner.core.paths import DATABASE_FILE, PROTECTED_MARK
from planner.db import cipher
from planner.db.backup import backup_database
from planner.db.cipher import PAGE_SIZE, Key, connect, looks_encrypted, unlock_key
from planner.db.database import DamagedDatabase, Database, DataLocked, recover_damaged
from planner.plans.service import list_plans
from planner.protection.service import protect_data, remove_protection
from planner.startup import Unlock, open_data, open_synced_database
from tests.db.journey.journey_plans import new_plan

PASSPHRASE = "correct horse battery"
PLANS = ("Hip, June", "Knee, March")


@pytest.fixture(scope="module")
def pristine(
    tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]
) -> tuple[bytes, Key]:
    """The bytes of a closed database holding PLANS, protected with PASSPHRASE, and its key: built
    and derived once."""
    folder = tmp_path_factory.mktemp("pristine") / "data"
    db = fresh_database(folder)
    for name in PLANS:
        new_plan(db, name)
    protect_data(db, PASSPHRASE)
    key = db.key
    db.close()
    assert key is not None and not (folder / f"{DATABASE_FILE}-wal").exists()
    return (folder / DATABASE_FILE).read_bytes(), key


@pytest.fixture
def saved(data_dir: Path, pristine: tuple[bytes, Key]) -> Path:
    """The data folder with PLANS saved, protected, backed up twice, the app closed: the data file.
    (Without the folder's mark, a deleted or emptied data file is known for protected data by its
    backups' shared salt; see `key_file`.)"""
    content, key = pristine
    data_dir.mkdir(mode=0o700, parents=True)
    path = data_dir / DATABASE_FILE
    path.write_bytes(content)
    path.chmod(0o600)
    for reason in ("start-up", "by-you"):
        backup_database(path, reason, key=key)
    return path


@pytest.fixture
def unlock(monkeypatch: pytest.MonkeyPatch, pristine: tuple[bytes, Key]) -> Unlock:
    """Unlocks as the app does, with `unlock_key` and PASSPHRASE; only the key's derivation (a
    third of a second) is done once for the module, not at every unlock."""
    _content, key = pristine
    derive = cipher.derive_key

    def derived_once(passphrase: str, salt: bytes) -> Key:
        return key if (passphrase, salt) == (PASSPHRASE, key.salt) else derive(passphrase, salt)

    monkeypatch.setattr(cipher, "derive_key", derived_once)
    return lambda path: unlock_key(path, PASSPHRASE)


def root_page(path: Path, key: Key, name: str) -> int:
    with closing(connect(path, key, mode="ro", immutable=True)) as connection:
        (page,) = connection.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (name,)).fetchone()
    assert page > 1
    return int(page)


def cut_to_whole_pages(path: Path, _key: Key) -> None:
    os.truncate(path, path.stat().st_size // 2 // PAGE_SIZE * PAGE_SIZE)


def cut_mid_page(path: Path, _key: Key) -> None:
    os.truncate(path, path.stat().st_size // 2 + 100)


def noise_over_a_page(path: Path, key: Key, name: str = "sqlite_autoindex_plan_1") -> None:
    """Noise over the first page of the table or index `name` (the file must have no log holding
    that page)."""
    with open(path, "r+b") as file:
        file.seek((root_page(path, key, name) - 1) * PAGE_SIZE)
        file.write(os.urandom(PAGE_SIZE))


def one_byte_changed(path: Path, key: Key) -> None:
    """One byte in the middle of the plans' page, as a failing disk might change it."""
    offset = (root_page(path, key, "plan") - 1) * PAGE_SIZE + PAGE_SIZE // 2
    with open(path, "r+b") as file:
        file.seek(offset)
        byte = file.read(1)
        file.seek(offset)
        file.write(bytes([byte[0] ^ 0x01]))


def emptied(path: Path, _key: Key) -> None:
    path.write_bytes(b"")


def deleted(path: Path, _key: Key) -> None:
    path.unlink()


DAMAGES: dict[str, tuple[Callable[[Path, Key], None], str]] = {
    "cut to whole pages": (cut_to_whole_pages, r"it is damaged \(database disk image is malformed\)"),
    "cut mid-page": (cut_mid_page, "it is not a database file"),
    "noise over a page": (noise_over_a_page, "it is damaged"),
    "one byte changed": (one_byte_changed, "it is damaged"),
    "emptied, with backups": (emptied, "it is empty"),
    "deleted, with backups": (deleted, "it is missing"),
}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def recover_newest(damaged: DamagedDatabase) -> str:
    recover_damaged(damaged, damaged.newest_good_backup())
    return "recovered"


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_damage_to_protected_data_is_found_once_unlocked_left_as_it_was_and_recovered_encrypted(
    saved: Path, pristine: tuple[bytes, Key], unlock: Unlock, damage: str
) -> None:
    _content, key = pristine
    harm, problem = DAMAGES[damage]
    harm(saved, key)
    damaged_bytes = saved.read_bytes() if saved.exists() else None
    before = snapshot(saved.parent)

    with pytest.raises(DamagedDatabase, match="Nothing has been changed") as raised:
        open_data(saved.parent, unlock=unlock)  # the right passphrase: never "wrong" for damage

    assert re.match(problem, raised.value.problem), raised.value.problem
    assert raised.value.key == key
    assert snapshot(saved.parent) == before  # the file's bytes, its backup, and no new files
    newest = raised.value.newest_good_backup()
    assert newest is not None and newest.plans == PLANS

    with open_data(saved.parent, recover=recover_newest, unlock=unlock) as data:
        assert data.recovered == "recovered"
        assert data.db.key == key
        assert tuple(plan.name for plan in list_plans(data.db)) == PLANS
    assert looks_encrypted(saved)
    aside = [p for p in saved.parent.glob("planner-damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in aside] == ([] if damaged_bytes is None else [damaged_bytes])


def test_a_damaged_protected_file_left_with_its_log_by_a_crash_is_left_exactly_as_it_was(
    saved: Path, pristine: tuple[bytes, Key], unlock: Unlock, tmp_path: Path
) -> None:
    _content, key = pristine
    crashed = tmp_path / "crashed"
    crashed.mkdir(mode=0o700)
    with closing(connect(saved, key)) as app:
        app.isolation_level = None
        app.execute("PRAGMA journal_mode = WAL")  # as the app's connections have it
        app.execute("PRAGMA wal_autocheckpoint = 0")
        app.execute("UPDATE plan SET name = 'Renamed just before the crash' WHERE name = 'Hip, June'")
        for side in ("", "-wal"):  # the files as a power cut would leave them
            (crashed / f"{DATABASE_FILE}{side}").write_bytes(Path(f"{saved}{side}").read_bytes())
    noise_over_a_page(crashed / DATABASE_FILE, key, "sqlite_autoindex_condition_1")  # not in the log
    before = snapshot(crashed)

    with pytest.raises(DamagedDatabase, match="Nothing has been changed") as raised:
        open_data(crashed, unlock=unlock)

    assert raised.value.key == key
    # Reading the log read-only needs SQLite's shared-memory index beside it, which holds no data.
    after = {name: digest for name, digest in snapshot(crashed).items() if not name.endswith("-shm")}
    assert after == before


def test_a_protected_data_file_deleted_beside_its_backups_is_locked_and_nothing_is_made_in_its_place(
    saved: Path,
) -> None:
    saved.unlink()
    before = snapshot(saved.parent)

    with pytest.raises(DataLocked):
        open_data(saved.parent)  # no passphrase to be had: not a first start, nor damage
    with pytest.raises(DataLocked):
        open_synced_database(saved.parent)

    assert not saved.exists()
    assert snapshot(saved.parent) == before


def test_a_protected_folder_keeps_a_mark_so_a_lost_data_file_beside_one_backup_is_still_locked(
    db: Database, unlock: Unlock
) -> None:
    """Protecting leaves `protected.txt` (no secret in it); with it, even a lone backup is taken
    for the protected data's when the data file is lost. Removing the protection removes it."""
    new_plan(db, "Knee, March")
    protect_data(db, PASSPHRASE)
    mark = db.data_dir / PROTECTED_MARK
    assert mark.exists() and PASSPHRASE.encode() not in mark.read_bytes()
    db.back_up("by-you")
    assert len(db.backups()) == 1
    data_dir, path = db.data_dir, db.path
    db.close()
    path.unlink()

    with pytest.raises(DataLocked):
        open_synced_database(data_dir)
    offered: list[str] = []

    def restore_newest(damaged: DamagedDatabase) -> str:
        backup = damaged.newest_good_backup()
        assert backup is not None and backup.plans == ("Knee, March",)
        offered.append(backup.path.name)
        recover_damaged(damaged, backup)
        return "restored"

    with open_data(data_dir, recover=restore_newest, unlock=unlock) as data:
        assert data.recovered == "restored" and len(offered) == 1
        assert data.db.protected and [plan.name for plan in list_plans(data.db)] == ["Knee, March"]


def test_removing_the_protection_removes_the_mark(db: Database) -> None:
    protect_data(db, PASSPHRASE)
    remove_protection(db, PASSPHRASE)
    assert not (db.data_dir / PROTECTED_MARK).exists()
