"""A field a passphrase is typed into: its characters hidden (and never copied out) until the
person asks to see them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

HIDDEN_INPUT = (
    Qt.InputMethodHint.ImhSensitiveData
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
)
"""Nothing typed is learnt by an on-screen keyboard's suggestions, nor changed by it."""


class PassphraseField(QLineEdit):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setInputMethodHints(HIDDEN_INPUT)
        self.setMinimumWidth(280)

    def reveal(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)


def show_toggle(text: str, fields: Sequence[PassphraseField]) -> QCheckBox:
    """A tick box that shows what is typed in `fields` while it is ticked."""
    toggle = QCheckBox(text)

    def reveal(shown: bool) -> None:
        for field in fields:
            field.reveal(shown)

    toggle.toggled.connect(reveal)
    return toggle
