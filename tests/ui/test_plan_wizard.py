"""The New Plan wizard, driven by typing and clicking like a person."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.plans.service import list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.app.plan_wizard import PlanWizard


def open_wizard(qtbot: QtBot, window: MainWindow) -> PlanWizard:
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    return wizard


def click_wizard_button(qtbot: QtBot, wizard: PlanWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_home(qtbot: QtBot, wizard: PlanWizard, country: str = "United Kingdom", currency: str = "") -> None:
    qtbot.keyClicks(wizard.country_combo, country)
    qtbot.keyClick(wizard.country_combo, Qt.Key.Key_Tab)
    if currency:
        wizard.currency_combo.lineEdit().clear()  # type: ignore[union-attr]
        qtbot.keyClicks(wizard.currency_combo, currency)


def test_first_start_shows_the_welcome_and_the_wizard_creates_a_plan(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    wizard = open_wizard(qtbot, window)

    qtbot.keyClicks(wizard.name_edit, "Knee, Cellinique, March")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.home_page
    fill_home(qtbot, wizard, "United Kingdom")
    assert wizard.currency_combo.currentText().startswith("GBP"), "the currency follows the country"
    wizard.country_combo.lineEdit().clear()  # type: ignore[union-attr]
    fill_home(qtbot, wizard, "Canada")
    assert wizard.currency_combo.currentText().startswith("CAD"), "…until the person picks one"
    wizard.country_combo.lineEdit().clear()  # type: ignore[union-attr]
    fill_home(qtbot, wizard, "United Kingdom")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.trip_page
    assert list_plans(db) == [], "nothing is saved before Finish"

    qtbot.keyClicks(wizard.budget_edit, "18,500")
    with qtbot.waitSignal(wizard.accepted):
        click_wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)

    plans = list_plans(db)
    assert [(p.name, p.home_country, p.home_currency) for p in plans] == [
        ("Knee, Cellinique, March", "GB", "GBP")
    ]
    assert window.plan_combo.currentText() == "Knee, Cellinique, March"
    assert window.stack.currentWidget() is window.overview
    assert "Knee, Cellinique, March" in window.overview.view.toPlainText()


def test_an_empty_or_duplicate_name_is_refused_at_the_field(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., object]
) -> None:
    add_plan("Knee plan")
    window = make_window()
    window.new_action.trigger()
    wizard = window.wizard
    assert wizard is not None
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    error = wizard.name_page.errors["name"]
    assert wizard.currentPage() is wizard.name_page
    assert error.isVisible() and "name" in error.text()

    qtbot.keyClicks(wizard.name_edit, "KNEE PLAN")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.name_page
    assert "already have a plan" in error.text()

    wizard.name_edit.clear()
    wizard.name_edit.insert("무릎 🦵")  # committed text, as an input method delivers it
    qtbot.keyClicks(wizard.name_edit, " plan")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.home_page
    assert not error.isVisible()
    wizard.reject()


def test_unknown_currency_return_before_departure_and_negative_budget_are_refused(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.name_edit, "Shoulder")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)

    fill_home(qtbot, wizard, "Germany", currency="QQQ")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.home_page
    assert "not a known currency" in wizard.home_page.errors["home_currency"].text()
    wizard.currency_combo.lineEdit().clear()  # type: ignore[union-attr]
    qtbot.keyClicks(wizard.currency_combo, "EUR")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.trip_page

    wizard.return_edit.setDate(wizard.departure_edit.date().addDays(-2))
    qtbot.keyClicks(wizard.budget_edit, "-100")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.isVisible()
    assert "before the departure" in wizard.trip_page.errors["return"].text()
    assert "negative" in wizard.trip_page.errors["budget_limit"].text()
    assert list_plans(db) == []

    wizard.return_edit.setDate(wizard.departure_edit.date().addDays(9))
    wizard.budget_edit.clear()
    with qtbot.waitSignal(wizard.accepted):
        click_wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)
    plan = list_plans(db)[0]
    assert (plan.home_currency, plan.nights, plan.budget_limit) == ("EUR", 9, None)


def test_cancelling_the_wizard_saves_nothing(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database
) -> None:
    window = make_window()
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.name_edit, "Not kept")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.CancelButton)
    assert list_plans(db) == []
    assert window.stack.currentWidget() is window.welcome
    assert window.wizard is None


def test_the_wizard_date_defaults_propose_a_ten_day_stay(qtbot: QtBot, db: Database) -> None:
    from datetime import date

    wizard = PlanWizard(db, today=date(2027, 1, 1))
    qtbot.addWidget(wizard)
    assert wizard.departure_edit.date() == QDate(2027, 2, 26)
    assert wizard.departure_edit.date().daysTo(wizard.return_edit.date()) == 10
    assert wizard.stay_label.text() == "10 nights away"


def test_the_wizard_date_fields_keep_to_the_apps_window(qtbot: QtBot, db: Database) -> None:
    wizard = PlanWizard(db)
    qtbot.addWidget(wizard)
    for edit in (wizard.departure_edit, wizard.return_edit):
        assert edit.minimumDate() == QDate(1900, 1, 1)
        assert edit.maximumDate() == QDate(2200, 12, 31)
        edit.setDate(QDate(9999, 12, 31))
        assert edit.date() == QDate(2200, 12, 31)
        edit.setDate(QDate(1752, 9, 14))
        assert edit.date() == QDate(1900, 1, 1)


def type_date(qtbot: QtBot, edit: QWidget, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_messages_clear_as_soon_as_the_field_is_corrected(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., object]
) -> None:
    add_plan("Knee plan")
    window = make_window()
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.name_edit, "knee plan")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    error = wizard.name_page.errors["name"]
    assert error.isVisible() and "already have a plan" in error.text()
    qtbot.keyClicks(wizard.name_edit, " 2")
    assert not error.isVisible(), "the name is free now"
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_home(qtbot, wizard, "United Kingdom")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)

    type_date(qtbot, wizard.return_edit, "1 Jan 2027")  # before the departure (15 Jan 2027)
    qtbot.keyClicks(wizard.budget_edit, "lots")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)
    dates, budget = wizard.trip_page.errors["return"], wizard.trip_page.errors["budget_limit"]
    assert dates.isVisible() and budget.isVisible()
    qtbot.keyClick(wizard.budget_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(wizard.budget_edit, "12,000")
    assert not budget.isVisible()
    assert dates.isVisible(), "only the corrected field's message goes"
    type_date(qtbot, wizard.return_edit, "25 Jan 2027")
    assert not dates.isVisible()
    wizard.reject()


def test_moving_the_departure_keeps_the_stay_until_the_return_is_set_by_hand(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    wizard = open_wizard(qtbot, window)
    assert wizard.departure_edit.date() == QDate(2027, 1, 15)
    type_date(qtbot, wizard.departure_edit, "1 Mar 2027")
    assert wizard.return_edit.date() == QDate(2027, 3, 11)
    assert wizard.stay_label.text() == "10 nights away"
    type_date(qtbot, wizard.return_edit, "8 Mar 2027")
    type_date(qtbot, wizard.departure_edit, "2 Mar 2027")
    assert wizard.return_edit.date() == QDate(2027, 3, 8), "a return set by hand stays"
    assert wizard.stay_label.text() == "6 nights away"
    wizard.reject()
