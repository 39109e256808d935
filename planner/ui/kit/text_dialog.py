"""A one-field dialog that checks the text as it is typed and says what is wrong at the field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.ui.kit.widgets import ErrorLabel


class TextDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        current: str,
        problem: Callable[[str], str | None],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._problem = problem
        self.field = QLineEdit(current)
        self.field.setAccessibleName(label)
        self.field.selectAll()
        caption = QLabel(label)
        caption.setBuddy(self.field)
        self.error = ErrorLabel(label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (caption, self.field, self.error, self.buttons):
            layout.addWidget(widget)

    def text_value(self) -> str:
        return self.field.text()

    def accept(self) -> None:
        message = self._problem(self.field.text())
        self.error.show_problem(message)
        if message:
            self.field.setFocus()
            return
        super().accept()
