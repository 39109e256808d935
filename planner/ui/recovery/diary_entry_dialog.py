"""Change one diary entry: every field of the day, each refusal said at its field."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from planner.core.dates import weekday_date
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.model import DiaryEntry, Recovery
from planner.recovery.service import DIARY_PAIN, DIARY_PAINKILLERS, DIARY_SWELLING, save_diary_entry
from planner.ui.kit.widgets import heading
from planner.ui.recovery.diary_fields import DiaryFields


def diary_fields_for(recovery: Recovery, today: date, quick: bool) -> DiaryFields:
    """The diary's fields for a plan: its pain, swelling and painkiller measures and its exercises."""
    measures = {m.id: m for m in recovery.measures}
    return DiaryFields(
        measures[DIARY_PAIN],
        measures[DIARY_SWELLING],
        measures[DIARY_PAINKILLERS],
        recovery.exercises,
        today,
        quick,
    )


class DiaryEntryDialog(QDialog):
    """`saved` holds the entry's id once Save has written it."""

    def __init__(
        self, db: Database, recovery: Recovery, entry: DiaryEntry, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.plan_id, self.entry = db, recovery.plan_id, entry
        self.saved: int | None = None
        self.setWindowTitle("Diary entry")
        self.setMinimumWidth(640)
        self.fields = diary_fields_for(recovery, today, quick=False)
        self.fields.fill(entry)
        self.fields.submitted.connect(self.accept)
        hint = QLabel("Change what you recorded for this day; leave a field empty to record nothing for it.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Diary: {weekday_date(entry.entry_on)}", 2))
        layout.addWidget(hint)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self.saved = save_diary_entry(self.db, self.plan_id, self.entry.id, self.fields.draft())
        except ValidationError as error:
            self.fields.show_problems(dict(error.errors))
            return
        super().accept()
