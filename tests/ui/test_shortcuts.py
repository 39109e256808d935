"""Every keyboard shortcut the README and the tooltips name, pressed on the keyboard.

Keys go to the window as the system delivers them (to whichever control has focus, through the
window's shortcuts), never to a slot; each test checks what the person sees happen."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.changes import Change
from planner.checklist.service import load_checklist, set_treatment_date
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import load_itinerary, save_appointment
from planner.journey.service import load_journey
from planner.plans.service import Plan
from planner.recovery.rules import DiaryDraft
from planner.recovery.service import load_recovery, save_diary_entry
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import BUDGET, CHECKLIST, CLINICS, ITINERARY, JOURNEY, LEARN, OVERVIEW, RECOVERY
from planner.ui.recovery.recovery_page import RecoveryPage
from tests.ui.conftest import FakePrompter

README = Path(__file__).resolve().parents[2] / "README.md"
NAMED_KEY = re.compile(
    r"\b(?:(?:Ctrl|Alt|Shift)\+)+(?:[A-Z][a-z]*\b|\d\b|F\d{1,2}\b)(?:/[A-Z][a-z]+)?|\bF\d{1,2}\b"
)
"""A shortcut as the README and tooltips write one: "Ctrl+Z", "Alt+Left", "Ctrl+Up/Down", "F2"."""
PLAIN_KEYS = ("Delete", "Space", "Enter")
"""Keys named without a modifier; found in the text as "(Delete)", "with Delete", "or Space"."""


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    """Press `keys` ("Ctrl+Shift+X") as a person would: the window delivers it to its focus."""
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(window.windowHandle(), combination.key(), combination.keyboardModifiers())


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def escape_from(qtbot: QtBot, dialog: QWidget | None) -> None:
    """Close a dialog a shortcut opened by pressing Escape in it."""
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


@dataclass
class Scene:
    qtbot: QtBot
    window: MainWindow
    plan: Plan
    db: Database
    prompter: FakePrompter

    def press(self, keys: str) -> None:
        press(self.qtbot, self.window, keys)

    def go(self, row: int) -> None:
        self.qtbot.mouseClick(
            self.window.nav.viewport(),
            Qt.MouseButton.LeftButton,
            pos=self.window.nav.visualItemRect(self.window.nav.item(row)).center(),
        )
        assert self.window.nav.currentRow() == row


# --- the window's own shortcuts -----------------------------------------------------------
def new_plan(s: Scene) -> None:
    s.press("Ctrl+N")
    assert s.window.wizard is not None and s.window.wizard.isVisible()
    escape_from(s.qtbot, s.window.wizard)


def rename(s: Scene) -> None:
    s.press("F2")
    assert "Rename plan" in s.prompter.asked


def trip_dates(s: Scene) -> None:
    s.press("Ctrl+T")
    escape_from(s.qtbot, s.window.dates_dialog)


def duplicate(s: Scene) -> None:
    s.press("Ctrl+D")
    assert s.window.plans.rowCount() == 2
    assert s.window.plan_combo.currentText() != "Knee, March"


def delete(s: Scene) -> None:
    s.press("Ctrl+Del")
    assert any("Delete the plan" in text for text in s.prompter.asked)
    assert s.window.plans.rowCount() == 0
    assert s.window.stack.currentWidget() is s.window.welcome


def print_dialog(s: Scene) -> None:
    s.press("Ctrl+P")
    escape_from(s.qtbot, s.window.print_dialog)


def export_plan(s: Scene) -> None:
    s.press("Ctrl+E")
    assert s.prompter.asked, "the save dialog was asked for"


def import_plan(s: Scene) -> None:
    s.press("Ctrl+I")
    assert s.prompter.asked, "the open dialog was asked for"


def quit_app(s: Scene) -> None:
    s.press("Ctrl+Q")
    assert not s.window.isVisible()


def user_guide(s: Scene) -> None:
    s.press("F1")
    escape_from(s.qtbot, s.window.guide_dialog)


def page_key(row: int) -> Callable[[Scene], None]:
    def check(s: Scene) -> None:
        s.go(LEARN.row if row != LEARN.row else OVERVIEW.row)
        s.press(f"Ctrl+{row + 1}")
        assert s.window.nav.currentRow() == row
        pages = {
            OVERVIEW.row: s.window.overview,
            LEARN.row: s.window.learn,
            JOURNEY.row: s.window.journey,
            ITINERARY.row: s.window.itinerary,
            CLINICS.row: s.window.clinics,
            BUDGET.row: s.window.budget,
            CHECKLIST.row: s.window.checklist,
            RECOVERY.row: s.window.recovery,
        }
        assert s.window.stack.currentWidget() is pages[row]

    return check


def search_clinics(s: Scene) -> None:
    s.go(CLINICS.row)
    s.press("Ctrl+F")
    assert focused() is s.window.clinics.filters.search
    s.qtbot.keyClicks(focused(), "Gangnam")
    assert s.window.clinics.filters.search.text() == "Gangnam"


def search_checklist(s: Scene) -> None:
    s.go(CHECKLIST.row)
    s.press("Ctrl+F")
    assert focused() is s.window.checklist.search


def search_elsewhere(s: Scene) -> None:
    s.go(BUDGET.row)
    s.press("Ctrl+F")
    assert s.window.stack.currentWidget() is s.window.learn
    assert focused() is s.window.learn.search


# --- the Journey page ---------------------------------------------------------------------
def journey_title(s: Scene) -> str:
    return s.window.journey.view.title.text()


def open_journey(s: Scene) -> None:
    s.go(JOURNEY.row)
    assert journey_title(s) == "Virtual consultation"


def walk(focus: Callable[[Scene], QWidget]) -> Callable[[Scene], None]:
    """Alt+Right then Alt+Left, with the focus on a given control of the Journey page."""

    def check(s: Scene) -> None:
        open_journey(s)
        widget = focus(s)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        s.press("Alt+Right")
        assert journey_title(s) == "Booking and preparation"
        assert s.window.journey.counter.text() == "Step 2 of 8"
        s.press("Alt+Right")
        assert journey_title(s) == "Arrival and intake"
        s.press("Alt+Left")
        assert journey_title(s) == "Booking and preparation"
        assert s.window.journey.steps.currentItem().text().endswith("2. Booking and preparation")

    return check


def start_date(s: Scene) -> QWidget:
    view = s.window.journey.view
    s.qtbot.mouseClick(view.has_start, Qt.MouseButton.LeftButton, pos=view.has_start.rect().center())
    assert view.start.isEnabled()
    return view.start


def save_step(s: Scene) -> None:
    open_journey(s)
    note = s.window.journey.view.note
    s.qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    s.qtbot.keyClicks(note, "Ask about the MRI")
    s.press("Ctrl+S")
    s.qtbot.waitUntil(lambda: s.window.journey.view.saved_label.text() == "Saved.")
    state = load_journey(s.db, s.plan.id).state("virtual-consultation")
    assert state.note == "Ask about the MRI"


# --- the Itinerary's table ----------------------------------------------------------------
def itinerary_table(s: Scene) -> None:
    for day in (3, 5):
        start = datetime(2027, 3, day, 10)
        save_appointment(
            s.db,
            s.plan.id,
            AppointmentDraft(
                "arrival-intake", "consultation", f"Visit {day}", start, start.replace(hour=11), "Asia/Seoul"
            ),
        )
    s.go(ITINERARY.row)
    page = s.window.itinerary
    row = page.model.row_of(load_itinerary(s.db, s.plan.id).appointments[0].id)
    s.qtbot.mouseClick(
        page.days.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.days.visualRect(page.model.index(row, 2)).center(),
    )
    assert page.current_appointment() is not None


def starts(s: Scene) -> list[tuple[str, int]]:
    return [(a.title, a.start.day) for a in load_itinerary(s.db, s.plan.id).appointments]


def itinerary_key(keys: str, expected: list[tuple[str, int]]) -> Callable[[Scene], None]:
    def check(s: Scene) -> None:
        itinerary_table(s)
        s.press(keys)
        assert sorted(starts(s)) == expected

    return check


def itinerary_undo(s: Scene) -> None:
    itinerary_table(s)
    s.press("Delete")
    assert starts(s) == [("Visit 5", 5)]
    s.press("Ctrl+Z")
    assert sorted(starts(s)) == [("Visit 3", 3), ("Visit 5", 5)]


def itinerary_edit(keys: str) -> Callable[[Scene], None]:
    def check(s: Scene) -> None:
        itinerary_table(s)
        s.press(keys)
        escape_from(s.qtbot, s.window.itinerary.dialog)

    return check


# --- the Checklist's table ----------------------------------------------------------------
def checklist_table(s: Scene) -> None:
    s.go(CHECKLIST.row)
    page = s.window.checklist
    s.qtbot.mouseClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualRect(page.model.index(0, 1)).center(),
    )
    assert page.current_item() is not None


def items(s: Scene) -> list[tuple[str, bool]]:
    return [(i.text, i.done) for i in load_checklist(s.db, s.plan.id).items]


def checklist_space(s: Scene) -> None:
    checklist_table(s)
    first = items(s)[0][0]
    s.press("Space")
    assert items(s)[0] == (first, True)
    assert s.window.checklist.model.rows[0].done


def checklist_move(s: Scene) -> None:
    checklist_table(s)
    first, second = items(s)[0][0], items(s)[1][0]
    s.press("Ctrl+Down")
    assert [text for text, _ in items(s)[:2]] == [second, first]
    s.press("Ctrl+Up")
    assert [text for text, _ in items(s)[:2]] == [first, second]


def checklist_undo(s: Scene) -> None:
    checklist_table(s)
    before = items(s)
    s.press("Delete")
    assert items(s) == before[1:]
    s.press("Ctrl+Z")
    assert items(s) == before


# --- the Recovery page's diary ------------------------------------------------------------
def diary(s: Scene) -> RecoveryPage:
    """The Recovery page of a plan whose treatment was a week ago."""
    set_treatment_date(s.db, s.plan.id, date(2026, 11, 13))
    s.window.events.announce(Change.PLAN)
    s.go(RECOVERY.row)
    return s.window.recovery


def diary_days(s: Scene) -> list[tuple[date, int | None]]:
    return [(e.entry_on, e.pain) for e in load_recovery(s.db, s.plan.id).diary]


def lock_now(s: Scene) -> None:
    protection = s.window.protection
    assert protection.actions().protect("a long enough passphrase") is None  # as the dialog does
    protection.protection_changed(True)
    s.press("Ctrl+L")
    lock = protection.idle_lock
    assert lock is not None
    s.qtbot.waitUntil(lambda: lock.is_locked)
    prompt = lock.prompt
    assert prompt is not None
    s.qtbot.keyClicks(prompt.field, "a long enough passphrase")
    s.qtbot.keyClick(prompt.field, Qt.Key.Key_Return)
    s.qtbot.waitUntil(lambda: not lock.is_locked)


def diary_save(s: Scene) -> None:
    page = diary(s)
    fields = page.diary.fields
    assert fields is not None
    s.qtbot.mouseClick(fields.pain, Qt.MouseButton.LeftButton)
    s.qtbot.keyClicks(fields.pain, "3")
    s.press("Ctrl+Return")
    assert diary_days(s) == [(date(2026, 11, 20), 3)]


def diary_table(s: Scene) -> RecoveryPage:
    page = diary(s)
    save_diary_entry(s.db, s.plan.id, None, DiaryDraft(date(2026, 11, 19), pain="5"))
    s.window.events.announce(Change.PLAN)
    table = page.diary.table
    s.qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(page.diary.model.index(0, 0)).center(),
    )
    assert page.diary.current_entry() is not None
    return page


def diary_undo(s: Scene) -> None:
    diary_table(s)
    s.press("Delete")
    assert diary_days(s) == []
    s.press("Ctrl+Z")
    assert diary_days(s) == [(date(2026, 11, 19), 5)]


def diary_open(keys: str) -> Callable[[Scene], None]:
    def check(s: Scene) -> None:
        page = diary_table(s)
        s.press(keys)
        escape_from(s.qtbot, page.diary.dialog)

    return check


CASES: dict[str, tuple[tuple[str, ...], Callable[[Scene], None]]] = {
    "new plan": (("Ctrl+N",), new_plan),
    "rename": (("F2",), rename),
    "trip dates": (("Ctrl+T",), trip_dates),
    "duplicate": (("Ctrl+D",), duplicate),
    "delete plan": (("Ctrl+Del",), delete),
    "print": (("Ctrl+P",), print_dialog),
    "export plan": (("Ctrl+E",), export_plan),
    "import plan": (("Ctrl+I",), import_plan),
    "quit": (("Ctrl+Q",), quit_app),
    "lock now": (("Ctrl+L",), lock_now),
    "user guide": (("F1",), user_guide),
    **{f"page {n + 1}": ((f"Ctrl+{n + 1}",), page_key(n)) for n in range(8)},
    "search clinics": (("Ctrl+F",), search_clinics),
    "search checklist": (("Ctrl+F",), search_checklist),
    "search elsewhere": (("Ctrl+F",), search_elsewhere),
    "journey from the step list": (("Alt+Left", "Alt+Right"), walk(lambda s: s.window.journey.steps)),
    "journey from the notes": (("Alt+Left", "Alt+Right"), walk(lambda s: s.window.journey.view.note)),
    "journey from the status": (("Alt+Left", "Alt+Right"), walk(lambda s: s.window.journey.view.status)),
    "journey from a tick box": (("Alt+Left", "Alt+Right"), walk(lambda s: s.window.journey.view.has_start)),
    "journey from a date": (("Alt+Left", "Alt+Right"), walk(start_date)),
    "journey from Next": (("Alt+Left", "Alt+Right"), walk(lambda s: s.window.journey.next_button)),
    "save step": (("Ctrl+S",), save_step),
    "itinerary a day later": (("Ctrl+Down",), itinerary_key("Ctrl+Down", [("Visit 3", 4), ("Visit 5", 5)])),
    "itinerary a day earlier": (("Ctrl+Up",), itinerary_key("Ctrl+Up", [("Visit 3", 2), ("Visit 5", 5)])),
    "itinerary delete and undo": (("Delete", "Ctrl+Z"), itinerary_undo),
    "itinerary edit with Return": (("Return",), itinerary_edit("Return")),
    "itinerary edit with Enter": (("Enter",), itinerary_edit("Enter")),
    "checklist tick": (("Space",), checklist_space),
    "checklist move": (("Ctrl+Up", "Ctrl+Down"), checklist_move),
    "checklist delete and undo": (("Delete", "Ctrl+Z"), checklist_undo),
    "diary save": (("Ctrl+Return",), diary_save),
    "diary delete and undo": (("Delete", "Ctrl+Z"), diary_undo),
    "diary open with Return": (("Return",), diary_open("Return")),
    "diary open with Enter": (("Enter",), diary_open("Enter")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_documented_shortcut_does_what_it_says(
    case: str,
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    db: Database,
    prompter: FakePrompter,
) -> None:
    plan = add_plan("Knee, March")
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    CASES[case][1](Scene(qtbot, window, plan, db, prompter))


def named_keys(text: str) -> set[str]:
    found: set[str] = set()
    for match in NAMED_KEY.findall(text):
        if "/" in match:  # "Ctrl+Up/Down" names two
            first, other = match.split("/")
            found |= {first, first.rsplit("+", 1)[0] + "+" + other}
        else:
            found.add(match)
    found |= {key for key in PLAIN_KEYS if re.search(rf"(\(|with |or ){key}\b", text)}
    return found


def test_every_shortcut_the_readme_and_tooltips_name_is_pressed_above(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    add_plan("Knee, March")
    window = make_window()
    pages = (
        window.journey,
        window.itinerary,
        window.clinics,
        window.budget,
        window.checklist,
        window.recovery,
    )
    for page in pages:
        assert page is not None  # build every page, so its tooltips are there
    readme = README.read_text(encoding="utf-8").split("## What it does today", 1)[1].split("\n## ", 1)[0]
    tips = " ".join(widget.toolTip() for widget in window.findChildren(QWidget))
    in_menus = {
        action.shortcut().toString() for action in window.actions() if not action.shortcut().isEmpty()
    }
    named = named_keys(readme) | named_keys(tips) | in_menus
    pressed = {key for keys, _check in CASES.values() for key in keys}
    assert {"Alt+Left", "Ctrl+Z", "Delete", "F2"} <= named, "the README and tooltips name shortcuts"
    assert named <= pressed, f"named but never pressed: {sorted(named - pressed)}"
