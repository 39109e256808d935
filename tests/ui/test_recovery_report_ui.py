"""The recovery report from the window's Print, as a person reaches it: File › Print, "Recovery
report" picked from the list by typing, its hint, the preview with its pages, and Save as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.printouts.recovery import load_recovery_report, recovery_printout
from planner.ui.app.main_window import MainWindow
from planner.ui.printing.print_dialog import HINTS, PrintDialog
from planner.ui.printing.printing import PagedDocument, page_layout
from tests.fixed_time import TEST_NOW
from tests.recovery_plan import recovery_plan

from .conftest import FakePrompter

TODAY = TEST_NOW.date()


def test_print_preview_and_save_the_recovery_report(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], prompter: FakePrompter, tmp_path: Path
) -> None:
    plan_id = recovery_plan(db, TODAY, days=30)
    window = make_window()
    window.plan_combo.setCurrentIndex(window.plans.row_of(plan_id))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.print_action.trigger()
    dialog = window.print_dialog
    assert isinstance(dialog, PrintDialog) and dialog.isVisible()
    dialog.what.setFocus()
    qtbot.keyClicks(dialog.what, "Rec")
    assert dialog.kind == "recovery" and dialog.what.currentText() == "Recovery report"
    assert dialog.hint.text() == HINTS["recovery"]

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    assert "Recovery report" in preview.windowTitle()
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    expected = PagedDocument(
        recovery_printout(load_recovery_report(db, plan_id, TODAY)), page_layout("a4")
    ).pages
    qtbot.waitUntil(lambda: widget.pageCount() == expected)
    preview.reject()

    prompter.save_path = tmp_path / "for my doctor.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    reader = pypdf.PdfReader(prompter.save_path)
    assert dialog.status.text() == f"Saved {len(reader.pages)} pages to for my doctor.pdf."
    assert "Knee, recovery · Recovery report" in " ".join(reader.pages[0].extract_text().split())
    assert prompter.errors == []
    dialog.reject()
