"""File › Restore from backup: the backups with when and why each was taken, its size and the
plans inside, or a backup file from anywhere (one written to a USB stick with File › Back up
to…); restoring one backs up the current data first, then replaces it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.dates import date_time_seconds
from planner.db.database import BackupInfo, Database, RestoreError, StorageError
from planner.protection.service import backup_needs_passphrase, backup_opens
from planner.ui.kit.prompter import Prompter

COLUMNS = ("Taken", "Why", "Size", "Plans inside")


WRONG_BACKUP_PASSPHRASE = "That passphrase does not open this backup."


def taken_text(backup: BackupInfo) -> str:
    return date_time_seconds(backup.taken_at)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def plans_text(backup: BackupInfo) -> str:
    if backup.locked:
        return "Protected with an earlier passphrase (or damaged)"
    if backup.plans is None:
        return "Cannot be read"
    if not backup.plans:
        return "No plans"
    names = ", ".join(f"“{name}”" for name in backup.plans)  # names may hold commas themselves
    return f"{len(backup.plans)} plan{'s' if len(backup.plans) != 1 else ''}: {names}"


def holds_text(backup: BackupInfo) -> str:
    return f"It holds {plans_text(backup)}." if backup.readable else f"{plans_text(backup)}."


class RestoreDialog(QDialog):
    """Lists the backups; emits `restored` with what was restored ("the backup from …"), after
    the data is replaced."""

    restored = Signal(str)

    def __init__(self, db: Database, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.prompter = db, prompter
        self.setWindowTitle("Restore from backup")
        self.resize(760, 420)
        intro = QLabel(
            "Choose a backup to go back to. Your data as it is now is backed up first, so you can "
            "come back to it from this list. A backup you saved elsewhere (with File › Back up to…) "
            "opens with “Open a backup file…”."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("There are no backups yet. File › Back up now makes one.")
        self.empty.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button = QPushButton("Open a backup &file…")
        self.file_button.setToolTip("Restore a backup you saved in another folder, such as a USB stick")
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.restore_file)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.backups: list[BackupInfo] = []
        self.reload()

    def reload(self) -> None:
        self.backups = self.db.backups()
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (taken_text(backup), backup.reason_text, size_text(backup.size), plans_text(backup))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path) if column == 0 else text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not (backup.readable or backup.locked):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        first_readable = next((row for row, b in enumerate(self.backups) if b.readable), None)
        if first_readable is not None:
            self.table.selectRow(first_readable)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        backup = self.backups[min(rows)] if rows else None
        return backup if backup is not None and (backup.readable or backup.locked) else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        if not self.prompter.confirm(
            self,
            "Restore from backup",
            f"Go back to the backup from {taken_text(backup)}?\n\n{holds_text(backup)}\n\n"
            "Everything you changed since then is replaced. Your data as it is now is backed up "
            "first, so you can return to it.",
            "Restore",
        ):
            return
        asked = self._passphrase_for(backup.path, "Restore from backup")
        if asked is not False:
            self._restore(backup.path, f"the backup from {taken_text(backup)}", asked)

    def restore_file(self) -> None:
        """Ask for a backup file anywhere and restore it, with the same checks as a listed one."""
        title = "Open a backup file"
        path = self.prompter.ask_open_path(self, title, "Planner backups (*.sqlite3);;All files (*)")
        if path is None:
            return
        if not self.prompter.confirm(
            self,
            "Restore from backup",
            f"Go back to the backup in {path.name}?\n\nEverything in the app now is replaced by what "
            "that file holds. Your data as it is now is backed up first, so you can return to it.",
            "Restore",
        ):
            return
        asked = self._passphrase_for(path, title)
        if asked is not False:
            self._restore(path, f"the backup file {path.name}", asked)

    def _passphrase_for(self, path: Path, title: str) -> str | Literal[False] | None:
        """The passphrase a backup under another passphrase than the data's (one used before a
        change) is read with, asked until it is right; None when it needs none; False when the
        person cancels."""
        if not backup_needs_passphrase(self.db, path):
            return None
        passphrase = self.prompter.ask_passphrase(
            self,
            title,
            f"{path.name} is protected with a passphrase your data does not use now (one you "
            "used before changing it, perhaps). Type the passphrase it was saved with to restore "
            "it; your data keeps its own. A damaged file looks the same: no passphrase opens it.",
            lambda typed: None if backup_opens(path, typed) else WRONG_BACKUP_PASSPHRASE,
        )
        return False if passphrase is None else passphrase

    def _restore(self, path: Path, what: str, passphrase: str | None = None) -> None:
        try:
            self.db.restore(path, passphrase)
        except (RestoreError, StorageError) as error:
            self.prompter.error(self, "Restore from backup", str(error))
            self.reload()
            return
        self.restored.emit(what)
        self.accept()
