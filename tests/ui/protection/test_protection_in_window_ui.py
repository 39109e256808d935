"""File › Protection… in the real window: protecting the data from the menu encrypts it and its
backups, starts the idle lock and greys out nothing it should not; while the data is protected a
save dialog for a file written plain says so; and the window's settings hold no health data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.db.cipher import looks_encrypted
from planner.db.database import Database
from planner.plans.rules import Plan
from planner.protection.service import protect_data
from planner.ui.app.main_window import MainWindow, settings_for
from planner.ui.kit.prompter import NOT_ENCRYPTED
from planner.ui.protection.new_passphrase_dialog import NewPassphraseDialog
from planner.ui.protection.protection_dialog import ProtectionDialog
from tests.db.protection.test_protection_faults import full_disk_for
from tests.ui.conftest import FakePrompter
from tests.ui.test_accessible_names import from_menu

PASSPHRASE = "a walk along the Han river"
PLAN = "Zebulon's knee, March"


def shown(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> MainWindow:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_protecting_from_the_file_menu_encrypts_the_data_and_starts_the_lock(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    window = shown(qtbot, make_window)
    assert window.welcome.protect_button.isVisibleTo(window) and not window.lock_action.isEnabled()
    db.back_up("by-you")

    protect_from_the_menu(qtbot, window, db)

    assert looks_encrypted(db.path)
    assert all(looks_encrypted(backup.path) for backup in db.backups())
    assert window.lock_action.isEnabled() and window.protection.idle_lock is not None
    assert not window.welcome.protect_button.isVisibleTo(window)
    assert "now encrypted" in window.statusBar().currentMessage()


def test_a_backup_a_full_disk_keeps_plain_is_named_in_an_error_box_not_claimed_encrypted(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = shown(qtbot, make_window)
    victim = db.back_up("by-you")
    full_disk_for(monkeypatch, victim)
    protect_from_the_menu(qtbot, window, db)

    assert prompter.errors and f"{victim.name} (the disk is full)" in prompter.errors[-1]
    assert "now encrypted" not in window.statusBar().currentMessage()
    assert "not every backup" in window.statusBar().currentMessage()
    assert window.protection.idle_lock is not None  # the data itself is protected


def protect_from_the_menu(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    from_menu(qtbot, window, "F", "O")
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ProtectionDialog))
    dialog = window.protection.dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.protect_button, Qt.MouseButton.LeftButton)
    asked = dialog.passphrase_dialog
    assert isinstance(asked, NewPassphraseDialog)
    qtbot.waitUntil(asked.isActiveWindow)
    qtbot.keyClicks(asked.new, PASSPHRASE)
    qtbot.keyClicks(asked.again, PASSPHRASE)
    box = asked.understand
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(asked.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: db.protected)
    dialog.close()


def test_while_protected_a_plain_export_says_so_in_its_save_dialog_and_a_copy_of_the_data_does_not(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    add_plan(PLAN)
    protect_data(db, PASSPHRASE)
    window = shown(qtbot, make_window)
    from_menu(qtbot, window, "F", "C")  # Export calendar
    assert prompter.asked[-1] == f"Export calendar: {NOT_ENCRYPTED}"
    window.commands.save_copy_elsewhere()
    assert prompter.asked[-1] == "Save a copy of your data"


def test_plain_data_exports_without_the_note(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], prompter: FakePrompter
) -> None:
    add_plan(PLAN)
    window = shown(qtbot, make_window)
    from_menu(qtbot, window, "F", "C")
    assert prompter.asked[-1] == "Export calendar"


def test_the_window_settings_hold_no_health_data(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan(PLAN)
    window = shown(qtbot, make_window)
    window.save_state()
    settings = settings_for(db)
    settings.sync()
    text = db.settings_path().read_bytes()
    assert b"window" in text
    assert PLAN.encode() not in text and b"Zebulon" not in text
