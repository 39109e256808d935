"""The top of the budget page: totals in the home currency, USD and KRW with the rates they
used, what is left of the budget limit, and the warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.budget.estimate import RangeTotal
from planner.budget.rules import LimitStatus, Total, left_words
from planner.budget.text import describe_factors, money_range
from planner.core.money import format_money

WARNING_NAMES = {"over": "warningOver", "near": "warningNear", "incomplete": "warningIncomplete"}


def _label(name: str = "", selectable: bool = True) -> QLabel:
    label = QLabel()
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class TotalsCard(QFrame):
    """One currency: planned, paid, the estimate's range, and the rates used."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("totalsCard")
        self.title = _label("cardTitle")
        self.planned = _label("cardAmount")
        self.paid = _label()
        self.estimate = _label()
        self.rates = _label("hint")
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.title, 0, 0, 1, 2)
        for row, (caption, value) in enumerate(
            (("Planned", self.planned), ("Paid", self.paid), ("Estimate", self.estimate)), start=1
        ):
            text = QLabel(caption)
            text.setObjectName("hint")
            grid.addWidget(text, row, 0)
            grid.addWidget(value, row, 1)
        grid.addWidget(self.rates, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def show_total(self, total: Total, estimate: RangeTotal | None, home: bool) -> None:
        self.title.setText(f"In {total.currency}{' (home)' if home else ''}")
        self.setAccessibleName(f"Totals in {total.currency}")
        self.planned.setText(format_money(total.planned, total.currency))
        self.paid.setText(format_money(total.actual, total.currency))
        if estimate is None:
            self.estimate.setText("")
        elif estimate.missing:
            self.estimate.setText(f"needs a rate from {', '.join(sorted(estimate.missing))}")
        else:
            self.estimate.setText(money_range(estimate.low, estimate.high, estimate.currency))
        notes = []
        if total.missing:
            notes.append(
                f"{total.missing:,} line{'s' if total.missing != 1 else ''} without a rate left out."
            )
        used = describe_factors(total.currency, total.rates)
        if used:
            notes.append(f"Rates used: {used}.")
        elif not total.missing:  # with lines left out for want of a rate, a conversion is needed
            notes.append("No conversion needed yet.")
        self.rates.setText(" ".join(notes))


class BudgetSummaryBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[TotalsCard] = []
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(10)
        self.limit = _label()
        self.limit.setAccessibleName("Budget limit")
        self.warnings_box = QVBoxLayout()
        self.warnings_box.setSpacing(4)
        self.warning_labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.cards_row)
        layout.addWidget(self.limit)
        layout.addLayout(self.warnings_box)

    def show_summary(self, totals: list[Total], ranges: list[RangeTotal], limit: LimitStatus) -> None:
        while len(self.cards) < len(totals):
            card = TotalsCard()
            self.cards.append(card)
            self.cards_row.addWidget(card, 1)
        by_currency = {r.currency: r for r in ranges}
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(totals))
            if index < len(totals):
                card.show_total(totals[index], by_currency.get(totals[index].currency), index == 0)
        home = totals[0]
        if limit.limit is None:
            self.limit.setText("No budget limit set for this plan.")
        else:
            assert limit.remaining_planned is not None and limit.remaining_actual is not None
            self.limit.setText(
                f"<b>Budget limit {format_money(limit.limit, home.currency)}</b> — "
                f"left after planned costs: {left_words(limit.remaining_planned, home.currency)}; "
                f"left after payments so far: {left_words(limit.remaining_actual, home.currency)}"
            )
        self._show_warnings([(w.level, w.text) for w in limit.warnings])

    def _show_warnings(self, warnings: list[tuple[str, str]]) -> None:
        while len(self.warning_labels) < len(warnings):
            label = _label()
            label.setAccessibleName("Budget warning")
            self.warning_labels.append(label)
            self.warnings_box.addWidget(label)
        for index, label in enumerate(self.warning_labels):
            if index < len(warnings):
                level, text = warnings[index]
                label.setObjectName(WARNING_NAMES[level])
                label.style().unpolish(label)
                label.style().polish(label)
                label.setText(("⚠ " if level == "over" else "") + text)
            label.setVisible(index < len(warnings))

    def clear(self) -> None:
        for card in self.cards:
            card.hide()
        self.limit.clear()
        self._show_warnings([])

    def warning_texts(self) -> list[str]:
        return [label.text() for label in self.warning_labels if not label.isHidden()]
