"""The page around the diary and check-ins: side effects recorded bring the panel that gives no
advice but says who to contact (Korea's numbers only while the patient is there); a plan without a
treatment day says where to set it and breaks nothing else; plan switching; the item models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.changes import Change
from planner.checklist.service import set_treatment_date
from planner.clinics.service import list_clinics, save_notes
from planner.clinics.shortlist_service import choose_clinic
from planner.core import clock
from planner.db.database import Database
from planner.journey.trip_details_service import TripDetails, save_details
from planner.plans.service import Plan
from planner.recovery.progress import compared
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import load_recovery, save_activities, save_check_in, save_diary_entry
from planner.ui.recovery.check_in_model import CheckInModel
from planner.ui.recovery.diary_model import DiaryModel
from planner.ui.recovery.progress_charts import BaselineLatestModel
from planner.ui.recovery.side_effects_panel import NOT_ADVICE
from tests.ui.recovery.conftest import TODAY, TREATMENT, Shown, new_plan

KOREA = ("119", "112", "1330")


def test_side_effects_bring_who_to_contact_and_koreas_numbers_only_during_the_trip(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)  # in Korea from 10 to 24 Nov 2026; today is 20 Nov
    clinic = list_clinics(db)[0]
    choose_clinic(db, plan.id, clinic.id)
    save_notes(db, clinic.id, "Coordinator: +82 2 555 0100", None)
    save_details(db, plan.id, TripDetails(emergency_contact="Sam <husband>, +44 7700 900123"))
    shown = show_recovery(plan)
    diary = shown.page.diary
    panel = diary.side_effects
    assert panel.isHidden(), "nothing recorded, nothing shown"
    fields = diary.fields
    assert fields is not None
    shown.press("Alt+A")
    shown.type("5")
    redness = next(box for kind, box in fields.effect_boxes if kind == "redness")
    qtbot.mouseClick(redness, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fields.other, "Itchy scar")
    qtbot.mouseClick(fields.save_button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert shown.recovery().diary[0].side_effects == {"redness"}

    assert panel.isVisible()
    assert "Fri 20 Nov 2026" in panel.recorded.toPlainText()
    assert "Redness, Itchy scar" in panel.recorded.toPlainText()
    contacts = panel.contacts.toPlainText()
    assert " ".join(NOT_ADVICE.split()) in " ".join(contacts.split())
    assert clinic.name in contacts and "Coordinator: +82 2 555 0100" in contacts
    assert "Sam <husband>, +44 7700 900123" in contacts, "the patient's text shown as written"
    assert "In Korea, until Tue 24 Nov 2026" in contacts
    assert all(number in contacts for number in KOREA)

    for moment in (datetime(2026, 11, 25, 9), datetime(2026, 11, 9, 9)):  # home again; not yet gone
        with clock.pinned(moment):
            shown.window.new_day.new_day.emit()
            contacts = panel.contacts.toPlainText()
            assert panel.isVisible() and clinic.name in contacts and "Sam <husband>" in contacts
            assert not any(number in contacts for number in KOREA), moment
            assert "In Korea" not in contacts


def test_without_a_clinic_or_contact_the_panel_says_where_to_add_them(
    db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, 18), side_effects=frozenset({"fever"})))
    shown = show_recovery(plan)
    contacts = shown.page.diary.side_effects.contacts.toPlainText()
    assert "none chosen for this plan yet" in contacts
    assert "not filled in; add one in File › Trip details" in contacts
    assert "Fever" in shown.page.diary.side_effects.recorded.toPlainText()


def test_without_a_treatment_day_the_page_says_where_to_set_it_and_the_rest_works(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db, treatment=None)
    shown = show_recovery(plan)
    page = shown.page
    assert page.treatment_line.text().startswith("No treatment day yet. Set it in File › Trip dates")
    assert page.next_line.isHidden()
    assert not page.diary.entry_box.isEnabled()
    assert (
        page.diary.entry_hint.text() == "The diary starts once the treatment day is set (File › Trip dates…)."
    )
    assert page.check_ins.model.rowCount() == 0
    assert page.check_ins.own_button.isEnabled() and page.lists.activities_button.isEnabled()

    set_treatment_date(db, plan.id, TREATMENT)
    shown.window.events.announce(Change.PLAN)
    assert page.treatment_line.text() == "Treatment day: Fri 13 Nov 2026, 7 days ago."
    assert page.diary.entry_box.isEnabled()
    assert page.check_ins.model.rowCount() == 6


def test_each_plan_shows_its_own_recovery_and_forgets_the_others_undo(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    first = new_plan(db)
    other = new_plan(db, date(2026, 8, 28), date(2026, 9, 12), date(2026, 9, 1), "Knee, September")
    save_diary_entry(db, first.id, None, DiaryDraft(date(2026, 11, 19), pain="5"))
    shown = show_recovery(first)
    window, page = shown.window, shown.page
    combo = window.plan_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if window.plans.plan_at(i).id == first.id))
    assert page.diary.model.rowCount() == 1
    page.diary.table.selectRow(0)
    page.diary.delete_entry()
    assert page.diary.deleted
    combo.setCurrentIndex(next(i for i in range(combo.count()) if window.plans.plan_at(i).id == other.id))
    assert page.diary.model.rowCount() == 0 and not page.diary.deleted
    assert page.treatment_line.text() == "Treatment day: Tue 1 Sep 2026, 2 months ago."
    assert (
        page.next_line.text()
        == "Next check-in: 2 weeks, due Tue 15 Sep 2026, 9 weeks ago: record it when you can."
    )
    assert page.next_line.objectName() == "recoveryOverdue"


def test_progress_shows_baseline_against_latest_when_its_tab_is_opened(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    plan = new_plan(db)
    save_check_in(db, plan.id, None, CheckInDraft("baseline", date(2026, 11, 6), {"pain-activity": "7"}))
    save_check_in(db, plan.id, None, CheckInDraft("", TODAY, {"pain-activity": "4"}))
    shown = show_recovery(plan)
    page = shown.page
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
    view = page.progress
    assert view.pain_stack.currentIndex() == 1 and view.activity_pain.count() == 2
    row = next(
        r for r in range(view.model.rowCount()) if view.model.index(r, 0).data() == "Pain during activity"
    )
    assert view.model.index(row, 1).data() == "7 (6 Nov 2026)"
    assert view.model.index(row, 2).data() == "4 (20 Nov 2026)"
    assert view.model.index(row, 3).data() == (
        "Down 3 points (43%) since the baseline, better; reaches the change people notice."
    )


def test_the_recovery_item_models(qtmodeltester: ModelTester, db: Database) -> None:
    plan = new_plan(db)
    save_activities(db, plan.id, ["Stairs", "Kneeling", "Running"])
    save_check_in(db, plan.id, None, CheckInDraft("baseline", date(2026, 11, 6), {"pain-rest": "5"}))
    save_diary_entry(db, plan.id, None, DiaryDraft(date(2026, 11, 19), pain="4", note="Fine"))
    recovery = load_recovery(db, plan.id)
    measures = {m.id: m for m in recovery.measures}
    diary = DiaryModel()
    diary.set_entries(recovery.diary, measures["swelling"], recovery.exercises)
    qtmodeltester.check(diary)
    check_ins = CheckInModel()
    check_ins.set_recovery(recovery, TODAY)
    qtmodeltester.check(check_ins)
    assert check_ins.index(0, 3).data() == "Pain at rest 5"
    progress = BaselineLatestModel()
    progress.replace_rows(compared(recovery))
    qtmodeltester.check(progress)
    check_ins.set_recovery(None, TODAY)
    qtmodeltester.check(check_ins)
