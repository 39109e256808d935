"""What the window shows instead of a plan whose data could not be read: which plan, why in plain
words (the error's own message on a details line), and what can still be done with it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.ui.kit.widgets import heading


@dataclass(frozen=True, slots=True)
class UnshownPlan:
    plan_id: int
    name: str
    error: Exception

    @property
    def reason(self) -> str:
        text = str(self.error).lower()
        if isinstance(self.error, OverflowError) or "out of range" in text:
            return "a date or an amount in it is outside what the app can work with"
        return "something in its data could not be read"

    @property
    def details(self) -> str:
        return f"{type(self.error).__name__}: {self.error}"

    def message(self) -> str:
        """One line for the terminal."""
        return f"the plan “{self.name}” could not be shown: {self.reason} ({self.details})"


class UnshownPlanPage(QWidget):
    export_requested = Signal()
    delete_requested = Signal()
    choose_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading("")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMaximumWidth(640)
        self.details = QLabel()
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.details.setMaximumWidth(640)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("Choose another plan")
        self.choose_button.clicked.connect(self.choose_requested)
        self.export_button = QPushButton("Export this plan…")
        self.export_button.setToolTip(
            "Save it as a plan file, to keep it or to send it to someone who can help"
        )
        self.export_button.clicked.connect(self.export_requested)
        self.delete_button = QPushButton("Delete this plan…")
        self.delete_button.clicked.connect(self.delete_requested)
        buttons = QHBoxLayout()
        for button in (self.choose_button, self.export_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_problem(self, unshown: UnshownPlan, others: int) -> None:
        self.title.setText(f"The plan “{unshown.name}” cannot be shown")
        choose = (
            "Your other plans are not affected: choose one in the Plan list above. "
            if others
            else "It is your only plan: create a new one with File › New plan. "
        )
        self.text.setText(
            f"The app could not read this plan: {unshown.reason}. Nothing in it has been changed.\n\n"
            f"{choose}To keep this plan, export it as a plan file (File › Export plan), for example "
            "to send it to someone who can help; or delete it (File › Delete plan)."
        )
        self.details.setText(f"Details: {unshown.details}")
        self.choose_button.setVisible(others > 0)
