"""Writing files the user asked for, atomically and readable by their owner alone: a failed save
never leaves a broken file where a good one was, and what it writes stays private whatever the
umask (a plan, its expenses and its printouts are health and money details)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileDevice, QIODevice, QSaveFile

OWNER_ONLY = QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner


def open_private(target: QSaveFile) -> bool:
    """Open `target` for writing as an owner-only file (mode 0600, also when it replaces a file
    others could read); False when it cannot be opened."""
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        return False
    target.setPermissions(OWNER_ONLY)
    return True


def write_text_atomically(path: Path, text: str) -> str | None:
    """Write `text` as UTF-8 to `path`; returns a message for the user when it failed."""
    return write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> str | None:
    """Write `data` to `path`, owner-only; returns a message for the user when it failed, and then
    whatever was at `path` before is still there."""
    target = QSaveFile(str(path))
    if not open_private(target):
        return f"Could not write {path.name}: {target.errorString()}"
    if target.write(data) != len(data):
        target.cancelWriting()
        return f"Could not write {path.name}: {target.errorString()}"
    if not target.commit():
        return f"Could not finish writing {path.name}: {target.errorString()}"
    return None
