"""Name the activities rated at every check-in (the Patient-Specific Functional Scale, with the
measure's examples offered) and the physiotherapy plan's exercises. A refusal is said at the field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.measures import Measure
from planner.recovery.model import Named
from planner.recovery.rules import EXERCISES_MOST
from planner.recovery.service import save_activities, save_exercises
from planner.ui.kit.forms import CheckedForm, note_box
from planner.ui.kit.widgets import ErrorLabel, heading


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def activity_combo(name: str, examples: Sequence[str], current: str) -> QComboBox:
    """A field to type an activity in, the measure's examples a key (Alt+Down) away."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    combo.addItems(list(examples))
    combo.setCurrentIndex(-1)
    combo.setEditText(current)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText("Type one, or pick an example (Alt+Down)")
    combo.setMinimumWidth(320)
    return combo


class ActivitiesDialog(QDialog):
    """`saved` is True once Save has written the names."""

    def __init__(
        self,
        db: Database,
        plan_id: int,
        psfs: Measure,
        activities: Sequence[Named],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.plan_id = db, plan_id
        self.saved = False
        self.setWindowTitle("Your activities")
        names = [a.name for a in activities]
        self.slots = [
            activity_combo(f"Activity {n + 1}", psfs.examples, names[n] if n < len(names) else "")
            for n in range(psfs.most)
        ]
        self.form = CheckedForm()
        for n, combo in enumerate(self.slots):
            self.form.add_field(f"slot-{n + 1}", f"Activity &{n + 1}:", combo)
        self.error = ErrorLabel("Activities")
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Your activities", 2))
        layout.addWidget(
            _hint(
                f"{psfs.question} For example: {', '.join(psfs.examples[:4]).lower()}. You rate the same "
                "ones at every check-in, from the baseline on; changing a name keeps its ratings."
            )
        )
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def names(self) -> list[str]:
        return [combo.currentText() for combo in self.slots]

    def accept(self) -> None:
        try:
            save_activities(self.db, self.plan_id, self.names())
        except ValidationError as error:
            self.error.show_problem(error.errors.get("activities") or " ".join(error.errors.values()))
            empty = next((c for c in self.slots if not c.currentText().strip()), self.slots[0])
            empty.setFocus()
            return
        self.saved = True
        super().accept()


class ExercisesDialog(QDialog):
    """`saved` is True once Save has written the names."""

    def __init__(
        self, db: Database, plan_id: int, exercises: Sequence[Named], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.plan_id = db, plan_id
        self.saved = False
        self.setWindowTitle("Your exercises")
        self.lines: QPlainTextEdit = note_box(
            "Exercises, one a line",
            "\n".join(e.name for e in exercises),
            placeholder="Straight-leg raises\nHeel slides\nQuad sets",
        )
        self.lines.setMinimumHeight(200)
        self.form = CheckedForm()
        self.form.add_field("exercises", "&Exercises:", self.lines, f"One a line, up to {EXERCISES_MOST}.")
        self.buttons = _buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Your physiotherapy exercises", 2))
        layout.addWidget(
            _hint(
                "The exercises your physiotherapist gave you, as they wrote them. Tick them in the diary on "
                "the days you do them; changing a name keeps its ticks."
            )
        )
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def names(self) -> list[str]:
        return [line.strip() for line in self.lines.toPlainText().splitlines() if line.strip()]

    def accept(self) -> None:
        try:
            save_exercises(self.db, self.plan_id, self.names())
        except ValidationError as error:
            self.form.show_problems(dict(error.errors))
            self.lines.setFocus()
            return
        self.saved = True
        super().accept()
