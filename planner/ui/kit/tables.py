"""What every list-like table shares: a model holding the rows it is given, and a row view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The role under which every row model returns the row's object itself."""
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A table of rows it was given (never queried in `data`); subclasses say what each cell shows."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Row] = []

    def replace_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.data_at(index.row(), index.column(), role) if index.isValid() else None

    def data_at(self, row: int, column: int, role: int) -> Any:
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        return item if role == ROW_ROLE else self.cell(item, column, role)

    def cell(self, item: Row, column: int, role: int) -> Any:
        raise NotImplementedError


def row_table(model: QAbstractItemModel, name: str, several: bool = False) -> QTableView:
    """A read-only table that selects whole rows (one, or `several` with Ctrl and Shift). A model
    without a parent becomes the table's, so it is freed with the table (a dialog's model kept
    alive by a connection to its dialog would otherwise keep the closed dialog's Python side)."""
    table = QTableView()
    table.setModel(model)
    if model.parent() is None:
        model.setParent(table)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if several
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # arrows move within; Tab goes on to the next control
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setAlternatingRowColors(True)
    return table
