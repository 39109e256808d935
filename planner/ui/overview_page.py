"""The plan's overview: the plan at a glance and the journey ahead."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from planner.journey import Step
from planner.services.checklist import ChecklistGlance
from planner.services.html import plan_overview_html
from planner.services.journey import JourneyData
from planner.services.plans import Plan
from planner.ui.rich_text import rich_text_view


class OverviewPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = rich_text_view("Plan overview")
        self.print_button = QPushButton("Print itinerary…")
        self.print_button.setToolTip("Print, preview or save the itinerary as PDF (Ctrl+P)")
        row = QHBoxLayout()
        row.setContentsMargins(8, 6, 8, 0)
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view)

    def show_plan(
        self,
        plan: Plan,
        steps: list[Step],
        checklist: ChecklistGlance | None = None,
        journey: JourneyData | None = None,
    ) -> None:
        self.view.setHtml(plan_overview_html(plan, steps, checklist=checklist, journey=journey))
