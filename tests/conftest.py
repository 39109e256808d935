"""Shared fixtures. Qt runs offscreen; the clock stands still at TEST_NOW; every database test gets
a fresh data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from planner import clock
from planner.paths import catalogue_dir
from planner.services.database import Database, open_database
from tests.fixed_time import TEST_NOW, TEST_NOW_ENV


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs at TEST_NOW, whatever the real date, and so do the processes it starts."""
    for name, value in TEST_NOW_ENV.items():
        monkeypatch.setenv(name, value)
    with clock.pinned(TEST_NOW):
        yield


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir)
    yield database
    database.close()


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped catalogue, for tests that change or break it."""
    target = tmp_path / "catalogue"
    shutil.copytree(catalogue_dir(), target)
    return target
