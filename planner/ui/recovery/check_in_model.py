"""The check-ins as a table: the schedule's points from the baseline to 12 months, each with its due
day and the day it was done, then the patient's own check-ins; a short summary of the answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from planner.core.dates import day_month_year, weekday_date
from planner.recovery.checkins import POINT_IDS, point_named
from planner.recovery.model import CheckIn, Recovery
from planner.ui.kit.tables import RowTableModel
from planner.ui.recovery.recovery_text import check_in_summary

OWN = "Your own"
OVERDUE_COLOUR = QColor("#b00020")
POINT, DUE, DONE, SUMMARY = range(4)


@dataclass(frozen=True, slots=True)
class CheckInLine:
    """One row: a point of the schedule (answered or not) or a check-in of the patient's own."""

    label: str
    point_id: str
    due: date | None
    check_in: CheckIn | None


def check_in_lines(recovery: Recovery) -> list[CheckInLine]:
    by_point = {c.point_id: c for c in recovery.check_ins if c.point_id}
    lines = [
        CheckInLine(s.point.label, s.point.id, s.due, by_point.get(s.point.id)) for s in recovery.schedule
    ]
    scheduled = {s.point.id for s in recovery.schedule}
    for check_in in recovery.check_ins:  # in date order
        if check_in.point_id in scheduled:
            continue
        known = check_in.point_id in POINT_IDS
        label = point_named(check_in.point_id).label if known else OWN
        lines.append(CheckInLine(label, check_in.point_id, None, check_in))
    return lines


class CheckInModel(RowTableModel[CheckInLine]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Check-in", "Due", "Done on", "Your answers")

    def __init__(self) -> None:
        super().__init__()
        self.recovery: Recovery | None = None
        self.today = date.min

    def set_recovery(self, recovery: Recovery | None, today: date) -> None:
        self.recovery, self.today = recovery, today
        self.replace_rows(check_in_lines(recovery) if recovery else [])

    def row_of_check_in(self, check_in_id: int) -> int:
        return next(
            (i for i, line in enumerate(self.rows) if line.check_in and line.check_in.id == check_in_id), -1
        )

    def row_of_point(self, point_id: str) -> int:
        return next((i for i, line in enumerate(self.rows) if line.point_id == point_id and point_id), -1)

    def _overdue(self, line: CheckInLine) -> bool:
        return line.check_in is None and line.due is not None and line.due < self.today

    def _done(self, line: CheckInLine) -> str:
        if line.check_in is not None:
            return day_month_year(line.check_in.taken_on)
        if line.due is None:
            return ""
        if line.due < self.today:
            return "Overdue"
        return "Due today" if line.due == self.today else "Not yet"

    def _summary(self, check_in: CheckIn) -> str:
        recovery = self.recovery
        if recovery is None:
            return ""
        return check_in_summary(check_in, recovery.measures)

    def _details(self, check_in: CheckIn) -> str:
        """The summary whole, then each activity's rating and the note."""
        lines = [self._summary(check_in)]
        if self.recovery is not None and check_in.activity_ratings:
            rated = [
                f"{a.name} {check_in.activity_ratings[a.id]}"
                for a in self.recovery.activities
                if a.id in check_in.activity_ratings
            ]
            lines.append("Activities: " + ", ".join(rated))
        if check_in.note:
            lines.append(f"Note: {check_in.note}")
        return "\n".join(line for line in lines if line)

    def cell(self, item: CheckInLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == POINT:
                return item.label
            if column == DUE:
                return weekday_date(item.due) if item.due else ""
            if column == DONE:
                return self._done(item)
            if item.check_in is None:
                return ""
            return self._summary(item.check_in) or ("Note only" if item.check_in.note else "")
        if role == Qt.ItemDataRole.ToolTipRole and column == SUMMARY and item.check_in is not None:
            return self._details(item.check_in) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == DONE and self._overdue(item):
            return OVERDUE_COLOUR
        return None
