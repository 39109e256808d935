"""The one seam through which the app asks the user something. Tests pass a fake instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner.ui.text_dialog import TextDialog


class Prompter:
    """Blocking questions and notices. Every dialog that waits for an answer goes through here."""

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def ask_text(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        current: str,
        problem: Callable[[str], str | None],
    ) -> str | None:
        """Ask for a text; `problem` says what is wrong with a candidate (shown at the field)."""
        dialog = TextDialog(parent, title, label, current, problem)
        return dialog.text_value() if dialog.exec() else None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def ask_save_path(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> Path | None:
        """Where to save a file (the system's dialog asks before replacing one); None if cancelled."""
        path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(path) if path else None

    def ask_open_path(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        """Which file to open; None if cancelled."""
        path, _selected = QFileDialog.getOpenFileName(parent, title, "", file_filter)
        return Path(path) if path else None

    def choose(
        self, parent: QWidget | None, title: str, text: str, choices: list[str], cancel: str = "Cancel"
    ) -> str | None:
        """One of `choices` (button texts, the first the default), or None for the `cancel` button."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        buttons = [(box.addButton(choice, QMessageBox.ButtonRole.AcceptRole), choice) for choice in choices]
        if cancel == "Cancel":
            box.setEscapeButton(box.addButton(QMessageBox.StandardButton.Cancel))
        else:
            box.setEscapeButton(box.addButton(cancel, QMessageBox.ButtonRole.RejectRole))
        box.setDefaultButton(buttons[0][0])
        box.exec()
        clicked = box.clickedButton()
        return next((choice for button, choice in buttons if button is clicked), None)
