"""Choosing or changing the passphrase: refused at the field when too short or not typed the same
twice, OK only once the person has said they understand it cannot be recovered, the current one
checked first when changing, and the recovery sheet printed only through the print step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner import APP_NAME
from planner.ui.protection.new_passphrase_dialog import (
    NOT_CURRENT,
    NOT_SAME,
    UNCHANGED,
    NewPassphraseDialog,
)
from planner.ui.protection.recovery_sheet import PRINTED, SPACE_MARK, recovery_sheet_html
from tests.ui.protection.conftest import RIGHT, answer_modal, short_problem

NEW = "a new passphrase"


class Data:
    """The data's side: records what the dialog asked it to do."""

    def __init__(self, problem: str | None = None) -> None:
        self.applied: list[tuple[str, str]] = []
        self.checked: list[str] = []
        self.problem = problem
        self.cursors: list[Qt.CursorShape | None] = []

    def apply(self, current: str, new: str) -> str | None:
        self.applied.append((current, new))
        cursor = QApplication.overrideCursor()
        self.cursors.append(cursor.shape() if cursor is not None else None)
        return self.problem

    def check(self, current: str) -> bool:
        self.checked.append(current)
        return current == RIGHT


class Printer:
    """The print step: keeps the sheet's text instead of opening the print dialog."""

    def __init__(self) -> None:
        self.sheets: list[str] = []

    def __call__(self, parent: QWidget, document: QTextDocument) -> str | None:
        self.sheets.append(document.toPlainText())
        return PRINTED


def dialog_for(
    qtbot: QtBot,
    data: Data,
    change: bool = False,
    printer: Printer | None = None,
    data_dir: Path | None = None,
) -> NewPassphraseDialog:
    dialog = NewPassphraseDialog(
        change=change,
        problem=short_problem,
        data_dir=data_dir or Path("/somewhere/data"),
        apply=data.apply,
        check_current=data.check if change else None,
        print_sheet=printer or Printer(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def tick(qtbot: QtBot, dialog: NewPassphraseDialog) -> None:
    box = dialog.understand
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its box


def fill(qtbot: QtBot, dialog: NewPassphraseDialog, new: str, again: str, current: str = "") -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.again, again)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_it_warns_that_a_forgotten_passphrase_cannot_be_recovered(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, Data())
    warning = dialog.warning.text()
    assert "forget" in warning and "nobody can recover your data" in warning
    assert f"not even the makers of {APP_NAME}" in warning
    assert dialog.warning.isVisible()
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.warning)))
    for said in ("its working log and its backups are encrypted", "PDFs, CSV", "calendar files"):
        assert said in texts
    assert not dialog.current.isVisible()  # nothing to type as it is now: there is none
    assert dialog.new.hasFocus()


def test_ok_waits_for_the_person_to_say_they_understand(qtbot: QtBot) -> None:
    data = Data()
    dialog = dialog_for(qtbot, data)
    fill(qtbot, dialog, NEW, NEW)
    assert dialog.understand.isVisible()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert data.applied == [] and dialog.isVisible()
    tick(qtbot, dialog)
    assert dialog.understand.isChecked() and dialog.ok_button.isEnabled()
    tick(qtbot, dialog)
    assert not dialog.ok_button.isEnabled()
    tick(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert data.applied == [("", NEW)]
    assert data.cursors == [Qt.CursorShape.WaitCursor]
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert dialog.new.text() == dialog.again.text() == ""


def test_a_passphrase_too_short_is_refused_at_its_field(qtbot: QtBot) -> None:
    data = Data()
    dialog = dialog_for(qtbot, data)
    tick(qtbot, dialog)
    fill(qtbot, dialog, "short", "short")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert data.applied == [] and dialog.isVisible()
    assert dialog.new_problem.isVisible() and dialog.new_problem.text() == short_problem("short")
    assert not dialog.again_problem.isVisible()
    assert dialog.new.hasFocus()
    qtbot.keyClicks(dialog.new, "er")
    assert not dialog.new_problem.isVisible()  # editing the field takes its problem away


def test_two_different_passphrases_are_refused_at_the_second(qtbot: QtBot) -> None:
    data = Data()
    dialog = dialog_for(qtbot, data)
    tick(qtbot, dialog)
    fill(qtbot, dialog, NEW, NEW + "!")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert data.applied == [] and dialog.isVisible()
    assert not dialog.new_problem.isVisible()
    assert dialog.again_problem.text() == NOT_SAME
    assert dialog.again.text() == "" and dialog.again.hasFocus()
    qtbot.keyClicks(dialog.again, NEW)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert data.applied == [("", NEW)]


def test_a_problem_the_data_has_is_said_and_the_dialog_stays(qtbot: QtBot) -> None:
    data = Data(problem="The disk is full. Free some space and try again.")
    dialog = dialog_for(qtbot, data)
    tick(qtbot, dialog)
    fill(qtbot, dialog, NEW, NEW)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.apply_problem.isVisible() and dialog.apply_problem.text() == data.problem
    assert dialog.new.text() == NEW  # still there for another try


def test_changing_checks_the_passphrase_as_it_is_now_first(qtbot: QtBot) -> None:
    data = Data()
    dialog = dialog_for(qtbot, data, change=True)
    assert dialog.current.hasFocus()
    assert not dialog.understand.isVisible() and dialog.ok_button.isEnabled()
    fill(qtbot, dialog, NEW, NEW, current="not it")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert data.checked == ["not it"] and data.applied == []
    assert dialog.current_problem.text() == NOT_CURRENT
    assert dialog.current.text() == "" and dialog.current.hasFocus()

    qtbot.keyClicks(dialog.current, RIGHT)
    dialog.new.clear()
    dialog.again.clear()
    qtbot.keyClicks(dialog.new, RIGHT)
    qtbot.keyClicks(dialog.again, RIGHT)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.new_problem.text() == UNCHANGED and data.applied == []

    fill(qtbot, dialog, NEW, NEW, current=RIGHT)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert data.applied == [(RIGHT, NEW)]
    assert not dialog.isVisible()


def test_show_passphrases_shows_every_field(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, Data(), change=True)
    box = dialog.show_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert all(f.echoMode() == f.EchoMode.Normal for f in (dialog.current, dialog.new, dialog.again))


def test_the_recovery_sheet_holds_the_passphrase_and_where_the_data_is(qtbot: QtBot, tmp_path: Path) -> None:
    printer = Printer()
    data_dir = tmp_path / "data"
    dialog = dialog_for(qtbot, Data(), printer=printer, data_dir=data_dir)
    fill(qtbot, dialog, NEW, NEW)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(printer.sheets) == 1
    sheet = printer.sheets[0]
    assert APP_NAME in sheet
    assert "20 Nov 2026" in sheet  # the tests' today
    assert str(data_dir) in sheet
    assert NEW.replace(" ", SPACE_MARK + "\u200b") in sheet
    assert "16 characters" in sheet and f"{SPACE_MARK} marks a space" in sheet
    assert "not even the makers" in sheet
    assert dialog.printed.isVisible() and dialog.printed.text() == PRINTED
    assert list(tmp_path.rglob("*")) == []  # printed, never written anywhere
    assert dialog.isVisible()  # printing is not choosing


def test_no_sheet_is_printed_for_a_passphrase_that_will_not_do(qtbot: QtBot) -> None:
    printer = Printer()
    dialog = dialog_for(qtbot, Data(), printer=printer)
    fill(qtbot, dialog, NEW, "something else")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printer.sheets == [] and dialog.again_problem.text() == NOT_SAME
    fill(qtbot, dialog, "short", "short")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printer.sheets == [] and dialog.new_problem.isVisible()


def test_the_sheet_prints_the_passphrase_as_text_never_as_markup() -> None:
    from datetime import date

    html = recovery_sheet_html("<b>bold</b> & co", Path("/data/<x>"), date(2026, 11, 20))
    assert "<b>bold" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "/data/&lt;x&gt;" in html


def test_the_sheet_goes_through_the_print_dialog_which_offers_no_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinterInfo

    from planner.ui.protection.recovery_sheet import NO_PRINTER, print_recovery_sheet, recovery_sheet

    parent = QWidget()
    qtbot.addWidget(parent)
    document = recovery_sheet(NEW, Path("/somewhere/data"), date(2026, 11, 20))
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    assert print_recovery_sheet(parent, document) == NO_PRINTER

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Office"]))
    seen: list[bool] = []

    def answer(modal: QWidget) -> None:
        assert isinstance(modal, QPrintDialog)
        seen.append(modal.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
        modal.reject()

    problems = answer_modal(qtbot, answer)
    assert print_recovery_sheet(parent, document) is None  # cancelled: nothing printed
    assert problems == [] and seen == [False]
