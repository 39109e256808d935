"""Check and prepare the data folder before anything is written to it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class DataDirError(Exception):
    """The data folder cannot be used; the message says why in plain words."""


def check_data_dir(path: Path) -> None:
    """Refuse a folder the app cannot use, without creating or changing anything."""
    if path.exists():
        if not path.is_dir():
            raise DataDirError(f"The data folder {path} is a file, not a folder.")
        if not os.access(path, os.W_OK | os.X_OK):
            raise DataDirError(f"The data folder {path} is not writable.")
        return
    ancestor = path.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise DataDirError(f"The data folder {path} cannot be created: {ancestor} is a file.")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise DataDirError(f"The data folder {path} cannot be created: {ancestor} is not writable.")


def prepare_data_dir(path: Path) -> Path:
    """Create the folder if needed, readable by its owner only."""
    check_data_dir(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)
    except OSError as error:
        raise DataDirError(f"The data folder {path} cannot be used: {error.strerror}.") from error
    return path


def create_private_file(path: Path) -> None:
    """Create `path` (if missing) with owner-only permissions, and tighten it if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE_MODE:
        os.chmod(path, PRIVATE_FILE_MODE)
