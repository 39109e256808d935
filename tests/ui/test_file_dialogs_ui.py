"""Where the file dialogs open: the user's Documents folder, then the folder last used; never the
folder the program was started from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.kit.prompter import LAST_FOLDER_KEY, Prompter, start_folder
from planner.ui.printing.print_dialog import PrintDialog

from .conftest import FakePrompter

PLAN = "Knee, March"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a Documents folder in it, and the program started from elsewhere."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return folder


def settings_in(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_first_dialog_starts_in_documents(home: Path, tmp_path: Path) -> None:
    assert start_folder(None) == home / "Documents"
    assert start_folder(settings_in(tmp_path)) == home / "Documents"
    prompter = Prompter()
    prompter.remember_in(settings_in(tmp_path))
    assert prompter.start_path("Knee.pdf") == str(home / "Documents" / "Knee.pdf")


def test_without_a_documents_folder_it_starts_at_home(home: Path) -> None:
    (home / "Documents").rmdir()
    assert start_folder(None) == home


def test_then_the_folder_last_used_while_it_is_still_there(home: Path, tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    settings.setValue(LAST_FOLDER_KEY, str(stick))
    assert start_folder(settings) == stick
    stick.rmdir()  # the USB stick was taken out
    assert start_folder(settings) == home / "Documents"
    settings.setValue(LAST_FOLDER_KEY, "relative/folder")
    assert start_folder(settings) == home / "Documents"


def test_save_as_pdf_opens_in_documents_then_exports_open_where_the_pdf_went(
    qtbot: QtBot,
    home: Path,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.print_dialog
    assert isinstance(dialog, PrintDialog) and dialog.isVisible()
    stick = tmp_path / "stick"
    stick.mkdir()
    prompter.save_path = stick / "itinerary.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert prompter.starts == [str(home / "Documents" / f"{PLAN} - Itinerary.pdf")]
    assert (stick / "itinerary.pdf").is_file()
    dialog.reject()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    prompter.save_path = None  # cancelled: nothing written, the folder stays
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert prompter.starts[-1] == str(stick / f"{PLAN}.plan.json")


def test_the_folder_last_used_is_remembered_for_the_next_start(
    qtbot: QtBot,
    home: Path,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    stick = tmp_path / "stick"
    stick.mkdir()
    prompter.save_path = stick / "knee.plan.json"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert (stick / "knee.plan.json").is_file()
    window.close()

    again = FakePrompter()
    later = MainWindow(window.db, again, QSettings(window.settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(later)
    later.show()
    later.activateWindow()
    qtbot.waitUntil(later.isActiveWindow)
    qtbot.keyClick(later, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert again.starts == [str(stick)]
