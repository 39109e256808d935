"""A plan's quotes as a table: clinic, received, total, deposit, valid until, status."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.compare import deposit_summary
from planner.money import format_money
from planner.quotes import Quote

QUOTE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Clinic", "Received", "Total", "Deposit", "Valid until", "Status")


def quote_status(quote: Quote, today: date) -> str:
    if quote.accepted:
        return "Accepted"
    if quote.valid_until is not None and quote.valid_until < today:
        return "Expired"
    return ""


class QuoteModel(QAbstractTableModel):
    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self._quotes: list[Quote] = []
        self._today = today or date.today()

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.beginResetModel()
        self._quotes = list(quotes)
        self.endResetModel()

    @property
    def quotes(self) -> list[Quote]:
        return self._quotes

    def row_of(self, quote_id: int) -> int:
        return next((i for i, q in enumerate(self._quotes) if q.id == quote_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._quotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def _text(self, quote: Quote, column: int) -> str:
        if column == 0:
            return quote.clinic_name
        if column == 1:
            return f"{quote.received_on:%d %b %Y}"
        if column == 2:
            return format_money(quote.total, quote.currency)
        if column == 3:
            return deposit_summary(quote)
        if column == 4:
            return f"{quote.valid_until:%d %b %Y}" if quote.valid_until else ""
        return quote_status(quote, self._today)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._quotes):
            return None
        quote = self._quotes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(quote, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == QUOTE_ROLE:
            return quote
        return None
