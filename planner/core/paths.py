"""Where the app keeps its data and finds its shipped resources."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import platformdirs

APP_DIR_NAME = "PatientJourneyPlanner"
DATABASE_FILE = "planner.sqlite3"
SETTINGS_FILE = "settings.ini"
PROTECTED_MARK = "protected.txt"
"""Beside the data file while the data is protected: says so, in words, and holds no secret."""
BACKUP_DIR = "backups"


def default_data_dir() -> Path:
    """The user's data folder for this app (per platform conventions)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def resources_dir() -> Path:
    """The shipped resources (the repository's `resources/`, installed as `planner.resources`).

    The package is always a folder on disk (a checkout, a wheel installed anywhere, the
    one-folder bundle), never a zip, so its files are plain paths.
    """
    try:
        return Path(str(files("planner.resources")))
    except ModuleNotFoundError:  # `python main.py` in a checkout that was never installed
        return Path(__file__).resolve().parents[2] / "resources"


def catalogue_dir() -> Path:
    return resources_dir() / "catalogue"
