"""The Checklist page as a person uses it: tick, add, edit, reorder by keyboard, filter, search,
delete and undo, the passport warning, and bad input at the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from planner.checklist.rules import Filter
from planner.checklist.service import load_checklist
from planner.core.limits import CHECKLIST_ITEMS
from planner.db.database import Database
from planner.db.models import ChecklistItemRow
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.checklist.checklist_item_dialog import ChecklistItemDialog
from planner.ui.checklist.checklist_model import ChecklistModel
from planner.ui.checklist.checklist_page import ChecklistPage
from tests.ui.conftest import FakePrompter


def open_page(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> tuple[MainWindow, Plan, ChecklistPage]:
    plan = add_plan("Knee, March")
    window = make_window()
    window.resize(790, 760)
    window.checklist_action.trigger()
    return window, plan, window.checklist


def select(qtbot: QtBot, page: ChecklistPage, row: int) -> None:
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press(qtbot: QtBot, page: ChecklistPage, key: Qt.Key, ctrl: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(page.table, key, modifier)


def save(dialog: ChecklistItemDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_new_plan_shows_the_articles_items_by_step_with_progress(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    assert page.model.rowCount() == 49
    assert page.overall_label.text() == "0 of 49 done"
    assert page.steps.item(0).text() == "All steps\n0 of 49 done"
    assert page.steps.item(1).text().startswith("Virtual consultation\n0 of ")


def test_ticking_with_space_updates_progress_and_is_saved(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    select(qtbot, page, 0)
    press(qtbot, page, Qt.Key.Key_Space)
    assert page.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.overall_label.text() == "1 of 49 done"
    assert page.steps.item(0).text() == "All steps\n1 of 49 done"
    stored = load_checklist(db, plan.id).items[0]
    assert stored.done_at is not None
    press(qtbot, page, Qt.Key.Key_Space)
    assert page.overall_label.text() == "0 of 49 done"


def test_adding_an_item_and_refusing_bad_input_at_the_field(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    page.steps.setCurrentRow(7)  # Departure
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    save(dialog)
    assert not dialog.form.errors["text"].isHidden()
    qtbot.keyClicks(dialog.text, "Buy a travel adapter")
    dialog.due_mode.setCurrentIndex(dialog.due_mode.findData("departure"))
    qtbot.keyClicks(dialog.offset, "-400")
    save(dialog)
    assert "within a year" in dialog.form.errors["due"].text()
    assert len(load_checklist(db, plan.id).items) == 49
    dialog.offset.clear()
    qtbot.keyClicks(dialog.offset, "-3")
    save(dialog)
    assert page.dialog is None
    texts = [item.text for item in page.model.rows]
    assert texts[-1] == "Buy a travel adapter"
    assert page.model.index(len(texts) - 1, 3).data() == "26 Feb 2027"  # 3 days before 1 Mar 2027


def test_an_unreadable_due_date_is_refused(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    page.add_item()
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.text, "Call the hotel")
    dialog.due_mode.setCurrentIndex(dialog.due_mode.findData("date"))
    qtbot.keyClicks(dialog.due_text, "next tuesday")
    save(dialog)
    assert "is not a date" in dialog.form.errors["due"].text()
    dialog.reject()


def test_editing_an_item(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    select(qtbot, page, 2)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "Write down three goals")
    save(dialog)
    assert page.model.index(2, 1).data() == "Write down three goals"


def test_reordering_by_keyboard_within_a_step(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    first, second = page.model.rows[0].text, page.model.rows[1].text
    select(qtbot, page, 0)
    press(qtbot, page, Qt.Key.Key_Down, ctrl=True)
    assert [page.model.rows[0].text, page.model.rows[1].text] == [second, first]
    assert page.current_item() is not None and page.current_item().text == first  # type: ignore[union-attr]
    press(qtbot, page, Qt.Key.Key_Up, ctrl=True)
    assert page.model.rows[0].text == first


def test_filters_and_search(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    select(qtbot, page, 0)
    press(qtbot, page, Qt.Key.Key_Space)
    page.filter.setCurrentIndex(page.filter.findData(Filter.DONE))
    assert page.model.rowCount() == 1
    page.filter.setCurrentIndex(page.filter.findData(Filter.OPEN))
    assert page.model.rowCount() == 48
    page.filter.setCurrentIndex(page.filter.findData(Filter.ALL))
    qtbot.keyClicks(page.search, "passport")
    assert page.model.rowCount() >= 1
    assert all("passport" in item.text.casefold() or item.document == "passport" for item in page.model.rows)


def test_delete_and_undo_puts_the_item_back_in_place(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    third = page.model.rows[2].text
    select(qtbot, page, 2)
    press(qtbot, page, Qt.Key.Key_Delete)
    assert third not in [item.text for item in page.model.rows]
    assert "Undo" in page.hint.text()
    press(qtbot, page, Qt.Key.Key_Z, ctrl=True)
    assert page.model.rows[2].text == third
    assert len(load_checklist(db, plan.id).items) == 49


def test_a_passport_expiring_too_soon_is_flagged(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    passport = next(i for i in page.model.rows if i.document == "passport")
    page.table.selectRow(page.model.row_of(passport.id))
    page.edit_item()
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.expires, "2027-06-30")
    save(dialog)
    assert not page.passport.isHidden()
    assert "30 Jun 2027" in page.passport.text()


def test_the_checklist_model_is_sound(
    qtmodeltester: object, db: Database, add_plan: Callable[..., Plan]
) -> None:
    plan = add_plan("Model")
    data = load_checklist(db, plan.id)
    model = ChecklistModel()
    model.set_items(
        data.items[:10], {i.id: i.due.resolve(data.trip) for i in data.items}, data.steps, data.trip.departure
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_overview_shows_progress_and_the_next_items_due(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    window, _plan, page = open_page(make_window, add_plan)
    select(qtbot, page, 0)
    press(qtbot, page, Qt.Key.Key_Space)
    window.overview_action.trigger()
    text = window.overview.view.toPlainText()
    assert "1 of 49 done" in text
    assert "Next due:" in text
    assert "Checklist: 1 of" in text  # the first step's own progress in the journey


def test_changing_the_trip_dates_moves_relative_due_dates_and_refuses_bad_ones(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    from PySide6.QtCore import QDate

    window, plan, page = open_page(make_window, add_plan)
    relative = next(i for i in page.model.rows if i.due.anchor == "departure")
    before = page.model.index(page.model.row_of(relative.id), 3).data()
    window.dates_action.trigger()
    dialog = window.dates_dialog
    assert dialog is not None
    dialog.has_treatment.setChecked(True)
    dialog.treatment.setDate(QDate(2027, 6, 1))
    save_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.click()
    assert "outside the trip" in dialog.form.errors["treatment"].text()
    dialog.departure.setDate(QDate(2027, 3, 11))
    dialog.return_.setDate(QDate(2027, 3, 21))
    dialog.treatment.setDate(QDate(2027, 3, 13))
    save_button.click()
    assert not dialog.isVisible()
    after = page.model.index(page.model.row_of(relative.id), 3).data()
    assert before != after
    stored = load_checklist(db, plan.id).trip
    assert (stored.departure, stored.treatment) == (
        QDate(2027, 3, 11).toPython(),
        QDate(2027, 3, 13).toPython(),
    )


def test_dropping_a_dragged_item_on_another_takes_its_place_in_the_step(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    texts = [i.text for i in page.model.rows[:4]]
    # What the view does on a drop: take the dragged row's data, drop it on the target row.
    dragged = page.model.mimeData([page.model.index(3, 1)])
    assert page.model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, page.model.index(0, 1)) is False
    assert [i.text for i in page.model.rows[:4]] == [texts[3], texts[0], texts[1], texts[2]]
    # Onto another step's item: it stays put and the page says why.
    last_step_row = page.model.rowCount() - 1
    dragged = page.model.mimeData([page.model.index(0, 1)])
    page.model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, page.model.index(last_step_row, 1))
    assert page.model.rows[0].text == texts[3]
    assert "within their own step" in page.hint.text()


def test_adding_to_a_full_checklist_says_the_plan_is_full(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
) -> None:
    plan = add_plan("Knee, March")
    have = len(load_checklist(db, plan.id).items)
    with db.transaction() as session:
        session.execute(
            insert(ChecklistItemRow),
            [
                {"plan_id": plan.id, "step_id": "treatment", "text": f"Item {n}", "kind": "task"}
                | {"position": 100 + n, "created_at": datetime(2026, 11, 1)}
                for n in range(CHECKLIST_ITEMS.most - have)
            ],
        )
    window = make_window()
    window.checklist_action.trigger()
    page = window.checklist
    assert page.model.rowCount() == CHECKLIST_ITEMS.most
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert prompter.errors == [CHECKLIST_ITEMS.full_message()]
    assert "This plan is full" in prompter.errors[0]
    assert page.dialog is None
    assert len(load_checklist(db, plan.id).items) == CHECKLIST_ITEMS.most
