"""The user's 1-5 rating and note on a clinic, saved with one click."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.clinics.compare import stars
from planner.clinics.rules import Clinic
from planner.clinics.service import save_notes
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.ui.kit.events import AppEvents
from planner.ui.kit.forms import CheckedForm, note_box


class ClinicNotes(QWidget):
    def __init__(self, db: Database, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.events = events
        self.clinic: Clinic | None = None
        self.rating = QComboBox()
        self.rating.setAccessibleName("Your rating")
        self.rating.addItem("Not rated", None)
        for value in range(5, 0, -1):
            self.rating.addItem(stars(value), value)
        self.note = note_box(
            "Your note", placeholder="What you found out, how the consultation felt, what to check next…"
        )
        self.save = QPushButton("Save note and rating")
        self.save.setObjectName("primary")
        self.save.clicked.connect(self.save_notes)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("hint")
        self.form = CheckedForm()
        self.form.add_field("rating", "&Rating:", self.rating)
        self.form.add_field("note", "&Note:", self.note, "Only you see this. It also appears in comparisons.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.note.textChanged.connect(lambda: self.saved_label.setText(""))
        self.rating.currentIndexChanged.connect(lambda _i: self.saved_label.setText(""))

    def show_clinic(self, clinic: Clinic | None) -> None:
        self.clinic = clinic
        self.setEnabled(clinic is not None)
        self.rating.setCurrentIndex(self.rating.findData(clinic.rating) if clinic and clinic.rating else 0)
        self.note.setPlainText(clinic.note if clinic else "")
        self.form.show_problems({})
        self.saved_label.setText("")

    def save_notes(self) -> None:
        if self.clinic is None:
            return
        try:
            saved = save_notes(self.db, self.clinic.id, self.note.toPlainText(), self.rating.currentData())
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return
        self.form.show_problems({})
        self.events.announce(save_notes.changes, item_id=saved.id)
        self.saved_label.setText("Saved.")
