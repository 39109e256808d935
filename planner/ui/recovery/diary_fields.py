"""The fields of a diary entry: the day, pain, swelling, painkillers, the exercises done, side
effects and a note. The page lays them out in a few rows for a quick entry; the dialog that edits
an entry lays them out as a form. Enter (or Ctrl+Return, in the note box too) asks to save."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.recovery.measures import Measure
from planner.recovery.model import DiaryEntry, Named
from planner.recovery.rules import NOTE_MOST, SIDE_EFFECT_OTHER_MOST, SIDE_EFFECTS, DiaryDraft
from planner.ui.kit.forms import CheckedForm, DateEdit, date_edit, note_box, to_date, to_qdate
from planner.ui.kit.widgets import ErrorLabel
from planner.ui.recovery.recovery_text import escaped, shortened

EXERCISE_COLUMNS = 4
EXERCISE_SHOWN = 36
"""Characters of an exercise's name on its tick box; the whole name is its tooltip."""
NOT_NOTED = "Not noted"
FIELD_KEYS = ("date", "pain", "swelling", "painkillers", "exercises", "side-effects", "note")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def number_field(name: str, placeholder: str, tip: str, width: int = 64) -> QLineEdit:
    """A short field for a number; what it takes is checked on save, and said at the field."""
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    field.setToolTip(tip)
    field.setMaximumWidth(width)
    return field


def level_combo(name: str, measure: Measure) -> QComboBox:
    """The measure's levels, after a first choice that records nothing."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(NOT_NOTED, "")
    for level in measure.levels:
        combo.addItem(level, level)
    return combo


def set_level(combo: QComboBox, measure: Measure, value: int | None) -> None:
    combo.setCurrentIndex(0 if value is None else max(combo.findData(measure.levels[value]), 0))


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return box


class DiaryFields(QWidget):
    submitted = Signal()
    """Enter or Ctrl+Return was pressed in one of the fields."""

    def __init__(
        self,
        pain: Measure,
        swelling: Measure,
        painkillers: Measure,
        exercises: Sequence[Named],
        today: date,
        quick: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pain_measure, self.swelling_measure = pain, swelling
        self.exercises = tuple(exercises)
        self.quick = quick
        self.date = date_edit("Date of the entry", today)
        self.pain = number_field(
            f"Pain, {pain.low} to {pain.high}",
            f"{pain.low}–{pain.high}",
            f"{pain.question}\n{pain.low} = {pain.low_label}, {pain.high} = {pain.high_label}",
        )
        self.swelling = level_combo("Swelling", swelling)
        self.painkillers = number_field(
            "Painkiller doses", "doses", f"{painkillers.question} ({painkillers.low} to {painkillers.high})"
        )
        self.exercise_boxes: list[tuple[int, QCheckBox]] = []
        for exercise in self.exercises:
            box = QCheckBox(escaped(shortened(exercise.name, EXERCISE_SHOWN)))
            box.setToolTip(exercise.name)
            box.setAccessibleName(f"Done: {exercise.name}")
            self.exercise_boxes.append((exercise.id, box))
        self.effect_boxes = [(kind, QCheckBox(label)) for kind, label in SIDE_EFFECTS]
        self.other = QLineEdit()
        self.other.setAccessibleName("Other side effect")
        self.other.setPlaceholderText("Other, in your words")
        self.other.setMaxLength(SIDE_EFFECT_OTHER_MOST + 1)
        self.note: QLineEdit | QPlainTextEdit
        if quick:
            self.note = QLineEdit()
            self.note.setAccessibleName("Note")
            self.note.setPlaceholderText("Anything else about today (optional)")
            self.note.setMaxLength(NOTE_MOST + 1)
        else:
            self.note = note_box("Note", height=90)
        self.save_button: QPushButton | None = None
        self.errors: dict[str, ErrorLabel] = {}
        self.form: CheckedForm | None = None
        if quick:
            self._lay_out_quick()
        else:
            self._lay_out_form()
        for control in self.controls():
            control.installEventFilter(self)

    # --- layout -----------------------------------------------------------------------------
    def _exercise_grid(self) -> QWidget:
        if not self.exercise_boxes:
            none = QLabel("None yet: name your physiotherapy exercises on the Activities and exercises tab.")
            none.setObjectName("hint")
            none.setWordWrap(True)
            return none
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for n, (_id, check) in enumerate(self.exercise_boxes):
            grid.addWidget(check, n // EXERCISE_COLUMNS, n % EXERCISE_COLUMNS)
        grid.setColumnStretch(EXERCISE_COLUMNS, 1)
        return box

    def _effects_row(self) -> QWidget:
        row = _row(*(box for _kind, box in self.effect_boxes), self.other, stretch=False)
        self.other.setMinimumWidth(180)
        return row

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _lay_out_quick(self) -> None:
        self.save_button = QPushButton("&Save entry")
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip("Save this day's entry (Enter, or Ctrl+Return from any field)")
        self.save_button.clicked.connect(lambda _checked=False: self.submitted.emit())
        for key in FIELD_KEYS:
            self.errors[key] = ErrorLabel(key.replace("-", " ").capitalize())
        first = _row(
            self.date,
            self._caption("P&ain:", self.pain),
            self.pain,
            self._caption("S&welling:", self.swelling),
            self.swelling,
            self._caption("Pain&killers:", self.painkillers),
            self.painkillers,
            QLabel("doses in 24 hours"),
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.addWidget(self._caption("Da&te:", self.date), 0, 0)
        grid.addWidget(first, 0, 1)
        grid.addWidget(self._errors_box("date", "pain", "swelling", "painkillers"), 1, 1)
        grid.addWidget(QLabel("Exercises done:"), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._exercise_grid(), 2, 1)
        grid.addWidget(self._errors_box("exercises"), 3, 1)
        grid.addWidget(QLabel("Side effects:"), 4, 0)
        grid.addWidget(self._effects_row(), 4, 1)
        grid.addWidget(self._errors_box("side-effects"), 5, 1)
        note_row = QWidget()
        note_layout = QHBoxLayout(note_row)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.addWidget(self.note, 1)
        note_layout.addWidget(self.save_button)
        grid.addWidget(self._caption("&Note:", self.note), 6, 0)
        grid.addWidget(note_row, 6, 1)
        grid.addWidget(self._errors_box("note"), 7, 1)
        grid.setColumnStretch(1, 1)
        self._chain_tabs()

    def _errors_box(self, *keys: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for key in keys:
            column.addWidget(self.errors[key])
        return box

    def _lay_out_form(self) -> None:
        form = CheckedForm()
        self.form = form
        form.add_field("date", "Da&te:", self.date)
        form.add_field(
            "pain",
            "P&ain:",
            self.pain,
            f"{self.pain_measure.low} = {self.pain_measure.low_label}, "
            f"{self.pain_measure.high} = {self.pain_measure.high_label}",
        )
        form.add_field("swelling", "S&welling:", self.swelling)
        form.add_field("painkillers", "Pain&killers:", self.painkillers, "Doses in the last 24 hours.")
        form.add_field("exercises", "Exercises done:", self._exercise_grid())
        form.add_field("side-effects", "Side effects:", self._effects_row())
        form.add_field("note", "&Note:", self.note)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        self._chain_tabs()

    def controls(self) -> list[QWidget]:
        """Every control, in the order Tab goes through them."""
        controls: list[QWidget] = [self.date, self.pain, self.swelling, self.painkillers]
        controls += [box for _id, box in self.exercise_boxes]
        controls += [box for _kind, box in self.effect_boxes]
        controls += [self.other, self.note]
        if self.save_button is not None:
            controls.append(self.save_button)
        return controls

    def _chain_tabs(self) -> None:
        controls = self.controls()
        for before, after in pairwise(controls):
            QWidget.setTabOrder(before, after)

    # --- keys -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter saves from any field but the note box (where it starts a new line); Ctrl+Return
        saves from all of them."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl or not isinstance(watched, QPlainTextEdit):
                self.submitted.emit()
                return True
        return super().eventFilter(watched, event)

    # --- values -----------------------------------------------------------------------------
    def draft(self) -> DiaryDraft:
        if isinstance(self.date, DateEdit):
            self.date.take_typed()
        note = self.note.text() if isinstance(self.note, QLineEdit) else self.note.toPlainText()
        return DiaryDraft(
            entry_on=to_date(self.date.date()),
            pain=self.pain.text(),
            swelling=str(self.swelling.currentData() or ""),
            painkillers=self.painkillers.text(),
            exercises_done=frozenset(i for i, box in self.exercise_boxes if box.isChecked()),
            side_effects=frozenset(kind for kind, box in self.effect_boxes if box.isChecked()),
            side_effect_other=self.other.text(),
            note=note,
        )

    def fill(self, entry: DiaryEntry) -> None:
        self.date.setDate(to_qdate(entry.entry_on))
        self.pain.setText("" if entry.pain is None else str(entry.pain))
        set_level(self.swelling, self.swelling_measure, entry.swelling)
        self.painkillers.setText("" if entry.painkillers is None else str(entry.painkillers))
        for exercise_id, box in self.exercise_boxes:
            box.setChecked(exercise_id in entry.exercises_done)
        for kind, box in self.effect_boxes:
            box.setChecked(kind in entry.side_effects)
        self.other.setText(entry.side_effect_other)
        if isinstance(self.note, QLineEdit):
            self.note.setText(entry.note)
        else:
            self.note.setPlainText(entry.note)

    def clear(self, today: date) -> None:
        """Empty for the next entry, dated `today`."""
        self.date.setDate(to_qdate(today))
        for field in (self.pain, self.painkillers, self.other):
            field.clear()
        self.swelling.setCurrentIndex(0)
        for _key, box in (*self.exercise_boxes, *self.effect_boxes):
            box.setChecked(False)
        self.note.clear()
        self.show_problems({})

    def show_problems(self, problems: dict[str, str]) -> None:
        if self.form is not None:
            self.form.show_problems(problems)
            return
        for key, label in self.errors.items():
            label.show_problem(problems.get(key))
