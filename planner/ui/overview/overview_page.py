"""The plan's overview: the plan at a glance and the journey ahead."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from planner.budget.summary_service import budget_glance
from planner.checklist.service import glance
from planner.core import clock
from planner.db.database import Database
from planner.journey.service import list_steps, load_journey
from planner.printouts.html import plan_overview_html
from planner.recovery.checkins import next_check_in_text
from planner.recovery.service import check_in_schedule
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import ReadOnShow
from planner.ui.kit.rich_text import rich_text_view
from planner.ui.kit.widgets import print_button


class OverviewPage(ReadOnShow):
    def __init__(self, db: Database, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.steps = list_steps(db)
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

    def load(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.view.setHtml(
            plan_overview_html(
                plan,
                self.steps,
                checklist=glance(self.db, plan.id),
                journey=load_journey(self.db, plan.id),
                budget_glance=budget_glance(self.db, plan.id, clock.today()),
                check_ins=next_check_in_text(check_in_schedule(self.db, plan.id), clock.today()),
            )
        )
