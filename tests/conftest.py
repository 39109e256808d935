"""Shared fixtures. Qt runs offscreen; the clock stands still at TEST_NOW; every database test gets
a fresh data folder, holding a copy of a database migrated and synced once per session."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from planner.core import clock
from planner.core.paths import BACKUP_DIR, DATABASE_FILE, catalogue_dir
from planner.datadir import prepare_data_dir
from planner.db.backup import SIGNATURE_FILE, backup_database
from planner.db.database import Database
from planner.recovery import emergency, measures_loader
from planner.startup import open_synced_database
from tests.fixed_time import TEST_NOW, TEST_NOW_ENV

CHECKOUT_CATALOGUE = Path(__file__).resolve().parents[1] / "resources" / "catalogue"

_module_started: list[Path] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    """Collecting imports every test module and makes a great many objects but next to no
    garbage, so the cycle collector, which would walk them all again and again (a third of the
    collecting time), is off until it ends."""
    gc.disable()


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
    gc.enable()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the first test of each module (and its fixtures): collect the garbage, then leave
    every object still alive out of later collections (gc.freeze). What lives that long, the
    imported modules, caches and session fixtures, grows to hundreds of thousands of objects, and
    each full collection walked them all again, a tenth of the suite's time; each module's own
    objects are still collected as before."""
    if _module_started[-1:] != [item.path]:
        _module_started[:] = [item.path]
        gc.collect()
        gc.freeze()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs at TEST_NOW, whatever the real date, and so do the processes it starts."""
    for name, value in TEST_NOW_ENV.items():
        monkeypatch.setenv(name, value)
    with clock.pinned(TEST_NOW):
        yield


@pytest.fixture(autouse=True, scope="session")
def checkout_recovery_files() -> Iterator[None]:
    """The recovery measures and Korea's emergency numbers are read from this checkout's
    catalogue, as the tests of those files do, whichever checkout an editable install's
    resources point at."""
    cached = (measures_loader.shipped_measures, emergency.korea_emergency_numbers)
    for reader in cached:
        reader.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        for module in (measures_loader, emergency):
            patch.setattr(module, "catalogue_dir", lambda: CHECKOUT_CATALOGUE)
        yield
    for reader in cached:
        reader.cache_clear()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder as the app leaves it after a real first start (every migration run, the
    shipped catalogue synced), closed, and backed up once so that the backup's record of the
    file's size and time lies beside it. Built once per session; `fresh_database` copies it."""
    folder = tmp_path_factory.mktemp("template") / "data"
    with clock.pinned(TEST_NOW), pytest.MonkeyPatch.context() as patch:
        for name, value in TEST_NOW_ENV.items():
            patch.setenv(name, value)
        first = open_synced_database(folder)
        first.close()
        assert first.migration_backup is None and first.startup_backup is None
        backup_database(folder / DATABASE_FILE, "start-up")
    assert not (folder / f"{DATABASE_FILE}-wal").exists()  # one self-contained file to copy
    return folder


@pytest.fixture(scope="session")
def fresh_database(database_template: Path) -> Callable[[Path], Database]:
    """Open `data_dir` as the app would on a first start, in a fraction of the time: the data
    file is a copy of the session's template and opening finds it up to date (its schema at the
    head revision, the catalogue's fingerprint unchanged, the file as at its last backup), so it
    migrates, syncs and backs up nothing. The backups folder, which held only that record, is
    then removed: the folder is left as a first start leaves it. A folder that already holds
    data is opened as it is.

    Tests of the first start itself (the migrations, the catalogue sync, the start-up backup,
    the files' permissions) use `first_start` instead."""

    def open_fresh(data_dir: Path) -> Database:
        path, backups = data_dir / DATABASE_FILE, data_dir / BACKUP_DIR
        if path.exists() or backups.exists():
            return open_synced_database(data_dir)
        prepare_data_dir(data_dir)
        shutil.copy2(database_template / DATABASE_FILE, path)  # keeps the time the record holds
        backups.mkdir(mode=0o700)
        shutil.copy2(database_template / BACKUP_DIR / SIGNATURE_FILE, backups / SIGNATURE_FILE)
        database = open_synced_database(data_dir)
        assert database.migration_backup is None and database.startup_backup is None
        (backups / SIGNATURE_FILE).unlink()
        backups.rmdir()
        return database

    return open_fresh


@pytest.fixture
def db(data_dir: Path, fresh_database: Callable[[Path], Database]) -> Iterator[Database]:
    database = fresh_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def first_start(data_dir: Path) -> Iterator[Database]:
    """The database as a real first start makes it in an empty folder, through every migration
    and the catalogue sync: for the tests of that start itself."""
    database = open_synced_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalogue, for tests that change or break it."""
    target = tmp_path / "catalogue"
    shutil.copytree(catalogue_dir(), target)
    return target
