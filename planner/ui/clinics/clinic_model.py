"""The clinic list (name, district, rating, status) and the proxy showing the clinics a query kept."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from planner.clinics.compare import stars
from planner.clinics.rules import Clinic
from planner.ui.kit.tables import ROW_ROLE, Index, RowTableModel

CLINIC_ROLE = ROW_ROLE


class ClinicModel(RowTableModel[Clinic]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Clinic", "District", "Rating", "For this plan")

    def __init__(self) -> None:
        super().__init__()
        self._shortlisted: frozenset[int] = frozenset()
        self._chosen: int | None = None

    def set_clinics(self, clinics: list[Clinic], shortlisted: frozenset[int], chosen: int | None) -> None:
        self._shortlisted = shortlisted
        self._chosen = chosen
        self.replace_rows(clinics)

    @property
    def clinics(self) -> list[Clinic]:
        return self.rows

    @property
    def shortlisted(self) -> frozenset[int]:
        return self._shortlisted

    @property
    def chosen(self) -> int | None:
        return self._chosen

    def row_of(self, clinic_id: int) -> int:
        return next((i for i, c in enumerate(self.rows) if c.id == clinic_id), -1)

    def status(self, clinic: Clinic) -> str:
        parts = []
        if clinic.id == self._chosen:
            parts.append("Chosen")
        elif clinic.id in self._shortlisted:
            parts.append("Shortlisted")
        if clinic.own:
            parts.append("Your own")
        if clinic.hidden:
            parts.append("Hidden")
        return ", ".join(parts)

    def cell(self, item: Clinic, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.name
            if column == 1:
                return item.district
            if column == 2:
                return "" if item.rating is None else "★" * item.rating
            return self.status(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole text of a cell the narrow list pane cuts short.
            return (item.name, item.district, stars(item.rating), self.status(item))[column]
        if role == Qt.ItemDataRole.FontRole and column == 0 and item.id == self._chosen:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and item.hidden:
            return QColor("#8a949c")
        return None


class ClinicFilter(QAbstractProxyModel):
    """A filter proxy showing the clinics whose ids it was given (computed by `filter_clinics`).

    Not a QSortFilterProxyModel: that one calls back into Python once per clinic on every
    change, which with thousands of clinics costs more than a frame. Here a change is one list
    of source rows and one reset.
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[int] = []
        self._position: dict[int, int] = {}
        self._ids: frozenset[int] | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        assert isinstance(model, ClinicModel)
        self.beginResetModel()
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._source_reset)
        self._map()
        self.endResetModel()

    def _source_reset(self) -> None:
        self._map()
        self.endResetModel()

    def _map(self) -> None:
        model = self.sourceModel()
        clinics = model.clinics if isinstance(model, ClinicModel) else []
        ids = self._ids
        self._rows = [row for row, c in enumerate(clinics) if ids is None or c.id in ids]
        self._position = {source: row for row, source in enumerate(self._rows)}

    def set_shown(self, ids: frozenset[int] | None) -> None:
        """None shows every clinic."""
        self.beginResetModel()
        self._ids = ids
        self._map()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._rows) or not 0 <= column < self.columnCount():
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, index: Index) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:
        model = self.sourceModel()
        if model is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return model.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:
        row = self._position.get(source_index.row()) if source_index.isValid() else None
        return QModelIndex() if row is None else self.index(row, source_index.column())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Straight to the source row: the default would call mapToSource for every cell and role.
        model = self.sourceModel()
        if (
            not index.isValid()
            or not isinstance(model, ClinicModel)
            or not 0 <= index.row() < len(self._rows)
        ):
            return None
        return model.data_at(self._rows[index.row()], index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        if model is None or orientation == Qt.Orientation.Vertical:
            return None
        return model.headerData(section, orientation, role)
