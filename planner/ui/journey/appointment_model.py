"""Appointments as Qt item models: a flat table for a step's page, and the itinerary's day-by-day
table, each day's header followed by the appointments that start on it, times in Seoul and at home."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from planner.core.dates import weekday_date, weekday_day_month
from planner.core.zones import SEOUL
from planner.journey.itinerary import Appointment, Day
from planner.journey.itinerary_text import day_label, span_in, zone_label
from planner.journey.rules import Stay
from planner.ui.kit.tables import ROW_ROLE, Index, RowTableModel

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

    HEADERS: ClassVar[tuple[str, ...]] = ("Day", "Seoul", "Home", "What")

    def __init__(self) -> None:
        super().__init__()
        self.home_zone = SEOUL

    def set_appointments(self, appointments: Sequence[Appointment], home_zone: str) -> None:
        self.home_zone = home_zone
        self.replace_rows(appointments)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 2:
            return zone_label(self.home_zone)
        return super().headerData(section, orientation, role)

    def cell(self, item: Appointment, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        day = item.start.date()
        if column == 0:
            return weekday_day_month(day)
        if column == 1:
            return span_in(item, SEOUL, day)
        if column == 2:
            return span_in(item, self.home_zone, day)
        if column == 3:
            if role == Qt.ItemDataRole.DisplayRole:
                return item.title
            return "\n".join(
                p for p in (f"{item.kind_name}: {item.title}", item.location, item.note[:300]) if p
            )
        return None


DAY_BACKGROUND = QColor("#e3eaf2")


@dataclass(frozen=True, slots=True)
class DayHeader:
    """The row that opens a day of the itinerary."""

    day: date
    count: int


class ItineraryModel(RowTableModel[DayHeader | Appointment]):
    """The itinerary as one flat table: each day's header row, then its appointments. (A flat
    table redraws thousands of rows much faster than a tree of days.)"""

    HEADERS: ClassVar[tuple[str, ...]] = ("Seoul", "Home", "What", "Kind", "Where", "Step")
    move_requested = Signal(int, object)
    """An appointment was dragged onto a day: (appointment id, the day as a date)."""

    def __init__(self) -> None:
        super().__init__()
        self.home_zone = SEOUL
        self.steps: dict[str, str] = {}
        self.row_day: list[date] = []
        """The day each row belongs to."""
        self.stay = Stay(date.min, date.min)
        self._bold = _bold()

    def set_days(self, days: list[Day], stay: Stay, home_zone: str, steps: dict[str, str]) -> None:
        self.home_zone, self.steps, self.stay = home_zone, steps, stay
        rows: list[DayHeader | Appointment] = []
        row_day: list[date] = []
        for day in days:
            rows.append(DayHeader(day.day, len(day.appointments)))
            rows.extend(day.appointments)
            row_day.extend([day.day] * (len(day.appointments) + 1))
        self.row_day = row_day
        self.replace_rows(rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section == 1:
            return f"Home ({zone_label(self.home_zone)})"
        return super().headerData(section, orientation, role)

    def row_of(self, appointment_id: int) -> int:
        return next(
            (
                n
                for n, row in enumerate(self.rows)
                if isinstance(row, Appointment) and row.id == appointment_id
            ),
            -1,
        )

    ANSWERED = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            DAY_ROLE,
            ROW_ROLE,
        }
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self.ANSWERED or not index.isValid():
            return None
        if role == DAY_ROLE:
            return self.row_day[index.row()]
        return super().data(index, role)

    def cell(self, item: DayHeader | Appointment, column: int, role: int) -> Any:
        if isinstance(item, DayHeader):
            return self._day_cell(item, column, role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        day = item.start.date()
        if column == 0:
            return span_in(item, SEOUL, day)
        if column == 1:
            return span_in(item, self.home_zone, day)
        if column == 2:
            if role == Qt.ItemDataRole.ToolTipRole and item.note:
                return f"{item.title}\n{item.note[:500]}"
            return item.title
        if column == 3:
            return item.kind_name
        if column == 4:
            return item.location
        if column == 5:
            return self.steps.get(item.step_id, item.step_id)
        return None

    def _day_cell(self, header: DayHeader, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return DAY_BACKGROUND
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return DAY_COLOUR
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return weekday_date(header.day)
        if column == 2:
            what = day_label(header.day, self.stay, self.stay.treatment).split(" — ", 1)[-1]
            return (
                f"{what[:1].upper()}{what[1:]} · {header.count} appointment{'s' if header.count != 1 else ''}"
            )
        return None

    # --- dragging an appointment onto another day ----------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid() and isinstance(self.rows[index.row()], Appointment):
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        for index in indexes:
            if index.isValid() and isinstance(item := self.rows[index.row()], Appointment):
                data.setData(MIME_TYPE, QByteArray(str(item.id).encode()))
                break
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask the page to move the dropped appointment to the day it was dropped on (its header
        or any of its appointments); the page saves and reloads, so nothing moves here."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        text = bytes(data.data(MIME_TYPE).data()).decode()
        target_row = parent.row() if parent.isValid() else row
        if not text.isdigit() or not 0 <= target_row < len(self.row_day):
            return False
        self.move_requested.emit(int(text), self.row_day[target_row])
        return False
