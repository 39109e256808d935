"""The plan's overview: the plan at a glance and the journey ahead."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.journey import Step
from planner.services.budget_summary import BudgetGlance
from planner.services.checklist import ChecklistGlance
from planner.services.html import plan_overview_html
from planner.services.journey import JourneyData
from planner.services.plans import Plan
from planner.ui.events import AppEvents
from planner.ui.rich_text import rich_text_view
from planner.ui.widgets import print_button


class OverviewPage(QWidget):
    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = rich_text_view("Plan overview")
        self.print_button = print_button(events, "itinerary")
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
        budget: BudgetGlance | None = None,
    ) -> None:
        self.view.setHtml(
            plan_overview_html(plan, steps, checklist=checklist, journey=journey, budget_glance=budget)
        )
