"""The base of every page of the main window, and what a page is built from."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from planner.changes import Change
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.kit.events import AppEvents, Changed
from planner.ui.kit.prompter import Prompter


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a page is built with: the data, the seam that asks the user, the app's signals."""

    db: Database
    prompter: Prompter
    events: AppEvents


class Page(QWidget):
    """A page of the main window. It shows one plan (`set_plan`), reads its data only while it is
    shown (`reload` while hidden marks it stale, and showing it reads again), hears what other
    pages changed (`data_changed`), and may have a search box that Ctrl+F goes to (`search_box`).
    Subclasses put the reading in `load`."""

    plan: Plan | None = None
    _stale = False

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.reload()

    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def read_if_stale(self) -> None:
        """Read now what changed while the page was hidden, before it is shown (so that a read
        that fails is caught by the window, not lost in a show event)."""
        if self._stale:
            self._stale = False
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def another_page_shown(self) -> None:
        """Another page took this one's place in the window. Nothing by default."""

    reloads_on = Change(0)
    """What this page shows, so that it reads again when another page changes it."""

    def data_changed(self, changed: Changed) -> None:
        """Data was changed (by this page or another): read again what this page shows of it,
        unless it is the page shown (which made the change and shows it already). A change to
        the plan never comes here: the window gives every page its plan again."""
        if changed.what & self.reloads_on and not self.isVisible():
            self.reload()

    def search_box(self) -> QLineEdit | None:
        """The field Ctrl+F goes to on this page, if it has one."""
        return None

    def focus_search(self) -> bool:
        """Put the cursor in the page's search box, its text selected; False when it has none."""
        box = self.search_box()
        if box is None:
            return False
        box.setFocus()
        box.selectAll()
        return True


class ReadOnShow(Page):
    """A page that reads again each time it is shown after another page was, and at once when
    its plan changes (the plan overview: other pages change what it sums up, and reading it is how
    the window notices a plan whose data cannot be read)."""

    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        if plan is not None:
            self.load()
            self._stale = False

    def another_page_shown(self) -> None:
        self._stale = True
