"""File › Export for the doctor (FHIR)… as a person uses it: the menu opened and the item chosen
with the keyboard, the file saved where the save dialog says, and the file a valid FHIR R4 Bundle."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fhir.resources.bundle import Bundle
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.checklist.service import set_treatment_date
from planner.db.database import Database
from planner.plans.service import Plan
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import save_activities, save_check_in, save_diary_entry
from planner.ui.app.main_window import MainWindow
from tests.domain.recovery.measures_here import MEASURES
from tests.ui.test_accessible_names import from_menu

from .conftest import FakePrompter

PLAN = "Knee, March"


def record_recovery(db: Database, plan: Plan) -> None:
    set_treatment_date(db, plan.id, date(2027, 3, 3))
    save_activities(db, plan.id, ["Stairs", "Running", "Kneeling"], MEASURES)
    answers = {"pain-rest": "3", "knee-bend": "95"}
    baseline = CheckInDraft("baseline", date(2026, 11, 16), answers, {}, "계단이 힘들어요")
    save_check_in(db, plan.id, None, baseline, MEASURES)
    day = DiaryDraft(date(2026, 11, 19), pain="4", side_effects=frozenset({"redness"}))
    save_diary_entry(db, plan.id, None, day, MEASURES)


def test_the_menu_item_is_reached_with_the_keyboard_and_writes_a_valid_bundle(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    prompter: FakePrompter,
    tmp_path: Path,
) -> None:
    plan = add_plan(PLAN)
    record_recovery(db, plan)
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    prompter.save_path = tmp_path / "for the doctor.json"

    from_menu(qtbot, window, "F", "F")  # Alt+F opens the File menu, F chooses the item

    qtbot.waitUntil(lambda: prompter.save_path is not None and prompter.save_path.exists())
    assert prompter.asked == ["Export for the doctor (FHIR)"]
    assert prompter.starts[-1].endswith(f"{PLAN} recovery.json"), "the file is named after the plan"
    assert prompter.errors == []
    written = prompter.save_path.read_bytes()
    bundle = Bundle.parse_raw(written)
    kinds = [entry.resource.resource_type for entry in bundle.entry]
    assert kinds.count("QuestionnaireResponse") == 2 and kinds.count("Observation") == 4
    data = json.loads(written)
    assert "계단이 힘들어요" in json.dumps(data, ensure_ascii=False)
    resources = [e["resource"] for e in data["entry"]]
    knee = next(r for r in resources if r.get("code", {}).get("text") == "Knee bend")
    assert knee["valueQuantity"]["code"] == "deg" and knee["valueQuantity"]["value"] == 95
    assert window.statusBar().currentMessage() == "Saved for the doctor.json."
    assert QApplication.activePopupWidget() is None, "the menu closed"


def test_without_a_plan_the_item_is_off(
    qtbot: QtBot, make_window: Callable[[], MainWindow], prompter: FakePrompter
) -> None:
    window = make_window()
    assert window.current_plan() is None
    assert not window.fhir_action.isEnabled()
    window.fhir_action.trigger()
    assert prompter.asked == []
