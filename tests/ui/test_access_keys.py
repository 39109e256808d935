"""No two things shown at once answer to the same Alt+letter.

Qt runs an Alt+letter only when exactly one visible control of the window uses that letter (a
button, a tab, a tick box, a field's label, a group's title, a menu-bar title); when two do, the
key only moves the focus between them and nothing happens. Each test opens a page, a tab or a
dialog of a plan with something on every page, gathers the letters of everything shown, and checks
that none is used twice; the last tests press some of the letters and check that they do their job.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import BUDGET
from tests.ui.test_accessible_names import (
    DIALOGS,
    PAGES,
    click_row,
    click_tab,
    furnish,
    go,
    press,
)


@pytest.fixture
def window(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> MainWindow:
    """The main window, active, on a plan with something on every page."""
    furnish(db, add_plan("Knee, March"))
    shown = make_window()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


ESTIMATE_STATUS = 5
"""The estimate table's Status column ("Proposed", "Removed")."""


def letter_of(text: str) -> str | None:
    """The letter Alt opens `text` with ("Compare with &home" -> "H"), or None."""
    sequence = QKeySequence.mnemonic(text)
    if sequence.isEmpty():
        return None
    return sequence.toString().removeprefix("Alt+").upper()


def lettered(top: QWidget) -> list[tuple[str, str]]:
    """(letter, what shows it) for every visible control of the window `top` that has an access letter."""
    found: list[tuple[str, str]] = []

    def add(text: str, kind: str) -> None:
        letter = letter_of(text)
        if letter is not None:
            found.append((letter, f"{kind} {text!r}"))

    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            if action.isVisible():
                add(action.text(), "menu")
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index), "tab")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    """Each letter used more than once in the window `top`, with what uses it."""
    users: dict[str, list[str]] = {}
    for letter, what in lettered(top):
        users.setdefault(letter, []).append(what)
    return {letter: whats for letter, whats in sorted(users.items()) if len(whats) > 1}


def test_a_letter_is_found_and_a_clash_is_seen(qtbot: QtBot) -> None:
    """The check itself: it sees a button's, a tab's and a buddy label's letters, and two of one."""
    host = QWidget()
    layout = QVBoxLayout(host)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "C&harts")
    field = QLineEdit()
    label = QLabel("&Hotel:")
    label.setBuddy(field)
    for widget in (tabs, label, field, QPushButton("&Save")):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    assert letter_of("Compare with &home") == "H" and letter_of("Fish && chips") is None
    assert sorted(letter for letter, _ in lettered(host)) == ["H", "H", "S"]
    assert list(clashes(host)) == ["H"]


@pytest.mark.parametrize("page", list(PAGES))
def test_no_two_controls_on_a_page_share_a_letter(qtbot: QtBot, window: MainWindow, page: str) -> None:
    row, setup = PAGES[page]
    go(qtbot, window, row)
    setup(qtbot, window)
    assert len(lettered(window)) > 3, "the page and the menu bar have letters"
    assert clashes(window) == {}, f"on the {page} page, Alt+letter only moves between these"


def test_no_two_controls_on_the_welcome_page_share_a_letter(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert clashes(window) == {}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_no_two_controls_of_a_dialog_share_a_letter(qtbot: QtBot, window: MainWindow, name: str) -> None:
    problems: dict[str, dict[str, list[str]]] = {}
    dialog: QWidget | None = None
    for view, dialog in DIALOGS[name](qtbot, window):
        if clashes(dialog):
            problems[view] = clashes(dialog)
    assert problems == {}, f"in the {name} dialog, Alt+letter only moves between these"
    assert dialog is not None
    press(qtbot, dialog, "Escape")
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


# --- the letters do their job ----------------------------------------------------------------
def test_alt_letters_open_each_budget_tab(qtbot: QtBot, window: MainWindow) -> None:
    go(qtbot, window, BUDGET.row)
    tabs = window.budget.tabs
    bar = tabs.tabBar()
    for index in reversed(range(bar.count())):
        letter = letter_of(bar.tabText(index))
        assert letter is not None, f"the {bar.tabText(index)!r} tab has a letter"
        press(qtbot, window, f"Alt+{letter}")
        assert tabs.currentIndex() == index, f"Alt+{letter} opens the {bar.tabText(index)!r} tab"


def test_alt_letters_take_an_estimate_line_out_and_put_it_back(qtbot: QtBot, window: MainWindow) -> None:
    go(qtbot, window, BUDGET.row)
    click_tab(qtbot, window.budget.tabs, "Estimate")
    panel = window.budget.estimate
    click_row(qtbot, panel.table)
    status = panel.table.model().index(0, ESTIMATE_STATUS)
    assert status.data() != "Removed"
    press(qtbot, window, "Alt+M")
    qtbot.waitUntil(lambda: panel.table.model().index(0, ESTIMATE_STATUS).data() == "Removed")
    assert clashes(window) == {}, "the button's other text has a letter of its own too"
    press(qtbot, window, "Alt+U")
    qtbot.waitUntil(lambda: panel.table.model().index(0, ESTIMATE_STATUS).data() != "Removed")


def test_the_menu_letters_still_open_their_menus_on_the_budget_page(qtbot: QtBot, window: MainWindow) -> None:
    go(qtbot, window, BUDGET.row)
    click_tab(qtbot, window.budget.tabs, "Estimate")
    for action in window.menuBar().actions():
        letter = letter_of(action.text())
        assert letter is not None
        press(qtbot, window, f"Alt+{letter}")
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        popup = QApplication.activePopupWidget()
        assert popup is action.menu(), f"Alt+{letter} opens the {action.text()!r} menu"
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        press(qtbot, window, "Escape")  # leave the menu bar
