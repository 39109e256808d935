"""The baseline and check-ins where the journey and the checklist show them: on the treatment and
rehabilitation steps with their due days, and as read-only rows of the checklist that Enter or a
double-click opens on the Recovery page's Check-ins tab. Real keys and clicks throughout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.changes import Change
from planner.checklist.rules import Filter, Item, with_check_ins
from planner.checklist.service import load_checklist
from planner.db.database import Database
from planner.plans.service import Plan
from planner.recovery.checkins import Scheduled
from planner.recovery.rules import CheckInDraft
from planner.recovery.service import save_check_in
from planner.step_page.text import OVERDUE_STYLE
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import RECOVERY
from planner.ui.checklist.checklist_model import ChecklistModel
from planner.ui.checklist.checklist_page import ChecklistPage
from planner.ui.journey.journey_page import STEP_ROLE, JourneyPage
from planner.ui.kit.tables import ROW_ROLE
from planner.ui.recovery.check_in_model import CheckInLine
from planner.ui.recovery.recovery_page import TAB_CHECK_INS
from tests.ui.recovery.conftest import new_plan
from tests.ui.test_accessible_names import press

HOME = "rehabilitation-home"
HOME_CHECK_INS = [
    "2-week check-in",
    "6-week check-in",
    "3-month check-in",
    "6-month check-in",
    "12-month check-in",
]


def treated_plan(db: Database) -> Plan:
    """Treated on 4 Sep 2026, eleven weeks before the tests' today (20 Nov 2026): the baseline and
    the 2-week check-in recorded, the 6-week one overdue, the 3-month one due on 4 Dec."""
    plan = new_plan(db, date(2026, 8, 28), date(2026, 9, 12), date(2026, 9, 4), "Knee, September")
    save_check_in(db, plan.id, None, CheckInDraft("baseline", date(2026, 8, 27), {"pain-rest": "6"}))
    save_check_in(db, plan.id, None, CheckInDraft("2-weeks", date(2026, 9, 19), {"pain-rest": "5"}))
    return plan


@dataclass
class Window:
    qtbot: QtBot
    window: MainWindow

    def press(self, keys: str) -> None:
        press(self.qtbot, self.window, keys)

    def key(self, widget: object, key: Qt.Key, ctrl: bool = False) -> None:
        modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        self.qtbot.keyClick(widget, key, modifier)  # type: ignore[arg-type]

    @property
    def journey(self) -> JourneyPage:
        self.press("Ctrl+2")
        assert self.window.stack.currentWidget() is self.window.journey
        return self.window.journey

    @property
    def checklist(self) -> ChecklistPage:
        self.press("Ctrl+6")
        assert self.window.stack.currentWidget() is self.window.checklist
        return self.window.checklist


def open_window(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> Window:
    window = make_window()
    window.resize(1200, 760)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return Window(qtbot, window)


def click_step(qtbot: QtBot, page: JourneyPage, step_id: str) -> None:
    row = next(r for r in range(page.steps.count()) if page.steps.item(r).data(STEP_ROLE) == step_id)
    item = page.steps.item(row)
    page.steps.scrollToItem(item)
    qtbot.mouseClick(
        page.steps.viewport(), Qt.MouseButton.LeftButton, pos=page.steps.visualItemRect(item).center()
    )
    assert page.step_id == step_id


def click_checklist_step(qtbot: QtBot, page: ChecklistPage, name: str) -> None:
    row = next(r for r in range(page.steps.count()) if page.steps.item(r).text().startswith(name))
    item = page.steps.item(row)
    qtbot.mouseClick(
        page.steps.viewport(), Qt.MouseButton.LeftButton, pos=page.steps.visualItemRect(item).center()
    )
    assert page.steps.currentRow() == row


def click_row(qtbot: QtBot, page: ChecklistPage, row: int, column: int = 1) -> None:
    page.table.scrollTo(page.model.index(row, column))
    rect = page.table.visualRect(page.model.index(row, column))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def texts(page: ChecklistPage) -> list[str]:
    return [page.model.index(r, 1).data() for r in range(page.model.rowCount())]


def test_the_treatment_step_shows_the_baseline_and_rehabilitation_at_home_the_check_ins(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    treated_plan(db)
    shown = open_window(qtbot, make_window)
    page = shown.journey
    click_step(qtbot, page, "treatment")
    view = page.view
    assert view.check_ins_box.isVisible() and view.check_ins_box.title() == "Check-ins"
    text = view.check_ins.text()
    assert "Baseline check-in" in text and "due Fri 28 Aug 2026" in text and "done on 27 Aug 2026" in text
    assert "It is recorded on the Recovery page (Ctrl+7)." in text
    assert f"({RECOVERY.shortcut})" in text

    click_step(qtbot, page, HOME)
    rows = view.check_ins.text().split("<tr>")[1:]
    assert [next(t for t in HOME_CHECK_INS if t in row) for row in rows] == HOME_CHECK_INS
    assert "done on 19 Sep 2026" in rows[0] and OVERDUE_STYLE not in rows[0]
    assert "not yet (overdue)" in rows[1] and OVERDUE_STYLE in rows[1]  # due 16 Oct 2026
    assert "due Fri 4 Dec 2026" in rows[2] and "not yet" in rows[2] and OVERDUE_STYLE not in rows[2]
    assert "They are recorded on the Recovery page" in view.check_ins.text()

    click_step(qtbot, page, "departure")
    assert not view.check_ins_box.isVisible()


def test_a_check_in_recorded_on_the_recovery_page_shows_done_on_its_step(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    plan = treated_plan(db)
    shown = open_window(qtbot, make_window)
    click_step(qtbot, shown.journey, HOME)
    shown.press("Ctrl+7")
    save_check_in(db, plan.id, None, CheckInDraft("6-weeks", date(2026, 10, 20), {"pain-rest": "4"}))
    shown.window.events.announce(Change.RECOVERY)  # as the Recovery page does after saving
    page = shown.journey
    row = page.view.check_ins.text().split("<tr>")[2]
    assert "6-week check-in" in row and "done on 20 Oct 2026" in row and OVERDUE_STYLE not in row


def test_without_a_treatment_day_the_step_says_the_check_ins_follow_from_it(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    new_plan(db, treatment=None)
    shown = open_window(qtbot, make_window)
    page = shown.journey
    click_step(qtbot, page, HOME)
    assert page.view.check_ins_box.isVisible()
    text = page.view.check_ins.text()
    assert "follow from the treatment day" in text and "<tr>" not in text
    shown.press("Ctrl+6")
    assert not any(isinstance(row, Scheduled) for row in shown.window.checklist.model.rows)


def test_the_checklist_lists_the_check_ins_under_their_steps_read_only(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    plan = treated_plan(db)
    shown = open_window(qtbot, make_window)
    page = shown.checklist
    items_before = load_checklist(db, plan.id).items
    assert page.overall_label.text().startswith(f"0 of {len(items_before)} done"), "check-ins are not counted"
    assert "not counted here" in page.hint.text()

    click_checklist_step(qtbot, page, "Treatment")
    assert texts(page)[-1] == "Baseline check-in"
    click_checklist_step(qtbot, page, "Rehabilitation at home")
    home_items = [i for i in items_before if i.step_id == HOME]
    assert texts(page) == [i.text for i in home_items] + HOME_CHECK_INS
    first = len(home_items)
    model = page.model
    assert [model.index(first + n, 0).data(Qt.ItemDataRole.CheckStateRole) for n in range(3)] == [
        Qt.CheckState.Checked,
        Qt.CheckState.Unchecked,
        Qt.CheckState.Unchecked,
    ]
    assert [model.index(first + 1, c).data() for c in (2, 3, 4)] == [
        "Check-in",
        "16 Oct 2026",
        "Rehabilitation at home",
    ]
    assert model.index(first + 1, 1).data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020"  # overdue
    assert "Recovery page" in model.index(first + 1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(model.index(first, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(first, 1)) & Qt.ItemFlag.ItemIsDragEnabled

    click_row(qtbot, page, first + 1)  # the 6-week check-in
    assert page.current_item() is None and page.current_check_in() is not None
    for button in (page.edit_button, page.delete_button, page.up_button, page.down_button):
        assert not button.isEnabled()
    shown.key(page.table, Qt.Key.Key_Space)
    assert page.hint.text() == (
        "The 6-week check-in is recorded on the Recovery page, and ticked here once it is: "
        "press Enter to go there."
    )
    shown.key(page.table, Qt.Key.Key_Delete)
    shown.key(page.table, Qt.Key.Key_Up, ctrl=True)
    box = page.table.visualRect(model.index(first + 1, 0))
    qtbot.mouseClick(
        page.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box.left() + 8, box.center().y())
    )
    assert texts(page) == [i.text for i in home_items] + HOME_CHECK_INS
    assert model.index(first + 1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert load_checklist(db, plan.id).items == items_before
    assert shown.window.stack.currentWidget() is page

    page.filter.setCurrentIndex(page.filter.findData(Filter.OVERDUE))
    assert "6-week check-in" in texts(page) and "2-week check-in" not in texts(page)
    page.filter.setCurrentIndex(page.filter.findData(Filter.DONE))
    assert texts(page) == ["2-week check-in"]
    page.filter.setCurrentIndex(page.filter.findData(Filter.ALL))
    qtbot.keyClicks(page.search, "3-month")
    assert texts(page) == ["3-month check-in"]


def test_the_items_around_the_check_ins_still_tick_and_move(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    plan = treated_plan(db)
    shown = open_window(qtbot, make_window)
    page = shown.checklist
    click_checklist_step(qtbot, page, "Rehabilitation at home")
    home = [i.text for i in load_checklist(db, plan.id).items if i.step_id == HOME]
    last = len(home) - 1
    click_row(qtbot, page, last)
    shown.key(page.table, Qt.Key.Key_Space)
    assert page.model.index(last, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.steps.currentItem().text().endswith(f"1 of {len(home)} done")
    shown.key(page.table, Qt.Key.Key_Down, ctrl=True)  # the last item stays last: check-ins do not move
    assert texts(page)[: len(home)] == home
    click_row(qtbot, page, 0)
    page.drop_item(page.current_item().id, page.model.row_of_check_in("6-months"))  # type: ignore[union-attr]
    assert texts(page) == [*home[1:], home[0], *HOME_CHECK_INS], (
        "dropped on a check-in: last of its step's items"
    )
    stored = [i.text for i in load_checklist(db, plan.id).items if i.step_id == HOME]
    assert stored == [*home[1:], home[0]]


def test_enter_on_a_check_in_opens_the_recovery_pages_check_ins_tab_at_it(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    treated_plan(db)
    shown = open_window(qtbot, make_window)
    page = shown.checklist
    click_checklist_step(qtbot, page, "Rehabilitation at home")
    click_row(qtbot, page, page.model.row_of_check_in("6-weeks"))
    shown.key(page.table, Qt.Key.Key_Return)
    recovery = shown.window.recovery
    assert shown.window.stack.currentWidget() is recovery
    assert shown.window.nav.currentRow() == RECOVERY.row
    assert recovery.tabs.currentIndex() == TAB_CHECK_INS
    chosen = recovery.check_ins.current_line()
    assert isinstance(chosen, CheckInLine) and chosen.point_id == "6-weeks"
    assert QApplication.focusWidget() is recovery.check_ins.table

    recovery.tabs.setCurrentIndex(0)
    page = shown.checklist
    where = page.table.visualRect(page.model.index(page.model.row_of_check_in("12-months"), 2)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click's
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # two halves
    assert shown.window.stack.currentWidget() is recovery
    assert recovery.tabs.currentIndex() == TAB_CHECK_INS
    chosen = recovery.check_ins.current_line()
    assert chosen is not None and chosen.point_id == "12-months"


def test_enter_on_an_item_stays_on_the_checklist(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    treated_plan(db)
    shown = open_window(qtbot, make_window)
    page = shown.checklist
    click_row(qtbot, page, 0)
    assert isinstance(page.table.selectionModel().selectedRows()[0].data(ROW_ROLE), Item)
    shown.key(page.table, Qt.Key.Key_Return)
    assert shown.window.stack.currentWidget() is page and page.dialog is None


def test_the_checklist_model_with_check_ins_is_sound(qtmodeltester: object, db: Database) -> None:
    plan = treated_plan(db)
    data = load_checklist(db, plan.id)
    model = ChecklistModel()
    rows = with_check_ins(data.items[-6:], data.check_ins, list(data.steps))
    due_on = {i.id: i.due.resolve(data.trip) for i in data.items}
    model.set_items(rows, due_on, data.steps, date(2026, 11, 20))
    assert sum(isinstance(r, Scheduled) for r in model.rows) == 6
    qtmodeltester.check(model)  # type: ignore[attr-defined]
