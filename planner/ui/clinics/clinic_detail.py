"""One clinic in full: what the articles say, the user's note and rating, answers, and quotes,
with the plan actions (shortlist, choose) and the user's own-clinic actions (edit, hide, delete)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from planner.clinics.rules import Clinic
from planner.db.database import Database
from planner.plans.service import Plan
from planner.printouts.html import clinic_html
from planner.ui.clinics.clinic_notes import ClinicNotes
from planner.ui.clinics.clinic_questions import ClinicQuestions
from planner.ui.clinics.clinic_quotes import ClinicQuotes
from planner.ui.kit.events import AppEvents
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.rich_text import rich_text_view
from planner.ui.kit.widgets import advice_note, heading


class ClinicDetail(QWidget):
    shortlist_toggled = Signal(bool)
    choose_requested = Signal()
    edit_requested = Signal()
    hide_toggled = Signal(bool)
    delete_requested = Signal()

    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clinic: Clinic | None = None
        self.title = heading("", 2)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.shortlist = QPushButton("☆ Shortlist")
        self.shortlist.setCheckable(True)
        self.shortlist.setToolTip("Keep this clinic on the plan's shortlist")
        self.shortlist.clicked.connect(self.shortlist_toggled)
        self.choose = QPushButton("Choose for this plan")
        self.choose.setObjectName("primary")
        self.choose.clicked.connect(self.choose_requested)
        self.edit = QPushButton("Edit…")
        self.edit.clicked.connect(self.edit_requested)
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip(
            "Hide this clinic from the list (show it again with “Show hidden clinics”)"
        )
        self.hide_button.clicked.connect(
            lambda: self.hide_toggled.emit(not (self.clinic and self.clinic.hidden))
        )
        self.delete = QPushButton("Delete…")
        self.delete.clicked.connect(self.delete_requested)

        self.about = rich_text_view("Clinic details")
        self.notes = ClinicNotes(db, events)
        self.questions = ClinicQuestions(db, prompter, events)
        self.quotes = ClinicQuotes(db, prompter, events)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.about, "About")
        self.tabs.addTab(self.notes, "Your note")
        self.tabs.addTab(self.questions, "Questions")
        self.tabs.addTab(self.quotes, "Quotes")

        actions = QHBoxLayout()
        for button in (self.shortlist, self.choose):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.edit, self.hide_button, self.delete):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        self.advice = advice_note()
        layout.addWidget(self.advice)
        self.show_clinic(None, None, False, False)

    def show_clinic(self, plan: Plan | None, clinic: Clinic | None, shortlisted: bool, chosen: bool) -> None:
        self.clinic = clinic
        self.title.setText(clinic.name if clinic else "No clinic selected")
        if clinic is None:
            self.status.setText("Pick a clinic in the list to see everything about it.")
        elif plan is None:
            self.status.setText("Create a plan to shortlist and choose clinics.")
        elif chosen:
            self.status.setText(f"The chosen clinic for “{plan.name}”.")
        elif shortlisted:
            self.status.setText(f"On the shortlist of “{plan.name}”.")
        else:
            self.status.setText(f"Not on the shortlist of “{plan.name}”.")
        for_plan = plan is not None and clinic is not None
        self.shortlist.setEnabled(for_plan)
        self.shortlist.setChecked(shortlisted)
        self.shortlist.setText("★ Shortlisted" if shortlisted else "☆ Shortlist")
        self.choose.setEnabled(for_plan)
        # The status line above says the clinic is the chosen one; the button says what a click does.
        self.choose.setText("Un-choose" if chosen else "Choose for this plan")
        self.choose.setToolTip(
            "The clinic chosen for this plan: click to un-choose it"
            if chosen
            else "Choose this clinic for the plan"
        )
        own = clinic is not None and clinic.own
        self.edit.setVisible(own)
        self.delete.setVisible(own)
        self.hide_button.setEnabled(clinic is not None)
        self.hide_button.setText("Show again" if clinic and clinic.hidden else "Hide")
        self.about.setHtml(clinic_html(clinic, with_title=False) if clinic else "")
        self.notes.show_clinic(clinic)
        self.questions.show_clinic(clinic)
        self.quotes.show_clinic(plan, clinic)
        self.update_counts()

    def update_counts(self) -> None:
        """The tab titles' counts, after a panel changed its own rows."""
        answered = self.questions.model.answered()
        self.tabs.setTabText(2, f"Questions ({answered} answered)" if self.clinic else "Questions")
        self.tabs.setTabText(3, f"Quotes ({self.quotes.model.rowCount()})" if self.clinic else "Quotes")
