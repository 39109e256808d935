"""A one-line message under a list ("Deleted the entry for Thu 19 Nov 2026.") with an Undo button
while there is something to put back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from planner.ui.kit.widgets import action_button


class UndoBar(QFrame):
    def __init__(
        self, undo_text: str, undo: Callable[[], object], tip: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Message")
        self.undo_button = action_button(undo_text, undo, tip)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.message, 1)
        row.addWidget(self.undo_button)
        self.hide()

    def say(self, text: str, can_undo: bool = False) -> None:
        """Show `text`, with the Undo button when `can_undo`."""
        self.message.setText(text)
        self.undo_button.setVisible(can_undo)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.say("")
