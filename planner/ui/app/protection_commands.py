"""File › Protection… and File › Lock now: the window's side of protecting the data with a
passphrase, and the idle lock that runs while it is protected."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow

from planner.core.passphrase import passphrase_problem
from planner.db.database import Database, StorageError, WrongPassphrase
from planner.protection.service import (
    AlreadyProtected,
    PassphraseRefused,
    backups_left_text,
    change_passphrase,
    passphrase_opens,
    protect_data,
    remove_protection,
)
from planner.ui.kit.prompter import Prompter
from planner.ui.protection.idle_lock import IdleLock
from planner.ui.protection.lock_setting import lock_minutes
from planner.ui.protection.protection_dialog import PassphraseActions, ProtectionDialog

REFUSALS = (AlreadyProtected, PassphraseRefused, StorageError, WrongPassphrase)
"""What protecting, changing or removing can be refused with; said in the dialog, in its words."""
NOT_PROTECTED = "Your data is not protected, so there is nothing to lock. File › Protection… protects it."


def _said(change: Callable[[], list[str]], left: list[str]) -> str | None:
    """Why `change` was refused, or None when it was done; the backups it left as they were are
    put in `left`."""
    try:
        left[:] = change()
    except REFUSALS as refused:
        return str(refused)
    return None


class ProtectionCommands(QObject):
    """Opens the Protection dialog; keeps the idle lock running exactly while the data is
    protected, and the prompter's note on plain exports in step. `protection_followed(protected)`
    is emitted after each change (and `follow` emits it for the state at start)."""

    protection_followed = Signal(bool)

    def __init__(self, window: QMainWindow, db: Database, prompter: Prompter, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.db, self.prompter, self.settings = window, db, prompter, settings
        self.idle_lock: IdleLock | None = None
        self.dialog: ProtectionDialog | None = None
        self.left: list[str] = []
        """The backups the last change left as they were (see `Database.change_key`)."""
        self._follow_protection()

    def actions(self) -> PassphraseActions:
        db, left = self.db, self.left
        return PassphraseActions(
            is_protected=lambda: db.protected,
            check=lambda passphrase: passphrase_opens(db, passphrase),
            protect=lambda new: _said(lambda: protect_data(db, new), left),
            change=lambda current, new: _said(lambda: change_passphrase(db, current, new), left),
            remove=lambda current: _said(lambda: remove_protection(db, current), left),
        )

    def open_dialog(self) -> None:
        data_dir = self.db.data_dir
        dialog = ProtectionDialog(self.actions(), passphrase_problem, data_dir, self.settings, self.window)
        dialog.protection_changed.connect(self.protection_changed)
        dialog.lock_minutes_changed.connect(self._minutes_changed)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def lock_now(self) -> None:
        if self.idle_lock is None:
            self.window.statusBar().showMessage(NOT_PROTECTED, 10000)
            return
        self.idle_lock.lock_now()

    def protection_changed(self, protected: bool) -> None:
        """After the Protection dialog protected the data or removed its protection."""
        self._follow_protection()
        said = (
            "Your data and its backups are now encrypted with your passphrase."
            if protected
            else "Your data and its backups are no longer encrypted."
        )
        warning = backups_left_text(self.left, protected)
        if warning is not None:
            self.window.statusBar().showMessage(warning.split(":")[0] + ".", 15000)
            self.prompter.error(self.dialog or self.window, "Protection", warning)
            return
        self.window.statusBar().showMessage(said, 15000)

    def _minutes_changed(self, minutes: int) -> None:
        if self.idle_lock is not None:
            self.idle_lock.set_minutes(minutes)

    def follow(self) -> None:
        self.protection_followed.emit(self.db.protected)

    def _follow_protection(self) -> None:
        protected = self.db.protected
        self.prompter.data_protected = protected
        self.protection_followed.emit(protected)
        if protected and self.idle_lock is None:
            db = self.db
            self.idle_lock = IdleLock(
                lambda passphrase: passphrase_opens(db, passphrase), lock_minutes(self.settings), parent=self
            )
        elif not protected and self.idle_lock is not None:
            self.idle_lock.stop()
            self.idle_lock.deleteLater()
            self.idle_lock = None
