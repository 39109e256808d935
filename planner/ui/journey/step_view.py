"""One journey step's page: what happens and how long it takes, what to do next, the person's
status, dates and notes for it, its checklist (tick items here), its check-ins, its costs and its
appointments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.checklist.rules import Item
from planner.checklist.service import set_done
from planner.core import clock
from planner.core.validation import ValidationError
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import KIND_STEP, Appointment, AppointmentDraft, draft_of
from planner.journey.itinerary_service import save_appointment
from planner.journey.rules import STATUSES, StepDraft
from planner.journey.service import save_step
from planner.step_page.service import StepPageData
from planner.step_page.text import actions_html, check_ins_html, costs_html, what_happens_html
from planner.ui.checklist.checklist_model import ChecklistModel
from planner.ui.journey.appointment_dialog import AppointmentDialog
from planner.ui.journey.appointment_model import StepAppointmentsModel
from planner.ui.kit.forms import CheckedForm, choice_combo, note_box, optional_date, to_date, to_qdate
from planner.ui.kit.tables import ROW_ROLE, row_table
from planner.ui.kit.widgets import action_button, heading


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _group(title: str, *parts: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for part in parts:
        layout.addWidget(part, 1 if isinstance(part, QTableView) else 0)
    return box


def _compact(table: QTableView, rows: int) -> None:
    table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * rows + 28)


class StepView(QScrollArea):
    changed = Signal(object)
    """Something on the step was saved: what it changed (a `Change`: the journey, the
    checklist or the itinerary)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.data: StepPageData | None = None
        self.dialog: AppointmentDialog | None = None
        self.dirty = False
        self._saved_step = ""
        self.confirm_done: Callable[[list[Item]], bool] = lambda _still_open: True
        """Asks whether to mark the step done while these of its items are still open."""
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Step details")  # the scroll area takes the focus, to scroll by keyboard

        self.place = QLabel()
        self.place.setObjectName("hint")
        self.title = heading("", 2)
        self.here = QLabel("You are here")
        self.here.setObjectName("youAreHere")
        self.what = _rich_label("What happens")
        self.to_do = _rich_label("What to do next")

        self.status = choice_combo("Status", STATUSES, "not-started")
        self.has_start, self.start, start_row = optional_date("Started", "Start date", None, clock.today())
        self.has_end, self.end, end_row = optional_date("Ended", "End date", None, clock.today())
        self.note = note_box("Notes on this step", "", 90, "Anything to remember about this step")
        self.form = CheckedForm()
        self.form.add_field("status", "S&tatus:", self.status)
        self.form.add_field("start", "Sta&rt:", start_row)
        self.form.add_field("end", "E&nd:", end_row)
        self.form.add_field("note", "N&otes:", self.note)
        self.save_button = action_button("&Save step", self.save, "Save the status, dates and notes (Ctrl+S)")
        self.save_button.setShortcut("Ctrl+S")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("hint")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        progress_box = QGroupBox("Your progress on this step")
        progress_layout = QVBoxLayout(progress_box)
        progress_layout.addLayout(self.form)
        progress_layout.addLayout(save_row)
        for signal in (
            self.status.currentIndexChanged,
            self.has_start.toggled,
            self.start.dateChanged,
            self.has_end.toggled,
            self.end.dateChanged,
            self.note.textChanged,
        ):
            signal.connect(self._edited)

        self.items_label = QLabel()
        self.items = ChecklistModel()
        self.items.tick_requested.connect(self.tick)
        self.items_table = row_table(self.items, "This step's checklist")
        self.items_table.setColumnHidden(4, True)
        header = self.items_table.horizontalHeader()
        for column, width in enumerate((44, 300, 76, 92)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.items_table.setWordWrap(True)
        _compact(self.items_table, 6)
        self.check_ins = _rich_label("This step's check-ins")
        self.costs = _rich_label("This step's costs")
        self.appointments = StepAppointmentsModel()
        self.appointments_table = row_table(self.appointments, "This step's appointments")
        header = self.appointments_table.horizontalHeader()
        for column, width in enumerate((82, 92, 92)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.appointments_table.doubleClicked.connect(lambda _index: self.edit_appointment())
        _compact(self.appointments_table, 4)
        self.add_appointment_button = action_button("&Add appointment…", self.add_appointment)
        self.edit_appointment_button = action_button("Edit appointment…", self.edit_appointment)
        appointment_buttons = QWidget()
        buttons_row = QHBoxLayout(appointment_buttons)
        buttons_row.setContentsMargins(0, 0, 0, 0)
        buttons_row.addWidget(self.add_appointment_button)
        buttons_row.addWidget(self.edit_appointment_button)
        buttons_row.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(progress_box)
        left.addWidget(_group("What to do next", self.to_do))
        left.addWidget(_group("What happens", self.what))
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(_group("Checklist for this step", self.items_label, self.items_table))
        self.check_ins_box = _group("Check-ins", self.check_ins)
        right.addWidget(self.check_ins_box)
        right.addWidget(_group("Appointments", self.appointments_table, appointment_buttons))
        right.addWidget(_group("Costs", self.costs))
        right.addStretch(1)
        columns = QHBoxLayout()
        # The tables get the wider share: the form's fields need less room than their columns.
        columns.addLayout(left, 4)
        columns.addLayout(right, 5)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place)
        place_row.addWidget(self.here)
        place_row.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(place_row)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)
        self.setWidget(body)

    # --- showing --------------------------------------------------------------------------
    def show_data(self, data: StepPageData) -> None:
        self.data = data
        step = data.step
        self.place.setText(f"{step.phase_name} · step {data.index + 1} of {len(data.steps)}")
        self.title.setText(step.name)
        self.here.setVisible(data.current)
        self.what.setText(what_happens_html(step, data.planned))
        self.to_do.setText(actions_html(data.actions))
        self._show_state()
        done = sum(1 for item in data.items if item.done)
        self.items_label.setText(
            f"{done} of {len(data.items)} done. Tick an item when it is done."
            if data.items
            else "Nothing on the checklist for this step. Add items on the Checklist page."
        )
        self.items.set_items(data.items, data.due_on, {}, data.today)
        self.check_ins_box.setVisible(data.has_check_ins)
        self.check_ins.setText(check_ins_html(data.check_ins, data.treatment, data.today))
        self.costs.setText(costs_html(data.costs, data.expenses))
        self.appointments.set_appointments(data.appointments, data.home_zone)

    def _show_state(self) -> None:
        assert self.data is not None
        state, planned = self.data.state, self.data.planned
        widgets = (self.status, self.has_start, self.start, self.has_end, self.end, self.note)
        for widget in widgets:
            widget.blockSignals(True)
        self.status.setCurrentIndex(max(self.status.findData(state.status), 0))
        for box, edit, own, fallback in (
            (self.has_start, self.start, state.start, planned[0]),
            (self.has_end, self.end, state.end, planned[1]),
        ):
            box.setChecked(own is not None)
            edit.setEnabled(own is not None)
            edit.setDate(to_qdate(own or fallback or self.data.today))
        self.note.setPlainText(state.note)
        for widget in widgets:
            widget.blockSignals(False)
        self.form.show_problems({})
        self.dirty = False
        just_saved = self._saved_step == self.data.step.id
        self._saved_step = ""
        self.saved_label.setText("Saved." if just_saved else "")

    def _edited(self) -> None:
        self.dirty = True
        self.saved_label.setText("Not saved yet.")

    # --- saving ---------------------------------------------------------------------------
    def draft(self) -> StepDraft:
        return StepDraft(
            str(self.status.currentData()),
            to_date(self.start.date()) if self.has_start.isChecked() else None,
            to_date(self.end.date()) if self.has_end.isChecked() else None,
            self.note.toPlainText(),
        )

    def _may_mark_done(self) -> bool:
        """Whether the step may be marked done: asked first while some of its items are open."""
        assert self.data is not None
        still_open = [item for item in self.data.items if not item.done]
        if self.data.state.status == "done" or not still_open:
            return True
        return self.confirm_done(still_open)

    def save(self, confirmed: bool = False) -> bool:
        """Save the status, dates and notes; False (with the messages at the fields) when refused,
        or when the person chose not to mark the step done after all."""
        if self.data is None:
            return True
        if not confirmed and self.draft().status == "done" and not self._may_mark_done():
            return False
        try:
            save_step(self.db, self.data.plan_id, self.data.step.id, self.draft())
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return False
        self.form.show_problems({})
        self.dirty = False
        self.saved_label.setText("Saved.")
        self._saved_step = self.data.step.id  # the page reloads the step; "Saved." stays
        self.changed.emit(save_step.changes)
        return True

    def set_status(self, status: str) -> bool:
        if self.data is not None and status == "done" and not self._may_mark_done():
            return False
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        return self.save(confirmed=True)

    def tick(self, item: Item, done: bool) -> None:
        if self.data is None:
            return
        set_done(self.db, self.data.plan_id, item.id, done)
        self.changed.emit(set_done.changes)

    # --- appointments ---------------------------------------------------------------------
    def _open(self, existing: Appointment | None, initial: AppointmentDraft) -> None:
        if self.data is None:
            return
        plan_id = self.data.plan_id

        def submit(draft: AppointmentDraft) -> Appointment:
            return save_appointment(self.db, plan_id, draft, existing.id if existing else None)

        dialog = AppointmentDialog(
            submit,
            {step.id: step.name for step in self.data.steps},
            self.data.home_zone,
            self.data.clinic,
            initial,
            "Edit appointment" if existing else "Add appointment",
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.changed.emit(save_appointment.changes))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def add_appointment(self) -> None:
        if self.data is None:
            return
        step = self.data.step.id
        planned_day = self.data.planned[0] or self.data.planned[1] or self.data.today
        zone = (
            self.data.home_zone
            if step in ("virtual-consultation", "booking-preparation", "rehabilitation-home")
            else SEOUL
        )
        kind = next((k for k, s in KIND_STEP.items() if s == step), "consultation")
        if step in ("virtual-consultation", "rehabilitation-home"):
            kind = "consultation" if step == "virtual-consultation" else "follow-up"
        start = datetime.combine(planned_day, time(10))
        self._open(None, AppointmentDraft(step, kind, "", start, start + timedelta(hours=1), zone))

    def current_appointment(self) -> Appointment | None:
        rows = self.appointments_table.selectionModel().selectedRows()
        value = rows[0].data(ROW_ROLE) if rows else None
        return value if isinstance(value, Appointment) else None

    def edit_appointment(self) -> None:
        if (current := self.current_appointment()) is not None:
            self._open(current, draft_of(current))
