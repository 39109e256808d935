"""The diary as a patient uses it: a day's entry typed with the keyboard alone, the same day refused
at the date, an entry opened and changed, deleted and put back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.plans.service import Plan
from planner.recovery.rules import DiaryDraft
from planner.recovery.service import save_diary_entry, save_exercises
from planner.ui.recovery.diary_panel import DiaryPanel
from tests.ui.recovery.conftest import TODAY, Shown, new_plan


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def click_entry(qtbot: QtBot, diary: DiaryPanel, row: int) -> None:
    where = diary.table.visualRect(diary.model.index(row, 0)).center()
    qtbot.mouseClick(diary.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert diary.current_entry() is diary.model.rows[row]


def test_a_day_is_recorded_with_the_keyboard_alone(
    db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_exercises(db, plan.id, ["Straight-leg raises", "Heel slides"])
    shown = show_recovery(plan)
    fields = shown.page.diary.fields
    assert fields is not None
    assert fields.date.date().toPython() == TODAY

    shown.press("Alt+A")  # the pain field
    assert shown.focused is fields.pain
    shown.type("4")
    shown.press("Tab")
    assert shown.focused is fields.swelling
    shown.press("M")  # Mild
    shown.press("Tab")
    assert shown.focused is fields.painkillers
    shown.type("2")
    shown.press("Tab")
    first, second = (box for _id, box in fields.exercise_boxes)
    assert shown.focused is first
    shown.press("Space")
    shown.press("Tab")
    assert shown.focused is second
    for _kind, box in fields.effect_boxes:
        shown.press("Tab")
        assert shown.focused is box
    shown.press("Tab")
    assert shown.focused is fields.other
    shown.press("Tab")
    assert shown.focused is fields.note
    shown.type("Stiff in the morning")
    shown.press("Return")

    (entry,) = shown.recovery().diary
    exercises = shown.recovery().exercises
    assert (entry.entry_on, entry.pain, entry.swelling, entry.painkillers, entry.note) == (
        TODAY,
        4,
        1,
        2,
        "Stiff in the morning",
    )
    assert entry.exercises_done == {exercises[0].id} and entry.side_effects == frozenset()
    diary = shown.page.diary
    assert diary.model.index(0, 0).data() == "Fri 20 Nov 2026"
    assert diary.model.index(0, 4).data() == "1 of 2"
    assert fields.pain.text() == "" and not first.isChecked(), "the quick entry is ready for the next"
    assert diary.undo_bar.message.text() == "Saved your entry for Fri 20 Nov 2026."
    assert shown.page.diary.entry_hint.text().startswith("Today is in your diary already")

    shown.press("Alt+A")
    shown.type("3")
    shown.press("Ctrl+Return")
    date_error = fields.errors["date"]
    assert date_error.isVisible()
    assert date_error.text() == "There is already an entry for 20 Nov 2026; open it to change it."
    assert [e.pain for e in shown.recovery().diary] == [4], "nothing else was saved"
    assert fields.pain.text() == "3", "what was typed is kept to put right"


def test_a_bad_value_is_said_at_its_field_and_nothing_is_saved(
    db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    shown = show_recovery(new_plan(db))
    fields = shown.page.diary.fields
    assert fields is not None
    shown.press("Alt+A")
    shown.type("11")
    shown.press("Alt+K")
    assert shown.focused is fields.painkillers
    shown.type("lots")
    shown.qtbot.mouseClick(fields.save_button, Qt.MouseButton.LeftButton)
    assert fields.errors["pain"].isVisible() and "from 0 to 10" in fields.errors["pain"].text()
    assert fields.errors["painkillers"].isVisible()
    assert shown.recovery().diary == ()


def test_an_entry_is_opened_with_enter_and_changed(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    for day, pain in ((18, "6"), (19, "5")):
        save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, day), pain=pain))
    shown = show_recovery(plan)
    diary = shown.page.diary
    assert [diary.model.index(r, 0).data() for r in range(2)] == ["Thu 19 Nov 2026", "Wed 18 Nov 2026"]
    click_entry(qtbot, diary, 0)
    shown.press("Return")
    dialog = diary.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    pain = dialog.fields.pain
    assert pain.text() == "5"
    pain.selectAll()
    qtbot.keyClicks(pain, "12")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    click(qtbot, save)
    assert dialog.isVisible() and "from 0 to 10" in dialog.fields.form.errors["pain"].text()  # type: ignore[union-attr]
    assert [e.pain for e in shown.recovery().diary] == [6, 5]

    pain.selectAll()
    qtbot.keyClicks(pain, "2")
    warmth = next(box for kind, box in dialog.fields.effect_boxes if kind == "warmth")
    click(qtbot, warmth)
    click(qtbot, save)
    qtbot.waitUntil(lambda: diary.dialog is None)
    changed = shown.recovery().diary[1]
    assert (changed.pain, changed.side_effects) == (2, frozenset({"warmth"}))
    assert diary.model.index(0, 1).data() == "2"
    assert diary.current_entry() is not None and diary.current_entry().id == changed.id  # type: ignore[union-attr]


def test_an_entry_is_opened_with_a_double_click(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, 19), pain="5", note="Long walk"))
    shown = show_recovery(plan)
    diary = shown.page.diary
    where = diary.table.visualRect(diary.model.index(0, 6)).center()
    qtbot.mouseClick(diary.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click's
    qtbot.mouseDClick(diary.table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # two halves
    dialog = diary.dialog
    assert dialog is not None
    assert dialog.fields.note.toPlainText() == "Long walk"  # type: ignore[union-attr]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: diary.dialog is None)


def test_an_entry_is_deleted_and_put_back_by_key_and_by_button(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    for day in (17, 18, 19):
        save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, day), pain=str(day - 10)))
    shown = show_recovery(plan)
    diary = shown.page.diary
    assert diary.undo_bar.isHidden()
    click_entry(qtbot, diary, 1)  # 18 Nov
    shown.press("Delete")
    assert [e.entry_on.day for e in shown.recovery().diary] == [17, 19]
    assert diary.undo_bar.isVisible() and diary.undo_bar.undo_button.isVisible()
    assert diary.undo_bar.message.text() == "Deleted the entry for Wed 18 Nov 2026."
    assert diary.current_entry() is not None, "the next entry is chosen"
    shown.press("Ctrl+Z")
    assert [e.entry_on.day for e in shown.recovery().diary] == [17, 18, 19]
    assert diary.current_entry() is not None and diary.current_entry().entry_on.day == 18  # type: ignore[union-attr]
    assert not diary.undo_bar.undo_button.isVisible(), "nothing more to put back"

    click(qtbot, diary.delete_button)
    assert len(shown.recovery().diary) == 2
    click(qtbot, diary.undo_bar.undo_button)
    back = shown.recovery().diary
    assert [(e.entry_on.day, e.pain) for e in back] == [(17, 7), (18, 8), (19, 9)]


def test_a_day_written_again_after_a_delete_is_not_overwritten_by_undo(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_diary_entry(db, plan.id, None, DiaryDraft(TODAY, pain="6"))
    shown = show_recovery(plan)
    diary = shown.page.diary
    click_entry(qtbot, diary, 0)
    shown.press("Delete")
    shown.press("Alt+A")
    shown.type("2")
    shown.press("Return")
    click_entry(qtbot, diary, 0)
    shown.press("Ctrl+Z")
    assert [e.pain for e in shown.recovery().diary] == [2]
    assert diary.undo_bar.message.text() == (
        "There is a new entry for 20 Nov 2026, so the deleted one cannot be put back; open the new one "
        "to change it."
    )
