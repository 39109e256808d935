"""The Recovery page's fixtures: a plan whose trip is on now (20 Nov 2026, the tests' today), its
treatment a week ago, and the window open on the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.checklist.service import set_treatment_date
from planner.db.database import Database
from planner.plans.service import Plan, PlanDraft, create_plan
from planner.recovery.model import Recovery
from planner.recovery.service import load_recovery
from planner.ui.app.main_window import MainWindow
from planner.ui.recovery.recovery_page import RecoveryPage
from tests.ui.test_accessible_names import press

TODAY = date(2026, 11, 20)
DEPARTURE, TREATMENT, RETURN = date(2026, 11, 10), date(2026, 11, 13), date(2026, 11, 24)


def new_plan(
    db: Database,
    departure: date = DEPARTURE,
    return_: date = RETURN,
    treatment: date | None = TREATMENT,
    name: str = "Knee, November",
) -> Plan:
    plan = create_plan(db, PlanDraft(name, "knee-cartilage-damage", "GB", "GBP", departure, return_, ""))
    if treatment is not None:
        set_treatment_date(db, plan.id, treatment)
    return plan


@dataclass
class Shown:
    """The window on the Recovery page, and what a test does there as a person would."""

    qtbot: QtBot
    window: MainWindow
    page: RecoveryPage
    db: Database
    plan: Plan

    def press(self, keys: str) -> None:
        press(self.qtbot, self.window, keys)

    def type(self, text: str) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None
        self.qtbot.keyClicks(focus, text)

    @property
    def focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def recovery(self) -> Recovery:
        return load_recovery(self.db, self.plan.id)


@pytest.fixture
def show_recovery(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> Callable[[Plan], Shown]:
    """Open the window and go to the Recovery page with Ctrl+7."""

    def show(plan: Plan) -> Shown:
        window = make_window()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        press(qtbot, window, "Ctrl+7")
        page = window.recovery
        assert window.stack.currentWidget() is page
        return Shown(qtbot, window, page, db, plan)

    return show
