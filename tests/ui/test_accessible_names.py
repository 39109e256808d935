"""Every control the keyboard reaches has a name a screen reader can say.

Each test fills a plan so the pages show their tables, buttons and forms, opens a page (or a
dialog), then presses Tab as a person would until the focus comes back round, and checks every
control that took the focus on the way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from planner.budget.rules import ExpenseDraft
from planner.budget.service import add_rate, save_expense
from planner.changes import Change
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import accept_quote, save_quote
from planner.clinics.service import list_clinics, save_notes
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import save_appointment
from planner.plans.service import Plan, change_dates
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import save_activities, save_check_in, save_diary_entry, save_exercises
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import BUDGET, CHECKLIST, CLINICS, ITINERARY, JOURNEY, LEARN, OVERVIEW, RECOVERY
from planner.ui.app.plan_wizard import PlanWizard
from planner.ui.clinics.clinic_dialog import TAB_NAMES as CLINIC_TABS
from planner.ui.clinics.clinic_dialog import ClinicDialog
from planner.ui.kit.forms import CheckedForm

MOST_TABS = 400
"""More presses than any page has controls: past this, Tab is taken to be stuck."""


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology is given for the widget: its own accessible name, else what
    Qt's accessibility interface makes of it (a button's text, a buddy label's text)."""
    name = widget.accessibleName().strip()
    if name:
        return name
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    return (interface.text(QAccessible.Text.Name) or "").replace("&", "").strip()


def control_of(widget: QWidget) -> QWidget:
    """The control a focused part belongs to: an editable combo's or a spin box's line edit is
    reached as part of the combo or spin box."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return parent
    return widget


def describe(widget: QWidget) -> str:
    """Class, object name and what the widget shows, with the classes it sits in."""
    shown = ""
    if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)):
        shown = widget.text()
    parts = [type(widget).__name__, repr(widget.objectName())]
    if shown:
        parts.append(f"showing {shown!r}")
    if widget.toolTip():
        parts.append(f"tip {widget.toolTip()!r}")
    chain = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 5:
        chain.append(type(parent).__name__ + (f"#{parent.objectName()}" if parent.objectName() else ""))
        parent = parent.parentWidget()
    parts.append("in " + " < ".join(chain))
    return " ".join(parts)


def tab_round(qtbot: QtBot, window: QWidget) -> list[QWidget]:
    """Press Tab until the focus comes back to where it started from another control; the controls
    it went through. (Tab may stay a while in one control: a date field's day, month and year, the
    links in a text.) Each press goes to the control that has the focus, as the keyboard's would."""
    start = QApplication.focusWidget()
    assert start is not None, "something has the focus before Tab is pressed"
    assert start is window or window.isAncestorOf(start), f"{describe(start)} is outside the window"
    seen = [start]
    for _ in range(MOST_TABS):
        before = QApplication.focusWidget()
        assert before is not None
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"Tab after {describe(before)} left nothing with the focus"
        if now is start and (before is not start or isinstance(start, QAbstractButton)):
            return seen  # back round, or a button alone in its window
        if now not in seen:
            seen.append(now)
    stuck = QApplication.focusWidget()
    raise AssertionError(f"Tab never came back round; the focus ended on {describe(stuck)}")


def unnamed(widgets: list[QWidget]) -> list[str]:
    return [describe(control_of(w)) for w in widgets if not spoken_name(control_of(w))]


# --- a plan with something on every page ---------------------------------------------------
def furnish(db: Database, plan: Plan) -> None:
    """A chosen clinic with a note and an accepted quote, appointments, expense lines and a rate
    (the checklist starts with the articles' items)."""
    clinic = list_clinics(db)[0]
    save_notes(db, clinic.id, "Answered within a day.", 4)
    set_shortlisted(db, plan.id, clinic.id, True)
    choose_clinic(db, plan.id, clinic.id)
    quote = save_quote(
        db,
        plan.id,
        QuoteDraft(
            clinic.id,
            "USD",
            date(2026, 11, 10),
            date(2027, 1, 31),
            "10",
            "Refund less 10 % until two weeks before.",
            "",
            (QuoteLineDraft(None, "Treatment, all in", "11100"),),
        ),
    )
    accept_quote(db, plan.id, quote.id)
    for day, title in ((3, "Intake consultation"), (5, "Injection")):
        start = datetime(2027, 3, day, 10)
        draft = AppointmentDraft(
            "arrival-intake", "consultation", title, start, start.replace(hour=11), "Asia/Seoul"
        )
        save_appointment(db, plan.id, draft)
    for label, category, amount in (("Flights to Seoul", "travel", "850"), ("Hotel room", "lodging", "1200")):
        save_expense(db, plan.id, ExpenseDraft(label, category, None, amount, "", "GBP", None))
    add_rate(db, plan.id, "USD", "GBP", "0.79", date(2026, 11, 10))


@pytest.fixture
def window(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], db: Database
) -> MainWindow:
    furnish(db, add_plan("Knee, March"))
    shown = make_window()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def go(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click the page in the side list (which leaves the focus there)."""
    nav = window.nav
    where = nav.visualItemRect(nav.item(row)).center()
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert nav.currentRow() == row
    qtbot.waitUntil(lambda: QApplication.focusWidget() is nav)


def click_row(qtbot: QtBot, table: QAbstractItemView, row: int = 0) -> None:
    """Click a row, so the buttons that act on the chosen row are enabled (and take the focus)."""
    model = table.model()
    assert model is not None and model.rowCount() > row, "the table has rows"
    index = next(
        model.index(row, column)
        for column in range(model.columnCount())
        if not (isinstance(table, QTableView) and table.isColumnHidden(column))
    )
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert table.currentIndex().row() == row


def click_tab(qtbot: QtBot, tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "").startswith(title))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


Setup = Callable[[QtBot, MainWindow], None]


def nothing(_qtbot: QtBot, _window: MainWindow) -> None:
    pass


def clinic_tab(title: str, table: Callable[[MainWindow], QAbstractItemView] | None = None) -> Setup:
    def setup(qtbot: QtBot, window: MainWindow) -> None:
        click_row(qtbot, window.clinics.table)
        click_tab(qtbot, window.clinics.detail.tabs, title)
        if table is not None:
            click_row(qtbot, table(window))

    return setup


def budget_tab(title: str, table: Callable[[MainWindow], QAbstractItemView] | None = None) -> Setup:
    def setup(qtbot: QtBot, window: MainWindow) -> None:
        click_tab(qtbot, window.budget.tabs, title)
        if table is not None:
            click_row(qtbot, table(window))

    return setup


def furnish_recovery(window: MainWindow) -> None:
    """The current plan's treatment a week ago, in Korea still: activities, exercises, a baseline
    and diary entries, one with side effects; the window shows the plan again."""
    plan = window.current_plan()
    assert plan is not None
    db = window.db
    change_dates(db, plan.id, date(2026, 11, 10), date(2026, 11, 24), date(2026, 11, 13), plan.home_zone)
    save_activities(db, plan.id, ["Climbing stairs", "Kneeling", "Running"])
    save_exercises(db, plan.id, ["Straight-leg raises", "Heel slides"])
    save_check_in(db, plan.id, None, CheckInDraft("baseline", date(2026, 11, 6), {"pain-rest": "5"}))
    for day, effects in ((18, frozenset({"redness"})), (19, frozenset[str]())):
        save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, day), pain="4", side_effects=effects))
    window.events.announce(Change.PLAN)


def recovery_tab(title: str, table: Callable[[MainWindow], QAbstractItemView] | None = None) -> Setup:
    def setup(qtbot: QtBot, window: MainWindow) -> None:
        furnish_recovery(window)
        click_tab(qtbot, window.recovery.tabs, title)
        if table is not None:
            click_row(qtbot, table(window))

    return setup


def row_of(table: Callable[[MainWindow], QAbstractItemView], row: int = 0) -> Setup:
    return lambda qtbot, window: click_row(qtbot, table(window), row)


PAGES: dict[str, tuple[int, Setup]] = {
    "overview": (OVERVIEW.row, nothing),
    "journey": (JOURNEY.row, nothing),
    "itinerary": (ITINERARY.row, row_of(lambda w: w.itinerary.days, 1)),
    "clinics, about": (CLINICS.row, clinic_tab("About")),
    "clinics, your note": (CLINICS.row, clinic_tab("Your note")),
    "clinics, questions": (
        CLINICS.row,
        clinic_tab("Questions", lambda w: w.clinics.detail.questions.table),
    ),
    "clinics, quotes": (CLINICS.row, clinic_tab("Quotes", lambda w: w.clinics.detail.quotes.table)),
    "budget, expenses": (BUDGET.row, budget_tab("Expenses", lambda w: w.budget.expenses.table)),
    "budget, estimate": (BUDGET.row, budget_tab("Estimate", lambda w: w.budget.estimate.table)),
    "budget, deposit and rates": (
        BUDGET.row,
        budget_tab("Deposit", lambda w: w.budget.rates.rates_table),
    ),
    "budget, compare with home": (BUDGET.row, budget_tab("Compare")),
    "budget, charts": (BUDGET.row, budget_tab("Charts")),
    "checklist": (CHECKLIST.row, row_of(lambda w: w.checklist.table)),
    "recovery, diary": (RECOVERY.row, recovery_tab("Diary", lambda w: w.recovery.diary.table)),
    "recovery, check-ins": (RECOVERY.row, recovery_tab("Check-ins", lambda w: w.recovery.check_ins.table)),
    "recovery, activities and exercises": (RECOVERY.row, recovery_tab("Activities")),
    "recovery, progress": (RECOVERY.row, recovery_tab("Progress")),
    "learn": (LEARN.row, row_of(lambda w: w.learn.table)),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_control_tab_reaches_on_a_page_has_a_name(qtbot: QtBot, window: MainWindow, page: str) -> None:
    row, setup = PAGES[page]
    go(qtbot, window, row)
    setup(qtbot, window)
    go(qtbot, window, row)
    reached = tab_round(qtbot, window)
    shown = window.stack.currentWidget()
    assert sum(1 for widget in reached if shown.isAncestorOf(widget)) >= 2, "Tab went through the page"
    assert unnamed(reached) == [], f"on the {page} page, Tab reaches controls with no name"


# --- the dialogs the pages open ------------------------------------------------------------
Views = Iterator[tuple[str, QWidget]]
"""The states of an open dialog to tab through (a tab, a wizard page), each with the dialog."""


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} can be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot: QtBot, window: QWidget, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    handle = window.windowHandle()
    assert handle is not None
    qtbot.keyClick(handle, combination.key(), combination.keyboardModifiers())


def opened(qtbot: QtBot, window: MainWindow) -> QWidget:
    """The dialog that has just opened over the window, once it is the active window."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, window))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, QDialog), f"a dialog opened, not {describe(dialog)}"
    return dialog


def from_menu(qtbot: QtBot, window: MainWindow, menu: str, *keys: str) -> None:
    """Open a menu with Alt and its letter, then press `keys` in it (an item's letter)."""
    press(qtbot, window, f"Alt+{menu}")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert popup is not None
    for key in keys:
        press(qtbot, popup, key)


def only(name: str, dialog: QWidget) -> Views:
    yield name, dialog


def new_plan_wizard(qtbot: QtBot, window: MainWindow) -> Views:
    press(qtbot, window, "Ctrl+N")
    wizard = opened(qtbot, window)
    assert isinstance(wizard, PlanWizard)
    assert wizard.currentPage() is wizard.name_page
    yield "its first page", wizard
    qtbot.keyClicks(wizard.name_edit, "Knee")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.home_page
    yield "its second page", wizard
    qtbot.keyClicks(wizard.country_combo, "United Kingdom")
    suggestions = wizard.country_combo.completer().popup()
    qtbot.waitUntil(suggestions.isVisible)
    qtbot.keyClick(suggestions, Qt.Key.Key_Down)
    qtbot.keyClick(suggestions, Qt.Key.Key_Return)  # take the country from the list shown
    qtbot.waitUntil(lambda: not suggestions.isVisible() and QApplication.activeWindow() is wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is wizard.trip_page
    yield "its third page", wizard


def from_button(
    row: int, button: Callable[[MainWindow], QAbstractButton], setup: Setup = nothing
) -> Callable[[QtBot, MainWindow], Views]:
    def views(qtbot: QtBot, window: MainWindow) -> Views:
        go(qtbot, window, row)
        setup(qtbot, window)
        click(qtbot, button(window))
        yield from only("it", opened(qtbot, window))

    return views


def clinic_dialog(qtbot: QtBot, window: MainWindow) -> Views:
    go(qtbot, window, CLINICS.row)
    click(qtbot, window.clinics.add_button)
    dialog = opened(qtbot, window)
    assert isinstance(dialog, ClinicDialog)
    for title in CLINIC_TABS:
        click_tab(qtbot, dialog.tabs, title)
        yield f"its {title} tab", dialog


def from_keys(keys: str) -> Callable[[QtBot, MainWindow], Views]:
    def views(qtbot: QtBot, window: MainWindow) -> Views:
        press(qtbot, window, keys)
        yield from only("it", opened(qtbot, window))

    return views


def from_file_menu(*keys: str) -> Callable[[QtBot, MainWindow], Views]:
    def views(qtbot: QtBot, window: MainWindow) -> Views:
        from_menu(qtbot, window, "F", *keys)
        yield from only("it", opened(qtbot, window))

    return views


def from_help_menu(*keys: str) -> Callable[[QtBot, MainWindow], Views]:
    def views(qtbot: QtBot, window: MainWindow) -> Views:
        from_menu(qtbot, window, "H", *keys)
        yield from only("it", opened(qtbot, window))

    return views


DIALOGS: dict[str, Callable[[QtBot, MainWindow], Views]] = {
    "new plan wizard": new_plan_wizard,
    "expense": from_button(BUDGET.row, lambda w: w.budget.expenses.add_button),
    "expense, editing a line": from_button(
        BUDGET.row,
        lambda w: w.budget.expenses.edit_button,
        budget_tab("Expenses", lambda w: w.budget.expenses.table),
    ),
    "estimate line": from_button(
        BUDGET.row,
        lambda w: w.budget.estimate.change_button,
        budget_tab("Estimate", lambda w: w.budget.estimate.table),
    ),
    "appointment": from_button(ITINERARY.row, lambda w: w.itinerary.add_button),
    "proposed schedule": from_button(ITINERARY.row, lambda w: w.itinerary.propose_button),
    "checklist item": from_button(CHECKLIST.row, lambda w: w.checklist.add_button),
    "quote": from_button(CLINICS.row, lambda w: w.clinics.detail.quotes.new_button, clinic_tab("Quotes")),
    "quote, editing": from_button(
        CLINICS.row,
        lambda w: w.clinics.detail.quotes.edit_button,
        clinic_tab("Quotes", lambda w: w.clinics.detail.quotes.table),
    ),
    "clinic": clinic_dialog,
    "check-in": from_button(
        RECOVERY.row, lambda w: w.recovery.check_ins.record_button, recovery_tab("Check-ins")
    ),
    "diary entry": from_button(
        RECOVERY.row,
        lambda w: w.recovery.diary.open_button,
        recovery_tab("Diary", lambda w: w.recovery.diary.table),
    ),
    "activities": from_button(
        RECOVERY.row, lambda w: w.recovery.lists.activities_button, recovery_tab("Activities")
    ),
    "exercises": from_button(
        RECOVERY.row, lambda w: w.recovery.lists.exercises_button, recovery_tab("Activities")
    ),
    "trip dates": from_keys("Ctrl+T"),
    "print": from_keys("Ctrl+P"),
    "user guide": from_keys("F1"),
    "about": from_help_menu("A"),
    "trip details": from_file_menu("A"),
    "restore from backup": from_file_menu("R"),
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_control_tab_reaches_in_a_dialog_has_a_name(
    qtbot: QtBot, window: MainWindow, name: str
) -> None:
    problems: list[str] = []
    dialog: QWidget | None = None
    for view, dialog in DIALOGS[name](qtbot, window):
        reached = tab_round(qtbot, dialog)
        assert sum(1 for widget in reached if dialog.isAncestorOf(widget)) >= 1, f"Tab went through {view}"
        problems += [
            f"{view}: {problem}" for problem in unnamed(reached) if f"{view}: {problem}" not in problems
        ]
    assert problems == [], f"in the {name} dialog, Tab reaches controls with no name"
    assert dialog is not None
    press(qtbot, dialog, "Escape")
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def test_the_welcome_page_names_what_tab_reaches(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.stack.currentWidget() is window.welcome
    window.welcome.create_button.setFocus(Qt.FocusReason.OtherFocusReason)
    reached = tab_round(qtbot, window)
    assert sum(1 for widget in reached if window.welcome.isAncestorOf(widget)) >= 2, (
        "Tab went through the page"
    )
    assert unnamed(reached) == [], "on the welcome page, Tab reaches controls with no name"


@pytest.mark.parametrize("label", ["&Hotel phone:", "Hotel phone"])
def test_a_form_field_without_a_name_of_its_own_is_called_by_its_label(qtbot: QtBot, label: str) -> None:
    host = QWidget()
    form = CheckedForm(host)
    field, named = QLineEdit(), QLineEdit()
    named.setAccessibleName("Phone at the hotel")
    form.add_field("phone", label, field)
    form.add_field("other", "Other phone:", named)
    qtbot.addWidget(host)
    assert spoken_name(field) == "Hotel phone"
    assert spoken_name(named) == "Phone at the hotel", "a name given on purpose is kept"
