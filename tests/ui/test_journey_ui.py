"""The Journey page as a person uses it: walking the steps with Back and Next, choosing a step in
the list, ticking a step's checklist, saving a step's status, dates and notes, marking it done and
going on, and bad input refused at the field without losing anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.checklist.service import load_checklist
from planner.db.database import Database
from planner.journey.rules import StepDraft
from planner.journey.service import load_journey, save_step
from planner.plans.service import Plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import JOURNEY
from planner.ui.journey.journey_page import STEP_ROLE, JourneyPage
from planner.ui.kit.forms import to_qdate

TODAY = date(2026, 11, 21)
"""A fixed "today", before the plan's trip (1–11 Mar 2027): the first step is the one for now."""
STEP_IDS = (
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
)
STEP_NAMES = (
    "Virtual consultation",
    "Booking and preparation",
    "Arrival and intake",
    "Treatment",
    "Right after treatment",
    "Recovery and follow-up",
    "Departure",
    "Rehabilitation at home",
)


def open_page(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> tuple[MainWindow, Plan, JourneyPage]:
    plan = add_plan("Knee, March")
    window = make_window()
    window.nav.setCurrentRow(JOURNEY.row)
    page = window.journey
    page.today = TODAY
    page.set_plan(window.current_plan())  # read again with the fixed today, from the step for now
    assert page.step_id == STEP_IDS[0]
    return window, plan, page


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def list_row(page: JourneyPage, step_id: str) -> int:
    return next(r for r in range(page.steps.count()) if page.steps.item(r).data(STEP_ROLE) == step_id)


def row_text(page: JourneyPage, step_id: str) -> str:
    return page.steps.item(list_row(page, step_id)).text()


def go_to(page: JourneyPage, step_id: str) -> None:
    page.steps.setCurrentRow(list_row(page, step_id))
    assert page.step_id == step_id


def test_walking_next_to_the_last_step_and_back_to_the_first(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)

    def shows(number: int) -> None:
        index = number - 1
        assert page.step_id == STEP_IDS[index]
        assert page.view.title.text() == STEP_NAMES[index]
        assert page.counter.text() == f"Step {number} of 8"
        assert f"step {number} of 8" in page.view.place.text()
        assert page.steps.currentItem().data(STEP_ROLE) == STEP_IDS[index]
        if number == 1:
            assert page.back_button.text() == "← Back"
            assert not page.back_button.isEnabled()
        else:
            assert page.back_button.text() == f"← Back: {STEP_NAMES[index - 1]}"
            assert page.back_button.isEnabled()
        if number == 8:
            assert page.next_button.text() == "Next →"
            assert not page.next_button.isEnabled()
        else:
            assert page.next_button.text() == f"Next: {STEP_NAMES[index + 1]} →"
            assert page.next_button.isEnabled()

    shows(1)
    for number in range(2, 9):
        click(qtbot, page.next_button)
        shows(number)
    click(qtbot, page.next_button)  # disabled on the last step: nothing happens
    shows(8)
    for number in range(7, 0, -1):
        click(qtbot, page.back_button)
        shows(number)
    page.back()  # the slot itself does nothing on the first step either
    shows(1)


def test_choosing_a_step_in_the_list_opens_it_and_phase_headers_are_not_steps(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    assert page.steps.count() == 8 + 4  # eight steps under four phase headers
    rect = page.steps.visualItemRect(page.steps.item(list_row(page, "treatment")))
    qtbot.mouseClick(page.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.step_id == "treatment"
    assert page.view.title.text() == "Treatment"
    assert page.counter.text() == "Step 4 of 8"
    assert page.back_button.text() == "← Back: Arrival and intake"

    headers = [r for r in range(page.steps.count()) if page.steps.item(r).data(STEP_ROLE) is None]
    assert len(headers) == 4
    assert page.steps.item(headers[0]).text() == "CONSULTATION"
    for row in headers:
        item = page.steps.item(row)
        assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
        rect = page.steps.visualItemRect(item)
        qtbot.mouseClick(page.steps.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert page.step_id == "treatment"
        assert page.view.title.text() == "Treatment"
        assert all(i.data(STEP_ROLE) for i in page.steps.selectedItems())
    page.steps.setCurrentRow(headers[2])
    assert page.step_id == "treatment"
    assert page.counter.text() == "Step 4 of 8"


def test_arrow_keys_in_the_step_list_go_from_step_to_step_over_the_phase_headers(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    page.steps.setFocus(Qt.FocusReason.TabFocusReason)

    def press(key: Qt.Key) -> None:
        qtbot.keyClick(page.steps, key)
        assert page.steps.currentItem().data(STEP_ROLE) == page.step_id, "a header is never current"

    for number in range(2, 9):
        press(Qt.Key.Key_Down)
        assert page.step_id == STEP_IDS[number - 1]
        assert page.view.title.text() == STEP_NAMES[number - 1]
    press(Qt.Key.Key_Down)
    assert page.step_id == STEP_IDS[-1]
    for number in range(7, 0, -1):
        press(Qt.Key.Key_Up)
        assert page.step_id == STEP_IDS[number - 1]
    press(Qt.Key.Key_Up)  # the first phase's header is above: the first step stays open
    assert page.step_id == STEP_IDS[0]
    press(Qt.Key.Key_End)
    assert page.step_id == STEP_IDS[-1]
    press(Qt.Key.Key_Home)
    assert page.step_id == STEP_IDS[0]
    press(Qt.Key.Key_PageDown)
    assert page.step_id != STEP_IDS[0]


def test_ticking_a_checklist_item_on_a_step_saves_it(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    go_to(page, "arrival-intake")
    items = page.view.items
    total = items.rowCount()
    assert total > 0
    assert page.view.items_label.text().startswith(f"0 of {total} done.")
    first = items.rows[0]
    # What a click on the box does: the view sets the check state on the model.
    assert items.setData(items.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    stored = next(i for i in load_checklist(db, plan.id).items if i.id == first.id)
    assert stored.done
    assert page.view.items_label.text().startswith(f"1 of {total} done.")
    ticked = next(r for r, i in enumerate(page.view.items.rows) if i.id == first.id)
    assert page.view.items.index(ticked, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert page.step_id == "arrival-intake"

    assert items.setData(items.index(ticked, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    stored = next(i for i in load_checklist(db, plan.id).items if i.id == first.id)
    assert not stored.done
    assert page.view.items_label.text().startswith(f"0 of {total} done.")


def test_saving_a_step_and_marking_it_done_and_going_on(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    assert row_text(page, "virtual-consultation").startswith("▶")  # planned for today
    assert row_text(page, "booking-preparation").startswith("○")
    assert page.progress.value() == 0
    click(qtbot, page.next_button)
    view = page.view
    assert view.title.text() == "Booking and preparation"
    view.status.setCurrentIndex(view.status.findData("in-progress"))
    view.has_start.setChecked(True)
    assert view.start.isEnabled()
    view.start.setDate(to_qdate(date(2027, 1, 31)))
    view.note.setPlainText("Flights booked; hotel next.")
    assert view.dirty and view.saved_label.text() == "Not saved yet."
    click(qtbot, view.save_button)

    state = load_journey(db, plan.id, TODAY).state("booking-preparation")
    assert (state.status, state.start, state.end, state.note) == (
        "in-progress",
        date(2027, 1, 31),
        None,
        "Flights booked; hotel next.",
    )
    assert page.step_id == "booking-preparation"
    assert not view.dirty
    assert view.saved_label.text() != "Not saved yet."
    # The step in progress is now where the person is: the list and the position say so.
    assert row_text(page, "booking-preparation").startswith("▶")
    assert row_text(page, "virtual-consultation").startswith("○")
    here = page.steps.item(list_row(page, "booking-preparation"))
    assert here.toolTip() == "In progress · you are here"
    assert "Booking and preparation" in page.position.text() and "In progress" in page.position.text()
    assert view.here.isVisibleTo(page)
    assert view.status.currentData() == "in-progress"
    assert view.has_start.isChecked() and view.start.date() == to_qdate(date(2027, 1, 31))

    click(qtbot, page.done_button)
    assert load_journey(db, plan.id, TODAY).state("booking-preparation").status == "done"
    assert page.step_id == "arrival-intake"
    assert page.view.title.text() == "Arrival and intake"
    assert page.counter.text() == "Step 3 of 8"
    assert page.progress.value() == 1
    assert page.progress.format() == "1 of 8 steps"
    assert row_text(page, "booking-preparation").startswith("✓")
    assert page.steps.currentItem().data(STEP_ROLE) == "arrival-intake"


def test_saving_a_step_says_it_is_saved(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    page.view.note.setPlainText("Ready for the call.")
    click(qtbot, page.view.save_button)
    assert page.view.saved_label.text() == "Saved."


def test_an_end_before_the_start_is_refused_at_the_field_and_nothing_is_lost(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    kept = StepDraft("done", date(2027, 2, 1), date(2027, 2, 20), "Visa done.")
    save_step(db, plan.id, "booking-preparation", kept)
    page.set_plan(plan)
    go_to(page, "arrival-intake")
    view = page.view
    view.note.setPlainText("Landing at Incheon.")
    view.has_start.setChecked(True)
    view.start.setDate(to_qdate(date(2027, 3, 3)))
    view.has_end.setChecked(True)
    view.end.setDate(to_qdate(date(2027, 3, 2)))
    click(qtbot, view.save_button)

    error = view.form.errors["end"]
    assert not error.isHidden()
    assert "ends before it starts" in error.text()
    assert view.form.errors["start"].isHidden()
    data = load_journey(db, plan.id, TODAY)
    assert "arrival-intake" not in data.states
    stored = data.state("booking-preparation")
    assert (stored.status, stored.start, stored.end, stored.note) == (
        "done",
        date(2027, 2, 1),
        date(2027, 2, 20),
        "Visa done.",
    )
    assert view.dirty

    # Leaving with the invalid edit unsaved stays on the step, the edit and the message in place.
    for leave in (page.next, page.back, lambda: go_to_refused(page, "departure")):
        leave()
        assert page.step_id == "arrival-intake"
        assert page.view.title.text() == "Arrival and intake"
        assert page.counter.text() == "Step 3 of 8"
        assert page.steps.currentItem().data(STEP_ROLE) == "arrival-intake"
        assert view.note.toPlainText() == "Landing at Incheon."
        assert view.end.date() == to_qdate(date(2027, 3, 2))
        assert not view.form.errors["end"].isHidden()
    click(qtbot, page.done_button)
    assert page.step_id == "arrival-intake"
    assert "arrival-intake" not in load_journey(db, plan.id, TODAY).states

    # Mended, it saves.
    view.end.setDate(to_qdate(date(2027, 3, 4)))
    click(qtbot, view.save_button)
    assert view.form.errors["end"].isHidden()
    saved = load_journey(db, plan.id, TODAY).state("arrival-intake")
    assert (saved.start, saved.end, saved.note) == (date(2027, 3, 3), date(2027, 3, 4), "Landing at Incheon.")


def go_to_refused(page: JourneyPage, step_id: str) -> None:
    page.steps.setCurrentRow(list_row(page, step_id))


def test_unsaved_valid_edits_are_saved_when_going_on(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    page.view.note.setPlainText("Send the MRI scans before the call.")
    page.view.status.setCurrentIndex(page.view.status.findData("in-progress"))
    click(qtbot, page.next_button)
    assert page.step_id == "booking-preparation"
    state = load_journey(db, plan.id, TODAY).state("virtual-consultation")
    assert (state.status, state.note) == ("in-progress", "Send the MRI scans before the call.")
    assert not page.view.dirty

    # Choosing another step in the list saves too.
    page.view.note.setPlainText("Ask about travel insurance.")
    go_to(page, "departure")
    assert load_journey(db, plan.id, TODAY).state("booking-preparation").note == (
        "Ask about travel insurance."
    )
    click(qtbot, page.back_button)
    assert page.step_id == "recovery-follow-up"


def test_without_a_plan_the_page_says_to_create_one(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.nav.setCurrentRow(JOURNEY.row)
    page = window.journey
    assert window.stack.currentWidget() is page
    assert "Create a plan first" in page.hint.text()
    assert page.view.isHidden()
    assert page.steps.count() == 0
    assert not page.back_button.isEnabled()
    assert not page.next_button.isEnabled()
    assert not page.done_button.isEnabled()
    assert page.counter.text() == ""
    page.next()
    page.done_and_next()
    assert page.step_id == ""
