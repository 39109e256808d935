"""Things side by side: a column each, a row per fact; rows whose values differ are tinted,
and a box hides the rows that are the same everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from planner.clinics.compare import ComparedFact

Index = QModelIndex | QPersistentModelIndex
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 1
DIFFERENT_BACKGROUND = QColor("#fff4d6")


class ComparisonModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._headers: list[str] = []
        self._rows: list[ComparedFact] = []

    def set_rows(self, headers: Sequence[str], rows: Sequence[ComparedFact]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return self._rows[section].label
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if not 0 <= index.column() < len(row.values):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.BackgroundRole and row.differs:
            return DIFFERENT_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and row.group == "Totals":
            font = QFont()
            font.setBold(True)
            return font
        if role == DIFFERS_ROLE:
            return row.differs
        return None


class DifferencesOnly(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self._only = False

    def set_only_differences(self, only: bool) -> None:
        self.beginFilterChange()
        self._only = only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._only:
            return True
        model = self.sourceModel()
        return bool(model.data(model.index(source_row, 0, source_parent), DIFFERS_ROLE))


class ComparisonView(QWidget):
    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ComparisonModel()
        self.proxy = DifferencesOnly()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(accessible_name)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        vertical.setMaximumWidth(260)
        self.only_differences = QCheckBox("Show only the rows that differ (tinted)")
        self.only_differences.toggled.connect(self.proxy.set_only_differences)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.only_differences)
        layout.addWidget(self.table, 1)

    def set_rows(self, headers: Sequence[str], rows: Sequence[ComparedFact]) -> None:
        self.model.set_rows(headers, rows)
