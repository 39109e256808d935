"""Appointments as Qt item models: a flat table for a step's page, and the itinerary's tree of
days, each day holding the appointments that start on it. Every time shows in Seoul and at home."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from planner.itinerary import Appointment, Day
from planner.itinerary_text import day_label, span_in, zone_label
from planner.journey import Stay
from planner.ui.tables import ROW_ROLE, Index, RowTableModel
from planner.zones import SEOUL

DAY_COLOUR = QColor("#1d3557")
DAY_ROLE = Qt.ItemDataRole.UserRole + 2
"""The role under which a day row returns its date."""
MIME_TYPE = "application/x-patient-journey-appointment"


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class StepAppointmentsModel(RowTableModel[Appointment]):
    """One step's appointments: the day, Seoul and home times, what and where."""

    HEADERS: ClassVar[tuple[str, ...]] = ("Seoul", "Home", "What")

    def __init__(self) -> None:
        super().__init__()
        self.home_zone = SEOUL

    def set_appointments(self, appointments: Sequence[Appointment], home_zone: str) -> None:
        self.home_zone = home_zone
        self.replace_rows(appointments)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 1:
            return zone_label(self.home_zone)
        return super().headerData(section, orientation, role)

    def cell(self, item: Appointment, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return span_in(item, SEOUL)
        if column == 1:
            return span_in(item, self.home_zone)
        if column == 2:
            if role == Qt.ItemDataRole.DisplayRole:
                return item.title
            return "\n".join(
                p for p in (f"{item.kind_name}: {item.title}", item.location, item.note[:300]) if p
            )
        return None


NO_PARENT = 0xFFFFFFFF
"""The internal id of a day row; an appointment row's internal id is its day's row."""


class ItineraryModel(QAbstractItemModel):
    """Days (top level, the first column spanning the row) and their appointments."""

    HEADERS: ClassVar[tuple[str, ...]] = ("Seoul", "Home", "What", "Kind", "Where", "Step")
    move_requested = Signal(int, object)
    """An appointment was dragged onto a day: (appointment id, the day as a date)."""

    def __init__(self) -> None:
        super().__init__()
        self.days: list[Day] = []
        self.labels: list[str] = []
        self.home_zone = SEOUL
        self.steps: dict[str, str] = {}

    def set_days(self, days: list[Day], stay: Stay, home_zone: str, steps: dict[str, str]) -> None:
        self.beginResetModel()
        self.days, self.home_zone, self.steps = days, home_zone, steps
        self.labels = [day_label(d.day, stay, stay.treatment) for d in days]
        self.endResetModel()

    # --- structure ------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.internalId() != NO_PARENT:
                return QModelIndex()
            day = parent.row()
            if 0 <= row < len(self.days[day].appointments) and 0 <= column < len(self.HEADERS):
                return self.createIndex(row, column, day)
            return QModelIndex()
        if 0 <= row < len(self.days) and 0 <= column < len(self.HEADERS):
            return self.createIndex(row, column, NO_PARENT)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.days)
        if parent.internalId() == NO_PARENT and parent.column() == 0:
            return len(self.days[parent.row()].appointments)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 1:
            return f"Home ({zone_label(self.home_zone)})"
        return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None

    # --- content --------------------------------------------------------------------------
    def appointment_at(self, index: Index) -> Appointment | None:
        if not index.isValid() or index.internalId() == NO_PARENT:
            return None
        return self.days[int(index.internalId())].appointments[index.row()]

    def index_of(self, appointment_id: int) -> QModelIndex:
        for day_row, day in enumerate(self.days):
            for row, appointment in enumerate(day.appointments):
                if appointment.id == appointment_id:
                    return self.index(row, 0, self.index(day_row, 0))
        return QModelIndex()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == NO_PARENT:
            return self._day_data(index.row(), index.column(), role)
        appointment = self.days[int(index.internalId())].appointments[index.row()]
        if role == ROW_ROLE:
            return appointment
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        day = self.days[int(index.internalId())].day
        column = index.column()
        if column == 0:
            return span_in(appointment, SEOUL, day)
        if column == 1:
            return span_in(appointment, self.home_zone, day)
        if column == 2:
            if role == Qt.ItemDataRole.ToolTipRole and appointment.note:
                return f"{appointment.title}\n{appointment.note[:500]}"
            return appointment.title
        if column == 3:
            return appointment.kind_name
        if column == 4:
            return appointment.location
        if column == 5:
            return self.steps.get(appointment.step_id, appointment.step_id)
        return None

    def _day_data(self, row: int, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            count = len(self.days[row].appointments)
            return f"{self.labels[row]}  ({count} appointment{'s' if count != 1 else ''})"
        if role == DAY_ROLE:
            return self.days[row].day
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
        if role == Qt.ItemDataRole.ForegroundRole:
            return DAY_COLOUR
        return None

    # --- dragging an appointment onto another day ----------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid() and index.internalId() != NO_PARENT:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        for index in indexes:
            if (appointment := self.appointment_at(index)) is not None:
                data.setData(MIME_TYPE, QByteArray(str(appointment.id).encode()))
                break
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask the page to move the dropped appointment to the day it was dropped on (a day row,
        or any appointment of that day); the page saves and reloads, so nothing moves here."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        text = bytes(data.data(MIME_TYPE).data()).decode()
        if not text.isdigit() or not parent.isValid():
            return False
        day_row = parent.row() if parent.internalId() == NO_PARENT else int(parent.internalId())
        target: date = self.days[day_row].day
        self.move_requested.emit(int(text), target)
        return False
