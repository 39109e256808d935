"""What to ask a clinic, and what it answered: pick a question, type the answer, save."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.clinics.questions_service import (
    Question,
    add_question,
    answers_for,
    delete_question,
    list_questions,
    own_questions_full_message,
    question_problem,
    save_answer,
)
from planner.clinics.rules import Clinic
from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.ui.clinics.question_model import QUESTION_ROLE, QuestionModel
from planner.ui.kit.events import AppEvents
from planner.ui.kit.forms import note_box
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import row_table
from planner.ui.kit.widgets import ErrorLabel


class ClinicQuestions(Panel):
    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.clinic: Clinic | None = None
        self.model = QuestionModel()
        self.table = row_table(self.model, "Questions and answers")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.question_text = QLabel()
        self.question_text.setWordWrap(True)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why = QLabel()
        self.why.setObjectName("hint")
        self.why.setWordWrap(True)
        self.answer = note_box(
            "Their answer", "", 90, "What the clinic told you. Leave empty if you have not asked yet."
        )
        answer_label = QLabel("Their &answer:")
        answer_label.setBuddy(self.answer)
        self.answer_error = ErrorLabel("Their answer")
        self.save = QPushButton("Save answer")
        self.save.setObjectName("primary")
        self.save.clicked.connect(self.save_answer)
        self.add = QPushButton("Add your own question…")
        self.add.clicked.connect(self.add_question)
        self.remove = QPushButton("Remove question…")
        self.remove.clicked.connect(self.remove_question)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add)
        top.addWidget(self.remove)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.question_text)
        layout.addWidget(self.why)
        layout.addWidget(answer_label)
        layout.addWidget(self.answer)
        layout.addWidget(self.answer_error)
        layout.addLayout(bottom)
        self._show_question(None)

    def show_clinic(self, clinic: Clinic | None) -> None:
        self.clinic = clinic
        self.reload()

    def reload(self, select_key: str | None = None) -> None:
        keep = select_key or (q.key if (q := self.current_question()) else None)
        questions = list_questions(self.db)
        answers = answers_for(self.db, [self.clinic.id])[self.clinic.id] if self.clinic else {}
        self.model.set_rows(questions, answers)
        self.summary.setText(f"{self.model.answered()} of {len(questions)} answered")
        self.setEnabled(self.clinic is not None)
        row = self.model.row_of(keep) if keep else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._show_question(self.current_question())

    def current_question(self) -> Question | None:
        rows = self.table.selectionModel().selectedRows()
        question = rows[0].data(QUESTION_ROLE) if rows else None
        return question if isinstance(question, Question) else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_question(self.current_question())

    def _show_question(self, question: Question | None) -> None:
        self.question_text.setText(f"<b>{escape(question.text)}</b>" if question else "")
        self.question_text.setTextFormat(Qt.TextFormat.RichText if question else Qt.TextFormat.PlainText)
        self.why.setText(f"Why ask: {question.why}" if question and not question.own else "")
        self.answer.setPlainText(self.model.answer(question.key) if question else "")
        self.answer_error.show_problem(None)
        self.remove.setEnabled(question is not None and question.own)
        self.save.setEnabled(question is not None)
        self.answer.setEnabled(question is not None)

    def save_answer(self) -> None:
        question = self.current_question()
        if question is None or self.clinic is None:
            return
        try:
            save_answer(self.db, self.clinic.id, question.key, self.answer.toPlainText())
        except ValidationError as error:
            self.answer_error.show_problem(next(iter(error.errors.values())))
            return
        self.reload(question.key)
        self.events.announce(save_answer.changes, item_id=self.clinic.id)

    def add_question(self) -> None:
        if full := own_questions_full_message(self.db):
            self.prompter.error(self, "Add a question", full)
            return
        text = self.prompter.ask_text(
            self,
            "Add a question",
            "Your question (asked of every clinic):",
            "",
            question_problem,
        )
        if text is None:
            return
        try:
            question = add_question(self.db, text)
        except PlanFull as full:
            self.prompter.error(self, "Add a question", str(full))
            return
        self.reload(question.key)
        self.events.announce(add_question.changes)

    def remove_question(self) -> None:
        question = self.current_question()
        if question is None or not question.own:
            return
        if not self.prompter.confirm(
            self,
            "Remove question",
            f"Remove “{question.text}” and every clinic's answer to it?",
            "Remove question",
        ):
            return
        delete_question(self.db, question.key)
        self.reload()
        self.events.announce(delete_question.changes)
