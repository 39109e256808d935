"""Learn entries as a table (topic, item) and the proxy that searches them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from planner.services.learn import LearnEntry, matches

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Topic", "Item")


class LearnModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[LearnEntry] = []

    def set_entries(self, entries: list[LearnEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 2
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.section_name if index.column() == 0 else entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.section_name}: {entry.title}"
        if role == ENTRY_ROLE:
            return entry
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
