"""The Itinerary page: the plan's appointments day by day, each time in Seoul and at home; add,
edit, move and delete them, propose a schedule from the dates, and the journey's warnings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Change
from planner.core.validation import ValidationError
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import Appointment, AppointmentDraft, by_day, draft_of
from planner.journey.itinerary_service import (
    ItineraryData,
    accept_proposal,
    appointment_room_problem,
    delete_appointment,
    load_itinerary,
    move_appointment,
    restore_appointment,
    save_appointment,
)
from planner.journey.itinerary_text import zone_label
from planner.journey.journey_warnings import JourneyWarning
from planner.journey.rules import Stay
from planner.plans.service import Plan
from planner.ui.journey.appointment_dialog import AppointmentDialog
from planner.ui.journey.appointment_model import DAY_ROLE, DayHeader, ItineraryModel
from planner.ui.journey.proposal_dialog import ProposalDialog
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import Page
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import ROW_ROLE, row_table
from planner.ui.kit.widgets import KeyActions, action_button, heading, print_button, row_keys, run_key_action


def warnings_text(warnings: list[JourneyWarning]) -> str:
    return "\n".join(f"⚠ {w.text}" for w in warnings)


def day_table(model: ItineraryModel, name: str) -> QTableView:
    table = row_table(model, name)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.setDragEnabled(True)
    table.setAcceptDrops(True)
    table.setDropIndicatorShown(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    table.setDefaultDropAction(Qt.DropAction.MoveAction)
    table.setShowGrid(False)
    table.setAlternatingRowColors(False)
    header = table.horizontalHeader()
    for column, width in enumerate((165, 165, 300, 110, 190)):
        header.resizeSection(column, width)
    header.setStretchLastSection(True)
    model.modelReset.connect(lambda: _span_day_headers(table, model))
    return table


DAY_TEXT_COLUMN = 2


def _span_day_headers(table: QTableView, model: ItineraryModel) -> None:
    """A day's heading ("Day 3 of 10 in Korea · treatment day · 2 appointments") runs on across
    the columns to its right, which it leaves empty, so it is never cut at the What column."""
    table.clearSpans()
    width = model.columnCount() - DAY_TEXT_COLUMN
    for row, item in enumerate(model.rows):
        if isinstance(item, DayHeader):
            table.setSpan(row, DAY_TEXT_COLUMN, 1, width)


class ItineraryPage(Panel, Page):
    reloads_on = Change.JOURNEY | Change.ITINERARY | Change.CHECKLIST

    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.plan: Plan | None = None
        self.data: ItineraryData | None = None
        self.deleted: list[Appointment] = []
        self.dialog: AppointmentDialog | None = None
        self.proposal: ProposalDialog | None = None

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("warningNear")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings")
        self.warnings.hide()
        self.empty = QLabel(
            "No appointments yet. Propose a schedule from your dates, or add appointments one by one."
        )
        self.empty.setObjectName("hint")
        self.model = ItineraryModel()
        self.model.move_requested.connect(self.move_to_day)
        self.days = day_table(self.model, "Itinerary, day by day")
        self.days.doubleClicked.connect(lambda _index: self.edit_appointment())
        self.days.verticalHeader().setDefaultSectionSize(26)
        self.days.installEventFilter(self)

        self.propose_button = action_button(
            "Pr&opose a schedule…", self.propose, "Lay out the stay day by day from your dates", primary=True
        )
        self.add_button = action_button("&Add appointment…", self.add_appointment)
        self.edit_button = action_button("&Edit…", self.edit_appointment)
        self.earlier_button = action_button(
            "A day ea&rlier", lambda: self.shift(-1), "Move the appointment to the day before (Ctrl+Up)"
        )
        self.later_button = action_button(
            "A day &later", lambda: self.shift(1), "Move the appointment to the day after (Ctrl+Down)"
        )
        self.delete_button = action_button(
            "&Delete", self.delete_appointment, "Delete (Delete); Undo puts it back"
        )
        self.undo_button = action_button(
            "&Undo delete", self.undo_delete, "Put the last deleted one back (Ctrl+Z)"
        )
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.earlier_button,
            self.later_button,
            self.delete_button,
            self.undo_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.propose_button)
        buttons.addWidget(print_button(events, "itinerary"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Itinerary"))
        layout.addWidget(self.hint)
        layout.addWidget(self.warnings)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.days, 1)
        self.days.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's keys: Enter edits, Ctrl+Up/Down move a day, Delete deletes, Ctrl+Z undoes."""
        keys: KeyActions = {
            **row_keys(self.edit_appointment, self.delete_appointment, self.undo_delete),
            (Qt.Key.Key_Up, True): lambda: self.shift(-1),
            (Qt.Key.Key_Down, True): lambda: self.shift(1),
        }
        if watched is self.days and run_key_action(event, keys):
            return True
        return super().eventFilter(watched, event)

    # --- data -----------------------------------------------------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.deleted.clear()
        self.reload()

    def load(self) -> None:
        keep = self.current_appointment()
        self.data = load_itinerary(self.db, self.plan.id) if self.plan else None
        data = self.data
        if data is None:
            self.model.set_days([], Stay(date.min, date.min), SEOUL, {})
            self.hint.setText("Create a plan first: each plan keeps its own itinerary.")
            self.warnings.hide()
        else:
            self.model.set_days(by_day(data.appointments), data.stay, data.home_zone, data.steps)
            self.hint.setText(
                f"Every time shows in Seoul and at home ({zone_label(data.home_zone)}, {data.home_zone}); "
                "change your home time zone in File › Trip dates. Drag an appointment onto another day "
                "to move it."
            )
            self.warnings.setText(warnings_text(data.warnings))
            self.warnings.setVisible(bool(data.warnings))
        self.empty.setVisible(data is not None and not data.appointments)
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def select(self, appointment_id: int) -> None:
        row = self.model.row_of(appointment_id)
        if row >= 0:
            self.days.selectRow(row)
            self.days.scrollTo(self.model.index(row, 0))

    def current_appointment(self) -> Appointment | None:
        rows = self.days.selectionModel().selectedRows()
        value = rows[0].data(ROW_ROLE) if rows else None
        return value if isinstance(value, Appointment) else None

    def _update_buttons(self) -> None:
        chosen = self.current_appointment() is not None
        for button in (self.propose_button, self.add_button):
            button.setEnabled(self.data is not None)
        for button in (self.edit_button, self.earlier_button, self.later_button, self.delete_button):
            button.setEnabled(chosen)
        self.undo_button.setEnabled(bool(self.deleted))

    def _changed(self, appointment_id: int | None = None) -> None:
        self.events.announce(save_appointment.changes)
        self.reload()
        if appointment_id is not None:
            self.select(appointment_id)

    # --- actions --------------------------------------------------------------------------
    def _open(self, existing: Appointment | None, initial: AppointmentDraft) -> None:
        if self.data is None or self.plan is None:
            return
        plan_id = self.plan.id

        def submit(draft: AppointmentDraft) -> Appointment:
            return save_appointment(self.db, plan_id, draft, existing.id if existing else None)

        dialog = AppointmentDialog(
            submit,
            self.data.steps,
            self.data.home_zone,
            self.data.clinic,
            initial,
            "Edit appointment" if existing else "Add appointment",
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: AppointmentDialog) -> None:
        if isinstance(dialog.result_value, Appointment):
            self._changed(dialog.result_value.id)

    def new_draft(self, step_id: str = "arrival-intake") -> AppointmentDraft:
        """A fresh appointment: on the selected day (else the arrival day), 10:00–11:00 Seoul."""
        assert self.data is not None
        rows = self.days.selectionModel().selectedRows()
        chosen = rows[0].data(DAY_ROLE) if rows else None
        day = chosen if isinstance(chosen, date) else self.data.stay.arrival
        start = datetime.combine(day, time(10))
        return AppointmentDraft(step_id, "consultation", "", start, start + timedelta(hours=1), SEOUL)

    def add_appointment(self) -> None:
        if self.plan is not None and (full := appointment_room_problem(self.db, self.plan.id)):
            self.prompter.error(self, "The itinerary is full", full)
            return
        if self.data is not None:
            self._open(None, self.new_draft())

    def edit_appointment(self) -> None:
        if (current := self.current_appointment()) is not None:
            self._open(current, draft_of(current))

    def shift(self, days: int) -> None:
        current = self.current_appointment()
        if current is not None:
            self.move_to_day(current.id, current.start.date() + timedelta(days=days))

    def move_to_day(self, appointment_id: int, day: object) -> None:
        if self.plan is None or not isinstance(day, date):
            return
        try:
            moved = move_appointment(self.db, self.plan.id, appointment_id, day)
        except ValidationError as error:
            self.prompter.error(self, "Cannot move the appointment", next(iter(error.errors.values())))
            return
        self._changed(moved.id)

    def delete_appointment(self) -> None:
        current = self.current_appointment()
        if current is None or self.plan is None:
            return
        self.deleted.append(delete_appointment(self.db, self.plan.id, current.id))
        self._changed()
        self.hint.setText(f"Deleted “{current.title[:60]}”. Undo delete (Ctrl+Z) puts it back.")

    def undo_delete(self) -> None:
        if not self.deleted or self.plan is None:
            return
        restored = restore_appointment(self.db, self.plan.id, self.deleted.pop())
        self._changed(restored.id)

    def propose(self) -> None:
        if self.plan is None or self.data is None:
            return
        dialog = ProposalDialog(self.db, self.plan, self.data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._proposal_accepted(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "proposal", None))
        self.proposal = dialog
        dialog.open()

    def _proposal_accepted(self, dialog: ProposalDialog) -> None:
        self.events.announce(accept_proposal.changes)  # dates may have moved
        self._changed()
        self.hint.setText(f"Added or updated {dialog.saved} appointment{'s' if dialog.saved != 1 else ''}.")
