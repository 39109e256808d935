"""A plan's expense lines as a table: what, category, step, planned, paid, and in home currency."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, Qt

from planner.budget.rules import Expense
from planner.budget.text import describe_factor
from planner.core.dates import day_month_year
from planner.core.money import format_money
from planner.ui.kit.tables import ROW_ROLE, RowTableModel

EXPENSE_ROLE = ROW_ROLE
AMOUNT_COLUMNS = (3, 4, 7, 8)


class ExpenseModel(RowTableModel[Expense]):
    HEADERS: ClassVar[tuple[str, ...]] = (
        "Description",
        "Category",
        "Journey step",
        "Planned",
        "Paid",
        "Paid on",
        "Payee",
        "Planned (home)",
        "Paid (home)",
    )

    def __init__(self) -> None:
        super().__init__()
        self.categories: dict[str, str] = {}
        self.steps: dict[str, str] = {}
        self.home = ""

    def set_expenses(
        self, expenses: list[Expense], categories: dict[str, str], steps: dict[str, str], home: str
    ) -> None:
        self.categories, self.steps, self.home = categories, steps, home
        self.replace_rows(expenses)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section in (7, 8)
        ):
            return f"{'Planned' if section == 7 else 'Paid'} in {self.home}" if self.home else None
        return super().headerData(section, orientation, role)

    def row_of(self, expense_id: int) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == expense_id), -1)

    def put(self, expense: Expense) -> int:
        """Show a saved line: replace it where it is, or add it at the end. Returns its row."""
        row = self.row_of(expense.id)
        if row >= 0:
            self.rows[row] = expense
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            return row
        row = len(self.rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.append(expense)
        self.endInsertRows()
        return row

    def drop(self, expense_id: int) -> None:
        row = self.row_of(expense_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def _text(self, expense: Expense, column: int) -> str:
        if column == 0:
            return expense.label
        if column == 1:
            return self.categories.get(expense.category, expense.category)
        if column == 2:
            return self.steps.get(expense.step_id, "") if expense.step_id else ""
        if column in (3, 4):
            amount = expense.planned if column == 3 else expense.actual
            return "" if amount is None else format_money(amount, expense.currency)
        if column == 5:
            return day_month_year(expense.paid_on) if expense.paid_on else ""
        if column == 6:
            return expense.payee
        converted = expense.converted(self.home)
        if converted is None:
            return "no rate"
        amount = converted[0] if column == 7 else converted[1]
        return "" if amount is None else format_money(amount, self.home)

    def cell(self, item: Expense, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in AMOUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (7, 8):
            conversion = item.conversion_to(self.home)
            if conversion is not None:
                return "Converted at " + describe_factor(
                    item.currency, self.home, conversion.rate, conversion.rate_date
                )
            if item.currency != self.home:
                return f"Enter a rate from {item.currency} to {self.home} to convert this line."
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and item.note:
            return item.note[:500]
        return None
