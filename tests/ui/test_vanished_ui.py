"""The data file deleted or replaced while the window is open, as a person meets it.

Proved here: the next save is refused and nothing pretends it was saved; the window says plainly
that the data file was deleted or replaced, keeps saying so in the status bar, and offers to save
a copy elsewhere (which then holds the plans) and to restore a backup (after which saving works
again and the warning goes); the start-up question for a missing data file offers the newest
backup, and the window then opens on it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.core.paths import DATABASE_FILE
from planner.db.database import DamagedDatabase, Database
from planner.plans.service import Plan, list_plans
from planner.startup import open_synced_database
from planner.ui.app.damaged_data import FRESH, RESTORE, recover
from planner.ui.app.main_window import MainWindow
from planner.ui.app.plan_commands import RESTORE_BACKUP, SAVE_COPY
from planner.ui.app.restore_dialog import RestoreDialog
from planner.ui.kit.storage_errors import storage_error_hook
from tests.db.journey.journey_plans import new_plan
from tests.ui.test_data_safety_ui import (
    RecordingPrompter,
    click,
    combo_texts,
    select_row,
)

PLAN = "Knee, March"


@pytest.fixture
def prompter() -> RecordingPrompter:
    return RecordingPrompter()


def plans_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name")]


@pytest.mark.qt_no_exception_capture
def test_a_deleted_data_file_refuses_saves_says_so_and_offers_a_copy_and_a_backup(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: RecordingPrompter,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    add_plan(PLAN)
    window = make_window()
    monkeypatch.setattr(
        sys, "excepthook", storage_error_hook(prompter, lambda: window, sys.excepthook, window.data_file_gone)
    )
    window.activateWindow()  # as a click on it would, so its shortcuts work
    qtbot.waitUntil(window.isActiveWindow)
    window.backup_action.trigger()
    assert window.gone_label.isHidden()
    db.path.unlink()

    # Rename with F2: refused, the question says why and offers the two ways out.
    prompter.text_answer = "Knee, April"
    copy = tmp_path / "elsewhere.sqlite3"
    prompter.save_path = copy
    prompter.choice_answer = SAVE_COPY
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert prompter.choices_offered == [[SAVE_COPY, RESTORE_BACKUP]]
    question = next(text for text in prompter.asked if "deleted or replaced" in text)
    assert "Your data file was deleted or replaced while the app was open" in question
    assert "this change was not saved" in question
    assert combo_texts(window) == [PLAN]  # nothing shown that was not saved
    assert "Renamed" not in window.statusBar().currentMessage()
    assert window.gone_label.isVisible() and "Not saving" in window.gone_label.text()
    assert not db.path.exists()
    # The copy elsewhere holds what the window shows.
    assert plans_in(copy) == [PLAN]
    assert str(copy) in prompter.asked[-1] and DATABASE_FILE in prompter.asked[-1]

    # The next save: refused again; this time Restore from backup….
    prompter.choice_answer = RESTORE_BACKUP
    window.duplicate_action.trigger()
    assert combo_texts(window) == [PLAN]
    dialog = window.restore_dialog  # opened by the answer
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    select_row(qtbot, dialog, 0)
    click(qtbot, dialog.restore_button)
    assert not dialog.isVisible()
    assert window.gone_label.isHidden()
    assert db.path.exists() and not db.gone

    # Saving works again, and lasts.
    prompter.choice_answer = None
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert combo_texts(window) == ["Knee, April"]
    assert plans_in(db.path) == ["Knee, April"]
    assert len(prompter.choices_offered) == 2 and prompter.errors == []


def test_the_start_up_question_for_a_missing_data_file_offers_the_newest_backup(
    qtbot: QtBot, tmp_path: Path, prompter: RecordingPrompter, fresh_database: Callable[[Path], Database]
) -> None:
    folder = tmp_path / "data"
    db = fresh_database(folder)
    new_plan(db, PLAN)
    db.back_up("by-you")
    db.close()
    (folder / DATABASE_FILE).unlink()

    with pytest.raises(DamagedDatabase) as raised:
        open_synced_database(folder)
    prompter.choice_answer = RESTORE
    notice = recover(prompter, raised.value)
    assert prompter.choices_offered == [[RESTORE, FRESH]]
    question = prompter.asked[-1]
    assert "cannot use its data file: it is missing" in question and PLAN in question
    assert "moved aside" not in question
    assert notice is not None and notice.startswith("Restored the backup from")
    assert "damaged file" not in notice
    db = open_synced_database(folder)
    try:
        assert [plan.name for plan in list_plans(db)] == [PLAN]
    finally:
        db.close()
