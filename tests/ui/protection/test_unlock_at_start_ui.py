"""Protected data asks for its passphrase in the unlock dialog before the window reads anything:
a wrong one is said and asked again, Quit stops with the locked exit code, and "It was never
protected?" offers the damaged-file recovery instead. The dialog is answered with real keys."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.core.paths import DATABASE_FILE
from planner.db.database import Database
from planner.exit_codes import EXIT_LOCKED, EXIT_OK
from planner.plans.service import list_plans
from planner.protection.service import protect_data
from planner.startup import OpenData
from planner.ui.app import application
from planner.ui.app.damaged_data import FRESH
from planner.ui.protection.unlock_dialog import UnlockDialog
from tests.db.journey.journey_plans import new_plan
from tests.ui.conftest import FakePrompter
from tests.ui.protection.conftest import RIGHT, answer_modal, press, type_and_enter


@pytest.fixture
def protected(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    folder = tmp_path / "data"
    db = fresh_database(folder)
    new_plan(db, "Knee, March")
    protect_data(db, RIGHT)
    db.close()
    return folder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The plans the window would have shown, instead of showing it."""
    shown: list[list[str]] = []

    def show(_app: object, data: OpenData, _prompter: object, _smoke: bool) -> int:
        shown.append([plan.name for plan in list_plans(data.db)])
        return EXIT_OK

    monkeypatch.setattr(application, "_show_window", show)
    return shown


def unlock_dialog(modal: QWidget) -> UnlockDialog:
    assert isinstance(modal, UnlockDialog)
    return modal


def test_a_wrong_passphrase_is_said_and_asked_again_then_the_right_one_opens_the_window(
    qtbot: QtBot, protected: Path, opened: list[list[str]]
) -> None:
    seen: list[str] = []

    def answer(modal: QWidget) -> None:
        dialog = unlock_dialog(modal)
        type_and_enter(qtbot, dialog.field, "not the passphrase")
        qtbot.waitUntil(lambda: dialog.problem.isVisible())
        seen.append(dialog.problem.text())
        assert dialog.field.text() == "" and dialog.isVisible()
        type_and_enter(qtbot, dialog.field, RIGHT)

    problems = answer_modal(qtbot, answer)
    code = application._run_window(QApplication.instance(), protected, FakePrompter(), smoke=False)  # type: ignore[arg-type]

    assert problems == []
    assert code == EXIT_OK and opened == [["Knee, March"]]
    assert seen and "does not open your data" in seen[0]


def test_quit_stops_with_the_locked_code_and_reads_nothing(
    qtbot: QtBot, protected: Path, opened: list[list[str]]
) -> None:
    before = {p.name: p.read_bytes() for p in protected.iterdir() if p.is_file()}
    problems = answer_modal(qtbot, lambda modal: press(qtbot, unlock_dialog(modal), "Alt+Q"))
    code = application._run_window(QApplication.instance(), protected, FakePrompter(), smoke=False)  # type: ignore[arg-type]
    assert problems == []
    assert code == EXIT_LOCKED and opened == []
    after = {p.name: p.read_bytes() for p in protected.iterdir() if p.is_file() and p.name != "planner.lock"}
    assert after == {name: data for name, data in before.items() if name != "planner.lock"}


def test_never_protected_offers_the_damaged_file_recovery(
    qtbot: QtBot, tmp_path: Path, opened: list[list[str]]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    noise = os.urandom(8 * 4096)  # whole pages of noise: it looks encrypted
    (folder / DATABASE_FILE).write_bytes(noise)
    prompter = FakePrompter(choice_answer=FRESH)

    problems = answer_modal(qtbot, lambda modal: press(qtbot, unlock_dialog(modal), "Alt+N"))
    code = application._run_window(QApplication.instance(), folder, prompter, smoke=False)  # type: ignore[arg-type]

    assert problems == []
    assert code == EXIT_OK and opened == [[]]
    [moved] = folder.glob("planner-damaged-*.sqlite3")
    assert moved.read_bytes() == noise
