"""Two of a plan's quotes compared line by line, with the difference for each line."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from planner.clinics.compare import quote_comparison
from planner.clinics.quotes import Quote
from planner.ui.clinics.comparison_view import ComparisonView


class QuoteCompareDialog(QDialog):
    def __init__(
        self, quotes: list[Quote], first: Quote | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare quotes")
        self.resize(860, 560)
        self.quotes = quotes
        self.first = self._combo("First quote")
        self.second = self._combo("Second quote")
        start = quotes.index(first) if first in quotes else 0
        self.first.setCurrentIndex(start)
        self.second.setCurrentIndex(1 if start == 0 and len(quotes) > 1 else 0)
        self.note = QLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.view = ComparisonView("Quote comparison")
        form = QFormLayout()
        form.addRow("&First:", self.first)
        form.addRow("&Second:", self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.first.currentIndexChanged.connect(self.refresh)
        self.second.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for quote in self.quotes:
            combo.addItem(quote.title + (" (accepted)" if quote.accepted else ""), quote.id)
        return combo

    def refresh(self) -> None:
        if not self.quotes:
            return
        first = self.quotes[max(self.first.currentIndex(), 0)]
        second = self.quotes[max(self.second.currentIndex(), 0)]
        if first.currency != second.currency:
            self.note.setText(
                f"These quotes are in different currencies ({first.currency} and {second.currency}), "
                "so no differences are worked out."
            )
        else:
            self.note.setText(
                "Lines are matched by fee category, or else by description. Tinted rows differ."
            )
        self.view.set_rows(
            [first.clinic_name, second.clinic_name, "Difference"], quote_comparison(first, second)
        )
