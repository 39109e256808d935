"""The base of every page and panel that acts on the data: what it needs to call services, ask
the user something, and announce what it changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.db.database import Database
from planner.ui.kit.events import AppEvents
from planner.ui.kit.prompter import Prompter


class Panel(QWidget):
    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.prompter = prompter
        self.events = events
