"""Shared fixtures. Qt runs offscreen; every database test gets a fresh data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from planner.paths import catalogue_dir
from planner.services.database import Database, open_database


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
