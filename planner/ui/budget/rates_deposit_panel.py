"""The deposit (how much, due when, paid or not) and the exchange rates the person entered."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.budget.deposit import DepositDraft, deposit_state
from planner.budget.service import BudgetData, StoredRate, add_rate, delete_rate, save_deposit
from planner.budget.summary_service import DepositProposal
from planner.core.dates import day_month_year
from planner.core.money import format_amount
from planner.core.validation import ValidationError
from planner.ui.kit.forms import (
    CheckedForm,
    currency_code,
    currency_combo,
    date_edit,
    optional_date,
    to_date,
    to_qdate,
)
from planner.ui.kit.panel import Panel
from planner.ui.kit.tables import ROW_ROLE, RowTableModel, row_table
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import ErrorLabel


class RateModel(RowTableModel[StoredRate]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Date", "Rate")

    def cell(self, item: StoredRate, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            rate = item.rate
            return (
                day_month_year(rate.on)
                if column == 0
                else f"1 {rate.base} = {format_amount(rate.rate)} {rate.quote}"
            )
        return None


class RatesDepositPanel(Panel):
    today = ClockToday()
    changed = Signal()

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_today = today
        self.data: BudgetData | None = None
        self.proposal: DepositProposal | None = None
        self.last_filled = 0
        """How many expense lines the last rate entered gave a conversion."""

        # deposit
        self.proposal_label = QLabel()
        self.proposal_label.setObjectName("hint")
        self.proposal_label.setWordWrap(True)
        self.percent = QLineEdit()
        self.percent.setAccessibleName("Deposit percentage")
        self.percent.setMaximumWidth(100)
        self.amount = QLineEdit()
        self.amount.setAccessibleName("Deposit amount")
        self.amount.setMaximumWidth(160)
        self.use_proposal = QPushButton("Use the proposa&l")
        self.use_proposal.clicked.connect(self._fill_proposal)
        amount_row = QWidget()
        amount_layout = QHBoxLayout(amount_row)
        amount_layout.setContentsMargins(0, 0, 0, 0)
        amount_layout.addWidget(self.amount)
        amount_layout.addWidget(self.use_proposal)
        amount_layout.addStretch(1)
        self.currency = currency_combo("Deposit currency", "USD")
        self.currency.setMaximumWidth(260)
        self.has_due, self.due_on, due_row = optional_date("Due on", "Deposit due date", None, self.today)
        self.is_paid, self.paid_on, paid_row = optional_date("Paid on", "Deposit paid date", None, self.today)
        self.state = QLabel()
        self.state.setStyleSheet("font-weight: 600;")
        self.state.setWordWrap(True)
        self.save_deposit_button = QPushButton("&Save deposit")
        self.save_deposit_button.setObjectName("primary")
        self.save_deposit_button.clicked.connect(self.save_deposit)
        self.deposit_form = CheckedForm()
        self.deposit_form.add_field("percent", "Perce&nt:", self.percent)
        self.deposit_form.add_field("amount", "A&mount:", amount_row)
        self.deposit_form.add_field("currency", "Currenc&y:", self.currency)
        self.deposit_form.add_field("due_on", "D&ue:", due_row)
        self.deposit_form.add_field("paid_on", "Pa&id:", paid_row)
        deposit_box = QGroupBox("Deposit to book the treatment")
        deposit_layout = QVBoxLayout(deposit_box)
        deposit_layout.addWidget(self.proposal_label)
        deposit_layout.addLayout(self.deposit_form)
        deposit_layout.addWidget(self.state)
        deposit_layout.addWidget(self.save_deposit_button, 0, Qt.AlignmentFlag.AlignLeft)
        deposit_layout.addStretch(1)

        # rates
        self.rates_model = RateModel()
        self.rates_table = row_table(self.rates_model, "Exchange rates")
        self.rates_table.horizontalHeader().resizeSection(0, 110)
        self.rates_table.horizontalHeader().setStretchLastSection(True)
        self.rates_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.rates_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.base = currency_combo("Rate from currency", "USD")
        self.rate = QLineEdit()
        self.rate.setAccessibleName("Rate")
        self.rate.setPlaceholderText("e.g. 1,380")
        self.rate.setMinimumWidth(120)
        self.quote = currency_combo("Rate to currency", "KRW")
        self.rate_day = date_edit("Rate date", self.today)
        self.rate_day.setMaximumWidth(160)
        self.add_rate_button = QPushButton("A&dd rate")
        self.add_rate_button.clicked.connect(self.add_rate)
        self.delete_rate_button = QPushButton("Delete rate")
        self.delete_rate_button.clicked.connect(self.delete_rate)
        self.rate_form = CheckedForm()
        one_row = QWidget()
        one_layout = QHBoxLayout(one_row)
        one_layout.setContentsMargins(0, 0, 0, 0)
        one_layout.addWidget(QLabel("1"))
        one_layout.addWidget(self.base, 1)
        one_layout.addWidget(QLabel("="))
        one_layout.addWidget(self.rate, 1)
        one_layout.addWidget(self.quote, 1)
        self.rate_form.add_field("rate", "R&ate:", one_row)
        self.rate_form.add_field("on", "&On:", self.rate_day)
        self.rate_errors = {key: ErrorLabel(key) for key in ("base", "quote")}
        rates_box = QGroupBox("Exchange rates you entered")
        rates_layout = QVBoxLayout(rates_box)
        hint = QLabel(
            "The app is offline: type the rates your bank or a currency site shows. Each expense keeps "
            "the rate it was converted with, so a newer rate never changes a past amount; it only "
            "converts lines that had no rate yet."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        rates_layout.addWidget(hint)
        rates_layout.addLayout(self.rate_form)
        for label in self.rate_errors.values():
            rates_layout.addWidget(label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_rate_button)
        buttons.addWidget(self.delete_rate_button)
        buttons.addStretch(1)
        rates_layout.addLayout(buttons)
        rates_layout.addWidget(self.rates_table, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(deposit_box, 1)
        layout.addWidget(rates_box, 1)
        self._update_buttons()

    def show_data(self, data: BudgetData | None, proposal: DepositProposal | None) -> None:
        self.data, self.proposal = data, proposal
        self.rates_model.replace_rows(data.rates if data else [])
        if proposal is None:
            self.proposal_label.setText(
                "Accept a quote or keep a treatment line in the estimate to get a proposal."
            )
        else:
            amount = format_amount(proposal.low)
            if proposal.high != proposal.low:
                amount += f"–{format_amount(proposal.high)}"
            self.proposal_label.setText(f"Proposed: {amount} {proposal.currency}, {proposal.basis}.")
        deposit = data.deposit if data else None
        self.percent.setText(
            format_amount(deposit.percent) if deposit and deposit.percent is not None else ""
        )
        self.amount.setText(format_amount(deposit.amount) if deposit and deposit.amount is not None else "")
        currency = deposit.currency if deposit else (proposal.currency if proposal else "USD")
        self.currency.setCurrentIndex(self.currency.findData(currency))
        self.has_due.setChecked(bool(deposit and deposit.due_on))
        self.is_paid.setChecked(bool(deposit and deposit.paid_on))
        if deposit and deposit.due_on:
            self.due_on.setDate(to_qdate(deposit.due_on))
        if deposit and deposit.paid_on:
            self.paid_on.setDate(to_qdate(deposit.paid_on))
        self.state.setText(deposit_state(deposit, self.today) if deposit else "No deposit recorded yet.")
        if deposit is None and proposal is not None:
            self._fill_proposal()
        self.deposit_form.show_problems({})
        self._update_buttons()

    def _fill_proposal(self) -> None:
        if self.proposal is None:
            return
        self.percent.setText(format_amount(self.proposal.percent))
        self.amount.setText(format_amount(self.proposal.high))
        self.currency.setCurrentIndex(self.currency.findData(self.proposal.currency))

    def _update_buttons(self) -> None:
        ready = self.data is not None
        for widget in (self.save_deposit_button, self.add_rate_button, self.use_proposal):
            widget.setEnabled(ready)
        self.use_proposal.setEnabled(ready and self.proposal is not None)
        self.delete_rate_button.setEnabled(bool(self.rates_table.selectionModel().selectedRows()))

    def save_deposit(self) -> None:
        if self.data is None:
            return
        draft = DepositDraft(
            self.percent.text(),
            self.amount.text(),
            currency_code(self.currency),
            to_date(self.due_on.date()) if self.has_due.isChecked() else None,
            to_date(self.paid_on.date()) if self.is_paid.isChecked() else None,
        )
        try:
            save_deposit(self.db, self.data.plan.id, draft, self.today)
        except ValidationError as error:
            self.deposit_form.show_problems(error.errors)
            return
        self.changed.emit()

    def add_rate(self) -> None:
        if self.data is None:
            return
        try:
            _stored, filled = add_rate(
                self.db,
                self.data.plan.id,
                currency_code(self.base),
                currency_code(self.quote),
                self.rate.text(),
                to_date(self.rate_day.date()),
                self.today,
            )
        except ValidationError as error:
            self.rate_form.show_problems(error.errors)
            for key, label in self.rate_errors.items():
                label.show_problem(error.errors.get(key))
            return
        self.rate_form.show_problems({})
        for label in self.rate_errors.values():
            label.show_problem(None)
        self.rate.clear()
        self.rate_day.setDate(to_qdate(self.today))
        self.last_filled = filled
        self.changed.emit()

    def delete_rate(self) -> None:
        rows = self.rates_table.selectionModel().selectedRows()
        stored = rows[0].data(ROW_ROLE) if rows else None
        if not isinstance(stored, StoredRate) or self.data is None:
            return
        delete_rate(self.db, self.data.plan.id, stored.id)
        self.changed.emit()
