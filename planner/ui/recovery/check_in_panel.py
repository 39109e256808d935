"""The check-ins: the schedule from the baseline to 12 months with what was recorded, and the
patient's own; record, open, delete (with undo)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from planner.core.dates import day_month_year
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.model import Recovery
from planner.recovery.service import DeletedCheckIn, delete_check_in, restore_check_in, save_check_in
from planner.ui.kit.events import AppEvents
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import ROW_ROLE, row_table
from planner.ui.kit.widgets import action_button, row_keys, run_key_action
from planner.ui.recovery.check_in_dialog import CheckInDialog
from planner.ui.recovery.check_in_model import OWN, CheckInLine, CheckInModel
from planner.ui.recovery.recovery_text import next_open_point
from planner.ui.recovery.undo_bar import UndoBar

COLUMN_WIDTHS = (110, 130, 110)
"""Check-in, due and done on; the answers take the rest."""


class CheckInPanel(Panel):
    changed = Signal(object)
    """A check-in was written to, with what changed (a `Change`): the page reads it again."""

    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.recovery: Recovery | None = None
        self.today = date.min
        self.deleted: list[DeletedCheckIn] = []
        self.dialog: CheckInDialog | None = None

        self.hint = QLabel(
            "Answer the same questions before treatment (the baseline) and at each check-in after it, "
            "so you can see how you are doing. Each is due on the day shown; a little early or late is fine."
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.model = CheckInModel()
        self.table = row_table(self.model, "Check-ins")
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.installEventFilter(self)

        self.record_button = action_button(
            "&Record check-in…", self.record, "Answer the chosen check-in, or the next one due", primary=True
        )
        self.own_button = action_button(
            "Add your o&wn…", self.record_own, "A check-in of your own, on any day, besides the schedule"
        )
        self.open_button = action_button(
            "&Open…", self.open_current, "See or change the chosen check-in (Enter)"
        )
        self.delete_button = action_button(
            "De&lete",
            self.delete_current,
            "Delete the chosen check-in's answers (Delete); Undo puts them back",
        )
        self.undo_bar = UndoBar("&Undo", self.undo_delete, "Put the deleted check-in back (Ctrl+Z)")
        buttons = QHBoxLayout()
        for button in (self.record_button, self.own_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's keys: Enter opens or records, Delete deletes, Ctrl+Z undoes."""
        if watched is self.table and run_key_action(
            event, row_keys(self.open_current, self.delete_current, self.undo_delete)
        ):
            return True
        return super().eventFilter(watched, event)

    def forget(self) -> None:
        self.deleted.clear()
        self.undo_bar.clear()

    def show_recovery(self, recovery: Recovery | None, today: date) -> None:
        keep = self.current_line()
        self.recovery, self.today = recovery, today
        self.model.set_recovery(recovery, today)
        if keep is not None:
            self._select(keep)
        self._update_buttons()

    def _select(self, line: CheckInLine) -> None:
        row = self.model.row_of_point(line.point_id) if line.point_id else -1
        if row < 0 and line.check_in is not None:
            row = self.model.row_of_check_in(line.check_in.id)
        if row >= 0:
            self.table.selectRow(row)

    def select_check_in(self, check_in_id: int) -> None:
        row = self.model.row_of_check_in(check_in_id)
        if row >= 0:
            self.table.selectRow(row)

    def select_point(self, point_id: str) -> None:
        row = self.model.row_of_point(point_id)
        if row >= 0:
            self.table.selectRow(row)

    def current_line(self) -> CheckInLine | None:
        rows = self.table.selectionModel().selectedRows()
        line = rows[0].data(ROW_ROLE) if rows else None
        return line if isinstance(line, CheckInLine) else None

    def _update_buttons(self) -> None:
        line = self.current_line()
        has_plan = self.recovery is not None
        self.record_button.setEnabled(has_plan)
        self.own_button.setEnabled(has_plan)
        self.open_button.setEnabled(line is not None and line.check_in is not None)
        self.delete_button.setEnabled(line is not None and line.check_in is not None)

    # --- actions ----------------------------------------------------------------------------
    def _open(self, line: CheckInLine) -> None:
        recovery = self.recovery
        if recovery is None:
            return
        dialog = CheckInDialog(
            self.db, recovery, line.point_id, line.label, line.due, line.check_in, self.today, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: CheckInDialog) -> None:
        if dialog.saved is None:
            return
        self.undo_bar.say(f"Saved: {dialog.windowTitle()}.", bool(self.deleted))
        self.changed.emit(save_check_in.changes)
        self.select_check_in(dialog.saved)

    def record(self) -> None:
        """Answer the chosen point of the schedule if it is still open, else the next one due; with
        none left (or no schedule), a check-in of the patient's own."""
        line = self.current_line()
        if line is None or line.check_in is not None:
            recovery = self.recovery
            due = next_open_point(recovery.schedule, recovery.treatment, self.today) if recovery else None
            row = self.model.row_of_point(due.point.id) if due else -1
            line = self.model.rows[row] if row >= 0 else None
        if line is None:
            self.record_own()
            return
        self.table.selectRow(self.model.rows.index(line))
        self._open(line)

    def record_own(self) -> None:
        self._open(CheckInLine(OWN, "", None, None))

    def open_current(self) -> None:
        line = self.current_line()
        if line is not None:
            self._open(line)

    def delete_current(self) -> None:
        line = self.current_line()
        if line is None or line.check_in is None:
            return
        self.deleted.append(delete_check_in(self.db, line.check_in.id))
        self.changed.emit(delete_check_in.changes)
        self._select(line)
        self.undo_bar.say(
            f"Deleted the check-in of {day_month_year(line.check_in.taken_on)} ({line.label}).", can_undo=True
        )

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        deleted = self.deleted.pop()
        try:
            restored = restore_check_in(self.db, deleted)
        except ValidationError as error:
            self.undo_bar.say(" ".join(error.errors.values()), bool(self.deleted))
            return
        self.changed.emit(restore_check_in.changes)
        self.select_check_in(restored)
        self.table.setFocus()
        self.undo_bar.say(
            f"Put back the check-in of {day_month_year(deleted.check_in.taken_on)}.", bool(self.deleted)
        )
