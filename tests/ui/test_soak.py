"""A soak test: a scripted session on the real main window, round after round for SOAK_SECONDS
(default 5, at least six rounds; `make soak` runs it for minutes, and CI for two). Each round
visits every page, opens and cancels every dialog it can reach, and edits and undoes on the
Checklist. It fails on any exception (pytest-qt's capture), any Qt warning, or memory that keeps
growing instead of levelling off."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot

from planner.clinics.service import list_clinics
from planner.clinics.shortlist_service import set_shortlisted
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from tests.ui.conftest import FakePrompter

SECONDS = float(os.environ.get("SOAK_SECONDS", "5"))
LAST_THIRD_GROWTH_MB = 10.0
"""How much the last third of the run may grow: allocator noise, not a leak. (When two dialogs
were never deleted, every round kept about 1 MB, some 15 MB a third of a 20-second run.)"""


def resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def cancel_open_dialogs(qtbot: QtBot) -> int:
    """Press Escape on every dialog left open, as a person would; how many there were."""
    closed = 0
    for _round in range(5):  # a dialog may open another (the print preview)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        if not dialogs:
            break
        for dialog in dialogs:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
            if dialog.isVisible():
                dialog.reject()
            closed += 1
    QApplication.processEvents()
    return closed


def click(qtbot: QtBot, button: QPushButton) -> None:
    if button.isVisible() and button.isEnabled():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def one_round(qtbot: QtBot, window: MainWindow) -> int:
    """Every page, every dialog the menus and add buttons open (each cancelled), an edit undone."""
    dialogs = 0
    pages: list[QAction] = [
        window.overview_action,
        window.journey_action,
        window.itinerary_action,
        window.clinics_action,
        window.budget_action,
        window.checklist_action,
        window.recovery_action,
        window.learn_action,
    ]
    for page in pages:
        page.trigger()
        QApplication.processEvents()
    for action in (
        window.new_action,
        window.rename_action,
        window.dates_action,
        window.details_action,
        window.print_action,
        window.export_plan_action,
        window.export_protected_action,
        window.import_plan_action,
        window.calendar_action,
        window.csv_action,
        window.search_action,
        window.about_action,
    ):
        if action.isEnabled():
            action.trigger()
            QApplication.processEvents()
            dialogs += cancel_open_dialogs(qtbot)

    window.itinerary_action.trigger()
    for button in (window.itinerary.add_button, window.itinerary.propose_button):
        click(qtbot, button)
        dialogs += cancel_open_dialogs(qtbot)
    window.budget_action.trigger()
    budget = window.budget
    click(qtbot, budget.expenses.add_button)
    dialogs += cancel_open_dialogs(qtbot)
    budget.tabs.setCurrentWidget(budget.estimate)
    budget.estimate.table.selectRow(0)
    click(qtbot, budget.estimate.change_button)
    dialogs += cancel_open_dialogs(qtbot)
    budget.tabs.setCurrentWidget(budget.expenses)

    window.clinics_action.trigger()
    clinics = window.clinics
    clinics.table.selectRow(0)
    clinics.detail.tabs.setCurrentWidget(clinics.detail.quotes)
    for button in (clinics.add_button, clinics.compare_shortlist_button, clinics.detail.quotes.new_button):
        click(qtbot, button)
        dialogs += cancel_open_dialogs(qtbot)
    clinics.detail.tabs.setCurrentIndex(0)

    window.recovery_action.trigger()
    recovery = window.recovery
    recovery.tabs.setCurrentWidget(recovery.check_ins)
    click(qtbot, recovery.check_ins.record_button)
    dialogs += cancel_open_dialogs(qtbot)
    recovery.tabs.setCurrentWidget(recovery.diary)

    window.checklist_action.trigger()
    checklist = window.checklist
    click(qtbot, checklist.add_button)
    dialogs += cancel_open_dialogs(qtbot)
    rect = checklist.table.visualRect(checklist.model.index(0, 1))
    qtbot.mouseClick(checklist.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    before = checklist.model.rowCount()
    qtbot.keyClick(checklist.table, Qt.Key.Key_Space)  # tick, then untick
    qtbot.keyClick(checklist.table, Qt.Key.Key_Space)
    qtbot.keyClick(checklist.table, Qt.Key.Key_Delete)  # delete, then undo
    assert checklist.model.rowCount() == before - 1
    qtbot.keyClick(checklist.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert checklist.model.rowCount() == before
    return dialogs


@pytest.mark.soak
@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen's own, not ours
def test_a_long_session_raises_nothing_warns_nothing_and_levels_off_in_memory(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    db: Database,
) -> None:
    plan = add_plan("Knee, March")
    for clinic in list_clinics(db)[:2]:  # a shortlist to compare
        set_shortlisted(db, plan.id, clinic.id, True)
    window = make_window()
    window.resize(1280, 800)
    samples: list[float] = []
    widgets: list[int] = []
    rounds = dialogs = 0
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline or rounds < 6:
        dialogs += one_round(qtbot, window)
        rounds += 1
        samples.append(resident_mb())
        widgets.append(len(QApplication.allWidgets()))
    assert dialogs >= 13 * rounds, "the rounds should open and cancel dialogs"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    third = len(samples) // 3
    first = samples[third] - samples[0]
    last = samples[-1] - samples[-third - 1]
    print(
        f"\nsoak: {rounds} rounds in {SECONDS:.0f} s, {dialogs} dialogs opened and cancelled; resident "
        f"{samples[0]:.0f} -> {samples[-1]:.0f} MB; growth in the first third {first:+.1f} MB, "
        f"in the last third {last:+.1f} MB"
    )
    assert widgets[-1] == widgets[1], f"widgets are left behind each round: {widgets}"
    assert last <= LAST_THIRD_GROWTH_MB, f"memory keeps growing: {samples}"
