"""Writing files the user asked for, atomically: a failed save never leaves a broken file where
a good one was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile


def write_text_atomically(path: Path, text: str) -> str | None:
    """Write `text` as UTF-8 to `path`; returns a message for the user when it failed."""
    return write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> str | None:
    """Write `data` to `path`; returns a message for the user when it failed, and then whatever
    was at `path` before is still there."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        return f"Could not write {path.name}: {target.errorString()}"
    if target.write(data) != len(data):
        target.cancelWriting()
        return f"Could not write {path.name}: {target.errorString()}"
    if not target.commit():
        return f"Could not finish writing {path.name}: {target.errorString()}"
    return None
