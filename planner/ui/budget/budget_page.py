"""The Budget page: totals and warnings on top; expenses, estimate, deposit and rates, the home
comparison and the charts in tabs below."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.budget.ledger import Ledger
from planner.budget.rules import Expense
from planner.budget.service import BudgetData, load_budget
from planner.budget.summary_service import (
    BudgetSummary,
    counted_line,
    expense_totals,
    ledger_for,
    relation_sentence,
    summarise,
)
from planner.changes import Change
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.budget.budget_charts import BudgetCharts
from planner.ui.budget.budget_summary_box import BudgetSummaryBox
from planner.ui.budget.estimate_panel import EstimatePanel
from planner.ui.budget.expense_panel import ExpensePanel
from planner.ui.budget.rates_deposit_panel import RatesDepositPanel
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import Page
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.rich_text import rich_text_view
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import heading, print_button

TAB_EXPENSES, TAB_ESTIMATE, TAB_RATES, TAB_HOME, TAB_CHARTS = range(5)


class BudgetPage(Page):
    today = ClockToday()
    reloads_on = Change.QUOTES  # an accepted quote's total and deposit feed the estimate

    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        events: AppEvents,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.fixed_today = today
        self.plan: Plan | None = None
        self.data: BudgetData | None = None
        self.summary: BudgetSummary | None = None
        self.ledger: Ledger | None = None
        self._charts_stale = True

        self.title = heading("Budget")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.totals = BudgetSummaryBox()
        self.expenses = ExpensePanel(db, prompter, events, today=self.today)
        self.estimate = EstimatePanel(db, prompter, events)
        self.rates = RatesDepositPanel(db, prompter, events, today=self.today)
        self.home = rich_text_view("Cost at home")
        self.charts = BudgetCharts()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.expenses, "&Expenses")
        self.tabs.addTab(self.estimate, "Es&timate")
        self.tabs.addTab(self.rates, "Deposit and &rates")
        self.tabs.addTab(self.home, "Compare &with home")
        self.tabs.addTab(self.charts, "&Charts")
        self.tabs.currentChanged.connect(lambda _index: self._draw_charts())
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(print_button(events, "budget"))
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.hint)
        layout.addWidget(self.totals)
        layout.addWidget(self.tabs, 1)

        self.expenses.saved_line.connect(self._line_saved)
        self.expenses.deleted_line.connect(self._line_deleted)
        self.estimate.changed.connect(self.reload)
        self.rates.changed.connect(self._rates_changed)

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.reload()

    def load(self) -> None:
        """Read the plan's budget again."""
        self.data = load_budget(self.db, self.plan.id) if self.plan else None
        self.ledger = ledger_for(self.data, self.today) if self.data else None
        self.expenses.show_data(self.data)
        self._show_all()

    def _show_all(self) -> None:
        data = self.data
        self.summary = summarise(data, self.today, self.ledger) if data else None
        self.tabs.setEnabled(data is not None)
        if data is None or self.summary is None:
            self.hint.setText("Create a plan first: each plan keeps its own budget.")
            self.totals.clear()
            self.estimate.show_estimate(None, [], [])
            self.rates.show_data(None, None)
            self.home.clear()
            return
        self.hint.setText(
            f"Everything “{data.plan.name}” costs: the estimate from the articles, what you plan to pay and "
            f"what you have paid, in {data.plan.home_currency}, US dollars and won. "
            + relation_sentence(data.accepted_quote)
        )
        self.totals.show_summary(self.summary.totals, self.summary.ranges, self.summary.limit)
        self.estimate.show_estimate(data, self.summary.estimate, self.summary.ranges)
        self.rates.show_data(data, self.summary.deposit_proposal)
        self.home.setHtml(self.summary.home_html)
        self._charts_stale = True
        self._draw_charts()

    def _line_saved(self, expense: Expense) -> None:
        if self.ledger is not None and self.data is not None:
            self.ledger.put(counted_line(self.data, expense))
        self.refresh()

    def _line_deleted(self, expense_id: int) -> None:
        if self.ledger is not None:
            self.ledger.drop(expense_id)
        self.refresh()

    def refresh(self) -> None:
        """After an expense line changed: work the totals out again from the lines in memory."""
        if self.data is None or self.summary is None or self.ledger is None:
            return
        totals, limit = expense_totals(self.data, self.ledger, self.summary.ranges)
        self.totals.show_summary(totals, self.summary.ranges, limit)
        self._charts_stale = True
        self._draw_charts()

    def _rates_changed(self) -> None:
        filled = self.rates.last_filled
        self.rates.last_filled = 0
        self.reload()
        if filled:
            self.hint.setText(
                f"{self.hint.text()} The new rate converted {filled:,} line{'s' if filled != 1 else ''} "
                "that had none; lines converted before keep their rate."
            )

    def _draw_charts(self) -> None:
        """The charts are drawn when their tab is shown, not on every change."""
        if not self._charts_stale or self.tabs.currentIndex() != TAB_CHARTS or self.data is None:
            return
        assert self.ledger is not None
        self._charts_stale = False
        home = self.data.plan.home_currency
        self.charts.show_totals(self.ledger.by_category(home), self.data.categories, home)
