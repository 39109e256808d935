"""Where the app keeps its data and finds its shipped resources."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_DIR_NAME = "PatientJourneyPlanner"
DATABASE_FILE = "planner.sqlite3"
SETTINGS_FILE = "settings.ini"
BACKUP_DIR = "backups"


def default_data_dir() -> Path:
    """The user's data folder for this app (per platform conventions)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def resources_dir() -> Path:
    """The `resources/` folder shipped beside the package."""
    return Path(__file__).resolve().parent.parent / "resources"


def catalogue_dir() -> Path:
    return resources_dir() / "catalogue"
