"""The expense lines of a plan: add, edit, delete, and export them as CSV."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from planner.budget.csv_file import spreadsheet_text
from planner.budget.rules import Expense, report_currencies
from planner.budget.service import BudgetData, delete_expense, expense_room_problem
from planner.db.database import Database
from planner.platform.files import write_text_atomically
from planner.ui.budget.expense_dialog import ExpenseDialog
from planner.ui.budget.expense_model import EXPENSE_ROLE, ExpenseModel
from planner.ui.kit.events import AppEvents
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import row_table
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import action_button

COLUMN_WIDTHS = (200, 150, 130, 100, 100, 95, 100, 110)


class ExpensePanel(Panel):
    today = ClockToday()
    saved_line = Signal(object)
    """An expense line was added or edited (the saved Expense): totals need working out again."""
    deleted_line = Signal(int)

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
        self.data: BudgetData | None = None
        self.dialog: ExpenseDialog | None = None
        self.model = ExpenseModel()
        self.table = row_table(self.model, "Expense lines")
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_expense())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.count = QLabel()
        self.count.setObjectName("hint")
        self.add_button = action_button("&Add expense…", self.add_expense, primary=True)
        self.edit_button = action_button("Ed&it…", self.edit_expense)
        self.delete_button = action_button("&Delete…", self.delete_expense)
        self.export_button = action_button(
            "E&xport CSV…",
            self.export_csv,
            "Save the lines, with their converted amounts and rates, as a CSV file",
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def show_data(self, data: BudgetData | None) -> None:
        self.data = data
        if data is None:
            self.model.set_expenses([], {}, {}, "")
        else:
            self.model.set_expenses(list(data.expenses), data.categories, data.steps, data.plan.home_currency)
        self._update_buttons()

    def current_expense(self) -> Expense | None:
        rows = self.table.selectionModel().selectedRows()
        expense = rows[0].data(EXPENSE_ROLE) if rows else None
        return expense if isinstance(expense, Expense) else None

    def _update_buttons(self) -> None:
        chosen = self.current_expense() is not None
        self.add_button.setEnabled(self.data is not None)
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.export_button.setEnabled(bool(self.model.rows))
        count = len(self.model.rows)
        self.count.setText(f"{count:,} line{'s' if count != 1 else ''}")

    def _open(self, expense: Expense | None) -> None:
        if self.data is None:
            return
        dialog = ExpenseDialog(
            self.db,
            self.data.plan.id,
            self.data.categories,
            self.data.steps,
            expense.currency if expense else self.data.plan.home_currency,
            expense,
            self,
            self.today,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: ExpenseDialog) -> None:
        if dialog.saved is None or self.data is None:
            return
        self._replace(dialog.saved)
        self.table.selectRow(self.model.row_of(dialog.saved.id))
        self.table.scrollTo(self.table.currentIndex())
        self.saved_line.emit(dialog.saved)

    def _replace(self, expense: Expense) -> None:
        assert self.data is not None
        self.model.put(expense)
        self.data.expenses[:] = self.model.rows

    def add_expense(self) -> None:
        if self.data is not None and (full := expense_room_problem(self.db, self.data.plan.id)):
            self.prompter.error(self, "The budget is full", full)
            return
        self._open(None)

    def edit_expense(self) -> None:
        if (expense := self.current_expense()) is not None:
            self._open(expense)

    def delete_expense(self) -> None:
        expense = self.current_expense()
        if expense is None or self.data is None:
            return
        if not self.prompter.confirm(
            self,
            "Delete expense",
            f"Delete the expense “{expense.label}”?\n\nThis cannot be undone.",
            "Delete",
        ):
            return
        delete_expense(self.db, self.data.plan.id, expense.id)
        row = self.model.row_of(expense.id)
        self.model.drop(expense.id)
        self.data.expenses[:] = self.model.rows
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        self._update_buttons()
        self.deleted_line.emit(expense.id)

    def export_csv(self) -> None:
        if self.data is None:
            return
        plan = self.data.plan
        path = self.prompter.ask_save_path(
            self, "Export expenses", f"{plan.name} expenses.csv", "CSV files (*.csv)"
        )
        if path is None:
            return
        text = spreadsheet_text(
            self.model.rows, self.data.categories, self.data.steps, report_currencies(plan.home_currency)
        )
        problem = write_text_atomically(path, text)
        if problem:
            self.prompter.error(self, "Export expenses", problem)
        else:
            count = len(self.model.rows)
            self.prompter.inform(
                self, "Export expenses", f"Saved {count:,} line{'s' if count != 1 else ''} to {path.name}."
            )
