"""Printing and the File menu's exports and import as a person uses them: Ctrl+P and each page's
Print button open the print dialog on that page's printout, the paper size is remembered, Save
as PDF and the preview, the trip details for the itinerary's first page, and plan files, the
calendar and the expenses written and read back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from planner.budget.rules import ExpenseDraft
from planner.budget.service import save_expense
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import load_itinerary, save_appointment
from planner.journey.trip_details_service import FIELD_NAMES, TripDetails, load_details
from planner.planfile.service import export_plan
from planner.plans.service import Plan, PlanDraft, create_plan, list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import BUDGET, CHECKLIST, CLINICS, ITINERARY, JOURNEY, OVERVIEW, RECOVERY
from planner.ui.app.plan_files import RENAME, REPLACE
from planner.ui.app.trip_details_dialog import TripDetailsDialog
from planner.ui.printing.print_dialog import PAPER_KEY, PrintDialog

from .conftest import FakePrompter

PLAN = "Knee, March"
KOREAN_ADDRESS = "서울특별시 강남구 테헤란로 123"


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window the active one, as a click on it would, so its shortcuts work."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def open_window(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    page: int = OVERVIEW.row,
) -> tuple[MainWindow, Plan]:
    plan = add_plan(PLAN)
    window = make_window()
    window.nav.setCurrentRow(page)
    activate(qtbot, window)
    return window, plan


def print_dialog_of(window: MainWindow) -> PrintDialog:
    dialog = window.print_dialog
    assert isinstance(dialog, PrintDialog)
    assert dialog.isVisible()
    return dialog


def open_print_dialog(window: MainWindow) -> PrintDialog:
    """File › Print, and the dialog it opens."""
    window.print_action.trigger()
    return print_dialog_of(window)


def close(qtbot: QtBot, dialog: PrintDialog) -> None:
    dialog.reject()
    assert not dialog.isVisible()


def page_print_button(page: QWidget) -> QPushButton:
    [button] = [
        b for b in page.findChildren(QPushButton) if b.accessibleName() == "Print this page's printout"
    ]
    return button


@pytest.mark.parametrize(
    ("page", "chosen"),
    [
        (BUDGET.row, "Budget"),
        (CHECKLIST.row, "Checklist"),
        (CLINICS.row, "Clinic comparison"),
        (OVERVIEW.row, "Itinerary"),
        (JOURNEY.row, "Itinerary"),
        (RECOVERY.row, "Recovery report"),
    ],
    ids=["budget", "checklist", "clinics", "overview", "journey", "recovery"],
)
def test_ctrl_p_opens_the_print_dialog_on_the_printout_of_the_page_shown(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], page: int, chosen: str
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan, page)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = print_dialog_of(window)
    assert dialog.what.currentText() == chosen
    assert dialog.details_button.isHidden() == (chosen != "Itinerary")
    close(qtbot, dialog)

    again = open_print_dialog(window)  # the same from the File menu
    assert again.what.currentText() == chosen
    close(qtbot, again)


@pytest.mark.parametrize(
    ("page", "chosen"),
    [
        (BUDGET.row, "Budget"),
        (CHECKLIST.row, "Checklist"),
        (CLINICS.row, "Clinic comparison"),
        (ITINERARY.row, "Itinerary"),
        (JOURNEY.row, "Itinerary"),
    ],
    ids=["budget", "checklist", "clinics", "itinerary", "journey"],
)
def test_each_pages_print_button_opens_the_dialog_on_its_printout(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], page: int, chosen: str
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan, page)
    shown = window.stack.currentWidget()
    qtbot.mouseClick(page_print_button(shown), Qt.MouseButton.LeftButton)
    dialog = print_dialog_of(window)
    assert dialog.what.currentText() == chosen
    close(qtbot, dialog)


def test_the_overviews_print_button_offers_the_itinerary(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan, BUDGET.row)
    window.nav.setCurrentRow(OVERVIEW.row)
    assert window.stack.currentWidget() is window.overview
    qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    dialog = print_dialog_of(window)
    assert dialog.what.currentText() == "Itinerary"
    assert dialog.plan.name == PLAN
    close(qtbot, dialog)


def test_the_paper_chosen_is_remembered_for_the_next_dialog_and_used_for_the_pdf(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan], tmp_path: Path
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan)
    window.settings.setValue(PAPER_KEY, "a4")
    dialog = open_print_dialog(window)
    assert dialog.paper.currentText() == "A4"
    dialog.paper.setFocus()
    qtbot.keyClick(dialog.paper, Qt.Key.Key_Down)
    assert dialog.paper.currentText() == "US Letter"
    close(qtbot, dialog)
    assert window.settings.value(PAPER_KEY) == "letter"

    again = open_print_dialog(window)
    assert again.paper.currentText() == "US Letter"
    assert isinstance(window.prompter, FakePrompter)
    window.prompter.save_path = tmp_path / "letter.pdf"
    qtbot.mouseClick(again.pdf_button, Qt.MouseButton.LeftButton)
    box = pypdf.PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    close(qtbot, again)


def test_save_as_pdf_writes_the_file_and_says_how_many_pages(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan, CHECKLIST.row)
    dialog = open_print_dialog(window)
    assert dialog.status.text() == ""
    prompter.save_path = tmp_path / "checklist.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert "Save as PDF" in prompter.asked
    reader = pypdf.PdfReader(tmp_path / "checklist.pdf")
    pages = len(reader.pages)
    assert pages > 1
    assert dialog.status.text() == f"Saved {pages} pages to checklist.pdf."
    assert "Checklist" in reader.pages[0].extract_text()
    assert prompter.errors == []
    assert dialog.isVisible()  # the person may print or save again
    close(qtbot, dialog)


def test_a_pdf_name_without_pdf_at_the_end_gets_it(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan)
    dialog = open_print_dialog(window)
    out = tmp_path / "out"
    out.mkdir()
    prompter.save_path = out / "my itinerary"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in out.iterdir()] == ["my itinerary.pdf"]
    assert (out / "my itinerary.pdf").read_bytes().startswith(b"%PDF")
    assert dialog.status.text().endswith("to my itinerary.pdf.")
    close(qtbot, dialog)


def test_a_pdf_that_cannot_be_saved_is_reported_and_nothing_is_claimed(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan)
    dialog = open_print_dialog(window)
    prompter.save_path = tmp_path / "missing" / "plan.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    [error] = prompter.errors
    assert error.startswith("Could not write plan.pdf")
    assert dialog.status.text() == ""
    assert not (tmp_path / "missing").exists()

    prompter.save_path = None  # Cancel in the file dialog
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert len(prompter.errors) == 1 and dialog.status.text() == ""
    close(qtbot, dialog)


def test_preview_opens_without_waiting_and_shows_the_pages(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan, BUDGET.row)
    dialog = open_print_dialog(window)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog)
    assert preview.isVisible()
    assert "Budget" in preview.windowTitle()
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() >= 1)
    preview.reject()
    assert not preview.isVisible()
    assert dialog.isVisible()
    close(qtbot, dialog)


def save_button(dialog: TripDetailsDialog) -> QPushButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def test_trip_details_typed_in_are_saved_and_printed_on_the_itinerary(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    window, plan = open_window(qtbot, make_window, add_plan)
    printer = open_print_dialog(window)
    qtbot.mouseClick(printer.details_button, Qt.MouseButton.LeftButton)
    dialog = printer.details_dialog
    assert isinstance(dialog, TripDetailsDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.hotel_name, "Hotel Gangnam Stay")
    dialog.hotel_address.setPlainText(KOREAN_ADDRESS)  # pasted: QTest cannot type Hangul as an IME would
    qtbot.keyClick(dialog.hotel_address, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.hotel_address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.hotel_address, "123 Teheran-ro, Gangnam-gu")
    qtbot.keyClicks(dialog.hotel_phone, "+82 2 555 0100")
    qtbot.keyClicks(dialog.insurance, "Acme Travel Cover, policy AC-1234")
    qtbot.keyClicks(dialog.emergency_contact, "  Sam Lee (brother) +44 7700 900123  ")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = load_details(db, plan.id)
    assert saved == TripDetails(
        "Hotel Gangnam Stay",
        KOREAN_ADDRESS + "\n123 Teheran-ro, Gangnam-gu",
        "+82 2 555 0100",
        "Acme Travel Cover, policy AC-1234",
        "Sam Lee (brother) +44 7700 900123",
    )
    html = printer.printout().html
    for text in ("Hotel Gangnam Stay", KOREAN_ADDRESS, "+82 2 555 0100", "Acme Travel Cover", "Sam Lee"):
        assert text in html
    close(qtbot, printer)

    window.details_action.trigger()  # the File menu's Trip details shows what was saved
    shown = window.details_dialog
    assert isinstance(shown, TripDetailsDialog)
    assert shown.hotel_name.text() == "Hotel Gangnam Stay"
    assert shown.hotel_address.toPlainText().startswith(KOREAN_ADDRESS)
    shown.reject()


def test_a_trip_detail_over_a_thousand_characters_is_refused_at_its_field(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    window, plan = open_window(qtbot, make_window, add_plan)
    window.details_action.trigger()
    dialog = window.details_dialog
    assert isinstance(dialog, TripDetailsDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.hotel_name, "Hotel Gangnam Stay")
    dialog.insurance.setPlainText("x" * 1_001)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    error = dialog.form.errors["insurance"]
    assert not error.isHidden()
    assert "under 1,000 characters" in error.text()
    assert all(dialog.form.errors[name].isHidden() for name in FIELD_NAMES if name != "insurance")
    assert dialog.isVisible()
    assert load_details(db, plan.id) == TripDetails()

    # A thousand characters, with spaces around them that are trimmed, are fine.
    dialog.insurance.setPlainText("  " + "y" * 1_000 + "\n")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert load_details(db, plan.id) == TripDetails("Hotel Gangnam Stay", insurance="y" * 1_000)


def test_without_a_plan_printing_and_exports_are_off_and_ctrl_p_does_nothing(
    qtbot: QtBot, make_window: Callable[[], MainWindow], prompter: FakePrompter
) -> None:
    window = make_window()
    activate(qtbot, window)
    assert window.current_plan() is None
    for action in (
        window.print_action,
        window.details_action,
        window.export_plan_action,
        window.export_protected_action,
        window.calendar_action,
        window.csv_action,
    ):
        assert not action.isEnabled(), action.text()
    assert window.import_plan_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert getattr(window, "print_dialog", None) is None
    window.print_plan("budget")
    assert getattr(window, "print_dialog", None) is None
    assert prompter.asked == []


def add_appointment(db: Database, plan: Plan, title: str = "Meet the surgeon") -> None:
    start = datetime(2027, 3, 2, 14, 0)
    save_appointment(
        db,
        plan.id,
        AppointmentDraft("arrival-intake", "consultation", title, start, start.replace(hour=15), SEOUL),
    )


def plan_names(db: Database) -> list[str]:
    return [p.name for p in list_plans(db)]


def test_export_plan_writes_a_plan_file(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    window, plan = open_window(qtbot, make_window, add_plan)
    add_appointment(db, plan)
    prompter.save_path = tmp_path / "knee.plan.json"
    window.export_plan_action.trigger()
    assert "Export plan" in prompter.asked and prompter.errors == []
    data = json.loads((tmp_path / "knee.plan.json").read_text("utf-8"))
    assert "format" in data
    assert PLAN in json.dumps(data, ensure_ascii=False)
    assert "Meet the surgeon" in json.dumps(data, ensure_ascii=False)
    assert window.statusBar().currentMessage() == "Saved knee.plan.json."


@pytest.fixture
def other_plan_file(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    """A plan file exported from another person's data: the plan "Lisbon knee trip"."""
    other = fresh_database(tmp_path / "other data")
    try:
        plan = create_plan(
            other,
            PlanDraft(
                "Lisbon knee trip", "knee-cartilage-damage", "PT", "EUR", date(2027, 5, 3), date(2027, 5, 14)
            ),
        )
        add_appointment(other, plan, "Consultation in Gangnam")
        path = tmp_path / "lisbon.plan.json"
        path.write_bytes(export_plan(other, plan.id))
    finally:
        other.close()
    return path


def test_importing_a_plan_file_adds_the_plan_and_shows_it(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    other_plan_file: Path,
) -> None:
    window, _plan = open_window(qtbot, make_window, add_plan)
    prompter.open_path = other_plan_file
    window.import_plan_action.trigger()
    assert prompter.errors == []
    assert sorted(plan_names(db)) == ["Knee, March", "Lisbon knee trip"]
    current = window.current_plan()
    assert current is not None and current.name == "Lisbon knee trip"
    assert window.plan_combo.currentText().startswith("Lisbon knee trip")
    assert [a.title for a in load_itinerary(db, current.id).appointments] == ["Consultation in Gangnam"]
    assert "Imported the plan “Lisbon knee trip”." in window.statusBar().currentMessage()


@pytest.fixture
def own_plan_file(db: Database, add_plan: Callable[..., Plan], tmp_path: Path) -> tuple[Plan, Path]:
    """The plan "Knee, March" with one appointment, and its own plan file."""
    plan = add_plan(PLAN)
    add_appointment(db, plan)
    path = tmp_path / "knee.plan.json"
    path.write_bytes(export_plan(db, plan.id))
    return plan, path


def import_again(window: MainWindow, prompter: FakePrompter, path: Path, answer: str | None) -> None:
    prompter.open_path = path
    prompter.choice_answer = answer
    window.import_plan_action.trigger()
    assert prompter.errors == []
    assert any("already exists" in asked for asked in prompter.asked)


def test_importing_a_plans_own_file_as_a_copy_adds_copy_to_the_name(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    own_plan_file: tuple[Plan, Path],
) -> None:
    plan, path = own_plan_file
    window = make_window()
    import_again(window, prompter, path, RENAME)
    assert plan_names(db) == ["Knee, March", "Knee, March (copy)"]
    current = window.current_plan()
    assert current is not None and current.name == "Knee, March (copy)" and current.id != plan.id
    assert [a.title for a in load_itinerary(db, current.id).appointments] == ["Meet the surgeon"]


def test_importing_a_plans_own_file_to_replace_it_keeps_one_plan_of_that_name(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    own_plan_file: tuple[Plan, Path],
) -> None:
    plan, path = own_plan_file
    add_appointment(db, plan, "Added after the export")
    window = make_window()
    import_again(window, prompter, path, REPLACE)
    [replaced] = list_plans(db)
    assert replaced.name == PLAN
    titles = [a.title for a in load_itinerary(db, replaced.id).appointments]
    assert titles == ["Meet the surgeon"]  # the plan as it was in the file
    current = window.current_plan()
    assert current is not None and current.id == replaced.id


def test_cancelling_the_clash_question_imports_nothing(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    own_plan_file: tuple[Plan, Path],
) -> None:
    plan, path = own_plan_file
    window = make_window()
    before = list_plans(db)
    import_again(window, prompter, path, None)
    assert list_plans(db) == before
    current = window.current_plan()
    assert current is not None and current.id == plan.id
    assert len(load_itinerary(db, plan.id).appointments) == 1


@pytest.mark.parametrize("damage", ["truncated", "not-json", "empty"])
def test_a_damaged_plan_file_is_refused_with_a_message_and_nothing_changes(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    own_plan_file: tuple[Plan, Path],
    tmp_path: Path,
    damage: str,
) -> None:
    _plan, path = own_plan_file
    good = path.read_bytes()
    broken = tmp_path / "broken.plan.json"
    broken.write_bytes(
        {"truncated": good[: len(good) // 2], "not-json": b"\x89PNG\r\n\x1a\n", "empty": b""}[damage]
    )
    window = make_window()
    before = list_plans(db)
    prompter.open_path = broken
    window.import_plan_action.trigger()
    [error] = prompter.errors
    assert error.startswith("broken.plan.json was not imported.")
    assert list_plans(db) == before
    assert window.plans.rowCount() == len(before)


def test_export_calendar_and_expenses_write_their_files(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    window, plan = open_window(qtbot, make_window, add_plan)
    add_appointment(db, plan)
    save_expense(
        db,
        plan.id,
        ExpenseDraft("Flights to Seoul", "travel", None, "850", "", "GBP", None),
        today=date(2026, 11, 1),
    )
    prompter.save_path = tmp_path / "trip.ics"
    window.calendar_action.trigger()
    calendar = (tmp_path / "trip.ics").read_text("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert calendar.count("BEGIN:VEVENT") == 1
    assert "Meet the surgeon" in calendar

    prompter.save_path = tmp_path / "expenses.csv"
    window.csv_action.trigger()
    rows = list(csv.reader(io.StringIO((tmp_path / "expenses.csv").read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Description", "Category", "Journey step"]
    assert rows[1][0] == "Flights to Seoul"
    assert prompter.errors == []
