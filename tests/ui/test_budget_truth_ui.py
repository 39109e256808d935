"""The issue's patient on the Budget page, the overview and the Quotes tab: what is really left
after her accepted quote, and plain words when she is over her limit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.ui.app.main_window import MainWindow
from planner.ui.budget.budget_page import TAB_HOME, BudgetPage
from tests.db.uk_patient import enter_rate, uk_patient
from tests.ui.test_budget_ui import add_expense
from tests.ui.test_quotes_ui import open_quotes

ESTIMATE_OVER = "The estimate's high end, £12,520.02, is £520.02 over your £12,000.00 limit."
RELATION = (
    "Your accepted quote from Cellinique Clinic ($11,100.00) counts as the treatment's planned cost; "
    "expense lines under Treatment package or a fee category count only for what you paid on them, "
    "so nothing is counted twice."
)


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def budget_page(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> tuple[MainWindow, BudgetPage]:
    window = make_window()
    window.resize(790, 760)  # the offscreen screen is 800x800
    window.activateWindow()  # as a click on it would, so its shortcuts work
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, Qt.Key.Key_5)
    page = window.budget
    assert window.stack.currentWidget() is page
    return window, page


def test_the_uk_patient_sees_what_is_really_left_and_that_she_is_over(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    enter_rate(db, uk_patient(db))
    window, page = budget_page(qtbot, make_window)
    assert page.totals.cards[0].planned.text() == "£10,415.00"  # her £1,535 and the quote's £8,880
    limit = page.totals.limit.text()
    assert "left after planned costs: £1,585.00" in limit and "£10,465" not in limit
    assert page.totals.warning_texts() == ["⚠ " + ESTIMATE_OVER]
    assert page.hint.text().endswith(RELATION)

    press(qtbot, window, Qt.Key.Key_1)
    overview = window.overview.view.toPlainText()
    assert "£12,000.00: planned costs £10,415.00, left after planned costs £1,585.00." in overview
    assert ESTIMATE_OVER in overview

    press(qtbot, window, Qt.Key.Key_5)
    add_expense(qtbot, page, "Interpreter", "1,819", category="Interpreter")
    assert page.totals.cards[0].planned.text() == "£12,234.00"
    assert "left after planned costs: nothing: £234.00 over" in page.totals.limit.text()
    assert page.totals.warning_texts() == [
        "⚠ The planned costs are £234.00 over your £12,000.00 limit.",
        "⚠ " + ESTIMATE_OVER,
    ]
    press(qtbot, window, Qt.Key.Key_1)
    overview = window.overview.view.toPlainText()
    assert "left after planned costs nothing: £234.00 over." in overview
    assert "The planned costs are £234.00 over your £12,000.00 limit." in overview


def test_the_quotes_costs_entered_again_as_a_line_are_not_added_on_top(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    enter_rate(db, uk_patient(db))
    _window, page = budget_page(qtbot, make_window)
    add_expense(qtbot, page, "Surgeon, as the clinic wrote it", "4,800", category="Surgeon’s Fees")
    assert page.expenses.count.text() == "3 lines"
    assert page.totals.cards[0].planned.text() == "£10,415.00"


def test_compare_with_home_shows_pounds_with_the_articles_dollars_and_the_rate(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    enter_rate(db, uk_patient(db))
    _window, page = budget_page(qtbot, make_window)
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TAB_HOME).center())
    assert page.tabs.currentIndex() == TAB_HOME
    text = page.home.toPlainText()
    assert "The whole trip as estimated: £" in text and "($" in text
    assert "Converted to GBP at 1 GBP = 1.25 USD on 15 Nov 2026, your newest rate" in text


def test_the_quote_panel_says_how_the_quote_and_expense_lines_relate(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    uk_patient(db)
    _window, panel = open_quotes(make_window, "Cellinique Clinic")
    assert panel.intro.text().endswith(RELATION)
