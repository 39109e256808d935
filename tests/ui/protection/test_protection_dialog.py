"""File › Protection…: it says whether the data is protected, offers what fits (protect, or change
and remove), runs each through its dialog, and keeps the wait before locking in the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.ui.protection.lock_setting import (
    DEFAULT_LOCK_MINUTES,
    LOCK_KEY,
    lock_minutes,
    save_lock_minutes,
)
from planner.ui.protection.new_passphrase_dialog import NewPassphraseDialog
from planner.ui.protection.protection_dialog import (
    NOT_PROTECTED,
    PROTECTED,
    PassphraseActions,
    ProtectionDialog,
)
from planner.ui.protection.unlock_dialog import WRONG_PASSPHRASE, PassphrasePrompt
from tests.ui.protection.conftest import RIGHT, short_problem, type_and_enter

NEW = "a new passphrase"


class Data:
    """A stand-in for the database's protection: a passphrase or none."""

    def __init__(self, passphrase: str | None) -> None:
        self.passphrase = passphrase
        self.done: list[str] = []

    def actions(self) -> PassphraseActions:
        return PassphraseActions(
            is_protected=lambda: self.passphrase is not None,
            check=lambda given: given == self.passphrase,
            protect=self.protect,
            change=self.change,
            remove=self.remove,
        )

    def protect(self, new: str) -> str | None:
        self.done.append(f"protect {new}")
        self.passphrase = new
        return None

    def change(self, current: str, new: str) -> str | None:
        self.done.append(f"change {current} to {new}")
        self.passphrase = new
        return None

    def remove(self, current: str) -> str | None:
        self.done.append(f"remove {current}")
        self.passphrase = None
        return None


def never_print(parent: QWidget, document: QTextDocument) -> str | None:
    raise AssertionError("nothing is printed here")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def dialog_for(qtbot: QtBot, data: Data, settings: QSettings) -> ProtectionDialog:
    dialog = ProtectionDialog(
        data.actions(), short_problem, Path("/somewhere/data"), settings, None, never_print
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_unprotected_data_is_said_so_and_only_protecting_is_offered(
    qtbot: QtBot, settings: QSettings
) -> None:
    dialog = dialog_for(qtbot, Data(None), settings)
    assert dialog.status.text() == NOT_PROTECTED
    assert dialog.protect_button.isEnabled()
    assert not dialog.change_button.isEnabled() and not dialog.remove_button.isEnabled()
    assert not dialog.lock_choice.isEnabled()  # nothing to unlock with yet


def test_protected_data_is_said_so_with_change_and_remove(qtbot: QtBot, settings: QSettings) -> None:
    dialog = dialog_for(qtbot, Data(RIGHT), settings)
    assert dialog.status.text() == PROTECTED
    assert not dialog.protect_button.isEnabled()
    assert dialog.change_button.isEnabled() and dialog.remove_button.isEnabled()
    assert dialog.lock_choice.isEnabled()
    assert dialog.lock_choice.currentText() == "after 15 minutes"


def test_protecting_runs_through_the_new_passphrase_dialog(qtbot: QtBot, settings: QSettings) -> None:
    data = Data(None)
    dialog = dialog_for(qtbot, data, settings)
    with qtbot.waitSignal(dialog.protection_changed) as changed:
        click(qtbot, dialog.protect_button)
        asked = dialog.passphrase_dialog
        assert isinstance(asked, NewPassphraseDialog) and not asked.change
        qtbot.waitUntil(asked.isActiveWindow)
        qtbot.keyClicks(asked.new, NEW)
        qtbot.keyClicks(asked.again, NEW)
        box = asked.understand
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        click(qtbot, asked.ok_button)
    assert changed.args == [True]
    assert data.done == [f"protect {NEW}"]
    assert dialog.status.text() == PROTECTED and dialog.change_button.isEnabled()
    assert dialog.done_message.text() == "Your data is now protected with a passphrase."
    assert dialog.passphrase_dialog is None


def test_cancelling_changes_nothing(qtbot: QtBot, settings: QSettings) -> None:
    data = Data(None)
    dialog = dialog_for(qtbot, data, settings)
    click(qtbot, dialog.protect_button)
    asked = dialog.passphrase_dialog
    assert asked is not None
    qtbot.waitUntil(asked.isActiveWindow)
    qtbot.keyClick(asked, Qt.Key.Key_Escape)
    assert data.done == [] and dialog.status.text() == NOT_PROTECTED
    assert not dialog.done_message.isVisible()


def test_changing_asks_for_the_passphrase_as_it_is_now(qtbot: QtBot, settings: QSettings) -> None:
    data = Data(RIGHT)
    dialog = dialog_for(qtbot, data, settings)
    click(qtbot, dialog.change_button)
    asked = dialog.passphrase_dialog
    assert isinstance(asked, NewPassphraseDialog) and asked.change
    qtbot.waitUntil(asked.isActiveWindow)
    qtbot.keyClicks(asked.current, RIGHT)
    qtbot.keyClicks(asked.new, NEW)
    type_and_enter(qtbot, asked.again, NEW)
    assert data.done == [f"change {RIGHT} to {NEW}"] and data.passphrase == NEW
    assert dialog.done_message.text() == "Your passphrase was changed."


def test_removing_asks_for_the_passphrase_until_it_is_right(qtbot: QtBot, settings: QSettings) -> None:
    data = Data(RIGHT)
    dialog = dialog_for(qtbot, data, settings)
    with qtbot.waitSignal(dialog.protection_changed) as changed:
        click(qtbot, dialog.remove_button)
        asked = dialog.passphrase_dialog
        assert isinstance(asked, PassphrasePrompt)
        qtbot.waitUntil(asked.isActiveWindow)
        assert "anyone who can open your files" in asked.message.text()
        type_and_enter(qtbot, asked.field, "not it")
        assert asked.isVisible() and asked.problem.text() == WRONG_PASSPHRASE and data.done == []
        type_and_enter(qtbot, asked.field, RIGHT)
    assert changed.args == [False]
    assert data.done == [f"remove {RIGHT}"]
    assert dialog.status.text() == NOT_PROTECTED and dialog.protect_button.isEnabled()


def test_the_wait_before_locking_is_kept_in_the_settings(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    dialog = dialog_for(qtbot, Data(RIGHT), settings)
    dialog.lock_choice.setFocus()
    with qtbot.waitSignal(dialog.lock_minutes_changed) as chosen:
        qtbot.keyClick(dialog.lock_choice, Qt.Key.Key_Down)  # 15 minutes to 30
    assert chosen.args == [30]
    assert dialog.lock_choice.currentText() == "after 30 minutes"
    dialog.close()

    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)  # as on the next start
    assert lock_minutes(again) == 30
    reopened = dialog_for(qtbot, Data(RIGHT), again)
    assert reopened.lock_choice.currentText() == "after 30 minutes"
    qtbot.keyClick(reopened.lock_choice, Qt.Key.Key_End)
    assert reopened.lock_choice.currentText() == "never"
    assert lock_minutes(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)) == 0


@pytest.mark.parametrize("stored", ["", "7", "soon", "-5"])
def test_a_wait_that_is_not_one_of_the_choices_reads_as_the_default(settings: QSettings, stored: str) -> None:
    settings.setValue(LOCK_KEY, stored)
    assert lock_minutes(settings) == DEFAULT_LOCK_MINUTES


def test_only_the_choices_are_kept(settings: QSettings) -> None:
    save_lock_minutes(settings, 60)
    assert lock_minutes(settings) == 60
    with pytest.raises(ValueError):
        save_lock_minutes(settings, 7)
