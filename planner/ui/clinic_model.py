"""The clinic list (name, district, rating, status) and the proxy showing the clinics a query kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from planner.clinics import Clinic
from planner.compare import stars

CLINIC_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Clinic", "District", "Rating", "For this plan")


class ClinicModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._clinics: list[Clinic] = []
        self._shortlisted: frozenset[int] = frozenset()
        self._chosen: int | None = None

    def set_clinics(self, clinics: list[Clinic], shortlisted: frozenset[int], chosen: int | None) -> None:
        self.beginResetModel()
        self._clinics = list(clinics)
        self._shortlisted = shortlisted
        self._chosen = chosen
        self.endResetModel()

    @property
    def clinics(self) -> list[Clinic]:
        return self._clinics

    @property
    def shortlisted(self) -> frozenset[int]:
        return self._shortlisted

    @property
    def chosen(self) -> int | None:
        return self._chosen

    def row_of(self, clinic_id: int) -> int:
        return next((i for i, c in enumerate(self._clinics) if c.id == clinic_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clinics)

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clinics):
            return None
        clinic = self._clinics[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return clinic.name
            if column == 1:
                return clinic.district
            if column == 2:
                return "" if clinic.rating is None else "★" * clinic.rating
            return self.status(clinic)
        if role == Qt.ItemDataRole.ToolTipRole:
            return stars(clinic.rating) if column == 2 else clinic.name
        if role == Qt.ItemDataRole.FontRole and column == 0 and clinic.id == self._chosen:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and clinic.hidden:
            return QColor("#8a949c")
        if role == CLINIC_ROLE:
            return clinic
        return None


class ClinicFilter(QSortFilterProxyModel):
    """Shows the clinics whose ids it was given (computed in one pass by `filter_clinics`)."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: frozenset[int] | None = None

    def set_shown(self, ids: frozenset[int] | None) -> None:
        """None shows every clinic."""
        self.beginFilterChange()
        self._shown = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._shown is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, ClinicModel)
        return model.clinics[source_row].id in self._shown
