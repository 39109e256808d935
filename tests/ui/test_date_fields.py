"""Date fields take typing the way people expect: select all (Ctrl+A, or arrive with Tab), type
a date, and it replaces the one there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateEdit, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from planner.ui.kit.forms import date_edit


@pytest.fixture
def fields(qtbot: QtBot) -> Iterator[tuple[QLineEdit, QDateEdit, QLineEdit]]:
    host = QWidget()
    layout = QVBoxLayout(host)
    before, edit, after = QLineEdit(), date_edit("Departure date", date(2027, 1, 15)), QLineEdit()
    for widget in (before, edit, after):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    yield before, edit, after  # the host lives until the test ends


@pytest.mark.parametrize("typed", ["12 Mar 2027", "12 March 2027", "2027-03-12", "Mar 12, 2027"])
def test_select_all_and_type_a_date_replaces_it(
    qtbot: QtBot, fields: tuple[QLineEdit, QDateEdit, QLineEdit], typed: str
) -> None:
    _before, edit, after = fields
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.date() == QDate(2027, 3, 12)
    assert edit.text() == "12 Mar 2027"
    assert QApplication.focusWidget() is after


def test_arriving_with_tab_selects_the_whole_date_and_typing_replaces_it(
    qtbot: QtBot, fields: tuple[QLineEdit, QDateEdit, QLineEdit]
) -> None:
    before, edit, _after = fields
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is edit
    assert edit.lineEdit().selectedText() == "15 Jan 2027"  # type: ignore[union-attr]
    with qtbot.waitSignal(edit.dateChanged):
        qtbot.keyClicks(edit, "5 Sep 2028")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.date() == QDate(2028, 9, 5)


def test_what_is_not_a_date_puts_the_date_back_and_escape_cancels(
    qtbot: QtBot, fields: tuple[QLineEdit, QDateEdit, QLineEdit]
) -> None:
    before, edit, _after = fields
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClicks(edit, "next week")
    assert edit.text() == "next week", "what is typed shows while typing"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert (edit.date(), edit.text()) == (QDate(2027, 1, 15), "15 Jan 2027")

    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(edit, "1 Feb 2027")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert (edit.date(), edit.text()) == (QDate(2027, 1, 15), "15 Jan 2027")


def test_the_day_month_and_year_still_step_with_the_arrow_keys(
    qtbot: QtBot, fields: tuple[QLineEdit, QDateEdit, QLineEdit]
) -> None:
    _before, edit, _after = fields
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    edit.setCurrentSection(QDateEdit.Section.DaySection)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.date() == QDate(2027, 1, 16)
