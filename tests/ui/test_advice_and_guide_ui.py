"""Not medical advice, said where it matters (the welcome page, the clinic detail, the Learn page,
every printout), and Help › User guide (F1) inside the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from planner.core.advice import NOT_MEDICAL_ADVICE
from planner.db.database import Database
from planner.plans.service import Plan
from planner.printouts.registry import PRINTOUTS, build_printout
from planner.ui.app.guide_dialog import GuideDialog
from planner.ui.app.main_window import MainWindow
from planner.ui.printing.printing import write_pdf

PLAN = "Knee, March"


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_sentence_is_short_and_plain() -> None:
    assert len(NOT_MEDICAL_ADVICE) < 200
    assert "not medical advice" in NOT_MEDICAL_ADVICE
    assert "evidence" in NOT_MEDICAL_ADVICE and "still limited" in NOT_MEDICAL_ADVICE
    assert "your own plan" in NOT_MEDICAL_ADVICE and "articles" in NOT_MEDICAL_ADVICE


def test_the_welcome_page_says_it(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.advice.text() == NOT_MEDICAL_ADVICE and window.welcome.advice.isVisible()


def test_the_clinic_detail_and_the_learn_page_say_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan(PLAN)
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    detail = window.clinics.detail
    assert detail.advice.text() == NOT_MEDICAL_ADVICE and detail.advice.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.learn.advice.text() == NOT_MEDICAL_ADVICE and window.learn.advice.isVisible()


@pytest.mark.parametrize("kind", list(PRINTOUTS))
def test_every_printout_says_it(
    kind: str, qtbot: QtBot, db: Database, add_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    plan = add_plan(PLAN)
    printout = build_printout(db, plan.id, kind)
    assert NOT_MEDICAL_ADVICE in printout.html
    pdf = tmp_path / f"{kind}.pdf"
    problem, _pages = write_pdf(printout, "a4", pdf)
    assert problem is None
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    assert NOT_MEDICAL_ADVICE in text


def guide_shown(qtbot: QtBot, window: MainWindow) -> GuideDialog:
    qtbot.waitUntil(lambda: window.guide_dialog is not None and window.guide_dialog.isVisible())
    dialog = window.guide_dialog
    assert isinstance(dialog, GuideDialog)
    return dialog


def test_f1_opens_the_user_guide_inside_the_app(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = guide_shown(qtbot, window)
    text = dialog.browser.toPlainText()
    for page in ("Plan overview", "Journey", "Itinerary", "Clinics", "Budget", "Checklist", "Learn"):
        assert page in text
    for shortcut in ("Ctrl+1", "Alt+Left", "Ctrl+P", "F1", "Ctrl+Z"):
        assert shortcut in text
    assert str(db.data_dir) in text  # where the data lives, on this computer
    assert "File › Restore from backup" in text and "Open a backup file" in text
    assert NOT_MEDICAL_ADVICE in text
    assert "$" not in text  # every placeholder filled in
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.guide_dialog is None)


def test_the_user_guide_is_in_the_help_menu(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert menu.actions()[0].text() == "&User guide"
    qtbot.keyClick(menu, Qt.Key.Key_U)
    guide_shown(qtbot, window)
