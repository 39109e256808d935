"""A save the disk refused (full, read-only, failing) is told to the person, and the app goes on.

Saves happen in many dialogs and pages; each one's transaction is rolled back when the disk
refuses it (see `Database.transaction`), and the StorageError it raises reaches Python's
exception hook from the Qt slot that saved. The hook shows its message; any other error keeps
the hook it had. A data file deleted or replaced while the app runs is told by the window,
which offers a way out.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QWidget

from planner.db.database import DataFileMissing, StorageError
from planner.ui.kit.prompter import Prompter

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def storage_error_hook(
    prompter: Prompter,
    parent: Callable[[], QWidget | None],
    previous: Hook,
    on_gone: Callable[[DataFileMissing], None] | None = None,
) -> Hook:
    """`on_gone`, when given, is told instead when the data file was deleted or replaced."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, DataFileMissing) and on_gone is not None:
            on_gone(error)
            return
        if isinstance(error, StorageError):
            prompter.error(parent(), "Not saved", str(error))
            return
        previous(kind, error, trace)

    return hook


def install_storage_error_handler(
    prompter: Prompter,
    parent: Callable[[], QWidget | None],
    on_gone: Callable[[DataFileMissing], None] | None = None,
) -> None:
    sys.excepthook = storage_error_hook(prompter, parent, sys.excepthook, on_gone)
