"""Add or edit an appointment: kind, title, journey step, start and end in a time zone, where and
a note, with the same moment shown live in Seoul and at home."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.core.zones import SEOUL, ZoneError, all_zones, exists, gap_message
from planner.journey.itinerary import (
    KIND_STEP,
    KINDS,
    Appointment,
    AppointmentDraft,
    appointment,
    default_location,
    default_title,
)
from planner.journey.itinerary_text import when
from planner.journey.schedule import ChosenClinic
from planner.ui.kit.forms import (
    CheckedForm,
    choice_combo,
    date_edit,
    note_box,
    searchable_combo,
    to_date,
    to_qdate,
)
from planner.ui.kit.widgets import heading

Submit = Callable[[AppointmentDraft], object]
"""Saves (or only checks) a draft; raises ValidationError with messages per field."""


def time_edit(name: str, value: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute))
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def zone_combo(name: str, current: str, home_zone: str) -> QComboBox:
    """Seoul and the home zone first, then every zone; any text may be typed (checked on save)."""
    combo = searchable_combo(name)
    first = list(dict.fromkeys((SEOUL, home_zone)))
    for zone_name in first:
        combo.addItem(zone_name)
    combo.insertSeparator(len(first))
    for zone_name in all_zones():
        if zone_name not in first:
            combo.addItem(zone_name)
    combo.setCurrentIndex(combo.findText(current))
    if combo.currentIndex() < 0:
        combo.setEditText(current)
    return combo


class AppointmentDialog(QDialog):
    """`result_value` holds what `submit` returned once Save succeeded; `draft()` what the form
    says now."""

    def __init__(
        self,
        submit: Submit,
        steps: dict[str, str],
        home_zone: str,
        clinic: ChosenClinic,
        initial: AppointmentDraft,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.submit, self.home_zone, self.clinic = submit, home_zone, clinic
        self.result_value: object = None
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.kind = choice_combo("Kind", KINDS, initial.kind)
        self.title = QLineEdit(initial.title)
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText(default_title(initial.kind))
        self.step = choice_combo("Journey step", steps, initial.step_id)
        self.zone = zone_combo("Time zone", initial.zone, home_zone)
        self.start_date = date_edit("Start date", initial.start.date())
        self.start_time = time_edit("Start time", initial.start.time())
        self.end_date = date_edit("End date", initial.end.date())
        self.end_time = time_edit("End time", initial.end.time())
        self.location = QLineEdit(
            initial.location or default_location(initial.kind, initial.zone, clinic.name, clinic.district)
        )
        self.location.setAccessibleName("Where")
        self.note = note_box("Note", initial.note, 90)
        self.proposal_key = initial.proposal_key
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)

        self.form = CheckedForm()
        self.form.add_field("kind", "&Kind:", self.kind)
        self.form.add_field("title", "&Title:", self.title)
        self.form.add_field("step", "&Step:", self.step)
        self.form.add_field("zone", "Time &zone:", self.zone, "Where it happens: Seoul, or at home.")
        self.form.add_field("start", "St&arts:", self._pair(self.start_date, self.start_time))
        self.form.add_field("end", "&Ends:", self._pair(self.end_date, self.end_time), self.preview)
        self.form.add_field("location", "&Where:", self.location)
        self.form.add_field("note", "&Note:", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

        self._suggested_title = initial.title if initial.title == default_title(initial.kind) else None
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.start_date.dateChanged.connect(self._start_moved)
        self.start_time.timeChanged.connect(self._start_moved)
        self._start = self._start_value()
        for signal in (
            self.end_date.dateChanged,
            self.end_time.timeChanged,
            self.zone.currentTextChanged,
        ):
            signal.connect(self._update_preview)
        self._update_preview()

    @staticmethod
    def _pair(date_part: QDateEdit, time_part: QTimeEdit) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(date_part)
        layout.addWidget(time_part)
        layout.addStretch(1)
        return row

    def _start_value(self) -> datetime:
        moment = self.start_time.time()
        return datetime.combine(to_date(self.start_date.date()), time(moment.hour(), moment.minute()))

    def _end_value(self) -> datetime:
        moment = self.end_time.time()
        return datetime.combine(to_date(self.end_date.date()), time(moment.hour(), moment.minute()))

    def _start_moved(self) -> None:
        """Moving the start moves the end with it, keeping the length."""
        length = self._end_value() - self._start
        self._start = self._start_value()
        end = self._start + max(length, timedelta(0))
        for widget in (self.end_date, self.end_time):
            widget.blockSignals(True)
        self.end_date.setDate(to_qdate(end.date()))
        self.end_time.setTime(QTime(end.hour, end.minute))
        for widget in (self.end_date, self.end_time):
            widget.blockSignals(False)
        self._update_preview()

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        if (step := KIND_STEP.get(kind)) is not None and (row := self.step.findData(step)) >= 0:
            self.step.setCurrentIndex(row)
        self.title.setPlaceholderText(default_title(kind))
        if self.title.text().strip() and self.title.text() == self._suggested_title:
            self._suggested_title = default_title(kind)
            self.title.setText(self._suggested_title)
        if not self.location.text().strip():
            self.location.setText(
                default_location(
                    kind, self.zone.currentText().strip(), self.clinic.name, self.clinic.district
                )
            )

    def draft(self) -> AppointmentDraft:
        return AppointmentDraft(
            str(self.step.currentData()),
            str(self.kind.currentData()),
            self.title.text(),
            self._start_value(),
            self._end_value(),
            self.zone.currentText().strip(),
            self.location.text(),
            self.note.toPlainText(),
            self.proposal_key,
        )

    def _update_preview(self) -> None:
        draft = self.draft()
        try:
            if not (exists(draft.start, draft.zone) and exists(draft.end, draft.zone)):
                moment = draft.start if not exists(draft.start, draft.zone) else draft.end
                self.preview.setText(gap_message(moment, draft.zone))
                return
            shown: Appointment = appointment(0, draft)
        except ZoneError:
            self.preview.setText("Choose a time zone to see the times in Seoul and at home.")
            return
        self.preview.setText(when(shown, self.home_zone))

    def accept(self) -> None:
        try:
            self.result_value = self.submit(self.draft())
        except PlanFull as full:
            self.form.show_full(full)
            return
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return
        super().accept()
