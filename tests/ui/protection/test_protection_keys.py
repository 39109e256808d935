"""No two controls of a protection dialog answer to the same Alt+letter (Qt would then only move
the focus between them), and every field has a name a screen reader can say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from planner.ui.protection.idle_lock import LockPrompt
from planner.ui.protection.new_passphrase_dialog import NewPassphraseDialog
from planner.ui.protection.protection_dialog import PassphraseActions, ProtectionDialog
from planner.ui.protection.unlock_dialog import UnlockDialog
from tests.ui.protection.conftest import short_problem

ACTIONS = PassphraseActions(lambda: True, lambda p: True, lambda n: None, lambda c, n: None, lambda c: None)


def _new(change: bool) -> Callable[[Path], QDialog]:
    return lambda folder: NewPassphraseDialog(
        change=change,
        problem=short_problem,
        data_dir=folder,
        apply=lambda current, new: None,
        check_current=lambda current: True,
        print_sheet=lambda parent, document: None,
    )


DIALOGS: dict[str, Callable[[Path], QDialog]] = {
    "unlock": lambda folder: UnlockDialog(lambda passphrase: None),
    "lock": lambda folder: LockPrompt(lambda passphrase: True, lambda: None, None),
    "protect": _new(False),
    "change": _new(True),
    "protection": lambda folder: ProtectionDialog(
        ACTIONS, short_problem, folder, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    ),
}


@pytest.mark.parametrize("name", DIALOGS)
def test_alt_letters_are_used_once_and_fields_are_named(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    dialog = DIALOGS[name](tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.buddy()]
    letters = [QKeySequence.mnemonic(text).toString() for text in texts if "&" in text]
    assert letters and len(letters) == len(set(letters)), letters
    for field in dialog.findChildren(QLineEdit):
        if field.isVisible():
            assert field.accessibleName(), field
