"""Start-up never dies of one plan.

Proved here: when reading the plan shown at start (or one switched to, or a page built for it)
fails with an unexpected error, the window still opens and says which plan could not be shown
and why, with the error's message on a details line; the other plans can be chosen, and the
broken one can be exported and deleted with the page's buttons. `--smoke` then exits 0 with a
`planner:` warning naming the plan. Both with a service patched to fail, and with real data (a
stay starting on 9999-12-31 written straight into the database).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from planner.db.database import Database
from planner.db.models import PlanRow
from planner.journey.service import load_journey
from planner.plans.service import Plan, list_plans
from planner.ui.app.application import _run_window
from planner.ui.app.main_window import MainWindow, settings_for
from tests.db.journey.journey_plans import new_plan
from tests.ui.conftest import FakePrompter

GOOD, BAD = "Knee, March", "Achilles, May"


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def remember_plan(db: Database, plan_id: int) -> None:
    """As if the window was last closed showing `plan_id`."""
    settings = settings_for(db)
    settings.setValue("window/plan", plan_id)
    settings.sync()


def break_dates(db: Database, plan_id: int) -> None:
    """A stay starting on the last day the calendar has, written past every check."""
    with db.transaction() as session:
        session.execute(
            update(PlanRow)
            .where(PlanRow.id == plan_id)
            .values(departure_date=date(9999, 12, 31), return_date=date(9999, 12, 31))
        )


@pytest.fixture
def failing_load(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """The ids of plans whose journey cannot be read (the overview reads it)."""
    broken: set[int] = set()

    def failing_load_journey(db: Database, plan_id: int, *args: Any, **kwargs: Any) -> Any:
        if plan_id in broken:
            raise RuntimeError("the journey could not be worked out")
        return load_journey(db, plan_id, *args, **kwargs)

    for page in ("overview.overview_page", "journey.journey_page"):  # the pages that read it
        monkeypatch.setattr(f"planner.ui.{page}.load_journey", failing_load_journey)
    return broken


def test_a_plan_that_cannot_be_read_at_start_leaves_the_window_and_the_other_plans_working(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    failing_load: set[int],
) -> None:
    add_plan(GOOD)
    bad = add_plan(BAD, "tendonitis")
    failing_load.add(bad.id)
    remember_plan(db, bad.id)

    window = make_window()

    page = window.unshown_page
    assert window.stack.currentWidget() is page
    assert window.plan_combo.currentText() == BAD
    assert page.title.text() == f"The plan “{BAD}” cannot be shown"
    assert "something in its data could not be read" in page.text.text()
    assert page.details.text() == "Details: RuntimeError: the journey could not be worked out"
    assert window.export_plan_action.isEnabled() and window.delete_action.isEnabled()
    assert not window.print_action.isEnabled()
    # Another page of the same plan: the same explanation, not a half-read page.
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is page
    qtbot.keyClick(window.nav, Qt.Key.Key_Up)

    # The plan picker still works, from the keyboard.
    window.plan_combo.setFocus()
    qtbot.keyClick(window.plan_combo, Qt.Key.Key_Down)  # plans are sorted: Achilles, then Knee
    assert window.plan_combo.currentText() == GOOD
    assert window.unshown is None and window.stack.currentWidget() is window.overview
    assert window.overview.view.toPlainText().startswith(GOOD)
    assert window.print_action.isEnabled()
    # And back: explained again.
    window.plan_combo.setCurrentIndex(window.plans.row_of(bad.id))
    assert window.stack.currentWidget() is page


def test_a_page_that_cannot_be_built_for_a_plan_explains_instead(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_plan(GOOD)
    from planner.ui.budget.budget_page import BudgetPage

    def set_plan(self: BudgetPage, plan: Plan | None) -> None:
        if plan is not None:
            raise KeyError("USD")

    monkeypatch.setattr(BudgetPage, "set_plan", set_plan)
    window = make_window()
    assert window.stack.currentWidget() is window.overview
    window.budget_action.trigger()
    assert window.stack.currentWidget() is window.unshown_page
    assert window.unshown_page.details.text() == "Details: KeyError: 'USD'"


def test_a_plan_with_a_stay_on_the_last_day_of_the_calendar_can_be_exported_and_deleted(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan(GOOD)
    bad = add_plan(BAD, "tendonitis")
    break_dates(db, bad.id)
    remember_plan(db, bad.id)

    window = make_window()

    page = window.unshown_page
    assert window.stack.currentWidget() is page and BAD in page.title.text()
    assert "a date or an amount in it is outside what the app can work with" in page.text.text()
    assert page.details.text().startswith("Details: ")
    prompter.save_path = tmp_path / "achilles.plan.json"
    click(qtbot, page.export_button)
    exported = json.loads(prompter.save_path.read_text(encoding="utf-8"))
    assert BAD in json.dumps(exported, ensure_ascii=False)

    prompter.confirm_answer = True
    click(qtbot, page.delete_button)
    assert [plan.name for plan in list_plans(db)] == [GOOD]
    assert window.plan_combo.currentText() == GOOD
    assert window.unshown is None and window.stack.currentWidget() is window.overview


def test_smoke_still_starts_and_names_the_plan_it_could_not_show(
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fresh_database: Callable[[Path], Database],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # _run_window installs its own
    folder = tmp_path / "data"
    db = fresh_database(folder)
    new_plan(db, GOOD)
    bad = new_plan(db, BAD)
    break_dates(db, bad)
    remember_plan(db, bad)
    db.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    assert _run_window(app, folder, FakePrompter(), smoke=True) == 0

    err = capsys.readouterr().err
    assert f"planner: the plan “{BAD}” could not be shown: a date or an amount" in err
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.hide()
