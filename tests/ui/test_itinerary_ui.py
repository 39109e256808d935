"""The Itinerary page as a person uses it: add an appointment and see it in Seoul and home time,
bad input refused at the field, move it a day or drag it to another day, delete and undo, propose
a schedule, the warnings, the overview's "where you are", and the home time zone in Trip dates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import planner.journey.service
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import Appointment, AppointmentDraft, appointment, by_day
from planner.journey.itinerary_service import StayDraft, load_itinerary, propose_schedule, save_appointment
from planner.journey.rules import Stay, StepDraft
from planner.journey.service import save_step
from planner.plans.service import Plan, get_plan
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import ITINERARY, OVERVIEW
from planner.ui.journey.appointment_dialog import AppointmentDialog
from planner.ui.journey.appointment_model import DAY_ROLE, ItineraryModel, StepAppointmentsModel
from planner.ui.journey.itinerary_page import ItineraryPage
from planner.ui.journey.proposal_dialog import ProposalDialog, ProposalModel
from planner.ui.kit.forms import to_qdate
from planner.ui.kit.tables import ROW_ROLE

TODAY = date(2026, 11, 21)
"""A fixed "today", before the plan's trip (departure 1 Mar 2027, return 11 Mar 2027)."""
ARRIVAL = date(2027, 3, 2)
"""Flights from the UK land in Seoul the day after they leave."""


def open_page(
    make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> tuple[MainWindow, Plan, ItineraryPage]:
    plan = add_plan("Knee, March")
    window = make_window()
    window.nav.setCurrentRow(ITINERARY.row)
    page = window.itinerary
    assert window.stack.currentWidget() is page
    return window, plan, page


def open_dialog(page: ItineraryPage) -> AppointmentDialog:
    page.add_appointment()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill(
    dialog: AppointmentDialog,
    title: str,
    day: date,
    start: time,
    end: time,
    zone: str | None = None,
) -> None:
    dialog.title.setText(title)
    if zone is not None:
        dialog.zone.setCurrentText(zone)
    dialog.start_date.setDate(to_qdate(day))
    dialog.start_time.setTime(QTime(start.hour, start.minute))
    dialog.end_date.setDate(to_qdate(day))
    dialog.end_time.setTime(QTime(end.hour, end.minute))


def add(page: ItineraryPage, title: str, day: date, start: time, end: time) -> Appointment:
    dialog = open_dialog(page)
    fill(dialog, title, day, start, end)
    dialog.accept()
    assert page.dialog is None, "the dialog refused: " + "; ".join(
        e.text() for e in dialog.form.errors.values() if not e.isHidden()
    )
    made = dialog.result_value
    assert isinstance(made, Appointment)
    return made


def walk(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    """Every row's first cell, depth first (the itinerary may hold days as rows or as parents)."""
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from walk(model, index)


def tree_rows(page: ItineraryPage) -> list[tuple[date, str, str, str]]:
    """(day, Seoul time, home time, title) for every appointment row the itinerary shows, the day
    being the day row it is shown under."""
    rows = []
    day: date | None = None
    for index in walk(page.model):
        value = index.data(ROW_ROLE)
        if isinstance(value, Appointment):
            assert day is not None
            rows.append(
                (
                    day,
                    index.siblingAtColumn(0).data(),
                    index.siblingAtColumn(1).data(),
                    index.siblingAtColumn(2).data(),
                )
            )
        elif isinstance(shown := index.data(DAY_ROLE), date):
            day = shown
    return rows


def day_rows(page: ItineraryPage) -> dict[date, str]:
    """Each day row's date and its text, all columns together."""
    days = {}
    for index in walk(page.model):
        if not isinstance(index.data(ROW_ROLE), Appointment) and isinstance(
            day := index.data(DAY_ROLE), date
        ):
            texts = (index.siblingAtColumn(c).data() for c in range(page.model.columnCount(index.parent())))
            days[day] = " ".join(t for t in texts if isinstance(t, str))
    return days


def day_index(page: ItineraryPage, day: date) -> QModelIndex:
    return next(
        i
        for i in walk(page.model)
        if not isinstance(i.data(ROW_ROLE), Appointment) and i.data(DAY_ROLE) == day
    )


def appointment_index(page: ItineraryPage, appointment_id: int) -> QModelIndex:
    return next(
        i
        for i in walk(page.model)
        if isinstance(a := i.data(ROW_ROLE), Appointment) and a.id == appointment_id
    )


def stored(db: Database, plan: Plan) -> list[Appointment]:
    return load_itinerary(db, plan.id).appointments


def test_adding_an_appointment_shows_it_under_its_day_in_seoul_and_home_time(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    assert not page.empty.isHidden()
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Home (London)"
    dialog = open_dialog(page)
    assert dialog.start_date.date() == to_qdate(ARRIVAL)  # a new one starts on the arrival day
    fill(dialog, "Meet the surgeon", ARRIVAL, time(14, 0), time(15, 30))
    assert "Seoul" in dialog.preview.text() and "London" in dialog.preview.text()
    dialog.accept()
    assert page.dialog is None

    assert tree_rows(page) == [(ARRIVAL, "14:00–15:30", "05:00–06:30", "Meet the surgeon")]
    [(day, label)] = day_rows(page).items()
    assert day == ARRIVAL
    assert "2 mar" in label.lower() and "2027" in label
    assert "day 1 of 10 in korea" in label.lower()
    assert "1 appointment" in label and "1 appointments" not in label
    assert page.empty.isHidden()
    chosen = page.current_appointment()
    assert chosen is not None and chosen.title == "Meet the surgeon"
    [saved] = stored(db, plan)
    assert (saved.start, saved.end, saved.zone) == (
        datetime(2027, 3, 2, 14, 0),
        datetime(2027, 3, 2, 15, 30),
        SEOUL,
    )


@pytest.mark.parametrize(
    ("zone", "day", "start", "end", "field", "words"),
    [
        (None, ARRIVAL, time(14, 0), time(13, 0), "end", "before the start"),
        ("America/New_York", date(2027, 3, 14), time(2, 30), time(3, 30), "start", "does not exist"),
        ("Mars/Olympus_Mons", ARRIVAL, time(10, 0), time(11, 0), "zone", "is not a time zone"),
        (None, date(2028, 6, 1), time(10, 0), time(11, 0), "start", "within a year"),
    ],
    ids=["end-before-start", "clock-change-gap", "unknown-zone", "far-from-the-trip"],
)
def test_the_dialog_refuses_bad_input_at_the_field(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    zone: str | None,
    day: date,
    start: time,
    end: time,
    field: str,
    words: str,
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    dialog = open_dialog(page)
    fill(dialog, "Bad one", day, start, end, zone)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    error = dialog.form.errors[field]
    assert not error.isHidden()
    assert words in error.text()
    assert dialog.isVisible() and page.dialog is dialog
    assert stored(db, plan) == []
    assert tree_rows(page) == []
    dialog.reject()
    assert page.dialog is None


def test_a_place_pasted_too_long_is_refused_at_its_field(
    db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    dialog = open_dialog(page)
    fill(dialog, "Physiotherapy", ARRIVAL, time(10, 0), time(11, 0))
    dialog.location.setText("Gangnam " * 130)  # pasted: 1,039 characters once tidied
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.form.errors["location"].isHidden()
    assert dialog.form.errors["location"].text() == "Keep the place under 1,000 characters."
    assert dialog.isVisible() and stored(db, plan) == []
    dialog.location.setText("Gangnam rehabilitation centre")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert page.dialog is None
    assert [a.location for a in stored(db, plan)] == ["Gangnam rehabilitation centre"]


def test_moving_an_appointment_a_day_later_and_by_dropping_it_on_another_day(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    scan = add(page, "MRI scan", ARRIVAL, time(14, 0), time(15, 0))
    add(page, "Physiotherapy", date(2027, 3, 6), time(9, 0), time(10, 0))
    page.select(scan.id)
    assert page.later_button.isEnabled()
    qtbot.mouseClick(page.later_button, Qt.MouseButton.LeftButton)
    moved = next(a for a in stored(db, plan) if a.title == "MRI scan")
    assert (moved.start, moved.end) == (datetime(2027, 3, 3, 14, 0), datetime(2027, 3, 3, 15, 0))
    assert (date(2027, 3, 3), "14:00–15:00", "05:00–06:00", "MRI scan") in tree_rows(page)
    chosen = page.current_appointment()
    assert chosen is not None and chosen.title == "MRI scan"

    page.shift(-1)
    assert next(a for a in stored(db, plan) if a.title == "MRI scan").start == datetime(2027, 3, 2, 14, 0)

    # Dropping it on another day's row, as the tree does at the end of a drag.
    model = page.model
    dragged = model.mimeData([appointment_index(page, scan.id)])
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, day_index(page, date(2027, 3, 6)))
    dropped = next(a for a in stored(db, plan) if a.title == "MRI scan")
    assert (dropped.start, dropped.end, dropped.zone) == (
        datetime(2027, 3, 6, 14, 0),
        datetime(2027, 3, 6, 15, 0),
        SEOUL,
    )
    assert tree_rows(page) == [
        (date(2027, 3, 6), "09:00–10:00", "00:00–01:00", "Physiotherapy"),
        (date(2027, 3, 6), "14:00–15:00", "05:00–06:00", "MRI scan"),
    ]
    assert list(day_rows(page)) == [date(2027, 3, 6)]
    assert "2 appointments" in day_rows(page)[date(2027, 3, 6)]


def test_delete_and_undo_puts_the_appointment_back(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    add(page, "Cell harvest", date(2027, 3, 4), time(9, 0), time(10, 30))
    before = tree_rows(page)
    assert not page.undo_button.isEnabled()
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert tree_rows(page) == []
    assert stored(db, plan) == []
    assert "Undo" in page.hint.text()
    assert page.undo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert tree_rows(page) == before
    [back] = stored(db, plan)
    assert (back.title, back.start) == ("Cell harvest", datetime(2027, 3, 4, 9, 0))
    assert not page.undo_button.isEnabled()


def open_proposal(page: ItineraryPage) -> ProposalDialog:
    page.propose()
    dialog = page.proposal
    assert dialog is not None and dialog.isVisible()
    dialog.today = TODAY  # the page does not pass one; fix it so the proposal does not follow the clock
    dialog.refresh()
    return dialog


def untick(dialog: ProposalDialog, key: str) -> AppointmentDraft:
    row = next(r for r, d in enumerate(dialog.model.rows) if d.proposal_key == key)
    index = dialog.model.index(row, 0)
    assert dialog.model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    return dialog.model.rows[row]


def test_proposing_a_schedule_keeps_the_ticked_ones_and_accepting_again_does_not_duplicate(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, plan, page = open_page(make_window, add_plan)
    dialog = open_proposal(page)
    assert dialog.arrival.date() == to_qdate(ARRIVAL)
    dialog.days.setValue(8)
    assert "Tue 9 Mar 2027" in dialog.leave_label.text()
    left_out = untick(dialog, "imaging")
    kept = dialog.model.kept()
    assert left_out not in kept and len(kept) == len(dialog.model.rows) - 1
    dialog.accept()
    assert page.proposal is None

    titles = [row[3] for row in tree_rows(page)]
    assert sorted(titles) == sorted(d.title for d in kept)
    assert left_out.title not in titles
    assert "Check in at the hotel" in titles
    appointments = stored(db, plan)
    assert {a.proposal_key for a in appointments} == {d.proposal_key for d in kept}
    assert f"Added or updated {len(kept)} appointments." in page.hint.text()
    again = get_plan(db, plan.id)
    assert again is not None and again.return_ == date(2027, 3, 9)  # arrival + 8 days - 1
    assert load_itinerary(db, plan.id).stay.leave == date(2027, 3, 9)

    second = open_proposal(page)
    assert second.days.value() == 8
    untick(second, "imaging")
    second.accept()
    after = stored(db, plan)
    assert len(after) == len(appointments)
    assert sorted(a.proposal_key for a in after) == sorted(a.proposal_key for a in appointments)
    assert len(tree_rows(page)) == len(kept)


def proposal_for(db: Database, plan: Plan) -> ProposalDialog:
    return ProposalDialog(db, plan, load_itinerary(db, plan.id), today=TODAY)


def test_the_proposal_warns_about_a_short_stay_and_too_little_culture_time(
    qtbot: QtBot, db: Database, add_plan: Callable[..., Plan]
) -> None:
    plan = add_plan("Knee")
    dialog = proposal_for(db, plan)
    qtbot.addWidget(dialog)
    assert dialog.warnings.text() == "✓ No warnings for this schedule."
    dialog.days.setValue(4)
    assert "Your stay in Korea is 4 days" in dialog.warnings.text()
    assert "recommend 7–10 days" in dialog.warnings.text()

    dialog.days.setValue(7)
    assert "Your stay in Korea" not in dialog.warnings.text()
    dialog.cells.setCurrentIndex(dialog.cells.findData("cultured"))
    assert dialog.culture.isEnabled()
    dialog.culture.setValue(14)
    assert "Cultured cells need about 14 days in the lab" in dialog.warnings.text()
    assert any(d.kind == "free" for d in dialog.model.rows)  # free days while the cells grow


def test_the_proposal_refuses_a_flight_home_before_the_departure_at_the_days_field(
    qtbot: QtBot, db: Database, add_plan: Callable[..., Plan]
) -> None:
    plan = add_plan("Knee")
    dialog = proposal_for(db, plan)
    qtbot.addWidget(dialog)
    dialog.arrival.setDate(to_qdate(date(2027, 2, 20)))
    dialog.days.setValue(5)  # home on 24 Feb, before leaving on 1 Mar
    assert "24 Feb 2027" in dialog.leave_label.text()
    dialog.accept()
    error = dialog.form.errors["days"]
    assert not error.isHidden()
    assert "before the departure" in error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.saved == 0
    assert stored(db, plan) == []
    assert load_itinerary(db, plan.id).span.return_ == date(2027, 3, 11)


def test_the_proposal_warnings_follow_unticking_an_appointment(
    qtbot: QtBot, db: Database, add_plan: Callable[..., Plan]
) -> None:
    plan = add_plan("Knee")
    start = datetime.combine(ARRIVAL, time(18, 0))
    save_appointment(
        db,
        plan.id,
        AppointmentDraft(
            "arrival-intake",
            "consultation",
            "Dinner with the coordinator",
            start,
            start.replace(hour=19),
            SEOUL,
        ),
    )
    dialog = proposal_for(db, plan)
    qtbot.addWidget(dialog)
    assert "Check in at the hotel" in dialog.warnings.text()  # it overlaps the dinner
    untick(dialog, "hotel-check-in")
    assert "Check in at the hotel" not in dialog.warnings.text()


def test_the_warnings_show_overlapping_appointments(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    _window, _plan, page = open_page(make_window, add_plan)
    assert page.warnings.isHidden()
    add(page, "Blood test", date(2027, 3, 3), time(9, 0), time(10, 0))
    assert page.warnings.isHidden()
    add(page, "Knee X-ray", date(2027, 3, 3), time(9, 30), time(10, 30))
    assert not page.warnings.isHidden()
    text = page.warnings.text()
    assert "⚠" in text
    expected = "“Knee X-ray” (Wed 3 Mar 09:30) starts before “Blood test” (Wed 3 Mar 09:00) has ended."
    assert expected in text


def test_the_overview_shows_where_you_are_and_the_next_appointment(
    qtbot: QtBot,
    db: Database,
    make_window: Callable[[], MainWindow],
    add_plan: Callable[..., Plan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner.journey.service, "utc_now", lambda: datetime(2026, 11, 21, 12, 0))
    window, plan, page = open_page(make_window, add_plan)
    # A step in progress is where the person is, whatever the date.
    save_step(db, plan.id, "booking-preparation", StepDraft("in-progress", None, None))
    add(page, "Meet the surgeon", ARRIVAL, time(14, 0), time(15, 0))
    add(page, "Cell harvest", date(2027, 3, 4), time(9, 0), time(10, 30))
    window.nav.setCurrentRow(OVERVIEW.row)
    assert window.stack.currentWidget() is window.overview
    text = window.overview.view.toPlainText()
    assert "Where you are" in text
    assert "Now: step 2 of 8, Booking and preparation (in progress)" in text
    assert "Next appointment: Meet the surgeon, Tue 2 Mar 14:00–15:00 Seoul" in text
    assert "London" in text


def test_the_home_zone_from_trip_dates_heads_the_home_column_and_bad_zones_are_refused(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    window, plan, page = open_page(make_window, add_plan)
    add(page, "Meet the surgeon", ARRIVAL, time(14, 0), time(15, 0))
    window.dates_action.trigger()
    dialog = window.dates_dialog
    assert dialog is not None
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.zone.setCurrentText("Atlantis/Capital")
    save.click()
    assert not dialog.form.errors["zone"].isHidden()
    assert "is not a time zone" in dialog.form.errors["zone"].text()
    assert dialog.isVisible()
    assert load_itinerary(db, plan.id).home_zone == "Europe/London"

    dialog.zone.setCurrentIndex(dialog.zone.findText("America/Los_Angeles"))
    save.click()
    assert not dialog.isVisible()
    assert load_itinerary(db, plan.id).home_zone == "America/Los_Angeles"
    page = window.itinerary
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Home (Los Angeles)"
    # 14:00 in Seoul on 2 Mar is 21:00 the evening before in Los Angeles.
    assert tree_rows(page) == [(ARRIVAL, "14:00–15:00", "Mon 1 Mar 21:00–22:00", "Meet the surgeon")]


def some_appointments() -> list[Appointment]:
    drafts = [
        AppointmentDraft(
            "arrival-intake",
            "flight",
            "Flight",
            datetime(2027, 3, 1, 10),
            datetime(2027, 3, 1, 22),
            "Europe/London",
        ),
        AppointmentDraft(
            "arrival-intake",
            "consultation",
            "Intake",
            datetime(2027, 3, 3, 9),
            datetime(2027, 3, 3, 10),
            SEOUL,
        ),
        AppointmentDraft(
            "arrival-intake", "imaging", "MRI", datetime(2027, 3, 3, 11), datetime(2027, 3, 3, 12), SEOUL
        ),
        AppointmentDraft(
            "treatment", "injection", "Injection", datetime(2027, 3, 4, 10), datetime(2027, 3, 4, 11), SEOUL
        ),
    ]
    return [appointment(n, d) for n, d in enumerate(drafts, start=1)]


def test_the_itinerary_models_are_sound(
    qtmodeltester: ModelTester, db: Database, add_plan: Callable[..., Plan]
) -> None:
    appointments = some_appointments()
    tree = ItineraryModel()
    stay = Stay(ARRIVAL, date(2027, 3, 11))
    tree.set_days(by_day(appointments), stay, "Europe/London", {"arrival-intake": "Arrival and intake"})
    shown = [i.data(ROW_ROLE) for i in walk(tree)]
    assert [a.id for a in shown if isinstance(a, Appointment)] == [1, 2, 3, 4]
    assert len({i.data(DAY_ROLE) for i in walk(tree)}) == 3
    qtmodeltester.check(tree)

    table = StepAppointmentsModel()
    table.set_appointments(appointments, "America/Los_Angeles")
    qtmodeltester.check(table)

    plan = add_plan("Knee")
    proposed = ProposalModel("Europe/London")
    proposed.replace_rows(
        propose_schedule(db, plan.id, StayDraft(ARRIVAL, 10, date(2027, 3, 4), "same-day", 14), TODAY)
    )
    assert proposed.rowCount() > 5
    qtmodeltester.check(proposed)
