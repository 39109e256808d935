"""Add or edit one expense line: what it is, its category and journey step, planned and paid
amounts in any currency, when it was paid and to whom.

Nothing is written until Save; when a field is wrong its message appears under it and nothing
is saved.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.budget.rules import Expense, ExpenseDraft
from planner.budget.service import save_expense
from planner.core import clock
from planner.core.limits import PlanFull
from planner.core.money import format_amount
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.ui.kit.forms import CheckedForm, currency_code, currency_combo, note_box, optional_date, to_date
from planner.ui.kit.widgets import heading


def _amount_edit(name: str, amount: Decimal | None) -> QLineEdit:
    edit = QLineEdit("" if amount is None else format_amount(amount))
    edit.setAccessibleName(name)
    edit.setPlaceholderText("0.00")
    edit.setMaximumWidth(180)
    return edit


class ExpenseDialog(QDialog):
    """`saved` holds the line once Save has written it."""

    def __init__(
        self,
        db: Database,
        plan_id: int,
        categories: dict[str, str],
        steps: dict[str, str],
        default_currency: str,
        expense: Expense | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.plan_id = plan_id
        self.expense = expense
        self.today = today or clock.today()
        self.saved: Expense | None = None
        self.setWindowTitle("Edit expense" if expense else "Add expense")
        self.setMinimumWidth(560)

        self.label = QLineEdit(expense.label if expense else "")
        self.label.setAccessibleName("Description")
        self.label.setPlaceholderText("e.g. Return flight to Seoul")
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for key, name in categories.items():
            self.category.addItem(name, key)
        self.category.setCurrentIndex(
            max(self.category.findData(expense.category if expense else "other"), 0)
        )
        self.step = QComboBox()
        self.step.setAccessibleName("Journey step")
        self.step.addItem("(no particular step)", None)
        for key, name in steps.items():
            self.step.addItem(name, key)
        if expense and expense.step_id:
            self.step.setCurrentIndex(max(self.step.findData(expense.step_id), 0))
        self.currency = currency_combo("Currency", expense.currency if expense else default_currency)
        self.planned = _amount_edit("Planned amount", expense.planned if expense else None)
        self.actual = _amount_edit("Amount paid", expense.actual if expense else None)
        self.is_paid, self.paid_on, paid_row = optional_date(
            "Paid on", "Paid on", expense.paid_on if expense else None, self.today
        )
        self.payee = QLineEdit(expense.payee if expense else "")
        self.payee.setAccessibleName("Payee")
        self.payee.setPlaceholderText("Who is paid: clinic, airline, hotel…")
        self.note = note_box("Note", expense.note if expense else "", 70)

        self.form = CheckedForm()
        self.form.add_field("label", "&Description:", self.label, "Left empty, the category's name is used.")
        self.form.add_field("category", "Ca&tegory:", self.category)
        self.form.add_field("step", "&Journey step:", self.step)
        self.form.add_field("currency", "C&urrency:", self.currency, "The currency you pay in.")
        self.form.add_field("planned", "&Planned:", self.planned)
        self.form.add_field("actual", "P&aid amount:", self.actual, "What you actually paid, once you have.")
        self.form.add_field("paid_on", "Pa&id date:", paid_row)
        self.form.add_field("payee", "Pa&yee:", self.payee)
        self.form.add_field("note", "N&ote:", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def draft(self) -> ExpenseDraft:
        step = self.step.currentData()
        return ExpenseDraft(
            label=self.label.text(),
            category=str(self.category.currentData()),
            step_id=str(step) if step else None,
            planned=self.planned.text(),
            actual=self.actual.text(),
            currency=currency_code(self.currency),
            paid_on=to_date(self.paid_on.date()) if self.is_paid.isChecked() else None,
            payee=self.payee.text(),
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        try:
            self.saved = save_expense(
                self.db, self.plan_id, self.draft(), self.expense.id if self.expense else None, self.today
            )
        except PlanFull as full:
            self.form.show_full(full)
            return
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return
        super().accept()
