"""A plan's quotes as a table: clinic, received, total, deposit, valid until, status."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from planner.clinics.compare import deposit_summary
from planner.clinics.quotes import Quote
from planner.core import clock
from planner.core.dates import day_month_year
from planner.core.money import format_money
from planner.ui.kit.tables import ROW_ROLE, RowTableModel

QUOTE_ROLE = ROW_ROLE


def quote_status(quote: Quote, today: date) -> str:
    if quote.accepted:
        return "Accepted"
    if quote.valid_until is not None and quote.valid_until < today:
        return "Expired"
    return ""


class QuoteModel(RowTableModel[Quote]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Clinic", "Received", "Total", "Deposit", "Valid until", "Status")

    def __init__(self, today: date | None = None) -> None:
        super().__init__()
        self._today = today or clock.today()

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.replace_rows(quotes)

    @property
    def quotes(self) -> list[Quote]:
        return self.rows

    def row_of(self, quote_id: int) -> int:
        return next((i for i, q in enumerate(self.rows) if q.id == quote_id), -1)

    def _text(self, quote: Quote, column: int) -> str:
        if column == 0:
            return quote.clinic_name
        if column == 1:
            return day_month_year(quote.received_on)
        if column == 2:
            return format_money(quote.total, quote.currency)
        if column == 3:
            return deposit_summary(quote)
        if column == 4:
            return day_month_year(quote.valid_until) if quote.valid_until else ""
        return quote_status(quote, self._today)

    def cell(self, item: Quote, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
