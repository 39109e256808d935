"""A page is declared once, in the page registry: a new entry is all the window needs to list it,
reach it by its shortcut and the View menu, build it only when it is first shown, give it the
current plan, send Ctrl+F to its search box and offer its printout on Print."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from planner.plans.service import Plan
from planner.ui.app import pages
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import PageSpec
from planner.ui.kit.page import Page, PageContext


class NotesPage(Page):
    built = 0

    def __init__(self) -> None:
        super().__init__()
        NotesPage.built += 1
        self.search = QLineEdit()
        self.shown_plans: list[str | None] = []
        QVBoxLayout(self).addWidget(self.search)

    def load(self) -> None:
        self.shown_plans.append(self.plan.name if self.plan else None)

    def search_box(self) -> QLineEdit:
        return self.search


def _notes(context: PageContext) -> NotesPage:
    return NotesPage()


NOTES = PageSpec("notes", "Notes", "&Notes", "Ctrl+9", _notes, printout="checklist")


@pytest.fixture
def with_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    NotesPage.built = 0
    monkeypatch.setattr(pages, "PAGES", (*pages.PAGES, NOTES))


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(window.windowHandle(), combination.key(), combination.keyboardModifiers())


@pytest.mark.usefixtures("with_notes")
def test_a_page_added_to_the_registry_is_listed_reached_searched_and_printed(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee")
    add_plan("Other")
    window = make_window()
    assert window.nav.item(window.nav.count() - 1).text() == "Notes"
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert view is not None and "&Notes" in [a.text() for a in view.actions()]
    assert NotesPage.built == 0  # start-up does not pay for it

    press(qtbot, window, "Ctrl+9")
    page = window.stack.currentWidget()
    assert isinstance(page, NotesPage) and NotesPage.built == 1
    assert window.nav.currentItem().text() == "Notes"
    assert page.shown_plans == [window.plan_combo.currentText()]

    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Other"))
    assert page.shown_plans[-1] == "Other"

    press(qtbot, window, "Ctrl+F")
    assert QApplication.focusWidget() is page.search

    press(qtbot, window, "Ctrl+P")
    assert window.print_dialog is not None and window.print_dialog.kind == "checklist"
    qtbot.keyClick(window.print_dialog.windowHandle(), Qt.Key.Key_Escape)
    window.close()
    again = make_window()
    assert isinstance(again.stack.currentWidget(), NotesPage)  # remembered by its key
