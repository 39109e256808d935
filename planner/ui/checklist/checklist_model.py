"""The checklist as a table: tick box, what to do, kind, due date, step. Overdue items are red,
done ones grey; ticking a box asks the page to save it. The baseline and check-ins, when given,
are rows too: ticked when recorded on the Recovery page, and neither checkable nor draggable here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, ClassVar

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from planner.checklist.rules import KINDS, ChecklistLine, Item
from planner.core import clock
from planner.core.dates import day_month_year
from planner.recovery.checkins import Scheduled
from planner.ui.kit.tables import ROW_ROLE, Index, RowTableModel

OVERDUE_COLOUR = QColor("#b00020")
DONE_COLOUR = QColor("#7a8591")
CHECK_IN_KIND = "Check-in"
RECORDED_ON = "Recorded on the Recovery page (Ctrl+7): Enter or a double-click opens it."


@cache
def _struck_out() -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    return font


class ChecklistModel(RowTableModel[ChecklistLine]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Done", "What", "Kind", "Due", "Step")
    tick_requested = Signal(object, bool)
    """The person ticked or unticked an item's box: (item, done)."""
    move_requested = Signal(int, int)
    """An item was dragged onto a row: (item id, the row it was dropped on; -1 for the end)."""
    MIME_TYPE = "application/x-patient-journey-checklist-item"

    def __init__(self) -> None:
        super().__init__()
        self.steps: dict[str, str] = {}
        self.due_on: dict[int, date | None] = {}
        self.today = clock.today()

    def set_items(
        self,
        items: Sequence[ChecklistLine],
        due_on: dict[int, date | None],
        steps: dict[str, str],
        today: date,
    ) -> None:
        """Show the rows: items (their due dates resolved in `due_on`), and check-ins among them."""
        self.due_on, self.steps, self.today = due_on, steps, today
        self.replace_rows(items)

    def row_of(self, item_id: int) -> int:
        return next((i for i, row in enumerate(self.rows) if isinstance(row, Item) and row.id == item_id), -1)

    def row_of_check_in(self, point_id: str) -> int:
        return next(
            (i for i, row in enumerate(self.rows) if isinstance(row, Scheduled) and row.point.id == point_id),
            -1,
        )

    def update_item(self, item: Item) -> None:
        row = self.row_of(item.id)
        if row >= 0:
            self.rows[row] = item
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def overdue(self, item: ChecklistLine) -> bool:
        due = item.due if isinstance(item, Scheduled) else self.due_on.get(item.id)
        return not item.done and due is not None and due < self.today

    ANSWERED = frozenset(
        {
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.CheckStateRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
            ROW_ROLE,
        }
    )
    """The roles this model has anything for; the view asks about many more on every repaint."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self.ANSWERED:
            return None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        if not isinstance(self.rows[index.row()], Item):
            return base  # a check-in: recorded on the Recovery page, not ticked or moved here
        base |= Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows and isinstance(item := self.rows[rows[0]], Item):
            data.setData(self.MIME_TYPE, QByteArray(str(item.id).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Ask the page to move the dragged item to where it was dropped; the page saves the new
        order and reloads, so nothing is moved here (and the view removes nothing)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(self.MIME_TYPE):
            return False
        text = bytes(data.data(self.MIME_TYPE).data()).decode()
        if not text.isdigit():
            return False
        target = parent.row() if parent.isValid() else row
        self.move_requested.emit(int(text), target)
        return False

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        item = self.rows[index.row()]
        if not isinstance(item, Item):
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self.tick_requested.emit(item, done)
        return True

    def cell(self, item: ChecklistLine, column: int, role: int) -> Any:
        if isinstance(item, Scheduled):
            return self._check_in_cell(item, column, role)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return item.text
            if column == 2:
                return KINDS.get(item.kind, item.kind)
            if column == 3:
                due = self.due_on.get(item.id)
                return day_month_year(due) if due else ""
            if column == 4:
                return self.steps.get(item.step_id, item.step_id)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if item.done:
                return DONE_COLOUR
            if self.overdue(item):
                return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == 1 and item.done:
            return _struck_out()
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return self.steps.get(item.step_id, item.step_id)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            parts = [item.text] if column == 1 else [item.due.describe()]
            if column == 1 and item.note:
                parts.append(item.note[:500])
            if self.overdue(item):
                parts.append("Overdue")
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == 0:
            return "done" if item.done else ("overdue" if self.overdue(item) else "open")
        return None

    def _check_in_cell(self, scheduled: Scheduled, column: int, role: int) -> Any:
        step_id = scheduled.point.step_id
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if scheduled.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                None,
                scheduled.point.title,
                CHECK_IN_KIND,
                day_month_year(scheduled.due),
                self.steps.get(step_id, step_id),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if scheduled.done:
                return DONE_COLOUR
            if self.overdue(scheduled):
                return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == 1 and scheduled.done:
            return _struck_out()
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return self.steps.get(step_id, step_id)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 3):
            if scheduled.taken_on is not None:
                state = f"Done on {day_month_year(scheduled.taken_on)}"
            else:
                state = "Overdue" if self.overdue(scheduled) else "Not yet done"
            parts = [scheduled.point.title] if column == 1 else [f"Due {day_month_year(scheduled.due)}"]
            return "\n".join([*parts, state, RECORDED_ON])
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == 0:
            state = "done" if scheduled.done else ("overdue" if self.overdue(scheduled) else "open")
            return f"{state}, recorded on the Recovery page"
        return None
