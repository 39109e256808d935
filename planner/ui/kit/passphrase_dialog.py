"""A dialog that asks for a passphrase, unseen: a new one typed twice, or one that must open
something, checked when OK is pressed and asked again at the field while it is wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.ui.kit.widgets import ErrorLabel

NOT_THE_SAME = "The two passphrases are not the same. Type the same passphrase in both fields."


class PassphraseDialog(QDialog):
    """With `new`, two fields that must match and pass `problem`; else one field that OK
    accepts only when `problem` (which may take a moment: it opens what the passphrase protects)
    returns None. Every refusal is said under the fields, and the dialog stays open."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        problem: Callable[[str], str | None],
        new: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._problem, self._new = problem, new
        note = QLabel(text)
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = self._secret_field("Passphrase")
        self.again = self._secret_field("Passphrase again")
        self.show_box = QCheckBox("&Show the passphrase")
        self.show_box.toggled.connect(self._show_typed)
        self.error = ErrorLabel("Passphrase")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self._caption("&Passphrase:", self.field))
        layout.addWidget(self.field)
        if new:
            layout.addWidget(self._caption("Type it a&gain:", self.again))
            layout.addWidget(self.again)
        else:
            self.again.hide()
        for widget in (self.show_box, self.error, self.buttons):
            layout.addWidget(widget)
        self.field.setFocus()

    @staticmethod
    def _secret_field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    @staticmethod
    def _caption(text: str, field: QLineEdit) -> QLabel:
        caption = QLabel(text)
        caption.setBuddy(field)
        return caption

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.field.setEchoMode(mode)
        self.again.setEchoMode(mode)

    def passphrase(self) -> str:
        return self.field.text()

    def accept(self) -> None:
        typed = self.field.text()
        if self._new:
            message = self._problem(typed) or (NOT_THE_SAME if self.again.text() != typed else None)
        else:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                message = self._problem(typed)
            finally:
                QApplication.restoreOverrideCursor()
        self.error.show_problem(message)
        if message:
            self.field.setFocus()
            self.field.selectAll()
            return
        super().accept()
