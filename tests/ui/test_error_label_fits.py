"""A message under a field in a dialog is shown whole, however many lines it wraps to, and the
dialog never shrinks below the size the person gave it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from planner.ui.kit.widgets import ErrorLabel

LONG = "This is wrong in a way that takes several lines to explain, " * 4


def dialog_with_a_field(qtbot: QtBot) -> tuple[QDialog, ErrorLabel]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())
    error = ErrorLabel("Name")
    layout.addWidget(error)
    dialog.resize(320, 60)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, error


def test_a_message_on_several_lines_is_shown_whole(qtbot: QtBot) -> None:
    dialog, error = dialog_with_a_field(qtbot)
    error.show_problem(LONG)
    qtbot.waitUntil(error.isVisible)
    assert error.height() >= error.heightForWidth(error.width())
    assert dialog.width() == 320


def test_a_dialog_made_larger_is_not_shrunk(qtbot: QtBot) -> None:
    dialog, error = dialog_with_a_field(qtbot)
    dialog.resize(500, 600)
    error.show_problem("Short.")
    assert (dialog.width(), dialog.height()) == (500, 600)
