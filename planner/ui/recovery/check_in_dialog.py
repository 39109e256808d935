"""Record or change a check-in: each measure of the plan (all optional, at least one), each activity
rated 0 to 10, the day it was answered and a note. Each refusal is said at its field; nothing is
saved until all is right."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.dates import weekday_date
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.checkins import BASELINE
from planner.recovery.measures import Measure
from planner.recovery.model import CheckIn, Recovery
from planner.recovery.rules import CheckInDraft
from planner.recovery.service import save_check_in
from planner.ui.kit.forms import CheckedForm, DateEdit, date_edit, note_box, to_date
from planner.ui.kit.widgets import ErrorLabel, heading
from planner.ui.recovery.diary_fields import level_combo, number_field, set_level
from planner.ui.recovery.recovery_text import access_letters, shortened

TAKEN_LETTERS = "SC"
"""Save and Cancel."""
ACTIVITY_SHOWN = 40
"""Characters of an activity's name beside its field; the field's name has it whole."""


def _hint(measure: Measure) -> str:
    if measure.kind == "rating":
        return f"{measure.low} = {measure.low_label}, {measure.high} = {measure.high_label}"
    if measure.kind == "minutes":
        return "Minutes (25), or hours and minutes (1:30 or 1 h 30 min)"
    if measure.kind == "number":
        return f"In {measure.unit}, if you measure it"
    if measure.kind == "count":
        return "Doses in the last 24 hours"
    return ""


def _field(measure: Measure, value: int | None) -> QLineEdit | QComboBox:
    if measure.kind == "level":
        combo = level_combo(measure.name, measure)
        set_level(combo, measure, value)
        combo.setToolTip(measure.question)
        combo.setMaximumWidth(160)
        return combo
    placeholder = {"minutes": "e.g. 25 or 1:30"}.get(measure.kind, f"{measure.low}–{measure.high}")
    width = 120 if measure.kind == "minutes" else 80
    field = number_field(measure.name, placeholder, measure.question, width)
    if value is not None:
        field.setText(
            f"{value // 60}:{value % 60:02d}" if measure.kind == "minutes" and value >= 60 else str(value)
        )
    return field


def _beside(field: QWidget, hint: str) -> QWidget:
    """A field with a quiet note to its right."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    if hint:
        note = QLabel(hint)
        note.setObjectName("hint")
        layout.addWidget(note)
    layout.addStretch(1)
    return row


def check_in_title(label: str, point_id: str) -> str:
    if not point_id:
        return "Your own check-in"
    return "Baseline check-in" if point_id == BASELINE else f"Check-in: {label}"


class CheckInDialog(QDialog):
    """`saved` holds the check-in's id once Save has written it."""

    def __init__(
        self,
        db: Database,
        recovery: Recovery,
        point_id: str,
        label: str,
        due: date | None,
        check_in: CheckIn | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.plan_id, self.point_id, self.check_in = db, recovery.plan_id, point_id, check_in
        self.saved: int | None = None
        title = check_in_title(label, point_id)
        self.setWindowTitle(title)
        measures = [m for m in recovery.measures if m.kind != "activities"]
        psfs = next((m for m in recovery.measures if m.kind == "activities"), None)
        values = check_in.values if check_in else {}
        ratings = check_in.activity_ratings if check_in else {}

        self.fields: dict[str, QLineEdit | QComboBox] = {m.id: _field(m, values.get(m.id)) for m in measures}
        self.activity_fields: dict[int, QLineEdit] = {}
        for activity in recovery.activities:
            field = number_field(
                f"{activity.name}, 0 to 10",
                "0–10",
                psfs.question if psfs else "",
            )
            rating = ratings.get(activity.id)
            field.setText("" if rating is None else str(rating))
            self.activity_fields[activity.id] = field
        late_baseline = point_id == BASELINE and recovery.treatment is not None and today > recovery.treatment
        first_day = recovery.treatment if late_baseline and recovery.treatment else today
        self.date: DateEdit = date_edit("Answered on", check_in.taken_on if check_in else first_day)
        self.note: QPlainTextEdit = note_box("Note", check_in.note if check_in else "")
        self.note.setMinimumHeight(56)

        activity_names = [shortened(a.name, ACTIVITY_SHOWN) for a in recovery.activities]
        names = ["Answered on"] + [m.name for m in measures] + activity_names + ["Note"]
        captions = iter(access_letters(names, TAKEN_LETTERS))
        self.day_form = CheckedForm()
        due_hint = f"Due {weekday_date(due)}; a few days early or late is fine." if due else ""
        self.day_form.add_field("date", f"{next(captions)}:", _beside(self.date, due_hint))
        self.date.setAccessibleName("Answered on")
        self.form = CheckedForm()
        for measure in measures:
            self.form.add_field(measure.id, f"{next(captions)}:", self.fields[measure.id], _hint(measure))
        self.activities_form = CheckedForm()
        for activity in recovery.activities:
            self.activities_form.add_field(
                f"activity-{activity.id}", f"{next(captions)}:", self.activity_fields[activity.id]
            )
        self.note_form = CheckedForm()
        self.note_form.setRowWrapPolicy(CheckedForm.RowWrapPolicy.DontWrapRows)
        self.note_form.add_field("note", f"{next(captions)}:", self.note)
        self.forms = (self.day_form, self.form, self.activities_form, self.note_form)
        self.general = ErrorLabel("Check-in")

        left = QVBoxLayout()
        left.addWidget(heading("How you are", 2))
        left.addLayout(self.form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(heading("Your activities", 2))
        if psfs is not None and recovery.activities:
            scale = QLabel(f"How well can you do each today? 0 = {psfs.low_label}, 10 = {psfs.high_label}.")
        else:
            scale = QLabel(
                "Name 3 to 5 activities that are hard for you on the Activities and exercises tab, "
                "and rate them here at each check-in."
            )
        scale.setObjectName("hint")
        scale.setWordWrap(True)
        right.addWidget(scale)
        right.addLayout(self.activities_form)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        intro = QLabel("Answer what you can and leave the rest empty; one answer is enough to save.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(self.day_form)
        layout.addLayout(columns)
        layout.addLayout(self.note_form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(820)
        order = [self.date, *self.fields.values(), *self.activity_fields.values(), self.note, self.buttons]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def draft(self) -> CheckInDraft:
        self.date.take_typed()
        values = {
            key: str(field.currentData() or "") if isinstance(field, QComboBox) else field.text()
            for key, field in self.fields.items()
        }
        return CheckInDraft(
            self.point_id,
            to_date(self.date.date()),
            values,
            {activity_id: field.text() for activity_id, field in self.activity_fields.items()},
            self.note.toPlainText(),
        )

    def accept(self) -> None:
        try:
            self.saved = save_check_in(
                self.db, self.plan_id, self.check_in.id if self.check_in else None, self.draft()
            )
        except ValidationError as error:
            problems = dict(error.errors)
            for form in self.forms:
                form.show_problems(problems)
            general = [problems[key] for key in ("values", "point") if key in problems]
            self.general.show_problem(" ".join(general) or None)
            return
        super().accept()
