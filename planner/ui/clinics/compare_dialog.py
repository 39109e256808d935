"""Two to four clinics side by side, with the plan's quotes and the user's ratings and answers."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from planner.clinics.compare import build_comparison
from planner.clinics.questions_service import answers_for, list_questions
from planner.clinics.quotes_service import latest_quotes_by_clinic, list_quotes
from planner.clinics.rules import Clinic
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.clinics.comparison_view import ComparisonView


class CompareDialog(QDialog):
    def __init__(
        self, db: Database, plan: Plan | None, clinics: list[Clinic], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare clinics")
        self.resize(1000, 680)
        quotes = latest_quotes_by_clinic(list_quotes(db, plan.id)) if plan else {}
        answers = answers_for(db, [c.id for c in clinics])
        rows = build_comparison(clinics, quotes, answers, list_questions(db))
        self.view = ComparisonView("Clinic comparison")
        self.view.set_rows([c.name for c in clinics], rows)
        intro = QLabel(
            "Tinted rows differ between the clinics. Quote totals are this plan's accepted "
            "quote, or else the newest one received."
            if plan
            else "Tinted rows differ between the clinics. Create a plan to compare quotes too."
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
