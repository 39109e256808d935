"""The protection dialogs' fixtures: a passphrase rule of their own (the app's is in
planner/core/passphrase.py) and a way to answer a dialog that is running its exec()."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

RIGHT = "correct horse battery"
LEAST = 8


def short_problem(text: str) -> str | None:
    """A simple rule for the tests: at least LEAST characters."""
    return None if len(text) >= LEAST else f"At least {LEAST} characters, please."


def answer_modal(qtbot: QtBot, answer: Callable[[QWidget], None]) -> list[str]:
    """Call `answer` with the modal dialog once it is running (a dialog's exec() does not return
    until it is answered); the list it returns collects what went wrong there."""
    problems: list[str] = []

    def run() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, run)
            return
        try:
            answer(modal)
        except Exception as error:  # said by the test, after the dialog is closed
            problems.append(repr(error))
            modal.close()

    QTimer.singleShot(0, run)
    return problems


def type_and_enter(qtbot: QtBot, field: QWidget, text: str) -> None:
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def press(qtbot: QtBot, widget: QWidget, keys: str) -> None:
    """Press `keys` ("Alt+N") as the window system would, on the widget's window, so that
    shortcuts and modal windows act on it as on a person's key press."""
    combination = QKeySequence(keys)[0]
    handle = widget.window().windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, combination.key(), combination.keyboardModifiers())
