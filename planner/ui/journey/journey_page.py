"""The Journey page: the steps in their four phases, walked with Back and Next, the progress made,
where the person is now, the journey's warnings, and the selected step's page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Change
from planner.checklist.rules import Item
from planner.db.database import Database
from planner.journey.rules import STATUSES
from planner.journey.service import JourneyData, load_journey
from planner.plans.service import Plan
from planner.step_page.service import load_step_page
from planner.ui.journey.itinerary_page import warnings_text
from planner.ui.journey.step_view import StepView
from planner.ui.kit.events import AppEvents
from planner.ui.kit.page import Page
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.today import ClockToday
from planner.ui.kit.widgets import action_button, heading, print_button

STEP_ROLE = Qt.ItemDataRole.UserRole
MARKS = {"not-started": "○", "in-progress": "◐", "done": "✓", "skipped": "–"}
HERE_MARK = "▶"
DONE_WITH_OPEN_ITEMS = "done-with-open-items"
"""The question asked before a step with open checklist items is marked done."""
OPEN_ITEMS_SHOWN = 5
PHASE_COLOUR = QColor("#1d3557")


class StepList(QListWidget):
    """The steps under their phase headers; the keys move from step to step, never onto a header."""

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        index = super().moveCursor(cursorAction, modifiers)
        if not index.isValid() or index.flags() & Qt.ItemFlag.ItemIsSelectable:
            return index
        Move = QAbstractItemView.CursorAction
        step = 1 if cursorAction in (Move.MoveHome, Move.MovePageDown, Move.MoveDown, Move.MoveNext) else -1
        row = index.row()
        while 0 <= row < self.count():
            if self.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                return self.indexFromItem(self.item(row))
            row += step
        return self.currentIndex()


class JourneyPage(Panel, Page):
    today = ClockToday()
    reloads_on = Change.JOURNEY | Change.ITINERARY | Change.CHECKLIST | Change.RECOVERY  # a step's check-ins

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
        self.data: JourneyData | None = None
        self.step_id = ""
        self._follow_position = True
        """Show the step the person is on when the page next loads (after a plan change)."""

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Journey progress")
        self.position = QLabel()
        self.position.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("warningNear")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings")
        self.warnings.hide()
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.position, 2)

        self.steps = StepList()
        self.steps.setObjectName("journeySteps")
        self.steps.setAccessibleName("Journey steps")
        self.steps.currentItemChanged.connect(lambda current, previous: self._step_chosen(current, previous))
        self.view = StepView(db)
        self.view.changed.connect(self._step_changed)
        self.view.confirm_done = self._confirm_done

        self.back_button = action_button("", self.back, "The step before (Alt+Left)")
        self.next_button = action_button("", self.next, "The step after (Alt+Right)")
        # Shortcuts of their own: a button's shortcut is lost each time its text is set.
        for keys, slot in (("Alt+Left", self.back), ("Alt+Right", self.next)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.done_button = action_button(
            "Mark &done and go on",
            self.done_and_next,
            "Mark this step done and open the next one",
            primary=True,
        )
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.counter)
        nav.addStretch(1)
        nav.addWidget(self.done_button)
        nav.addWidget(self.next_button)
        nav.addWidget(print_button(events, "itinerary"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(nav)
        legend = QLabel("✓ done  ◐ in progress  ○ not started  – skipped  ▶ you are here")
        legend.setObjectName("hint")
        legend.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.steps, 1)
        left_layout.addWidget(legend)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([230, 920])
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Journey"))
        layout.addWidget(self.hint)
        layout.addLayout(progress_row)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)
        self._update_nav()

    # --- data -----------------------------------------------------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self._follow_position = True
        self.reload()

    def load(self) -> None:
        self.data = load_journey(self.db, self.plan.id, self.today) if self.plan else None
        data = self.data
        if data is None:
            self.steps.clear()
            self.hint.setText("Create a plan first: each plan walks its own journey.")
            self.view.hide()
            self.progress.setValue(0)
            self.position.setText("")
            self.warnings.hide()
            self._update_nav()
            return
        self.view.show()
        self.hint.setText(
            "Walk the trip one step at a time, from the first consultation to rehabilitation at home. "
            "Each step shows what happens, its checklist, its costs and its appointments."
        )
        self.progress.setRange(0, data.progress.total)
        self.progress.setValue(data.progress.settled)
        self.progress.setFormat(f"{data.progress.settled} of {data.progress.total} steps")
        where = data.position
        names = {s.id: s.name for s in data.steps}
        self.position.setText(
            f"<b>You are on:</b> {names[where.step_id]} — {where.reason}"
            if where.step_id
            else "<b>Journey complete.</b> Every step is done or skipped."
        )
        self.warnings.setText(warnings_text(data.warnings))
        self.warnings.setVisible(bool(data.warnings))
        if self._follow_position or self.step_id not in names:
            self.step_id = where.step_id or data.steps[-1].id
            self._follow_position = False
        self._fill_steps()
        self.show_step(self.step_id)

    def _fill_steps(self) -> None:
        assert self.data is not None
        self.steps.blockSignals(True)
        self.steps.clear()
        phase = ""
        bold = QFont()
        bold.setBold(True)
        for number, step in enumerate(self.data.steps, start=1):
            if step.phase_name != phase:
                phase = step.phase_name
                header = QListWidgetItem(phase.upper())
                header.setFlags(Qt.ItemFlag.NoItemFlags)  # the arrow keys pass over it
                header.setFont(bold)
                header.setForeground(PHASE_COLOUR)
                self.steps.addItem(header)
            state = self.data.state(step.id)
            here = step.id == self.data.position.step_id
            mark = HERE_MARK if here else MARKS[state.status]
            entry = QListWidgetItem(f"{mark}  {number}. {step.name}")
            entry.setData(STEP_ROLE, step.id)
            described = STATUSES[state.status] + (" · you are here" if here else "")
            entry.setToolTip(described)
            entry.setData(Qt.ItemDataRole.AccessibleDescriptionRole, described)
            if here:
                entry.setFont(bold)
            self.steps.addItem(entry)
        self.steps.blockSignals(False)

    def _row_of(self, step_id: str) -> int:
        for row in range(self.steps.count()):
            if self.steps.item(row).data(STEP_ROLE) == step_id:
                return row
        return -1

    def show_step(self, step_id: str) -> None:
        """Open a step's page (its data read afresh) and select it in the list."""
        if self.plan is None:
            return
        self.step_id = step_id
        page = load_step_page(self.db, self.plan.id, step_id, self.today)
        self.view.show_data(page)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(self._row_of(step_id))
        self.steps.blockSignals(False)
        self._update_nav()

    def _step_chosen(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        step_id = current.data(STEP_ROLE) if current is not None else None
        if not step_id or step_id == self.step_id:
            return
        if not self._leave_step():
            if previous is not None:
                self.steps.blockSignals(True)
                self.steps.setCurrentItem(previous)
                self.steps.blockSignals(False)
            return
        self.show_step(str(step_id))

    def _leave_step(self) -> bool:
        """Save unsaved edits of the open step before leaving it; False when they are refused
        (the step stays open with the messages at its fields)."""
        if not self.view.dirty:
            return True
        return self.view.save()

    # --- navigation -----------------------------------------------------------------------
    def _neighbour(self, offset: int) -> str | None:
        if self.data is None:
            return None
        ids = [s.id for s in self.data.steps]
        index = ids.index(self.step_id) + offset if self.step_id in ids else -1
        return ids[index] if 0 <= index < len(ids) else None

    def _update_nav(self) -> None:
        names = {s.id: s.name for s in self.data.steps} if self.data else {}
        before, after = self._neighbour(-1), self._neighbour(1)
        self.back_button.setText(f"← Back: {names[before]}" if before else "← Back")
        self.next_button.setText(f"Next: {names[after]} →" if after else "Next →")
        self.back_button.setEnabled(before is not None)
        self.next_button.setEnabled(after is not None)
        self.done_button.setEnabled(self.data is not None)
        if self.data is not None and self.step_id in names:
            number = list(names).index(self.step_id) + 1
            self.counter.setText(f"Step {number} of {len(names)}")
        else:
            self.counter.setText("")

    def _go(self, offset: int) -> None:
        target = self._neighbour(offset)
        if target is not None and self._leave_step():
            self.show_step(target)

    def back(self) -> None:
        self._go(-1)

    def next(self) -> None:
        self._go(1)

    def done_and_next(self) -> None:
        """Mark the open step done; the page then reloads on the step after it."""
        if self.data is None:
            return
        was = self.step_id
        self.step_id = self._neighbour(1) or was
        if not self.view.set_status("done"):
            self.step_id = was

    def _confirm_done(self, still_open: list[Item]) -> bool:
        shown = "\n".join(f"• {item.text}" for item in still_open[:OPEN_ITEMS_SHOWN])
        more = len(still_open) - OPEN_ITEMS_SHOWN
        count = len(still_open)
        return self.prompter.confirm_unless_told_not_to_ask(
            DONE_WITH_OPEN_ITEMS,
            self,
            "Mark the step done?",
            f"{count} of this step's checklist item{'s are' if count != 1 else ' is'} still open:\n\n"
            f"{shown}" + (f"\n… and {more} more" if more > 0 else "") + "\n\n"
            "Mark the step done anyway? The items stay open on the checklist.",
            "Mark done",
        )

    def _step_changed(self, what: Change) -> None:
        self.events.announce(what)
        if Change.JOURNEY in what:
            self.reload()
        else:
            self.show_step(self.step_id)
