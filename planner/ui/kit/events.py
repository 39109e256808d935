"""The app-level signals pages refresh from after a write."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from planner.changes import Change


@dataclass(frozen=True, slots=True)
class Changed:
    """What a write changed (as its service declares it), and what to show afterwards."""

    what: Change
    plan_id: int | None = None
    """The plan to show: one just created, copied or imported. None keeps the current plan."""
    item_id: int | None = None
    """The item to select where it is listed (a clinic after it was saved)."""


class AppEvents(QObject):
    changed = Signal(Changed)
    """Emitted after a service call changed data, with a `Changed`; emit it with `announce`."""
    print_requested = Signal(str)
    """A page's Print button: which printout (see `services.printouts.PRINTOUTS`) to offer."""
    check_ins_requested = Signal(str)
    """A page asks for the Recovery page's check-ins, with the point of the schedule to choose
    there ("" for none)."""

    def announce(self, what: Change, *, plan_id: int | None = None, item_id: int | None = None) -> None:
        """Tell the window and its pages that data changed."""
        self.changed.emit(Changed(what, plan_id, item_id))
