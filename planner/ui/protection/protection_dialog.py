"""File › Protection…: whether the data is protected with a passphrase; protecting it, changing
the passphrase or removing the protection; and how long the app waits before it locks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.ui.kit.widgets import action_button, heading, wrapped_text
from planner.ui.protection.lock_setting import LOCK_CHOICES, lock_minutes, save_lock_minutes
from planner.ui.protection.new_passphrase_dialog import NewPassphraseDialog
from planner.ui.protection.recovery_sheet import PrintSheet, print_recovery_sheet
from planner.ui.protection.unlock_dialog import WRONG_PASSPHRASE, PassphrasePrompt

PROTECTED = "Your data is protected with a passphrase."
NOT_PROTECTED = "Your data is not protected: anyone who can open your files can read it."
PROTECTED_HINT = "You type the passphrase each time the app starts."
NOT_PROTECTED_HINT = (
    "With a passphrase, your data, its working log and its backups are encrypted, and the app asks "
    "for the passphrase each time it starts."
)
LOCK_HINT = (
    "After that long with nobody using the app, every window is hidden until the passphrase is typed again."
)
LOCK_UNAVAILABLE = "The app can lock itself once your data is protected."
REMOVE_MESSAGE = (
    "Without protection, your data is written without encryption: anyone who can open your files "
    "will be able to read it. Type your passphrase to remove the protection."
)


@dataclass(frozen=True)
class PassphraseActions:
    """What File › Protection… asks of the data (the app passes the database's operations).
    `protect`, `change` and `remove` return None when done, else why not, in plain words."""

    is_protected: Callable[[], bool]
    check: Callable[[str], bool]
    """Whether a passphrase is the data's own."""
    protect: Callable[[str], str | None]
    change: Callable[[str, str], str | None]
    """(current, new)"""
    remove: Callable[[str], str | None]
    """(current)"""



class ProtectionDialog(QDialog):
    """Emits `protection_changed(protected)` after each change it made, and
    `lock_minutes_changed(minutes)` (0: never) when the person picks another wait; the choice is
    kept in `settings` (`lock_setting.lock_minutes` reads it)."""

    protection_changed = Signal(bool)
    lock_minutes_changed = Signal(int)

    def __init__(
        self,
        actions: PassphraseActions,
        problem: Callable[[str], str | None],
        data_dir: Path,
        settings: QSettings,
        parent: QWidget | None = None,
        print_sheet: PrintSheet = print_recovery_sheet,
    ) -> None:
        super().__init__(parent)
        self.passphrase_actions = actions
        self.problem, self.data_dir, self.settings = problem, data_dir, settings
        self._print_sheet = print_sheet
        self.passphrase_dialog: QDialog | None = None
        """The dialog this one opened last (protect, change or remove), while it is open."""
        self.setWindowTitle("Protection")
        self.status = wrapped_text()
        self.status.setObjectName("panelTitle")
        self.status.setIndent(0)
        self.status_hint = wrapped_text("", "hint")
        self.protect_button = action_button("&Protect with a passphrase…", self.protect)
        self.change_button = action_button("C&hange passphrase…", self.change_passphrase)
        self.remove_button = action_button("&Remove protection…", self.remove)
        buttons = QHBoxLayout()
        for button in (self.protect_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.done_message = wrapped_text("", "hint")
        self.done_message.hide()

        self.lock_choice = QComboBox()
        self.lock_choice.setAccessibleName("Lock when away")
        for minutes in LOCK_CHOICES:
            self.lock_choice.addItem(f"after {minutes} minutes" if minutes else "never", minutes)
        self.lock_choice.setCurrentIndex(max(self.lock_choice.findData(lock_minutes(settings)), 0))
        self.lock_choice.currentIndexChanged.connect(lambda _i: self._lock_chosen())
        lock_label = QLabel("Lock when &away:")
        lock_label.setBuddy(self.lock_choice)
        lock_row = QHBoxLayout()
        lock_row.addWidget(lock_label)
        lock_row.addWidget(self.lock_choice)
        lock_row.addStretch(1)
        self.lock_hint = wrapped_text("", "hint")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Protection", 2))
        layout.addWidget(self.status)
        layout.addWidget(self.status_hint)
        layout.addLayout(buttons)
        layout.addWidget(self.done_message)
        layout.addSpacing(12)
        layout.addLayout(lock_row)
        layout.addWidget(self.lock_hint)
        layout.addStretch(1)
        layout.addWidget(close)
        self.setMinimumWidth(560)
        self.refresh()

    @property
    def minutes(self) -> int:
        return int(self.lock_choice.currentData())

    def refresh(self) -> None:
        protected = self.passphrase_actions.is_protected()
        self.status.setText(PROTECTED if protected else NOT_PROTECTED)
        self.status_hint.setText(PROTECTED_HINT if protected else NOT_PROTECTED_HINT)
        self.protect_button.setEnabled(not protected)
        self.change_button.setEnabled(protected)
        self.remove_button.setEnabled(protected)
        self.lock_choice.setEnabled(protected)
        self.lock_hint.setText(LOCK_HINT if protected else LOCK_UNAVAILABLE)
        (self.change_button if protected else self.protect_button).setFocus()

    def _lock_chosen(self) -> None:
        save_lock_minutes(self.settings, self.minutes)
        self.lock_minutes_changed.emit(self.minutes)

    def _open(self, dialog: QDialog, done: str) -> None:
        dialog.accepted.connect(lambda: self._changed(done))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.passphrase_dialog = dialog
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.passphrase_dialog is dialog:
            self.passphrase_dialog = None
        dialog.deleteLater()

    def _changed(self, done: str) -> None:
        self.refresh()
        self.done_message.setText(done)
        self.done_message.show()
        self.protection_changed.emit(self.passphrase_actions.is_protected())

    def protect(self) -> None:
        dialog = NewPassphraseDialog(
            change=False,
            problem=self.problem,
            data_dir=self.data_dir,
            apply=lambda _current, new: self.passphrase_actions.protect(new),
            print_sheet=self._print_sheet,
            parent=self,
        )
        self._open(dialog, "Your data is now protected with a passphrase.")

    def change_passphrase(self) -> None:
        dialog = NewPassphraseDialog(
            change=True,
            problem=self.problem,
            data_dir=self.data_dir,
            apply=self.passphrase_actions.change,
            check_current=self.passphrase_actions.check,
            print_sheet=self._print_sheet,
            parent=self,
        )
        self._open(dialog, "Your passphrase was changed.")

    def remove(self) -> None:
        actions = self.passphrase_actions

        def judge(passphrase: str) -> str | None:
            if not actions.check(passphrase):
                return WRONG_PASSPHRASE
            return actions.remove(passphrase)

        dialog = PassphrasePrompt(
            judge,
            title="Remove protection",
            headline="Remove protection",
            message=REMOVE_MESSAGE,
            action="&Remove protection",
            leave="Cancel",
            parent=self,
        )
        self._open(dialog, "Your data is no longer protected.")
