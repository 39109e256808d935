"""Enter or edit a clinic's quote: currency, dates, deposit, refund terms and itemised lines.

Nothing is written until Save; then the whole quote is saved in one transaction, or, when any
field is wrong, nothing is and each message appears at its field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.clinics.quotes import Quote, QuoteDraft, QuoteLine, QuoteLineDraft, deposit_amount, parse_percent
from planner.clinics.quotes_service import FeeCategory, fee_categories, save_quote
from planner.clinics.rules import Clinic
from planner.core import clock
from planner.core.limits import PlanFull
from planner.core.money import MoneyError, format_amount, format_money, parse_amount
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.kit.forms import (
    CheckedForm,
    currency_code,
    currency_combo,
    date_edit,
    note_box,
    optional_date,
    to_date,
)
from planner.ui.kit.widgets import ErrorLabel, heading

DEFAULT_CURRENCY = "USD"
"""The articles quote clinic prices in US dollars."""


CATEGORY_WIDTH, AMOUNT_WIDTH, REMOVE_WIDTH = 190, 130, 80


def _line_grid(widget: QWidget) -> QGridLayout:
    """The columns every line (and the captions above them) share."""
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setColumnStretch(1, 1)
    for column, width in ((0, CATEGORY_WIDTH), (2, AMOUNT_WIDTH), (3, REMOVE_WIDTH)):
        grid.setColumnMinimumWidth(column, width)
    return grid


def _column_captions() -> QWidget:
    row = QWidget()
    grid = _line_grid(row)
    for column, text in enumerate(("Fee category", "Description", "Amount")):
        caption = QLabel(text)
        caption.setObjectName("hint")
        grid.addWidget(caption, 0, column)
    return row


class QuoteLineEditor(QWidget):
    """One line: a fee category (or "Other"), what it is for, and the amount."""

    remove_requested = Signal(object)
    edited = Signal()

    def __init__(self, number: int, categories: list[FeeCategory], line: QuoteLine | None = None) -> None:
        super().__init__()
        self.category = QComboBox()
        self.category.addItem("Other (describe it)", None)
        for category in categories:
            self.category.addItem(category.name, category.id)
        self.label = QLineEdit()
        self.label.setPlaceholderText("Description")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("0.00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.category.setFixedWidth(CATEGORY_WIDTH)
        self.amount.setFixedWidth(AMOUNT_WIDTH)
        self.remove = QPushButton("Remove")
        self.remove.setFixedWidth(REMOVE_WIDTH)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel(f"Line {number}")
        self.renumber(number)
        if line is not None:
            index = self.category.findData(line.category_id) if line.category_id else 0
            self.category.setCurrentIndex(max(index, 0))
            category_name = self.category.currentText() if line.category_id else None
            self.label.setText("" if line.label == category_name else line.label)
            self.amount.setText(format_amount(line.amount))
        self.amount.textChanged.connect(self.edited)
        grid = _line_grid(self)
        grid.addWidget(self.category, 0, 0)
        grid.addWidget(self.label, 0, 1)
        grid.addWidget(self.amount, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.error, 1, 0, 1, 4)

    def renumber(self, number: int) -> None:
        self.category.setAccessibleName(f"Line {number} fee category")
        self.label.setAccessibleName(f"Line {number} description")
        self.amount.setAccessibleName(f"Line {number} amount")
        self.remove.setAccessibleName(f"Remove line {number}")

    def draft(self) -> QuoteLineDraft:
        category = self.category.currentData()
        return QuoteLineDraft(str(category) if category else None, self.label.text(), self.amount.text())


class QuoteDialog(QDialog):
    """`saved` holds the quote once Save has written it."""

    def __init__(
        self,
        db: Database,
        plan: Plan,
        clinic: Clinic,
        quote: Quote | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.plan = plan
        self.clinic = clinic
        self.quote = quote
        self.saved: Quote | None = None
        self.categories = fee_categories(db)
        self.setWindowTitle(f"{'Edit' if quote else 'New'} quote from {clinic.name}")
        self.setMinimumSize(700, 600)

        self.currency = currency_combo("Quote currency", quote.currency if quote else DEFAULT_CURRENCY)
        self.received = date_edit("Date received", quote.received_on if quote else (today or clock.today()))
        self.expires, self.valid_until, validity = optional_date(
            "The quote is valid until",
            "Valid until",
            quote.valid_until if quote else None,
            to_date(self.received.date()),
        )
        self.deposit = QLineEdit(
            format_amount(quote.deposit_percent.normalize()) if quote and quote.deposit_percent else ""
        )
        self.deposit.setAccessibleName("Deposit percentage")
        self.deposit.setPlaceholderText("e.g. 10")
        self.deposit.setMaximumWidth(120)
        self.refund = note_box(
            "Refund terms",
            quote.refund_terms if quote else "",
            60,
            "When the deposit or payment is refunded, and how much",
        )
        self.note = QLineEdit(quote.note if quote else "")
        self.note.setAccessibleName("Quote note")

        self.form = CheckedForm()
        self.form.add_field("currency", "C&urrency:", self.currency, "Any ISO 4217 code, e.g. USD or KRW.")
        self.form.add_field("received_on", "&Received:", self.received)
        self.form.add_field("valid_until", "&Validity:", validity)
        self.form.add_field(
            "deposit", "&Deposit (%):", self.deposit, "Clinics often ask about 10% to book a date."
        )
        self.form.add_field("refund_terms", "Re&fund terms:", self.refund)
        self.form.add_field("note", "N&ote:", self.note)

        self.rows: list[QuoteLineEditor] = []
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(4)
        lines_widget = QWidget()
        lines_outer = QVBoxLayout(lines_widget)
        lines_outer.addWidget(_column_captions())
        lines_outer.addLayout(self.lines_box)
        lines_outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(lines_widget)
        scroll.setAccessibleName("Fee lines")
        self.add_line_button = QPushButton("&Add line")
        self.add_line_button.clicked.connect(lambda: self.add_line(None))
        self.add_categories_button = QPushButton("Add the articles' fee &categories")
        self.add_categories_button.setToolTip(
            "One line per category of the fee breakdown: surgeon, anesthesia, facility, tests, "
            "after-care, medications, supplies"
        )
        self.add_categories_button.clicked.connect(self.add_category_lines)
        self.lines_error = ErrorLabel("Lines")
        self.total = QLabel()
        self.total.setObjectName("heading2")
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.add_categories_button)
        line_buttons.addStretch(1)
        # On its own line: a total in won with its deposit is wider than the room beside the buttons.
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Quote from {clinic.name}", 2))
        layout.addLayout(self.form)
        lines_title = QLabel("<b>Lines</b> (leave a line's description and amount empty to skip it)")
        layout.addWidget(lines_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.lines_error)
        layout.addLayout(line_buttons)
        layout.addWidget(self.total)
        layout.addWidget(self.buttons)

        for line in quote.lines if quote else ():
            self.add_line(line)
        if not self.rows:
            self.add_category_lines()
        self.currency.currentTextChanged.connect(self.update_total)
        self.deposit.textChanged.connect(self.update_total)
        self.update_total()

    def add_line(self, line: QuoteLine | None) -> QuoteLineEditor:
        row = QuoteLineEditor(len(self.rows) + 1, self.categories, line)
        row.remove_requested.connect(self.remove_line)
        row.edited.connect(self.update_total)
        self.rows.append(row)
        self.lines_box.addWidget(row)
        return row

    def add_category_lines(self) -> None:
        used = {row.category.currentData() for row in self.rows}
        for category in self.categories:
            if category.id not in used:
                row = self.add_line(None)
                row.category.setCurrentIndex(row.category.findData(category.id))

    def remove_line(self, row: QuoteLineEditor) -> None:
        self.rows.remove(row)
        self.lines_box.removeWidget(row)
        row.deleteLater()
        for number, other in enumerate(self.rows, start=1):
            other.renumber(number)
        self.update_total()

    def draft(self) -> QuoteDraft:
        return QuoteDraft(
            clinic_id=self.clinic.id,
            currency=currency_code(self.currency),
            received_on=to_date(self.received.date()),
            valid_until=to_date(self.valid_until.date()) if self.expires.isChecked() else None,
            deposit=self.deposit.text(),
            refund_terms=self.refund.toPlainText(),
            note=self.note.text(),
            lines=tuple(row.draft() for row in self.rows),
        )

    def update_total(self) -> None:
        """The running total of the amounts that parse so far, and the deposit it implies."""
        code = currency_code(self.currency)
        total = Decimal(0)
        try:
            for row in self.rows:
                if row.amount.text().strip():
                    total += parse_amount(row.amount.text(), code)
            text = f"Total {format_money(total, code)}"
            percent = parse_percent(self.deposit.text())
            if percent is not None:
                text += f" · deposit {format_money(deposit_amount(total, percent, code), code)}"
        except MoneyError:
            text = "Total: check the amounts"
        self.total.setText(text)

    def accept(self) -> None:
        try:
            self.saved = save_quote(
                self.db, self.plan.id, self.draft(), self.quote.id if self.quote else None
            )
        except PlanFull as full:
            self.form.show_full(full)
            return
        except ValidationError as error:
            self.show_problems(error.errors)
            return
        super().accept()

    def show_problems(self, problems: dict[str, str]) -> None:
        self.form.show_problems(problems)
        self.lines_error.show_problem(problems.get("lines"))
        for number, row in enumerate(self.rows, start=1):
            messages = [
                problems[key] for key in (f"line{number}.label", f"line{number}.amount") if key in problems
            ]
            row.error.show_problem(" ".join(messages) or None)
