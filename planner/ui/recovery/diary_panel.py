"""The daily diary: a quick entry at the top that takes a few seconds with the keyboard, the entries
below (newest first) to open, change or delete (with undo), and beside them, once side effects are
recorded, what was recorded and who to contact."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core.dates import weekday_date
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.recovery.model import DiaryEntry, Recovery
from planner.recovery.progress import side_effect_log
from planner.recovery.service import (
    DIARY_SWELLING,
    DeletedDiaryEntry,
    delete_diary_entry,
    restore_diary_entry,
    save_diary_entry,
)
from planner.ui.kit.events import AppEvents
from planner.ui.kit.forms import to_date, to_qdate
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import ROW_ROLE, row_table
from planner.ui.kit.widgets import action_button, row_keys, run_key_action
from planner.ui.recovery.diary_entry_dialog import DiaryEntryDialog, diary_fields_for
from planner.ui.recovery.diary_fields import DiaryFields
from planner.ui.recovery.diary_model import DiaryModel
from planner.ui.recovery.side_effects_panel import Contacts, SideEffectsPanel
from planner.ui.recovery.undo_bar import UndoBar

COLUMN_WIDTHS = (116, 44, 74, 84, 72, 120)
"""Date to side effects; the note takes the rest."""


class DiaryPanel(Panel):
    changed = Signal(object)
    """The diary was written to, with what changed (a `Change`): the page reads it again."""

    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.recovery: Recovery | None = None
        self.today = date.min
        self.deleted: list[DeletedDiaryEntry] = []
        self.dialog: DiaryEntryDialog | None = None
        self.fields: DiaryFields | None = None
        self._fields_for: tuple[object, ...] = ()
        self._default_day: date | None = None

        self.entry_box = QGroupBox("Add to your diary")
        self.entry_hint = QLabel()
        self.entry_hint.setObjectName("hint")
        self.entry_hint.setWordWrap(True)
        self.entry_hint.hide()
        self.entry_layout = QVBoxLayout(self.entry_box)
        self.entry_layout.setContentsMargins(8, 4, 8, 6)
        self.entry_layout.addWidget(self.entry_hint)

        self.undo_bar = UndoBar("&Undo", self.undo_delete, "Put the deleted entry back (Ctrl+Z)")
        self.model = DiaryModel()
        self.table = row_table(self.model, "Diary entries, newest first")
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.doubleClicked.connect(lambda _index: self.open_entry())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.installEventFilter(self)
        self.open_button = action_button(
            "Op&en…", self.open_entry, "Change the chosen entry (Enter or double-click)"
        )
        self.delete_button = action_button(
            "De&lete", self.delete_entry, "Delete the chosen entry (Delete); Undo puts it back"
        )
        self.count = QLabel()
        self.count.setObjectName("hint")

        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        entries = QWidget()
        entries_layout = QVBoxLayout(entries)
        entries_layout.setContentsMargins(0, 0, 0, 0)
        entries_layout.addLayout(buttons)
        entries_layout.addWidget(self.table, 1)
        self.side_effects = SideEffectsPanel()
        self.side_effects.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(entries)
        self.splitter.addWidget(self.side_effects)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.entry_box)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's keys: Enter opens, Delete deletes, Ctrl+Z undoes."""
        if watched is self.table and run_key_action(
            event, row_keys(self.open_entry, self.delete_entry, self.undo_delete)
        ):
            return True
        return super().eventFilter(watched, event)

    # --- showing ----------------------------------------------------------------------------
    def forget(self) -> None:
        """Another plan is shown: nothing of this one's to undo."""
        self.deleted.clear()
        self.undo_bar.clear()

    def show_recovery(self, recovery: Recovery | None, contacts: Contacts | None, today: date) -> None:
        self.recovery, self.today = recovery, today
        self._show_entry_fields(recovery, today)
        keep = self.current_entry()
        if recovery is None:
            self.model.replace_rows([])
            self.side_effects.hide()
            self.count.setText("")
            self._update_buttons()
            return
        measures = {m.id: m for m in recovery.measures}
        self.model.set_entries(recovery.diary, measures[DIARY_SWELLING], recovery.exercises)
        entries = len(recovery.diary)
        self.count.setText(
            f"{entries} entr{'ies' if entries != 1 else 'y'}, newest first" if entries else "No entries yet."
        )
        if keep is not None:
            self.select(keep.id)
        log = side_effect_log(recovery)
        if log and contacts is not None:
            self.side_effects.show_side_effects(log, contacts)
            if self.side_effects.isHidden():
                self.side_effects.show()
                self.splitter.setSizes([640, 360])
        else:
            self.side_effects.hide()
        self._update_buttons()

    def _show_entry_fields(self, recovery: Recovery | None, today: date) -> None:
        """Build the quick entry's fields again when the plan's exercises changed; else keep what
        is being typed (moving its day on to a new today if it was left at the old one)."""
        wanted = (recovery.plan_id, recovery.exercises, recovery.measures) if recovery else ()
        if self.fields is None or wanted != self._fields_for:
            if self.fields is not None:
                self.entry_layout.removeWidget(self.fields)
                self.fields.deleteLater()
                self.fields = None
            if recovery is not None:
                self.fields = diary_fields_for(recovery, today, quick=True)
                self.fields.submitted.connect(self.save_quick_entry)
                self.entry_layout.addWidget(self.fields)
                self._default_day = today
            self._fields_for = wanted
        elif self.fields is not None and self._default_day != today:
            if to_date(self.fields.date.date()) == self._default_day:
                self.fields.date.setDate(to_qdate(today))
            self._default_day = today
        no_day = recovery is not None and recovery.treatment is None
        has_today = recovery is not None and any(e.entry_on == today for e in recovery.diary)
        self.entry_box.setEnabled(recovery is not None and not no_day)
        if recovery is None:
            hint = "Create a plan first: each plan keeps its own diary."
        elif no_day:
            hint = "The diary starts once the treatment day is set (File › Trip dates…)."
        elif has_today:
            hint = "Today is in your diary already: open it below to change it, or give another day."
        else:
            hint = ""
        self.entry_hint.setText(hint)
        self.entry_hint.setVisible(bool(hint))

    # --- actions ----------------------------------------------------------------------------
    def current_entry(self) -> DiaryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        entry = rows[0].data(ROW_ROLE) if rows else None
        return entry if isinstance(entry, DiaryEntry) else None

    def select(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.current_entry() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def save_quick_entry(self) -> None:
        fields, recovery = self.fields, self.recovery
        if fields is None or recovery is None:
            return
        try:
            saved = save_diary_entry(self.db, recovery.plan_id, None, fields.draft())
        except ValidationError as error:
            fields.show_problems(dict(error.errors))
            return
        day = to_date(fields.date.date())
        fields.clear(self.today)
        self._default_day = self.today
        self.undo_bar.say(f"Saved your entry for {weekday_date(day)}.")
        self.changed.emit(save_diary_entry.changes)
        self.select(saved)

    def open_entry(self) -> None:
        entry, recovery = self.current_entry(), self.recovery
        if entry is None or recovery is None:
            return
        dialog = DiaryEntryDialog(self.db, recovery, entry, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._entry_saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _entry_saved(self, dialog: DiaryEntryDialog) -> None:
        if dialog.saved is None:
            return
        self.undo_bar.say(f"Saved the changes to {weekday_date(dialog.entry.entry_on)}.", bool(self.deleted))
        self.changed.emit(save_diary_entry.changes)
        self.select(dialog.saved)

    def delete_entry(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        row = self.model.row_of(entry.id)
        self.deleted.append(delete_diary_entry(self.db, entry.id))
        self.changed.emit(delete_diary_entry.changes)
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        self.undo_bar.say(f"Deleted the entry for {weekday_date(entry.entry_on)}.", can_undo=True)

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        deleted = self.deleted.pop()
        try:
            restored = restore_diary_entry(self.db, deleted)
        except ValidationError as error:
            self.undo_bar.say(" ".join(error.errors.values()), bool(self.deleted))
            return
        self.changed.emit(restore_diary_entry.changes)
        self.select(restored)
        self.table.setFocus()
        self.undo_bar.say(
            f"Put back the entry for {weekday_date(deleted.entry.entry_on)}.", bool(self.deleted)
        )
