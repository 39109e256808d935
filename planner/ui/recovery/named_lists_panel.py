"""The activities rated at every check-in and the physiotherapy plan's exercises, each list with
the button that edits it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Change
from planner.db.database import Database
from planner.recovery.model import Named, Recovery
from planner.recovery.service import save_activities, save_exercises
from planner.ui.kit.events import AppEvents
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.widgets import action_button
from planner.ui.recovery.named_lists_dialogs import ActivitiesDialog, ExercisesDialog


def _list(name: str) -> QListWidget:
    shown = QListWidget()
    shown.setAccessibleName(name)
    shown.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    shown.setWordWrap(True)
    return shown


def _group(title: str, hint: QLabel, shown: QListWidget, button: QPushButton) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.addWidget(hint)
    layout.addWidget(shown, 1)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box


def _fill(shown: QListWidget, names: Sequence[Named], empty: str) -> None:
    shown.clear()
    shown.addItems([n.name for n in names] or [empty])
    if not names:
        shown.item(0).setForeground(Qt.GlobalColor.gray)


class NamedListsPanel(Panel):
    changed = Signal(object)
    """The activities or exercises were saved, with what changed (a `Change`)."""

    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.recovery: Recovery | None = None
        self.dialog: ActivitiesDialog | ExercisesDialog | None = None
        self.activities_hint = QLabel()
        self.activities_hint.setObjectName("hint")
        self.activities_hint.setWordWrap(True)
        self.activities = _list("Your activities")
        self.activities_button = action_button(
            "Edit &activities…", self.edit_activities, "Name 3 to 5 activities that are hard for you"
        )
        exercises_hint = QLabel(
            "The exercises your physiotherapist gave you. Tick the ones you did each day in the diary; "
            "the progress tab counts them week by week."
        )
        exercises_hint.setObjectName("hint")
        exercises_hint.setWordWrap(True)
        self.exercises = _list("Your exercises")
        self.exercises_button = action_button(
            "Edit exer&cises…", self.edit_exercises, "Name your physiotherapy exercises, one a line"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 6, 0, 0)
        row.addWidget(
            _group(
                "Activities you rate at each check-in",
                self.activities_hint,
                self.activities,
                self.activities_button,
            )
        )
        row.addWidget(
            _group("Your physiotherapy exercises", exercises_hint, self.exercises, self.exercises_button)
        )

    def show_recovery(self, recovery: Recovery | None) -> None:
        self.recovery = recovery
        psfs = next((m for m in recovery.measures if m.kind == "activities"), None) if recovery else None
        hint = (
            "The Patient-Specific Functional Scale: you name activities that are hard for you because of "
            "your injury and rate each from 0 to 10 at every check-in. "
        )
        if psfs is not None and psfs.change is not None:
            hint += psfs.change.wording
        self.activities_hint.setText(hint)
        _fill(self.activities, recovery.activities if recovery else (), "None named yet.")
        _fill(self.exercises, recovery.exercises if recovery else (), "None named yet.")
        for button in (self.activities_button, self.exercises_button):
            button.setEnabled(recovery is not None)

    def edit_activities(self) -> None:
        recovery = self.recovery
        psfs = next((m for m in recovery.measures if m.kind == "activities"), None) if recovery else None
        if recovery is None or psfs is None:
            return
        self._open(
            ActivitiesDialog(self.db, recovery.plan_id, psfs, recovery.activities, self),
            save_activities.changes,
        )

    def edit_exercises(self) -> None:
        recovery = self.recovery
        if recovery is not None:
            self._open(
                ExercisesDialog(self.db, recovery.plan_id, recovery.exercises, self), save_exercises.changes
            )

    def _open(self, dialog: ActivitiesDialog | ExercisesDialog, what: Change) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.changed.emit(what))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
