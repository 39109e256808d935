"""The Recovery page fits the default window (1200x760) and 1280x800 with a few months recorded:
every tab shows its buttons, headers and cells whole (or the whole text in a tooltip), and the
check-in dialog fits on the screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.clinics.service import list_clinics
from planner.clinics.shortlist_service import choose_clinic
from planner.core import clock
from planner.db.database import Database
from planner.journey.trip_details_service import TripDetails, save_details
from planner.plans.service import Plan
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import (
    load_recovery,
    save_activities,
    save_check_in,
    save_diary_entry,
    save_exercises,
)
from tests.ui.recovery.conftest import TREATMENT, Shown, new_plan
from tests.ui.test_fits import cut_parts, settle, styled  # noqa: F401  (styled: the app's look)

LATER = datetime(2027, 2, 20, 10)
"""Three months after the treatment day."""


@pytest.fixture
def three_months() -> Iterator[None]:
    with clock.pinned(LATER):
        yield


def furnish(db: Database) -> Plan:
    """Three months of a recovery: long activity and exercise names, check-ins, a diary entry on
    most days with notes and side effects."""
    plan = new_plan(db)
    choose_clinic(db, plan.id, list_clinics(db)[0].id)
    save_details(db, plan.id, TripDetails(emergency_contact="Sam Smith (husband), +44 7700 900123"))
    save_activities(
        db,
        plan.id,
        [
            "Climbing the stairs to the flat",
            "Kneeling in the garden",
            "Walking the dog for 30 minutes",
            "Getting in and out of the car",
            "Squatting to pick up my grandson",
        ],
    )
    save_exercises(
        db,
        plan.id,
        [
            "Straight-leg raises",
            "Heel slides",
            "Quad sets",
            "Wall squats to 45 degrees",
            "Stationary bike for 10 minutes",
            "Calf raises",
        ],
    )
    recovery = load_recovery(db, plan.id)
    ratings = {a.id: "4" for a in recovery.activities}
    full = {
        "pain-rest": "4",
        "pain-activity": "7",
        "walking-time": "1:20",
        "knee-bend": "105",
        "swelling": "Moderate",
        "stiffness": "Severe",
        "painkillers": "12",
    }
    save_check_in(db, plan.id, None, CheckInDraft("baseline", date(2026, 11, 6), full, ratings, "Before"))
    for point, days in (("2-weeks", 15), ("6-weeks", 43)):
        save_check_in(db, plan.id, None, CheckInDraft(point, TREATMENT + timedelta(days=days), full, ratings))
    exercises = frozenset(e.id for e in recovery.exercises)
    day, n = TREATMENT, 0
    while day <= LATER.date():
        effects = frozenset({"swelling", "redness", "warmth", "fever"}) if n % 9 == 2 else frozenset()
        save_diary_entry(
            db,
            plan.id,
            None,
            DiaryDraft(
                day,
                "10",
                "Moderate",
                "12",
                exercises,
                effects,
                "Hot to the touch" if effects else "",
                "Stiff in the morning, better after the bike; slept badly" if n % 4 == 0 else "",
            ),
        )
        day += timedelta(days=1)
        n += 1
    return plan


@pytest.mark.usefixtures("styled", "three_months")
@pytest.mark.parametrize("size", [(1200, 760), (1280, 800)])
def test_every_tab_shows_its_parts_whole(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown], size: tuple[int, int]
) -> None:
    shown = show_recovery(furnish(db))
    window, page = shown.window, shown.page
    window.resize(*size)
    settle(qtbot)
    assert (window.width(), window.height()) == size, "the page does not make the window grow"
    assert page.diary.side_effects.isVisible()
    cut: dict[int, list[str]] = {}
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        settle(qtbot)
        if found := cut_parts(window):
            cut[index] = found
    assert cut == {}


@pytest.mark.usefixtures("styled", "three_months")
def test_the_check_in_dialog_fits_the_screen(
    qtbot: QtBot, db: Database, show_recovery: Callable[[Plan], Shown]
) -> None:
    shown = show_recovery(furnish(db))
    page = shown.page
    page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(page.check_ins.record_button, Qt.MouseButton.LeftButton)
    dialog = page.check_ins.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert dialog.height() <= 700 and dialog.width() <= 1100
    assert cut_parts(dialog) == []
    dialog.reject()
