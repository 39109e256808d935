"""The Budget page as a person uses it: expense lines, warnings, rates, the estimate, the deposit,
the home comparison, the charts and the CSV export."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QLineEdit, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.budget.rules import Expense, ExpenseConversion
from planner.budget.service import add_rate, list_expenses, load_budget
from planner.budget.summary_service import summarise
from planner.core import clock
from planner.db.database import Database
from planner.plans.service import Plan, PlanDraft, create_plan
from planner.ui.app.main_window import MainWindow
from planner.ui.budget.budget_page import (
    TAB_CHARTS,
    TAB_ESTIMATE,
    TAB_EXPENSES,
    TAB_HOME,
    TAB_RATES,
    BudgetPage,
)
from planner.ui.budget.estimate_panel import EstimateLineDialog, EstimateModel
from planner.ui.budget.expense_dialog import ExpenseDialog
from planner.ui.budget.expense_model import ExpenseModel
from planner.ui.budget.rates_deposit_panel import RateModel, RatesDepositPanel
from planner.ui.kit.widgets import ErrorLabel
from tests.fixed_time import TEST_NOW
from tests.ui.conftest import FakePrompter

LIMIT_TEXT = "£15,000.00"
PLANNED_HOME = 7
"""The expense table's "Planned in <home>" column."""
STATUS = 5
"""The estimate table's status column."""


# --- helpers ------------------------------------------------------------------------------------
def open_budget(make_window: Callable[[], MainWindow]) -> tuple[MainWindow, BudgetPage]:
    window = make_window()
    window.resize(790, 760)  # the offscreen screen is 800x800
    window.budget_action.trigger()
    page = window.budget
    assert window.stack.currentWidget() is page
    assert page.isVisible()
    return window, page


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Select what the field holds and type over it."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == text


def type_currency(qtbot: QtBot, combo: QComboBox, code: str) -> None:
    """Type a code into a searchable currency combo, as a person would."""
    line = combo.lineEdit()
    assert line is not None
    retype(qtbot, line, code)


def click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert [i.row() for i in table.selectionModel().selectedRows()] == [row]


def column(table: QTableView, col: int) -> list[str]:
    model = table.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def save_button(dialog: QWidget) -> QAbstractButton:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    button = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def open_expense_dialog(qtbot: QtBot, page: BudgetPage, row: int | None = None) -> ExpenseDialog:
    panel = page.expenses
    if row is None:
        click(qtbot, panel.add_button)
    else:
        click_row(qtbot, panel.table, row)
        click(qtbot, panel.edit_button)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def add_expense(
    qtbot: QtBot,
    page: BudgetPage,
    label: str,
    planned: str,
    *,
    category: str = "",
    currency: str = "",
    paid: str = "",
) -> None:
    """Add expense…, fill the form, Save; the dialog closes."""
    panel = page.expenses
    if panel.add_button.isVisible():
        dialog = open_expense_dialog(qtbot, page)
    else:  # another tab is shown: the panel's own action
        panel.add_button.click()
        assert panel.dialog is not None
        dialog = panel.dialog
    qtbot.keyClicks(dialog.label, label)
    if category:
        dialog.category.setCurrentIndex(dialog.category.findText(category))
        assert dialog.category.currentText() == category
    if currency:
        type_currency(qtbot, dialog.currency, currency)
    qtbot.keyClicks(dialog.planned, planned)
    if paid:
        qtbot.keyClicks(dialog.actual, paid)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert panel.dialog is None, [e.text() for e in dialog.form.errors.values() if not e.isHidden()]


def home_card_planned(page: BudgetPage) -> str:
    return page.totals.cards[0].planned.text()


def show_tab(qtbot: QtBot, page: BudgetPage, index: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index


def enter_rate(
    qtbot: QtBot, panel: RatesDepositPanel, base: str, quote: str, rate: str, on: date | None = None
) -> None:
    type_currency(qtbot, panel.base, base)
    panel.quote.setCurrentIndex(panel.quote.findData(quote))
    retype(qtbot, panel.rate, rate)
    day = on or clock.today()
    panel.rate_day.setDate(QDate(day.year, day.month, day.day))
    click(qtbot, panel.add_rate_button)


def shown_error(form_errors: Mapping[str, ErrorLabel], key: str) -> str:
    """The message under a field, which must be showing."""
    label = form_errors[key]
    assert not label.isHidden(), f"no message shown at {key}"
    return label.text()


# --- expenses -----------------------------------------------------------------------------------
def test_an_expense_added_through_the_dialog_shows_in_the_table_and_the_totals(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, page = open_budget(make_window)
    panel = page.expenses
    assert panel.count.text() == "0 lines"
    assert not panel.edit_button.isEnabled() and not panel.export_button.isEnabled()
    assert home_card_planned(page) == "£0.00"
    add_expense(qtbot, page, "Return flight to Seoul", "1,200", category="Travel")
    assert column(panel.table, 0) == ["Return flight to Seoul"]
    assert column(panel.table, 1) == ["Travel"]
    assert column(panel.table, 3) == ["£1,200.00"]
    assert column(panel.table, PLANNED_HOME) == ["£1,200.00"]
    assert panel.model.headerData(PLANNED_HOME, Qt.Orientation.Horizontal) == "Planned in GBP"
    assert panel.count.text() == "1 line"
    assert home_card_planned(page) == "£1,200.00"
    assert page.totals.cards[0].title.text() == "In GBP (home)"
    assert "left after planned costs: £13,800.00" in page.totals.limit.text()
    assert page.totals.warning_texts() == []
    [saved] = list_expenses(db, plan.id)
    assert saved.planned == Decimal("1200") and saved.currency == "GBP"


def test_editing_a_line_past_the_limit_warns_and_editing_back_clears_the_warning(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Treatment package", "1,200", category="Treatment package")

    def edit_planned(amount: str) -> None:
        dialog = open_expense_dialog(qtbot, page, row=0)
        assert dialog.windowTitle() == "Edit expense"
        assert dialog.label.text() == "Treatment package"
        retype(qtbot, dialog.planned, amount)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert page.expenses.dialog is None

    edit_planned("16,000")
    assert home_card_planned(page) == "£16,000.00"
    assert column(page.expenses.table, 3) == ["£16,000.00"]
    [over] = page.totals.warning_texts()
    assert over == f"⚠ The planned costs are £1,000.00 over your {LIMIT_TEXT} limit."
    assert "left after planned costs: nothing: £1,000.00 over" in page.totals.limit.text()

    edit_planned("14,000")
    [near] = page.totals.warning_texts()
    assert "93%" in near and LIMIT_TEXT in near and "over" not in near

    edit_planned("1,000")
    assert page.totals.warning_texts() == []
    assert home_card_planned(page) == "£1,000.00"
    assert page.expenses.count.text() == "1 line"


def test_deleting_a_line_asks_first_and_no_keeps_it(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    db: Database,
) -> None:
    plan = add_plan("Knee, March")
    _window, page = open_budget(make_window)
    panel = page.expenses
    add_expense(qtbot, page, "Hotel", "900", category="Lodging")
    add_expense(qtbot, page, "Flights", "700", category="Travel")
    assert home_card_planned(page) == "£1,600.00"

    prompter.confirm_answer = False
    click_row(qtbot, panel.table, 0)
    click(qtbot, panel.delete_button)
    assert prompter.asked[-1].startswith("Delete the expense “Hotel”?")
    assert column(panel.table, 0) == ["Hotel", "Flights"]
    assert home_card_planned(page) == "£1,600.00"
    assert len(list_expenses(db, plan.id)) == 2

    prompter.confirm_answer = True
    click(qtbot, panel.delete_button)
    assert column(panel.table, 0) == ["Flights"]
    assert panel.count.text() == "1 line"
    assert home_card_planned(page) == "£700.00"
    assert [e.label for e in list_expenses(db, plan.id)] == ["Flights"]
    # The next line is selected, so it can be deleted straight away.
    assert panel.current_expense() is not None and panel.delete_button.isEnabled()
    click(qtbot, panel.delete_button)
    assert panel.model.rowCount() == 0 and panel.count.text() == "0 lines"
    assert home_card_planned(page) == "£0.00"
    assert not panel.delete_button.isEnabled() and not panel.export_button.isEnabled()


def test_bad_amounts_a_future_paid_date_and_an_unknown_currency_are_refused_in_the_dialog(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, page = open_budget(make_window)
    dialog = open_expense_dialog(qtbot, page)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    errors = dialog.form.errors
    assert all(label.isHidden() for label in errors.values())

    qtbot.keyClicks(dialog.label, "Deposit")
    qtbot.keyClicks(dialog.planned, "-40")
    qtbot.keyClicks(dialog.actual, "twelve")
    assert not dialog.paid_on.isEnabled()
    click(qtbot, dialog.is_paid)
    assert dialog.is_paid.isChecked() and dialog.paid_on.isEnabled()
    tomorrow = clock.today() + timedelta(days=1)
    dialog.paid_on.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    save.click()
    assert dialog.isVisible() and page.expenses.dialog is dialog
    assert errors["planned"].text() == "An amount cannot be negative." and not errors["planned"].isHidden()
    assert "“twelve” is not an amount" in shown_error(errors, "actual")
    assert "in the future" in shown_error(errors, "paid_on")
    assert errors["currency"].isHidden()
    assert list_expenses(db, plan.id) == []

    retype(qtbot, dialog.planned, "40")
    retype(qtbot, dialog.actual, "")
    click(qtbot, dialog.is_paid)
    type_currency(qtbot, dialog.currency, "ZZZ")
    save.click()
    assert dialog.isVisible()
    assert "“ZZZ” is not a known currency code" in shown_error(errors, "currency")
    for key in ("planned", "actual", "paid_on"):
        assert errors[key].isHidden(), key
    assert list_expenses(db, plan.id) == []
    assert page.expenses.model.rowCount() == 0

    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert page.expenses.dialog is None
    assert list_expenses(db, plan.id) == []


# --- rates --------------------------------------------------------------------------------------
def test_a_line_without_a_rate_is_left_out_until_the_rates_are_entered(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Travel insurance", "300", category="Insurance")
    add_expense(qtbot, page, "Clinic in Seoul", "2,000,000", category="Treatment package", currency="KRW")
    gbp, usd, krw = page.totals.cards
    assert [c.title.text() for c in (gbp, usd, krw)] == ["In GBP (home)", "In USD", "In KRW"]
    assert column(page.expenses.table, PLANNED_HOME) == ["£300.00", "no rate"]
    assert gbp.planned.text() == "£300.00"
    assert gbp.rates.text() == "1 line without a rate left out."  # not also "no conversion needed"
    [incomplete] = page.totals.warning_texts()
    assert "1 line in KRW is left out of the GBP totals" in incomplete
    assert "enter a rate from KRW to GBP" in incomplete

    show_tab(qtbot, page, TAB_RATES)
    panel = page.rates
    enter_rate(qtbot, panel, "GBP", "USD", "0")
    assert shown_error(panel.rate_form.errors, "rate") == "A rate must be more than zero."
    assert panel.rates_model.rowCount() == 0

    enter_rate(qtbot, panel, "GBP", "USD", "1.27")
    assert panel.rate_form.errors["rate"].isHidden()
    assert panel.rate.text() == ""
    assert column(panel.rates_table, 1) == ["1 GBP = 1.27 USD"]
    assert "converted 1 line that had none" in page.hint.text()
    # GBP to USD alone does not reach the won.
    assert any("left out of the GBP totals" in w for w in page.totals.warning_texts())

    enter_rate(qtbot, panel, "USD", "KRW", "1,380")
    assert sorted(column(panel.rates_table, 1)) == ["1 GBP = 1.27 USD", "1 USD = 1,380 KRW"]
    assert not any("left out" in w for w in page.totals.warning_texts())
    gbp, usd, krw = page.totals.cards
    assert "left out" not in gbp.rates.text()
    assert "1 GBP = 1,752.6 KRW" in gbp.rates.text()
    assert "1 GBP = 1.27 USD" in usd.rates.text()
    assert "1 USD = 1,380 KRW" in usd.rates.text()
    assert gbp.planned.text() == "£1,441.16"  # 300 + 2,000,000 / (1.27 x 1,380)
    assert column(page.expenses.table, PLANNED_HOME) == ["£300.00", "£1,141.16"]


def test_the_converted_lines_message_is_not_repeated_after_saving_the_deposit(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Flights", "100", category="Travel", currency="USD")
    show_tab(qtbot, page, TAB_RATES)
    enter_rate(qtbot, page.rates, "GBP", "USD", "1.25")
    assert "The new rate converted 1 line" in page.hint.text()
    click(qtbot, page.rates.save_deposit_button)
    assert page.rates.state.text().startswith("Not paid yet")
    assert "The new rate converted" not in page.hint.text()


def test_a_newer_rate_never_changes_an_amount_already_converted(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_RATES)
    enter_rate(qtbot, page.rates, "GBP", "USD", "1.25", clock.today() - timedelta(days=3))
    show_tab(qtbot, page, TAB_EXPENSES)
    add_expense(qtbot, page, "Flights", "100", category="Travel", currency="USD")
    table = page.expenses.table
    assert column(table, 3) == ["$100.00"]
    assert column(table, PLANNED_HOME) == ["£80.00"]
    tip = page.expenses.model.index(0, PLANNED_HOME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Converted at 1 GBP = 1.25 USD")

    show_tab(qtbot, page, TAB_RATES)
    enter_rate(qtbot, page.rates, "GBP", "USD", "1.30")
    assert page.rates.rates_model.rowCount() == 2
    show_tab(qtbot, page, TAB_EXPENSES)
    assert column(table, PLANNED_HOME) == ["£80.00"]
    assert home_card_planned(page) == "£80.00"
    # Changing the amount keeps the line's own rate too; a new line takes the newest.
    dialog = open_expense_dialog(qtbot, page, row=0)
    retype(qtbot, dialog.planned, "200")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    add_expense(qtbot, page, "Taxi", "130", category="Travel", currency="USD")
    assert column(table, PLANNED_HOME) == ["£160.00", "£100.00"]
    assert home_card_planned(page) == "£260.00"


# --- estimate -----------------------------------------------------------------------------------
def estimate_row(page: BudgetPage, label: str) -> int:
    return column(page.estimate.table, 0).index(label)


def test_estimate_lines_can_be_removed_put_back_changed_and_restored(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    add_rate(db, plan.id, "GBP", "USD", "1.25", clock.today())
    _window, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_ESTIMATE)
    panel = page.estimate
    labels = column(panel.table, 0)
    assert len(labels) == 5
    assert labels[0].startswith("Stem cell therapy for knees")
    assert labels[1].startswith("Hotel")
    assert labels[2].startswith("Daily living")
    assert labels[3:] == ["Flights", "Medical visa fee"]
    assert set(column(panel.table, STATUS)) == {"Proposed"}
    proposed_total = panel.total.text()
    assert proposed_total.startswith("Estimated trip: £")
    assert not panel.change_button.isEnabled() and not panel.remove_button.isEnabled()

    flights = estimate_row(page, "Flights")
    click_row(qtbot, panel.table, flights)
    assert panel.remove_button.text() == "Re&move from estimate"
    assert not panel.restore_button.isEnabled()
    click(qtbot, panel.remove_button)
    assert column(panel.table, STATUS)[flights] == "Removed"
    assert panel.total.text() != proposed_total and panel.total.text().startswith("Estimated trip:")
    assert panel.remove_button.text() == "P&ut back in estimate"
    assert panel.restore_button.isEnabled()
    click(qtbot, panel.remove_button)
    assert column(panel.table, STATUS)[flights] == "Proposed"
    assert panel.total.text() == proposed_total

    click(qtbot, panel.change_button)
    dialog = panel.dialog
    assert isinstance(dialog, EstimateLineDialog) and dialog.isVisible()
    assert dialog.low.text() == "500" and dialog.high.text() == "2,000"
    retype(qtbot, dialog.low, "900")
    retype(qtbot, dialog.high, "800")
    save_button(dialog).click()
    assert dialog.isVisible() and panel.dialog is dialog
    assert shown_error(dialog.form.errors, "high") == "The high figure is below the low one."
    assert column(panel.table, STATUS)[flights] == "Proposed"
    retype(qtbot, dialog.high, "1,100")
    save_button(dialog).click()
    assert panel.dialog is None
    assert column(panel.table, STATUS)[flights] == "Changed by you"
    assert column(panel.table, 1)[flights] == "$900.00"
    assert column(panel.table, 2)[flights] == "$1,100.00"
    changed_total = panel.total.text()
    assert changed_total not in (proposed_total, "")

    current = panel.current_row()
    assert current is not None and current.line.key == "travel/flights"
    click(qtbot, panel.restore_button)
    assert column(panel.table, STATUS)[flights] == "Proposed"
    assert column(panel.table, 1)[flights] == "$500.00"
    assert panel.total.text() == proposed_total


def test_the_hotel_tier_changes_the_hotel_line_and_is_kept(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    window, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_ESTIMATE)
    panel = page.estimate
    assert panel.hotel.currentText() == "Standard"
    hotel = 1
    standard = (column(panel.table, 1)[hotel], column(panel.table, 2)[hotel])
    panel.hotel.setFocus()
    panel.hotel.setCurrentIndex(panel.hotel.findText("Comfort"))
    assert panel.settings_error.isHidden()
    comfort = (column(panel.table, 1)[hotel], column(panel.table, 2)[hotel])
    assert column(panel.table, 0)[hotel].startswith("Hotel")
    assert comfort != standard
    assert Decimal(comfort[0].lstrip("$").replace(",", "")) > Decimal(
        standard[0].lstrip("$").replace(",", "")
    )
    window.close()

    _again, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_ESTIMATE)
    assert page.estimate.hotel.currentText() == "Comfort"
    assert (column(page.estimate.table, 1)[hotel], column(page.estimate.table, 2)[hotel]) == comfort


# --- deposit ------------------------------------------------------------------------------------
def test_the_deposit_is_proposed_checked_and_recorded_as_paid(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, page = open_budget(make_window)
    show_tab(qtbot, page, TAB_RATES)
    panel = page.rates
    assert "10%" in panel.proposal_label.text()
    assert panel.state.text() == "No deposit recorded yet."
    assert panel.percent.text() == "10"  # the proposal fills the form

    retype(qtbot, panel.percent, "120")
    click(qtbot, panel.save_deposit_button)
    assert shown_error(panel.deposit_form.errors, "percent") == "A deposit is between 0 and 100 %."
    assert panel.state.text() == "No deposit recorded yet."
    assert load_budget(db, plan.id).deposit is None

    retype(qtbot, panel.percent, "10")
    retype(qtbot, panel.amount, "3,000")
    click(qtbot, panel.is_paid)
    assert panel.paid_on.isEnabled()
    click(qtbot, panel.save_deposit_button)
    assert panel.deposit_form.errors["percent"].isHidden()
    assert panel.state.text() == "Paid on 20 Nov 2026."  # today, as the clock is pinned
    deposit = load_budget(db, plan.id).deposit
    assert deposit is not None and deposit.paid_on == clock.today() == TEST_NOW.date()
    assert deposit.amount == Decimal("3000") and deposit.currency == "USD"


# --- home comparison and charts -----------------------------------------------------------------
def test_compare_with_home_names_the_country_or_says_the_articles_have_no_figure(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    add_plan("Knee, March")
    create_plan(
        db,
        PlanDraft(
            "Knee, Paris", "knee-cartilage-damage", "FR", "EUR", date(2027, 3, 1), date(2027, 3, 11), "15000"
        ),
    )
    window, page = open_budget(make_window)
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, March"))
    show_tab(qtbot, page, TAB_HOME)
    text = page.home.toPlainText()
    assert "United Kingdom" in text
    assert "save" in text or "pay" in text
    assert "The articles give no cost" not in text

    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, Paris"))
    text = page.home.toPlainText()
    assert "The articles give no cost for this treatment in France" in text
    assert "The Korean trip" in text


def test_the_charts_draw_each_category_and_follow_new_lines(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Flights", "800", category="Travel")
    add_expense(qtbot, page, "Hotel", "1,200", category="Lodging", paid="1,000")
    assert page.charts.bars == []  # nothing is drawn while the tab is hidden

    show_tab(qtbot, page, TAB_CHARTS)
    assert page.charts.stack.currentIndex() == 1
    assert {name: (planned, paid) for name, planned, paid in page.charts.bars} == {
        "Travel": (Decimal("800"), Decimal("0")),
        "Lodging": (Decimal("1200"), Decimal("1000")),
    }
    assert [name for name, _amount in page.charts.slices] == ["Lodging"]  # paid amounts once any is paid

    add_expense(qtbot, page, "Insurance", "2,000", category="Insurance")
    assert page.tabs.currentIndex() == TAB_CHARTS
    names = [name for name, _planned, _paid in page.charts.bars]
    assert sorted(names) == ["Insurance", "Lodging", "Travel"]
    assert names[-1] == "Insurance"  # the largest is drawn at the top


# --- CSV export ---------------------------------------------------------------------------------
def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_csv_writes_the_lines_with_their_rates_and_defuses_formulas(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Return flight to Seoul", "1,200", category="Travel")
    add_expense(qtbot, page, "=HYPERLINK(1)", "10", category="Other")
    prompter.save_path = tmp_path / "out.csv"
    click(qtbot, page.expenses.export_button)
    assert "Export expenses" in prompter.asked
    assert prompter.asked[-1] == "Saved 2 lines to out.csv."
    assert prompter.errors == []
    header, *rows = read_csv(tmp_path / "out.csv")
    assert header[0] == "Description"
    assert {"Planned (GBP)", "Rate to USD", "Planned (KRW)", "Note"} <= set(header)
    assert [row[0] for row in rows] == ["Return flight to Seoul", "'=HYPERLINK(1)"]
    first = dict(zip(header, rows[0], strict=True))
    assert (
        first["Planned"] == "1200.00" and first["Planned (GBP)"] == "1200.00" and first["Rate to GBP"] == "1"
    )
    assert first["Planned (USD)"] == "" and first["Category"] == "Travel"


def test_export_csv_cancelled_writes_nothing(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Hotel", "500", category="Lodging")
    prompter.save_path = None
    click(qtbot, page.expenses.export_button)
    assert prompter.asked == ["Export expenses"]
    assert list(tmp_path.glob("*.csv")) == []


def test_export_csv_of_one_line_says_line_in_the_singular(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    add_plan("Knee, March")
    _window, page = open_budget(make_window)
    add_expense(qtbot, page, "Hotel", "500", category="Lodging")
    prompter.save_path = tmp_path / "out.csv"
    click(qtbot, page.expenses.export_button)
    assert prompter.asked[-1] == "Saved 1 line to out.csv."


# --- plans --------------------------------------------------------------------------------------
NO_PLAN_SCRIPT = """
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

app = QApplication([])
from planner.startup import open_synced_database
from planner.ui.app.main_window import MainWindow, settings_for
from tests.ui.conftest import FakePrompter

db = open_synced_database(Path(sys.argv[1]))
window = MainWindow(db, FakePrompter(), settings_for(db))
window.resize(790, 760)
window.show()
window.budget_action.trigger()
app.processEvents()
print(window.budget.hint.text())
"""


def test_opening_the_budget_page_before_any_plan_exists_asks_for_a_plan(tmp_path: Path) -> None:
    # In a child process: the crash is a segmentation fault, which would end this test run.
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", NO_PLAN_SCRIPT, str(tmp_path / "data")],
        cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Create a plan first" in result.stdout


def test_deleting_the_last_plan_while_the_budget_page_is_shown_clears_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    window, page = open_budget(make_window)
    add_expense(qtbot, page, "Clinic", "16,000", category="Treatment package")
    assert page.totals.warning_texts() != []
    with qtbot.captureExceptions() as exceptions:
        window.delete_action.trigger()
    assert window.plan_combo.count() == 0
    assert [str(error) for _kind, error, _trace in exceptions] == []
    assert page.hint.text() == "Create a plan first: each plan keeps its own budget."
    assert page.totals.warning_texts() == []
    assert not any(card.isVisible() and card.planned.text() == "£16,000.00" for card in page.totals.cards)


def test_switching_plans_shows_each_plans_own_budget(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    add_plan("Knee, May")
    window, page = open_budget(make_window)
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, March"))
    add_expense(qtbot, page, "Hotel", "900", category="Lodging")
    assert "“Knee, March”" in page.hint.text()

    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, May"))
    assert "“Knee, May”" in page.hint.text()
    assert page.expenses.model.rowCount() == 0
    assert page.expenses.count.text() == "0 lines"
    assert home_card_planned(page) == "£0.00"
    assert not page.expenses.export_button.isEnabled()

    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, March"))
    assert column(page.expenses.table, 0) == ["Hotel"]
    assert page.expenses.count.text() == "1 line"
    assert home_card_planned(page) == "£900.00"


# --- models -------------------------------------------------------------------------------------
def test_expense_estimate_and_rate_models(
    qtmodeltester: ModelTester, db: Database, add_plan: Callable[..., Plan]
) -> None:
    today = clock.today()
    expenses = ExpenseModel()
    expenses.set_expenses(
        [
            Expense(1, "Flights", "travel", None, Decimal("800"), None, "GBP", None, "", ""),
            Expense(
                2,
                "Clinic",
                "treatment",
                None,
                Decimal("2000000"),
                Decimal("500000"),
                "KRW",
                today,
                "SH Clinic",
                "Deposit paid",
                (ExpenseConversion("GBP", Decimal("1141.16"), Decimal("285.29"), Decimal("0.00057"), today),),
            ),
            Expense(3, "Taxi", "travel", None, Decimal("40"), None, "USD", None, "", ""),
        ],
        {"travel": "Travel", "treatment": "Treatment package"},
        {},
        "GBP",
    )
    qtmodeltester.check(expenses)
    assert expenses.index(1, PLANNED_HOME).data() == "£1,141.16"
    assert expenses.index(2, PLANNED_HOME).data() == "no rate"
    assert expenses.headerData(8, Qt.Orientation.Horizontal) == "Paid in GBP"

    plan = add_plan("Knee, March")
    add_rate(db, plan.id, "GBP", "USD", "1.25", today)
    add_rate(db, plan.id, "USD", "KRW", "1380", today)
    data = load_budget(db, plan.id)
    estimate = EstimateModel()
    estimate.replace_rows(summarise(data, today).estimate)
    qtmodeltester.check(estimate)
    assert estimate.index(0, STATUS).data() == "Proposed"

    rates = RateModel()
    rates.replace_rows(data.rates)
    qtmodeltester.check(rates)
    assert sorted(rates.index(r, 1).data() for r in range(rates.rowCount())) == [
        "1 GBP = 1.25 USD",
        "1 USD = 1,380 KRW",
    ]
