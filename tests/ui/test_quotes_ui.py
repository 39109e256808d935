"""Entering, correcting, accepting and comparing quotes through the Quotes tab."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.clinics.quotes_service import list_quotes
from planner.db.database import Database
from planner.plans.service import Plan, get_plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import CLINICS
from planner.ui.clinics.clinic_quotes import ClinicQuotes
from planner.ui.clinics.quote_dialog import QuoteDialog
from tests.ui.test_clinics_page import select_names


def open_quotes(make_window: Callable[[], MainWindow], clinic: str) -> tuple[MainWindow, ClinicQuotes]:
    window = make_window()
    window.nav.setCurrentRow(CLINICS.row)
    select_names(window.clinics, clinic)
    window.clinics.detail.tabs.setCurrentWidget(window.clinics.detail.quotes)
    return window, window.clinics.detail.quotes


def new_dialog(panel: ClinicQuotes) -> QuoteDialog:
    panel.new_button.click()
    assert panel.dialog is not None
    return panel.dialog


def save(dialog: QuoteDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_quote_is_entered_by_fee_category_with_a_running_total(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, panel = open_quotes(make_window, "Cellinique Clinic")
    dialog = new_dialog(panel)
    # A new quote starts with one line per fee category from the articles.
    assert [row.category.currentText() for row in dialog.rows][:3] == [
        "Surgeon’s Fees",
        "Anesthesia",
        "Facility Fees",
    ]
    assert len(dialog.rows) == 7
    qtbot.keyClicks(dialog.rows[0].amount, "3,500")
    qtbot.keyClicks(dialog.rows[1].amount, "1,200.50")
    qtbot.keyClicks(dialog.deposit, "10")
    assert dialog.total.text() == "Total $4,700.50 · deposit $470.05"
    extra = dialog.add_line(None)
    qtbot.keyClicks(extra.label, "Airport pick-up")
    qtbot.keyClicks(extra.amount, "80")
    save(dialog)
    assert panel.dialog is None
    [quote] = list_quotes(db, plan.id)
    assert quote.total == Decimal("4780.50") and quote.currency == "USD"
    assert [line.label for line in quote.lines] == ["Surgeon’s Fees", "Anesthesia", "Airport pick-up"]
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 2).data() == "$4,780.50"


def test_bad_amounts_currency_and_deposit_are_refused_at_their_fields_and_nothing_is_saved(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, panel = open_quotes(make_window, "SH Clinic")
    dialog = new_dialog(panel)
    qtbot.keyClicks(dialog.rows[0].amount, "-50")
    qtbot.keyClicks(dialog.rows[1].amount, "lots")
    dialog.currency.setCurrentText("XYZ")
    qtbot.keyClicks(dialog.deposit, "120")
    save(dialog)
    assert dialog.isVisible()
    assert dialog.rows[0].error.text() == "An amount cannot be negative."
    assert "is not an amount" in dialog.rows[1].error.text()
    assert "not a known currency" in dialog.form.errors["currency"].text()
    assert dialog.form.errors["deposit"].text() == "A deposit is between 0 and 100 %."
    assert list_quotes(db, plan.id) == []

    for row in dialog.rows[:2]:
        row.amount.setText("")
    save(dialog)
    assert dialog.lines_error.text() == "Add at least one line with an amount."
    dialog.currency.setCurrentText("KRW")
    dialog.deposit.setText("10")
    dialog.rows[0].amount.setText("4,500,000")
    save(dialog)
    assert not dialog.isVisible()
    [quote] = list_quotes(db, plan.id)
    assert quote.currency == "KRW" and quote.deposit_amount == Decimal("450000")


def test_refund_terms_pasted_too_long_are_refused_at_their_field(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    _window, panel = open_quotes(make_window, "SH Clinic")
    dialog = new_dialog(panel)
    qtbot.keyClicks(dialog.rows[0].amount, "3,500")
    dialog.refund.setPlainText("Refundable. " * 1_700)  # pasted: 20,399 characters
    save(dialog)
    assert dialog.isVisible()
    assert dialog.form.errors["refund_terms"].text() == "Keep it under 20,000 characters."
    assert list_quotes(db, plan.id) == []
    dialog.refund.setPlainText("Refundable until 14 days before.")
    save(dialog)
    assert not dialog.isVisible()
    [quote] = list_quotes(db, plan.id)
    assert quote.refund_terms == "Refundable until 14 days before."


def test_accept_one_quote_and_compare_two_line_by_line(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> None:
    plan = add_plan("Knee, March")
    window, panel = open_quotes(make_window, "Cellinique Clinic")
    dialog = new_dialog(panel)
    qtbot.keyClicks(dialog.rows[0].amount, "3500")
    save(dialog)
    select_names(window.clinics, "Lydian Plastic Surgery Clinic")
    dialog = new_dialog(panel)
    qtbot.keyClicks(dialog.rows[0].amount, "4200")
    qtbot.keyClicks(dialog.rows[2].amount, "1800")
    save(dialog)

    assert panel.accept_button.text() == "&Accept this quote"
    panel.accept_button.click()
    saved = get_plan(db, plan.id)
    assert saved is not None and saved.clinic_name == "Lydian Plastic Surgery Clinic"
    assert [q.accepted for q in list_quotes(db, plan.id, panel.clinic.id)] == [True]  # type: ignore[union-attr]
    assert panel.model.index(0, 5).data() == "Accepted"
    assert "Lydian Plastic Surgery Clinic" in window.overview.view.toPlainText()

    assert panel.compare_button.isEnabled()
    panel.compare_button.click()
    compare = panel.compare_dialog
    assert compare is not None
    model = compare.view.model
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    surgeon = labels.index("Surgeon’s Fees")
    total = labels.index("Total")
    values = [[model.index(r, c).data() for c in range(3)] for r in (surgeon, total)]
    assert values[0][2] in ("+$700.00", "−$700.00")
    assert {values[1][0], values[1][1]} == {"$3,500.00", "$6,000.00"}
    compare.close()

    panel.delete_button.click()
    assert [q.clinic_name for q in list_quotes(db, plan.id)] == ["Cellinique Clinic"]


def test_accepting_the_second_quote_keeps_it_selected_and_the_tab_counts_follow(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    window, panel = open_quotes(make_window, "SH Clinic")
    for amount in ("5000", "6000"):
        dialog = new_dialog(panel)
        qtbot.keyClicks(dialog.rows[0].amount, amount)
        save(dialog)
    assert window.clinics.detail.tabs.tabText(3) == "Quotes (2)"
    panel.table.selectRow(1)
    chosen = panel.current_quote()
    assert chosen is not None
    panel.accept_button.click()
    assert panel.current_quote() is not None and panel.current_quote().id == chosen.id  # type: ignore[union-attr]
    assert panel.model.index(1, 5).data() == "Accepted"
