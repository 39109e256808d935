"""Today's date as the real widgets show it, with the app's clock pinned to the days that used to
catch us out (see tests/domain/core/test_any_day.py): the budget page's rate and deposit dates and the
deposit's paid line, and the footer of what File › Print prints."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from planner.budget.service import load_budget
from planner.core import clock
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.budget.budget_page import TAB_RATES
from tests.domain.core.test_any_day import MOMENTS, WRITTEN
from tests.ui.test_budget_ui import click, open_budget, retype, show_tab
from tests.ui.test_print_ui import close, open_print_dialog, open_window


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def day(request: pytest.FixtureRequest) -> Iterator[str]:
    """The name of the moment the clock is pinned to before any window is made."""
    with clock.pinned(MOMENTS[request.param]):
        yield request.param


def test_the_budget_page_dates_today_and_records_the_deposit_as_paid_today(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database, day: str
) -> None:
    today = WRITTEN[day][0]
    now = clock.today()
    plan = add_plan("Knee, March")
    _window, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_RATES)
    panel = page.rates
    assert panel.rate_day.date() == QDate(now.year, now.month, now.day)
    assert panel.rate_day.text() == today

    retype(qtbot, panel.amount, "3,000")
    click(qtbot, panel.is_paid)
    assert panel.paid_on.date() == QDate(now.year, now.month, now.day)
    click(qtbot, panel.save_deposit_button)
    assert panel.state.text() == f"Paid on {today}."
    deposit = load_budget(db, plan.id).deposit
    assert deposit is not None and deposit.paid_on == MOMENTS[day].date()


def test_the_printout_says_it_was_printed_today(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], day: str
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan)
    dialog = open_print_dialog(window)
    printout = dialog.printout()
    assert printout.printed_on == MOMENTS[day].date()
    assert printout.footer(1, 2) == f"Printed {WRITTEN[day][0]} · Page 1 of 2"
    close(qtbot, dialog)
