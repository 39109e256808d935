"""The one seam through which the app asks the user something. Tests pass a fake instead.

The file dialogs are split in two: what the app decides (where a dialog starts, remembering the
folder the person chose) is here in plain methods, and only the modal dialog itself (the
`_…_dialog` methods) is what a test replaces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QWidget

from planner.ui.kit.passphrase_dialog import PassphraseDialog
from planner.ui.kit.text_dialog import TextDialog

LAST_FOLDER_KEY = "files/last-folder"
ASK_KEY = "ask/{}"
"""Where a question the person asked not to see again is remembered (false: do not ask)."""
"""The folder a file was last saved to or opened from, in the window settings."""


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(settings: QSettings | None) -> Path:
    """Where a file dialog opens: the folder last used (while it is still there), else Documents;
    never the program's own folder."""
    last = str(settings.value(LAST_FOLDER_KEY, "") or "") if settings is not None else ""
    if last and Path(last).is_absolute() and Path(last).is_dir():
        return Path(last)
    return documents_folder()


NOT_ENCRYPTED = "this file will not be encrypted"
"""Said by a save dialog, while the data is protected, of a file written plain."""


class Prompter:
    """Blocking questions and notices. Every dialog that waits for an answer goes through here."""

    settings: QSettings | None = None
    """Where the folder last used is remembered; the window sets it."""
    data_protected: bool = False
    """Whether the data is protected with a passphrase, so that a save dialog for a file written
    plain says so; the window keeps it up to date."""

    def remember_in(self, settings: QSettings) -> None:
        self.settings = settings

    def start_path(self, name: str = "") -> str:
        """The path a file dialog starts at: `name` in the start folder."""
        folder = start_folder(self.settings)
        return str(folder / name) if name else str(folder)

    def _remember(self, folder: Path) -> None:
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER_KEY, str(folder))

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def confirm_or_stop_asking(
        self, parent: QWidget | None, title: str, text: str, action: str
    ) -> tuple[bool, bool]:
        """Ask like `confirm`, with a "Don't ask me again" check box: the answer, and whether the
        box was ticked."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(yes)
        check = QCheckBox("Don't ask me again")
        box.setCheckBox(check)
        box.exec()
        return box.clickedButton() is yes, check.isChecked()

    def confirm_unless_told_not_to_ask(
        self, key: str, parent: QWidget | None, title: str, text: str, action: str
    ) -> bool:
        """Ask like `confirm`, offering "Don't ask me again". Once the person ticks it and goes
        ahead, the question named `key` is answered yes without asking, in later sessions too."""
        setting = ASK_KEY.format(key)
        if self.settings is not None and not self.settings.value(setting, True, type=bool):
            return True
        answer, stop_asking = self.confirm_or_stop_asking(parent, title, text, action)
        if answer and stop_asking and self.settings is not None:
            self.settings.setValue(setting, False)
        return answer

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

    def ask_new_passphrase(
        self, parent: QWidget | None, title: str, text: str, problem: Callable[[str], str | None]
    ) -> str | None:
        """Ask for a new passphrase, typed twice, unseen; `problem` says what is wrong with one.
        None if cancelled."""
        dialog = PassphraseDialog(parent, title, text, problem, new=True)
        return dialog.passphrase() if dialog.exec() else None

    def ask_passphrase(
        self, parent: QWidget | None, title: str, text: str, check: Callable[[str], str | None]
    ) -> str | None:
        """Ask for the passphrase of something; `check` tries it and says why it is refused, and
        the person is asked again until `check` takes one. None if cancelled."""
        dialog = PassphraseDialog(parent, title, text, check, new=False)
        return dialog.passphrase() if dialog.exec() else None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def ask_save_path(
        self, parent: QWidget | None, title: str, name: str, file_filter: str, encrypted: bool = False
    ) -> Path | None:
        """Where to save a file, starting at `name` in the start folder (the system's dialog asks
        before replacing one); None if cancelled. The folder chosen is remembered. While the data
        is protected, the dialog's title says that a file not `encrypted` is written plain."""
        if self.data_protected and not encrypted:
            title = f"{title}: {NOT_ENCRYPTED}"
        path = self._save_dialog(parent, title, self.start_path(name), file_filter)
        if path is not None:
            self._remember(path.parent)
        return path

    def ask_open_path(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        """Which file to open, starting in the start folder; None if cancelled."""
        path = self._open_dialog(parent, title, self.start_path(), file_filter)
        if path is not None:
            self._remember(path.parent)
        return path

    def ask_folder(self, parent: QWidget | None, title: str) -> Path | None:
        """Which folder to write into, starting in the start folder; None if cancelled."""
        folder = self._folder_dialog(parent, title, self.start_path())
        if folder is not None:
            self._remember(folder)
        return folder

    def _save_dialog(self, parent: QWidget | None, title: str, start: str, file_filter: str) -> Path | None:
        path, _selected = QFileDialog.getSaveFileName(parent, title, start, file_filter)
        return Path(path) if path else None

    def _open_dialog(self, parent: QWidget | None, title: str, start: str, file_filter: str) -> Path | None:
        path, _selected = QFileDialog.getOpenFileName(parent, title, start, file_filter)
        return Path(path) if path else None

    def _folder_dialog(self, parent: QWidget | None, title: str, start: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(folder) if folder else None

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
