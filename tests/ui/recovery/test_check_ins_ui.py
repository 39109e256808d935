"""Check-ins as a patient records them: the schedule with its due days, a check-in whose bad answers
are refused at their fields with nothing saved, then saved, opened, deleted and put back; and the
activities and exercises named in their small dialogs, refusals at the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLineEdit, QTabWidget
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.plans.service import Plan
from planner.recovery.rules import CheckInDraft
from planner.recovery.service import save_activities, save_check_in
from planner.ui.recovery.check_in_dialog import CheckInDialog
from planner.ui.recovery.named_lists_dialogs import ActivitiesDialog, ExercisesDialog
from tests.ui.recovery.conftest import Shown, new_plan

CHECK_INS, LISTS = 1, 2


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} can be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def save_button(dialog: CheckInDialog | ActivitiesDialog | ExercisesDialog) -> QAbstractButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def test_the_schedule_shows_each_check_in_and_a_bad_answer_is_refused_at_its_field(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_activities(db, plan.id, ["Climbing stairs", "Kneeling", "Running"])
    shown = show_recovery(plan)
    page = shown.page
    assert page.treatment_line.text() == "Treatment day: Fri 13 Nov 2026, 7 days ago."
    assert page.next_line.text() == "Next check-in: 2 weeks, due Fri 27 Nov 2026."
    click_tab(qtbot, page.tabs, CHECK_INS)
    model = page.check_ins.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Baseline",
        "2 weeks",
        "6 weeks",
        "3 months",
        "6 months",
        "12 months",
    ]
    assert model.index(0, 1).data() == "Fri 6 Nov 2026" and model.index(0, 2).data() == "Overdue"
    assert model.index(5, 1).data() == "Sat 13 Nov 2027"

    click(qtbot, page.check_ins.record_button)
    dialog = page.check_ins.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Check-in: 2 weeks", "the baseline missed, the next one due"
    click(qtbot, save_button(dialog))
    assert dialog.general.isVisible() and dialog.general.text() == "Answer at least one question."

    qtbot.keyClicks(dialog.fields["pain-rest"], "11")
    qtbot.keyClicks(dialog.fields["walking-time"], "1:75")
    qtbot.keyClicks(dialog.activity_fields[shown.recovery().activities[0].id], "4")
    click(qtbot, save_button(dialog))
    errors = dialog.form.errors
    assert errors["pain-rest"].isVisible()
    assert errors["pain-rest"].text() == "Pain at rest: must be from 0 to 10."
    assert errors["walking-time"].isVisible() and "not a duration" in errors["walking-time"].text()
    assert not errors["pain-activity"].isVisible()
    assert dialog.isVisible() and shown.recovery().check_ins == (), "nothing was saved"

    pain = dialog.fields["pain-rest"]
    walking = dialog.fields["walking-time"]
    assert isinstance(pain, QLineEdit) and isinstance(walking, QLineEdit)
    retype(qtbot, pain, "3")
    retype(qtbot, walking, "1:15")
    click(qtbot, save_button(dialog))
    qtbot.waitUntil(lambda: page.check_ins.dialog is None)
    (check_in,) = shown.recovery().check_ins
    first = shown.recovery().activities[0]
    assert (check_in.point_id, check_in.taken_on) == ("2-weeks", date(2026, 11, 20))
    assert check_in.values == {"pain-rest": 3, "walking-time": 75}
    assert check_in.activity_ratings == {first.id: 4}
    assert model.index(1, 2).data() == "20 Nov 2026"
    assert model.index(1, 3).data() == "Pain at rest 3 · Walking 1 h 15 min"
    assert page.next_line.text() == "Next check-in: 6 weeks, due Fri 25 Dec 2026."


def test_a_check_in_is_opened_changed_deleted_and_put_back(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_check_in(
        db, plan.id, None, CheckInDraft("baseline", date(2026, 11, 6), {"swelling": "Mild"}, note="Sore")
    )
    shown = show_recovery(plan)
    page = shown.page
    click_tab(qtbot, page.tabs, CHECK_INS)
    table = page.check_ins.table
    where = table.visualRect(page.check_ins.model.index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    shown.press("Return")
    dialog = page.check_ins.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Baseline check-in"
    assert dialog.fields["swelling"].currentText() == "Mild"  # type: ignore[union-attr]
    assert dialog.note.toPlainText() == "Sore"
    qtbot.keyClicks(dialog.fields["pain-activity"], "6")
    click(qtbot, save_button(dialog))
    qtbot.waitUntil(lambda: page.check_ins.dialog is None)
    (changed,) = shown.recovery().check_ins
    assert changed.values == {"swelling": 1, "pain-activity": 6}

    shown.press("Delete")
    assert shown.recovery().check_ins == ()
    assert page.check_ins.model.index(0, 2).data() == "Overdue"
    assert page.check_ins.undo_bar.message.text() == "Deleted the check-in of 6 Nov 2026 (Baseline)."
    click(qtbot, page.check_ins.undo_bar.undo_button)
    (back,) = shown.recovery().check_ins
    assert (back.point_id, back.values, back.note) == (
        "baseline",
        {"swelling": 1, "pain-activity": 6},
        "Sore",
    )


def test_two_activities_are_refused_at_the_field_and_three_are_named(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    shown = show_recovery(new_plan(db))
    page = shown.page
    click_tab(qtbot, page.tabs, LISTS)
    assert page.lists.activities.item(0).text() == "None named yet."
    click(qtbot, page.lists.activities_button)
    dialog = page.lists.dialog
    assert isinstance(dialog, ActivitiesDialog)
    assert [dialog.slots[0].itemText(i) for i in range(3)] == ["Climbing stairs", "Running", "Kneeling"]
    qtbot.keyClicks(dialog.slots[0], "Climbing stairs")
    qtbot.keyClicks(dialog.slots[1], "Kneeling to garden")
    click(qtbot, save_button(dialog))
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Name 3 to 5 activities that are hard for you (you named 2)."
    assert shown.recovery().activities == ()
    qtbot.keyClicks(dialog.slots[2], "Running")
    click(qtbot, save_button(dialog))
    qtbot.waitUntil(lambda: page.lists.dialog is None)
    assert [a.name for a in shown.recovery().activities] == [
        "Climbing stairs",
        "Kneeling to garden",
        "Running",
    ]
    assert [page.lists.activities.item(i).text() for i in range(3)] == [
        "Climbing stairs",
        "Kneeling to garden",
        "Running",
    ]


def test_exercises_named_once_each_become_the_diarys_tick_boxes(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    shown = show_recovery(new_plan(db))
    page = shown.page
    click_tab(qtbot, page.tabs, LISTS)
    click(qtbot, page.lists.exercises_button)
    dialog = page.lists.dialog
    assert isinstance(dialog, ExercisesDialog)
    qtbot.keyClicks(dialog.lines, "Quad sets")
    qtbot.keyClick(dialog.lines, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.lines, "quad sets")
    click(qtbot, save_button(dialog))
    assert dialog.form.errors["exercises"].text() == "Each exercise is named once."
    assert shown.recovery().exercises == ()
    dialog.lines.selectAll()
    qtbot.keyClicks(dialog.lines, "Quad sets")
    qtbot.keyClick(dialog.lines, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.lines, "Heel slides & holds")
    click(qtbot, save_button(dialog))
    qtbot.waitUntil(lambda: page.lists.dialog is None)
    fields = page.diary.fields
    assert fields is not None
    assert [box.text() for _id, box in fields.exercise_boxes] == ["Quad sets", "Heel slides && holds"]
