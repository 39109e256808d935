"""The Checklist page: every step's items with progress, tick them off, add, edit, reorder,
delete with undo, filter and search; overdue items in red and the passport checked. The baseline
and check-ins are listed under their steps, read-only: Enter opens them on the Recovery page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Change
from planner.checklist.rules import (
    DOCUMENTS,
    ChecklistLine,
    Filter,
    Item,
    check_in_matches,
    filter_items,
    matches_filter,
    passport_problem,
    tally,
    with_check_ins,
)
from planner.checklist.service import (
    ChecklistData,
    DeletedItem,
    checklist_room_problem,
    delete_item,
    load_checklist,
    move_item,
    restore_item,
    set_done,
    take_templates,
)
from planner.core.limits import PlanFull
from planner.core.search import matches
from planner.db.database import Database
from planner.plans.service import Plan
from planner.recovery.checkins import Scheduled
from planner.ui.checklist.checklist_item_dialog import ChecklistItemDialog
from planner.ui.checklist.checklist_model import ChecklistModel
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import Page
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import ROW_ROLE, row_table
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import KeyActions, action_button, heading, print_button, run_key_action

ALL_STEPS = ""


def _haystack(item: Item) -> str:
    return " ".join((item.text, item.note, DOCUMENTS.get(item.document, ""))).casefold()


class ChecklistPage(Panel, Page):
    today = ClockToday()
    reloads_on = Change.JOURNEY | Change.ITINERARY | Change.CHECKLIST | Change.RECOVERY  # check-ins

    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        events: AppEvents,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.fixed_today = today
        self.plan: Plan | None = None
        self.data: ChecklistData | None = None
        self.due_on: dict[int, date | None] = {}
        self.haystack: dict[int, str] = {}
        """Each item's searchable text, casefolded once."""
        self.deleted: list[DeletedItem] = []
        self.dialog: ChecklistItemDialog | None = None

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.overall = QProgressBar()
        self.overall.setAccessibleName("Overall progress")
        self.overall.setTextVisible(True)
        self.overall_label = QLabel()
        self.passport = QLabel()
        self.passport.setObjectName("warningOver")
        self.passport.setWordWrap(True)
        self.passport.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.overall, 1)
        progress_row.addWidget(self.overall_label)

        self.steps = QListWidget()
        self.steps.setObjectName("checklistSteps")
        self.steps.setAccessibleName("Journey steps")
        # Each step's count goes on a line under its name, and a long name wraps rather than run
        # off the side.
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setResizeMode(QListView.ResizeMode.Adjust)
        self.steps.currentRowChanged.connect(lambda _row: self.apply_filters())
        self.filter = QComboBox()
        self.filter.setAccessibleName("Show")
        for choice in Filter:
            self.filter.addItem(choice.value, choice)
        self.filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.search = QLineEdit()
        self.search.setAccessibleName("Search the checklist")
        self.search.setPlaceholderText("Search the checklist…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.apply_filters())

        self.model = ChecklistModel()
        self.model.tick_requested.connect(self.set_done)
        self.model.move_requested.connect(self.drop_item)
        self.table = row_table(self.model, "Checklist items")
        header = self.table.horizontalHeader()
        # The step's name (last) keeps room for "Booking and preparation" at the default size.
        for column, width in enumerate((52, 380, 90, 100)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.add_button = action_button("&Add item…", self.add_item, primary=True)
        self.edit_button = action_button("&Edit…", self.edit_item)
        self.delete_button = action_button(
            "&Delete", self.delete_item, "Delete the item (Delete); Undo puts it back"
        )
        self.undo_button = action_button(
            "&Undo delete", self.undo_delete, "Put the last deleted item back (Ctrl+Z)"
        )
        self.up_button = action_button(
            "&Move up", lambda: self.move_item(-1), "Move the item up within its step (Ctrl+Up, or drag it)"
        )
        self.down_button = action_button(
            "Move do&wn",
            lambda: self.move_item(1),
            "Move the item down within its step (Ctrl+Down, or drag it)",
        )
        self.templates_button = action_button(
            "Add the articles' items",
            self.take_templates,
            "Add the catalogue's checklist items this plan does not have yet",
        )
        self.table.installEventFilter(self)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Show:"))
        controls.addWidget(self.filter)
        controls.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.undo_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.templates_button)
        buttons.addWidget(print_button(events, "checklist"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(right)
        splitter.setSizes([260, 800])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Checklist"))
        layout.addWidget(self.hint)
        layout.addLayout(progress_row)
        layout.addWidget(self.passport)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's keys: Space ticks, Ctrl+Up/Down move, Delete deletes, Ctrl+Z undoes; Enter on
        a check-in opens it on the Recovery page."""
        keys: KeyActions = {
            (Qt.Key.Key_Space, False): self.toggle_current,
            (Qt.Key.Key_Up, True): lambda: self.move_item(-1),
            (Qt.Key.Key_Down, True): lambda: self.move_item(1),
            (Qt.Key.Key_Delete, False): self.delete_item,
            (Qt.Key.Key_Z, True): self.undo_delete,
        }
        if event.type() == QEvent.Type.KeyPress and self.current_check_in() is not None:
            keys[(Qt.Key.Key_Return, False)] = keys[(Qt.Key.Key_Enter, False)] = self.open_check_in
        if watched is self.table and run_key_action(event, keys):
            return True
        return super().eventFilter(watched, event)

    # --- data -----------------------------------------------------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.deleted.clear()
        self.reload()

    def load(self) -> None:
        """Read the plan's checklist again."""
        self.data = load_checklist(self.db, self.plan.id) if self.plan else None
        items = self.data.items if self.data else []
        trip = self.data.trip if self.data else None
        self.due_on = {i.id: i.due.resolve(trip) for i in items} if trip else {}
        self.haystack = {i.id: _haystack(i) for i in items}
        self._fill_steps()
        self.apply_filters()
        self.hint.setText(
            "Create a plan first: each plan keeps its own checklist."
            if self.plan is None
            else f"What to prepare, bring, ask and keep for “{self.plan.name}”, step by step. Due dates "
            "counted from departure or treatment move when those dates move."
            + (
                " The baseline and check-ins are recorded on the Recovery page (Enter opens it) and are "
                "not counted here."
                if self.data is not None and self.data.check_ins
                else ""
            )
        )

    def _items(self) -> list[Item]:
        return self.data.items if self.data else []

    def _fill_steps(self) -> None:
        current = self.current_step()
        self.steps.blockSignals(True)
        self.steps.clear()
        self.steps.addItem(QListWidgetItem(""))
        self.steps.item(0).setData(Qt.ItemDataRole.UserRole, ALL_STEPS)
        for step_id, name in (self.data.steps if self.data else {}).items():
            entry = QListWidgetItem(name)
            entry.setData(Qt.ItemDataRole.UserRole, step_id)
            self.steps.addItem(entry)
        rows = {self.steps.item(r).data(Qt.ItemDataRole.UserRole): r for r in range(self.steps.count())}
        self.steps.setCurrentRow(rows.get(current, 0))
        self.steps.blockSignals(False)
        self._show_progress()

    def _show_progress(self) -> None:
        items = self._items()
        counted = tally(items, self.due_on, list(self.data.steps) if self.data else [], self.today)
        overall = counted.overall
        self.overall.setRange(0, max(overall.total, 1))
        self.overall.setValue(overall.done)
        self.overall.setFormat(f"{overall.percent}%")
        self.overall_label.setText(
            overall.describe() + (f" · {counted.overdue} overdue" if counted.overdue else "")
        )
        if self.data is not None:
            self.steps.item(0).setText(f"All steps\n{overall.done} of {overall.total} done")
            for row in range(1, self.steps.count()):
                entry = self.steps.item(row)
                step_id = entry.data(Qt.ItemDataRole.UserRole)
                step = counted.by_step.get(step_id)
                name = self.data.steps.get(step_id, step_id)
                entry.setText(f"{name}\n{step.done} of {step.total} done" if step and step.total else name)
        self._show_passport()

    @property
    def _passports(self) -> list[Item]:
        return [i for i in self._items() if i.document == "passport" and i.expires_on is not None]

    def _show_passport(self) -> None:
        problem = None
        if self.data is not None:
            for item in self._passports:
                problem = passport_problem(item.expires_on, self.data.trip.return_) or problem
        self.passport.setText(f"⚠ {problem}" if problem else "")
        self.passport.setVisible(bool(problem))

    # --- filtering ------------------------------------------------------------------------
    def current_step(self) -> str:
        entry = self.steps.currentItem()
        return str(entry.data(Qt.ItemDataRole.UserRole)) if entry is not None else ALL_STEPS

    def apply_filters(self) -> None:
        keep = self.current_line()
        chosen = self.filter.currentData()
        step = self.current_step()
        words = self.search.text()
        shown = [item for item in self._items() if not step or item.step_id == step]
        shown = filter_items(shown, chosen, self.due_on, self.today)
        check_ins = [
            s
            for s in (self.data.check_ins if self.data else ())
            if (not step or s.point.step_id == step) and check_in_matches(s, chosen, self.today)
        ]
        if words.strip():
            shown = [item for item in shown if matches(self.haystack[item.id], words)]
            check_ins = [s for s in check_ins if matches(s.point.title.casefold(), words)]
        steps = self.data.steps if self.data else {}
        rows = with_check_ins(shown, check_ins, list(steps)) if check_ins else shown
        self.model.set_items(rows, self.due_on, steps, self.today)
        if isinstance(keep, Item):
            row = self.model.row_of(keep.id)
        else:
            row = self.model.row_of_check_in(keep.point.id) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def search_box(self) -> QLineEdit:
        return self.search

    # --- actions --------------------------------------------------------------------------
    def current_line(self) -> ChecklistLine | None:
        rows = self.table.selectionModel().selectedRows()
        line = rows[0].data(ROW_ROLE) if rows else None
        return line if isinstance(line, Item | Scheduled) else None

    def current_item(self) -> Item | None:
        """The chosen item; None when a check-in (not edited here) or nothing is chosen."""
        line = self.current_line()
        return line if isinstance(line, Item) else None

    def current_check_in(self) -> Scheduled | None:
        line = self.current_line()
        return line if isinstance(line, Scheduled) else None

    def open_check_in(self) -> None:
        """Go to the Recovery page's check-ins, the chosen one chosen there too."""
        if (scheduled := self.current_check_in()) is not None:
            self.events.check_ins_requested.emit(scheduled.point.id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if isinstance(index.data(ROW_ROLE), Scheduled):
            self.open_check_in()
        elif index.column():  # a double-click on the box ticks it
            self.edit_item()

    def _update_buttons(self) -> None:
        chosen = self.current_item() is not None
        self.add_button.setEnabled(self.data is not None)
        missing = self.data.missing_templates if self.data is not None else 0
        self.templates_button.setEnabled(missing > 0)
        self.templates_button.setToolTip(
            f"Add the {missing} checklist item{'s' if missing != 1 else ''} from the articles this plan "
            "does not have (deleted, or new in an update)"
            if missing
            else "This plan has every checklist item from the articles"
        )
        for button in (self.edit_button, self.delete_button, self.up_button, self.down_button):
            button.setEnabled(chosen)
        self.undo_button.setEnabled(bool(self.deleted))

    def _replace(self, item: Item) -> None:
        """Put a saved item into the list kept in memory (and the table) without reading all."""
        assert self.data is not None
        items = self.data.items
        index = next((i for i, old in enumerate(items) if old.id == item.id), None)
        if index is None:
            items.append(item)
        else:
            items[index] = item
        self.due_on[item.id] = item.due.resolve(self.data.trip)
        self.haystack[item.id] = _haystack(item)

    def set_done(self, item: Item, done: bool) -> None:
        if self.plan is None:
            return
        saved = set_done(self.db, self.plan.id, item.id, done)
        self._replace(saved)
        chosen = self.filter.currentData()
        if (
            self.data is None
            or chosen is Filter.ALL
            or matches_filter(saved, chosen, self.data.trip, self.today)
        ):
            self.model.update_item(saved)
        else:
            self.apply_filters()
        self._show_progress()

    def toggle_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.set_done(item, not item.done)
        else:
            self._say_where_check_ins_are()

    def _say_where_check_ins_are(self) -> None:
        if (scheduled := self.current_check_in()) is not None:
            self.hint.setText(
                f"The {scheduled.point.title[:1].lower()}{scheduled.point.title[1:]} is recorded on the "
                "Recovery page, and ticked here once it is: press Enter to go there."
            )

    def _open(self, item: Item | None) -> None:
        if self.data is None or self.plan is None:
            return
        step = self.current_step() or None
        dialog = ChecklistItemDialog(self.db, self.plan.id, self.data.steps, item, step, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: ChecklistItemDialog) -> None:
        if dialog.saved is None:
            return
        self.reload()  # an item may have changed step and so its place
        row = self.model.row_of(dialog.saved.id)
        if row >= 0:
            self.table.selectRow(row)

    def add_item(self) -> None:
        if self.plan is not None and (full := checklist_room_problem(self.db, self.plan.id)):
            self.prompter.error(self, "The checklist is full", full)
            return
        self._open(None)

    def edit_item(self) -> None:
        if (item := self.current_item()) is not None:
            self._open(item)

    def delete_item(self) -> None:
        item = self.current_item()
        if item is None or self.plan is None:
            self._say_where_check_ins_are()
            return
        row = self.model.row_of(item.id)
        self.deleted.append(delete_item(self.db, self.plan.id, item.id))
        self.reload()
        if self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))
        self.hint.setText(f"Deleted “{item.text[:60]}”. Undo delete (Ctrl+Z) puts it back.")

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        restored = restore_item(self.db, self.deleted.pop())
        self.reload()
        row = self.model.row_of(restored.id)
        if row >= 0:
            self.table.selectRow(row)

    def move_item(self, direction: int) -> None:
        item = self.current_item()
        if item is None or self.plan is None or self.data is None:
            return
        siblings = [i for i in self.data.items if i.step_id == item.step_id]
        index = next(n for n, i in enumerate(siblings) if i.id == item.id)
        target = index + direction
        if not 0 <= target < len(siblings):
            return
        move_item(self.db, self.plan.id, item.id, target)
        self.reload()
        row = self.model.row_of(item.id)
        if row >= 0:
            self.table.selectRow(row)

    def drop_item(self, item_id: int, row: int) -> None:
        """An item dragged onto `row` of the table takes that item's place in its step; dropped
        on another step's item, it stays in its own step (steps are changed in the edit form)."""
        if self.plan is None or self.data is None:
            return
        item = next((i for i in self.data.items if i.id == item_id), None)
        if item is None:
            return
        siblings = [i for i in self.data.items if i.step_id == item.step_id]
        onto = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        onto_step = onto.point.step_id if isinstance(onto, Scheduled) else onto.step_id if onto else None
        if onto_step is not None and onto_step != item.step_id:
            self.hint.setText("Items move within their own step; to change an item's step, edit it.")
            return
        if not isinstance(onto, Item):  # the end, or a check-in (listed after its step's items)
            target = len(siblings) - 1
        else:
            target = next(n for n, i in enumerate(siblings) if i.id == onto.id)
        move_item(self.db, self.plan.id, item_id, target)
        self.reload()
        if (moved := self.model.row_of(item_id)) >= 0:
            self.table.selectRow(moved)

    def take_templates(self) -> None:
        if self.plan is None:
            return
        try:
            added = take_templates(self.db, self.plan.id)
        except PlanFull as full:
            self.prompter.error(self, "The checklist is full", str(full))
            return
        self.reload()
        self.hint.setText(
            f"Added {added} item{'s' if added != 1 else ''} from the articles."
            if added
            else "This plan already has every item from the articles."
        )
