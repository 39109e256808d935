"""File › Back up to… writes a consistent copy to a folder the person chooses (a USB stick), and
Restore from backup opens a backup file from anywhere, with the same checks as the app's own."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.db.database import Database
from planner.plans.service import Plan, list_plans
from planner.protection.service import change_passphrase, passphrase_opens, protect_data
from planner.startup import open_synced_database
from planner.ui.app.main_window import MainWindow
from planner.ui.app.restore_dialog import WRONG_BACKUP_PASSPHRASE, RestoreDialog
from tests.sql_dump import sql_lines
from tests.ui.test_data_safety_ui import select_row, table_rows

from .conftest import FakePrompter

PLAN = "Knee, March"


def dump(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as connection:
        return sql_lines(connection)


def plans_in(database: Path) -> list[str]:
    with closing(sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name")]


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in menu.actions()]  # type: ignore[union-attr]


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_restore(window: MainWindow) -> RestoreDialog:
    window.restore_action.trigger()
    dialog = window.restore_dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    return dialog


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "USB stick"
    folder.mkdir()
    return folder


def test_back_up_to_writes_a_private_consistent_copy_in_the_folder_chosen(
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    stick: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    assert "Back up &to…" in file_menu_texts(window)
    prompter.folder_path = stick
    window.backup_to_action.trigger()
    [copy] = list(stick.iterdir())
    assert copy.name == "patient-journey-planner-backup-20261120-100000.sqlite3"
    assert plans_in(copy) == [PLAN]
    assert dump(copy) == dump(db.path)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert str(copy) in window.statusBar().currentMessage()
    assert "Restore from backup" in prompter.asked[-1] and "Open a backup file" in prompter.asked[-1]

    window.backup_to_action.trigger()  # a second one the same second never replaces the first
    assert sorted(path.name for path in stick.iterdir()) == [
        "patient-journey-planner-backup-20261120-100000-2.sqlite3",
        copy.name,
    ]
    assert prompter.errors == []


def test_back_up_to_a_folder_that_cannot_be_written_says_so_and_leaves_nothing(
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    stick: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    prompter.folder_path = stick / "taken out"  # the stick was removed after it was chosen
    window.backup_to_action.trigger()
    [message] = prompter.errors
    assert message.startswith(f"The backup could not be written to {stick / 'taken out'}")
    assert list(stick.iterdir()) == []


def test_a_backup_file_from_elsewhere_is_restored_from_the_restore_dialog(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    stick: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    prompter.folder_path = stick
    window.backup_to_action.trigger()
    [copy] = list(stick.iterdir())
    prompter.text_answer = "Knee, April"
    window.rename_action.trigger()
    assert list_plans(db)[0].name == "Knee, April"

    dialog = open_restore(window)
    prompter.open_path = copy
    click(qtbot, dialog.file_button)
    assert copy.name in prompter.asked[-1]  # asked first
    assert not dialog.isVisible()
    assert [p.name for p in list_plans(db)] == [PLAN]
    assert window.plan_combo.currentText() == PLAN
    assert f"Restored the backup file {copy.name}" in window.statusBar().currentMessage()
    [kept] = [b for b in db.backups() if b.reason == "before-restore"]
    assert kept.plans == ("Knee, April",)
    assert prompter.errors == []
    db.close()
    again = open_synced_database(db.data_dir)
    try:
        assert [p.name for p in list_plans(again)] == [PLAN]
    finally:
        again.close()


def test_answering_no_restores_nothing(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    stick: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    prompter.folder_path = stick
    window.backup_to_action.trigger()
    [copy] = list(stick.iterdir())
    before = dump(db.path)
    dialog = open_restore(window)
    prompter.open_path, prompter.confirm_answer = copy, False
    click(qtbot, dialog.file_button)
    assert dialog.isVisible() and dump(db.path) == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "patient-journey-plan"}', "it is not a database file"),
        (b"", "it is empty"),
        ("sqlite", "it is not a Patient Journey Planner backup"),
        ("data file", "it is the data file the app is using now, not a backup"),
    ],
    ids=["plan-file", "empty", "other-sqlite", "own-data-file"],
)
def test_a_bad_file_chosen_to_restore_is_refused_with_a_clear_message_and_nothing_changes(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    stick: Path,
    content: bytes | str,
    reason: str,
) -> None:
    add_plan(PLAN)
    window = make_window()
    if content == "data file":
        chosen = db.path
    else:
        chosen = stick / "chosen.sqlite3"
        if content == "sqlite":
            with closing(sqlite3.connect(chosen)) as other:
                other.execute("CREATE TABLE notes (text TEXT)")
        else:
            assert isinstance(content, bytes)
            chosen.write_bytes(content)
    before, backups = dump(db.path), db.backups()
    dialog = open_restore(window)
    prompter.open_path = chosen
    click(qtbot, dialog.file_button)
    assert prompter.errors == [f"This backup cannot be restored: {reason}. Nothing was changed."]
    assert dialog.isVisible()
    assert dump(db.path) == before and db.backups() == backups
    assert window.plan_combo.currentText() == PLAN


@pytest.fixture
def earlier(db: Database, add_plan: Callable[..., Plan], stick: Path) -> Path:
    """A backup on the stick under the first passphrase, the data since changed to the second."""
    add_plan(PLAN)
    protect_data(db, "the first passphrase")
    copy = db.back_up_to(stick)
    change_passphrase(db, "the first passphrase", "the second passphrase")
    return copy


def test_a_backup_file_under_an_earlier_passphrase_asks_for_it_until_it_is_right(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    earlier: Path,
) -> None:
    copy = earlier
    add_plan("Knee, April")
    window = make_window()

    dialog = open_restore(window)
    prompter.open_path = copy
    prompter.passphrases = ["the second passphrase", "the first passphrase"]
    click(qtbot, dialog.file_button)

    assert prompter.passphrase_problems == [WRONG_BACKUP_PASSPHRASE, None]  # refused, then taken
    assert [p.name for p in list_plans(db)] == [PLAN]
    assert prompter.errors == []
    assert passphrase_opens(db, "the second passphrase")  # the data keeps its own


def test_cancelling_the_passphrase_of_a_backup_file_restores_nothing(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    earlier: Path,
) -> None:
    copy = earlier
    add_plan("Knee, April")
    window = make_window()
    dialog = open_restore(window)
    prompter.open_path, prompter.passphrases = copy, []
    click(qtbot, dialog.file_button)
    assert sorted(p.name for p in list_plans(db)) == ["Knee, April", PLAN]
    assert dialog.isVisible()


def test_a_listed_backup_left_under_an_earlier_passphrase_restores_with_it(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    earlier: Path,
) -> None:
    """A change of passphrase stopped half way leaves some backups under the old key."""
    copy = earlier
    stranded = db.back_up("by-you")
    shutil.copy(copy, stranded)  # as if the change had stopped before rewriting it
    add_plan("Knee, April")
    window = make_window()
    dialog = open_restore(window)
    assert table_rows(dialog)[0][3] == "Protected with an earlier passphrase (or damaged)"
    select_row(qtbot, dialog, 0)
    chosen = dialog.selected()
    assert chosen is not None and chosen.path == stranded

    prompter.passphrases = ["the first passphrase"]
    click(qtbot, dialog.restore_button)

    assert [p.name for p in list_plans(db)] == [PLAN]
    assert prompter.errors == []
    assert passphrase_opens(db, "the second passphrase")
