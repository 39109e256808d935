"""Check and prepare the data folder before anything is written to it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600

_PLAIN_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission was refused",
    errno.EPERM: "permission was refused",
    errno.ENAMETOOLONG: "a name in it is too long",
    errno.ENOTDIR: "a file is where a folder should be",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOENT: "it does not exist",
    errno.EEXIST: "a file is already in the way",
    errno.EIO: "the disk reported an error",
    errno.ELOOP: "it links to itself",
}


class DataDirError(Exception):
    """The data folder cannot be used; the message says why in plain words."""


def os_error_text(error: OSError) -> str:
    """What went wrong with a file or folder, in plain words: 'PATH: the disk is full'."""
    return f"{error.filename}: {os_error_reason(error)}" if error.filename else os_error_reason(error)


def os_error_reason(error: OSError) -> str:
    """Why a file or folder could not be used, in plain words: 'the disk is full'."""
    return _PLAIN_ERRORS.get(error.errno or 0) or (error.strerror or str(error)).lower()


def check_data_dir(path: Path) -> None:
    """Refuse a folder the app cannot use, without creating or changing anything."""
    try:
        _check_data_dir(path)
    except OSError as error:
        raise DataDirError(f"The data folder {path} cannot be used: {os_error_reason(error)}.") from error


def _check_data_dir(path: Path) -> None:
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
    """Create the folder if needed, readable by its owner only. A folder that already exists is
    never changed (it may be shared on purpose); `data_dir_warning` says when others can read it."""
    check_data_dir(path)
    try:
        path.mkdir(parents=True)
    except FileExistsError:
        return path
    except OSError as error:
        raise DataDirError(f"The data folder {path} cannot be created: {os_error_text(error)}.") from error
    try:
        os.chmod(path, PRIVATE_DIR_MODE)  # whatever the umask
    except OSError as error:
        raise DataDirError(f"The data folder {path} cannot be used: {os_error_text(error)}.") from error
    return path


def data_dir_warning(path: Path) -> str | None:
    """A warning when people other than its owner can open the data folder; None when they cannot."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    return (
        f"warning: other people on this computer can open the data folder {path} (mode {mode:04o}); "
        "it was left as it is. For privacy, keep your data in a folder only you can open."
    )


def create_private_file(path: Path) -> None:
    """Create `path` (if missing) with owner-only permissions, and tighten it if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE_MODE:
        os.chmod(path, PRIVATE_FILE_MODE)
