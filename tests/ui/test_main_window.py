"""The main window: plans side by side, rename, duplicate, delete, pages, remembered state."""

from __future__ import annotations

import stat
from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from planner.changes import Change
from planner.db.database import Database
from planner.plans.service import Plan, list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import LEARN
from tests.ui.conftest import FakePrompter


def test_switching_plans_shows_each_plans_overview(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, Cellinique, March")
    add_plan("Achilles, Lydian, May", "tendonitis")
    window = make_window()
    assert window.plan_combo.count() == 2
    window.plan_combo.setFocus()
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Achilles, Lydian, May"))
    assert "Tendonitis" in window.overview.view.toPlainText()
    assert "Achilles, Lydian, May" in window.windowTitle()
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, Cellinique, March"))
    text = window.overview.view.toPlainText()
    assert "Knee cartilage damage" in text and "£15,000.00" in text
    assert "Virtual consultation" in text and "Rehabilitation at home" in text


def test_delete_asks_first_and_keeps_the_plan_when_the_answer_is_no(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    db: Database,
) -> None:
    add_plan("Keep me")
    window = make_window()
    prompter.confirm_answer = False
    window.delete_action.trigger()
    assert "Keep me" in prompter.asked[-1]
    assert [p.name for p in list_plans(db)] == ["Keep me"]

    prompter.confirm_answer = True
    window.delete_action.trigger()
    assert list_plans(db) == []
    assert window.stack.currentWidget() is window.welcome
    assert not window.delete_action.isEnabled()


def test_rename_and_duplicate(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    db: Database,
) -> None:
    add_plan("Knee")
    add_plan("Other")
    window = make_window()
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee"))

    prompter.text_answer = "other"
    window.rename_action.trigger()
    assert prompter.problems_seen[-1] and "already have" in prompter.problems_seen[-1]
    prompter.text_answer = "Knee, Lydian, May"
    window.rename_action.trigger()
    assert window.plan_combo.currentText() == "Knee, Lydian, May"

    with qtbot.waitSignal(window.events.changed) as signal:
        window.duplicate_action.trigger()
    assert signal.args is not None and signal.args[0].what == Change.PLAN
    assert window.plan_combo.currentText() == "Knee, Lydian, May (copy)"
    assert window.current_plan() is not None and window.current_plan().id == signal.args[0].plan_id  # type: ignore[union-attr]
    assert sorted(p.name for p in list_plans(db)) == [
        "Knee, Lydian, May",
        "Knee, Lydian, May (copy)",
        "Other",
    ]


def test_learn_search_finds_tendonitis(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.search_action.trigger()
    assert window.stack.currentWidget() is window.learn
    total = window.learn.proxy.rowCount()
    qtbot.keyClicks(window.learn.search, "tendonitis")
    shown = window.learn.proxy.rowCount()
    assert 0 < shown < total
    titles = [window.learn.proxy.index(r, 1).data() for r in range(shown)]
    assert "Tendonitis" in titles
    assert "Tendonitis" in window.learn.detail.toPlainText()
    assert "Soft Tissue Injury Treatment" in window.learn.detail.toPlainText()

    window.learn.search.clear()
    qtbot.keyClicks(window.learn.search, "nothing-like-this")
    assert window.learn.proxy.rowCount() == 0
    assert window.learn.count.text() == "No matches"
    assert "nothing-like-this" in window.learn.detail.toPlainText()


def test_selecting_a_learn_row_with_the_keyboard_shows_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.nav.setCurrentRow(LEARN.row)
    window.learn.table.setFocus()
    window.learn.table.selectRow(0)
    qtbot.keyClick(window.learn.table, Qt.Key.Key_Down)
    second = window.learn.proxy.index(1, 1).data()
    assert second in window.learn.detail.toPlainText()


def test_window_geometry_page_and_plan_are_remembered(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    add_plan("A")
    add_plan("B")
    window = make_window()
    window.setGeometry(QRect(QPoint(10, 20), QSize(780, 640)))
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("B"))
    window.nav.setCurrentRow(LEARN.row)
    window.close()

    settings = db.data_dir / "settings.ini"
    assert settings.exists() and stat.S_IMODE(settings.stat().st_mode) == 0o600

    again = make_window()
    assert (again.width(), again.height()) == (780, 640)
    assert again.plan_combo.currentText() == "B"
    assert again.stack.currentWidget() is again.learn


def test_keyboard_shortcuts_are_set(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["&New plan…"] == "Ctrl+N"
    assert shortcuts["Rena&me plan…"] == "F2"
    assert shortcuts["&Quit"] == "Ctrl+Q"
    assert shortcuts["&Journey"] == "Ctrl+2"
    assert shortcuts["&Itinerary"] == "Ctrl+3"
    assert shortcuts["&Clinics"] == "Ctrl+4"
    assert shortcuts["&Budget"] == "Ctrl+5"
    assert shortcuts["Chec&klist"] == "Ctrl+6"
    assert shortcuts["&Recovery"] == "Ctrl+7"
    assert shortcuts["&Learn"] == "Ctrl+8"
    assert shortcuts["&Search"] == "Ctrl+F"


def test_no_two_items_of_a_menu_share_the_letter_that_opens_them(
    make_window: Callable[[], MainWindow],
) -> None:
    """Pressing an item's underlined letter runs it only when no other item of its menu has the
    same one; otherwise Qt just moves between them."""
    window = make_window()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        letters = [
            text[text.index("&") + 1].casefold()
            for text in (a.text() for a in menu.actions() if not a.isSeparator())
            if "&" in text
        ]
        assert len(letters) == len(set(letters)), f"{menu_action.text()}: {sorted(letters)}"
        unlettered = [a.text() for a in menu.actions() if not a.isSeparator() and "&" not in a.text()]
        assert not unlettered, f"{menu_action.text()}: items without a letter: {unlettered}"
