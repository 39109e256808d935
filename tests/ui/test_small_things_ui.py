"""Small things a patient notices: the checklist's "Add the articles' items" only when some are
missing, deleting a plan says how to get it back (and a backup really is taken first), and
marking a step done while its checklist has open items asks first."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.db.database import Database
from planner.journey.service import load_journey
from planner.plans.service import Plan, list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import JOURNEY
from planner.ui.journey.journey_page import JourneyPage

from .conftest import FakePrompter

PLAN = "Knee, March"


def click(qtbot: QtBot, button: object) -> None:
    assert button.isEnabled(), button.text()  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


# --- the checklist's templates button -----------------------------------------------------------
def test_add_the_articles_items_is_disabled_while_the_plan_has_them_all(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan(PLAN)
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.checklist
    assert page.isVisible() and page.model.rowCount() == 49
    assert not page.templates_button.isEnabled()
    assert "every checklist item from the articles" in page.templates_button.toolTip()

    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 48
    assert page.templates_button.isEnabled()
    assert "Add the 1 checklist item from the articles" in page.templates_button.toolTip()

    click(qtbot, page.templates_button)
    assert page.model.rowCount() == 49
    assert page.hint.text() == "Added 1 item from the articles."
    assert not page.templates_button.isEnabled()


# --- deleting a plan ----------------------------------------------------------------------------
def plans_in(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        return [name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name")]


def test_deleting_a_plan_says_a_backup_is_taken_and_how_to_get_it_back(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    add_plan(PLAN)
    add_plan("Knee, May")
    window = make_window()
    window.plan_combo.setCurrentIndex(window.plan_combo.findText(PLAN))
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    question = prompter.asked[-1]
    assert "A backup of all your plans is taken first" in question
    assert "File › Restore from backup" in question and "Before deleting a plan" in question
    assert "cannot be undone" not in question
    assert [p.name for p in list_plans(db)] == ["Knee, May"]
    [backup] = [b for b in db.backups() if b.reason == "before-delete"]
    assert backup.reason_text == "Before deleting a plan"
    assert plans_in(backup.path) == ["Knee, March", "Knee, May"]
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Deleted the plan “{PLAN}”.") and "Restore from backup" in message


# --- marking a step done with open checklist items ----------------------------------------------
def open_journey(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> tuple[MainWindow, JourneyPage]:
    window = make_window()
    window.nav.setCurrentRow(JOURNEY.row)
    page = window.journey
    assert page.isVisible()
    return window, page


def status_of(db: Database, plan: Plan, step_id: str) -> str:
    return load_journey(db, plan.id).state(step_id).status


def test_marking_a_step_done_with_open_items_asks_first_and_no_keeps_it_open(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    plan = add_plan(PLAN)
    _window, page = open_journey(qtbot, make_window)
    first = page.step_id
    open_items = [item for item in page.view.data.items if not item.done]  # type: ignore[union-attr]
    assert open_items

    prompter.confirm_answer = False
    click(qtbot, page.done_button)
    question = prompter.asked[-1]
    assert question.startswith(f"{len(open_items)} of this step's checklist items are still open")
    assert f"• {open_items[0].text}" in question
    assert status_of(db, plan, first) == "not-started"
    assert page.step_id == first and page.view.status.currentData() == "not-started"

    # Choosing Done in the list and pressing Save asks too.
    view = page.view
    view.status.setCurrentIndex(view.status.findData("done"))
    asked = len(prompter.asked)
    click(qtbot, view.save_button)
    assert len(prompter.asked) == asked + 1
    assert status_of(db, plan, first) == "not-started"

    prompter.confirm_answer = True
    click(qtbot, view.save_button)
    assert status_of(db, plan, first) == "done"


def test_a_step_with_every_item_ticked_is_marked_done_without_asking(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    plan = add_plan(PLAN)
    _window, page = open_journey(qtbot, make_window)
    first = page.step_id
    table = page.view.items_table
    for row in range(page.view.items.rowCount()):
        index = page.view.items.index(row, 0)
        assert page.view.items.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert all(item.done for item in page.view.data.items)  # type: ignore[union-attr]
    assert table.isVisible()
    prompter.confirm_answer = False  # a question would stop it
    click(qtbot, page.done_button)
    assert status_of(db, plan, first) == "done"
    assert not any("still open" in text for text in prompter.asked)


def test_dont_ask_again_is_remembered(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    plan = add_plan(PLAN)
    window, page = open_journey(qtbot, make_window)
    first = page.step_id
    prompter.stop_asking = True
    click(qtbot, page.done_button)
    assert status_of(db, plan, first) == "done"
    second = page.step_id
    assert second != first
    asked = len(prompter.asked)
    prompter.confirm_answer = False  # it is no longer asked
    click(qtbot, page.done_button)
    assert status_of(db, plan, second) == "done"
    assert len(prompter.asked) == asked

    # ... in the settings, for the next start too.
    settings = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    assert settings.value("ask/done-with-open-items", True, type=bool) is False


# --- dates written one way ----------------------------------------------------------------------
def test_the_checklist_item_dialog_writes_dates_as_the_app_does_and_takes_them_typed_so(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan(PLAN)
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.checklist
    passport = next(i for i in page.model.rows if i.document == "passport")
    rect = page.table.visualRect(page.model.index(page.model.row_of(passport.id), 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert dialog is not None
    assert dialog.expires.placeholderText() == "20 May 2031"
    dialog.due_mode.setCurrentIndex(dialog.due_mode.findData("date"))
    assert dialog.due_text.placeholderText() == "1 Mar 2027"
    qtbot.keyClicks(dialog.due_text, "15 feb 2027")
    qtbot.keyClicks(dialog.expires, "30 June 2031")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert page.dialog is None or not page.dialog.isVisible()

    click(qtbot, page.edit_button)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.due_text.text(), dialog.expires.text()) == ("15 Feb 2027", "30 Jun 2031")
    dialog.due_text.selectAll()
    qtbot.keyClicks(dialog.due_text, "31 Feb 2027")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert dialog.form.errors["due"].text() == "“31 Feb 2027” is not a date. Type it as 1 Mar 2027."
    dialog.reject()
