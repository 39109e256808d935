"""The Recovery page: the treatment day and the next check-in on top; the daily diary (with the side
effects recorded and who to contact), the check-ins, the activities and exercises, and progress in
tabs below. Everything shown is what the patient recorded."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.changes import Change
from planner.clinics.service import get_clinic
from planner.db.database import Database
from planner.journey.trip_details_service import load_details
from planner.plans.service import Plan
from planner.recovery.emergency import korea_emergency_numbers
from planner.recovery.model import Recovery
from planner.recovery.progress import side_effect_log
from planner.recovery.service import load_recovery
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import Page
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import heading
from planner.ui.recovery.check_in_panel import CheckInPanel
from planner.ui.recovery.diary_panel import DiaryPanel
from planner.ui.recovery.named_lists_panel import NamedListsPanel
from planner.ui.recovery.progress_charts import ProgressCharts
from planner.ui.recovery.recovery_text import next_check_in_sentence, treatment_sentence
from planner.ui.recovery.side_effects_panel import Contacts

TAB_DIARY, TAB_CHECK_INS, TAB_LISTS, TAB_PROGRESS = range(4)


class RecoveryPage(Panel, Page):
    today = ClockToday()
    reloads_on = Change.RECOVERY | Change.PLAN | Change.CLINICS  # the clinic's details beside side effects

    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        events: AppEvents,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.fixed_today = today
        self.plan: Plan | None = None
        self.recovery: Recovery | None = None
        self._progress_stale = True

        self.treatment_line = QLabel()
        self.treatment_line.setObjectName("recoveryDay")
        self.treatment_line.setWordWrap(True)
        self.next_line = QLabel()
        self.next_line.setWordWrap(True)
        summary = QFrame()
        summary.setObjectName("recoveryGlance")
        summary_row = QHBoxLayout(summary)
        summary_row.setContentsMargins(10, 6, 10, 6)
        summary_row.addWidget(self.treatment_line, 1)
        summary_row.addWidget(self.next_line, 1)

        self.diary = DiaryPanel(db, prompter, events)
        self.check_ins = CheckInPanel(db, prompter, events)
        self.lists = NamedListsPanel(db, prompter, events)
        self.progress = ProgressCharts()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.diary, "&Diary")
        self.tabs.addTab(self.check_ins, "Check-&ins")
        self.tabs.addTab(self.lists, "Activities and e&xercises")
        self.tabs.addTab(self.progress, "Pro&gress")
        self.tabs.currentChanged.connect(lambda _index: self._show_progress())
        for panel in (self.diary, self.check_ins, self.lists):
            panel.changed.connect(self._changed)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Recovery"))
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)

    # --- data -------------------------------------------------------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.diary.forget()
        self.check_ins.forget()
        self.reload()

    def load(self) -> None:
        """Read the plan's recovery again."""
        plan, today = self.plan, self.today
        recovery = load_recovery(self.db, plan.id) if plan is not None else None
        self.recovery = recovery
        self._show_glance(recovery, today)
        contacts = (
            self._contacts(plan, today)
            if plan is not None and recovery is not None and side_effect_log(recovery)
            else None
        )
        self.diary.show_recovery(recovery, contacts, today)
        self.check_ins.show_recovery(recovery, today)
        self.lists.show_recovery(recovery)
        self.tabs.setEnabled(recovery is not None)
        self._progress_stale = True
        self._show_progress()

    def _contacts(self, plan: Plan, today: date) -> Contacts:
        """Who to contact beside recorded side effects: the plan's clinic, its Trip details, and
        Korea's numbers while today is between departure and return."""
        return Contacts(
            get_clinic(self.db, plan.clinic_id) if plan.clinic_id is not None else None,
            load_details(self.db, plan.id),
            plan.return_ if plan.departure <= today <= plan.return_ else None,
            korea_emergency_numbers(),
        )

    def _show_glance(self, recovery: Recovery | None, today: date) -> None:
        if recovery is None:
            self.treatment_line.setText("Create a plan first: each plan keeps its own recovery record.")
            self.next_line.setText("")
            return
        self.treatment_line.setText(treatment_sentence(recovery.treatment, today))
        text, overdue = next_check_in_sentence(recovery.schedule, recovery.treatment, today)
        self.next_line.setText(text)
        self.next_line.setObjectName("recoveryOverdue" if overdue else "recoveryNext")
        self.next_line.style().unpolish(self.next_line)
        self.next_line.style().polish(self.next_line)
        self.next_line.setVisible(bool(text))

    def show_check_ins(self, point_id: str = "") -> None:
        """Bring the Check-ins tab forward with the point `point_id` of the schedule chosen, and the
        keyboard in its table (Enter then records or opens it)."""
        self.tabs.setCurrentIndex(TAB_CHECK_INS)
        self.check_ins.select_point(point_id)
        self.check_ins.table.setFocus()

    def _show_progress(self) -> None:
        """Draw progress when its tab is shown (and only then: it is the slowest part)."""
        if self.tabs.currentIndex() != TAB_PROGRESS or not self._progress_stale or self.recovery is None:
            return
        self._progress_stale = False
        self.progress.show_recovery(self.recovery, self.today)

    def _changed(self, what: Change) -> None:
        """A panel wrote: read the recovery again, and tell the other pages."""
        self.reload()
        self.events.announce(what)
