"""A window left open past midnight shows the new day: what was due today is overdue tomorrow,
without the person doing anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pytestqt.qtbot import QtBot

from planner.checklist.rules import ItemDraft
from planner.checklist.service import save_item
from planner.core import clock
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import CHECKLIST, OVERVIEW


def test_the_pages_read_today_again_when_a_new_day_begins(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    plan = add_plan("Knee, March")
    with clock.pinned(datetime(2026, 11, 20, 23, 59, 59)):  # a second before midnight
        save_item(
            db, plan.id, ItemDraft("treatment", "Post the forms", due_mode="date", due_text="20 Nov 2026")
        )
        window = make_window()
        window.nav.setCurrentRow(OVERVIEW.row)
        window.nav.setCurrentRow(CHECKLIST.row)
        page = window.checklist
        assert "overdue" not in page.overall_label.text()
    with clock.pinned(datetime(2026, 11, 21, 0, 0, 1)):  # the clock moved on; nothing was pressed
        qtbot.waitUntil(lambda: "1 overdue" in page.overall_label.text(), timeout=5_000)
