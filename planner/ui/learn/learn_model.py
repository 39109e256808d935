"""Learn entries as a table (topic, item) and the proxy that searches them."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt

from planner.reference.learn_service import LearnEntry, matches
from planner.ui.kit.tables import ROW_ROLE, Index, RowTableModel

ENTRY_ROLE = ROW_ROLE


class LearnModel(RowTableModel[LearnEntry]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Topic", "Item")

    def set_entries(self, entries: list[LearnEntry]) -> None:
        self.replace_rows(entries)

    def cell(self, item: LearnEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.section_name if column == 0 else item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.section_name}: {item.title}"
        return None


class LearnFilter(QSortFilterProxyModel):
    """Keeps the entries whose text holds every word typed (any order, any case)."""

    def __init__(self) -> None:
        super().__init__()
        self._query = ""

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._query.strip():
            return True
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), ENTRY_ROLE)
        return isinstance(entry, LearnEntry) and matches(entry.search_text, self._query)
