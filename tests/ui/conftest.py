"""UI fixtures: a main window on a fresh database, with the dialog seam replaced by a fake."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.plans.service import Plan, PlanDraft, create_plan
from planner.ui.app.main_window import MainWindow, settings_for
from planner.ui.kit.prompter import Prompter


@dataclass
class FakePrompter(Prompter):
    """Answers every question as the test says, and records what was asked."""

    confirm_answer: bool = True
    text_answer: str | None = None
    asked: list[str] = field(default_factory=list)
    problems_seen: list[str | None] = field(default_factory=list)
    save_path: Path | None = None
    open_path: Path | None = None
    folder_path: Path | None = None
    starts: list[str] = field(default_factory=list)
    """Where each file dialog would have opened (the real Prompter's choice)."""
    stop_asking: bool = False
    """Whether the "Don't ask me again" box is ticked when asked."""
    choice_answer: str | None = None
    """The button text `choose` answers with; None is Cancel."""
    errors: list[str] = field(default_factory=list)
    passphrases: list[str] = field(default_factory=list)
    """What is typed at each passphrase dialog, in turn: one the dialog refuses is recorded in
    `passphrase_problems` and the next is typed; when none is left, Cancel."""
    passphrase_problems: list[str | None] = field(default_factory=list)
    real_passphrase_dialogs: bool = False
    """Show the real passphrase dialogs instead (the test answers them, with keys)."""

    def confirm(self, parent: object, title: str, text: str, action: str) -> bool:  # type: ignore[override]
        self.asked.append(text)
        return self.confirm_answer

    def ask_text(
        self,
        parent: object,
        title: str,
        label: str,
        current: str,  # type: ignore[override]
        problem: Callable[[str], str | None],
    ) -> str | None:
        self.asked.append(title)
        if self.text_answer is None:
            return None
        self.problems_seen.append(problem(self.text_answer))
        return self.text_answer if self.problems_seen[-1] is None else None

    def ask_new_passphrase(
        self, parent: QWidget | None, title: str, text: str, problem: Callable[[str], str | None]
    ) -> str | None:
        if self.real_passphrase_dialogs:
            return super().ask_new_passphrase(parent, title, text, problem)
        self.asked.append(text)
        return self._typed_passphrase(problem)

    def ask_passphrase(
        self, parent: QWidget | None, title: str, text: str, check: Callable[[str], str | None]
    ) -> str | None:
        if self.real_passphrase_dialogs:
            return super().ask_passphrase(parent, title, text, check)
        self.asked.append(text)
        return self._typed_passphrase(check)

    def _typed_passphrase(self, check: Callable[[str], str | None]) -> str | None:
        while self.passphrases:
            typed = self.passphrases.pop(0)
            self.passphrase_problems.append(check(typed))
            if self.passphrase_problems[-1] is None:
                return typed
        return None

    def inform(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        self.asked.append(text)

    def error(self, parent: object, title: str, text: str) -> None:  # type: ignore[override]
        self.asked.append(text)
        self.errors.append(text)

    def confirm_or_stop_asking(self, parent: object, title: str, text: str, action: str) -> tuple[bool, bool]:  # type: ignore[override]
        self.asked.append(text)
        return self.confirm_answer, self.stop_asking

    def _save_dialog(self, parent: object, title: str, start: str, file_filter: str) -> Path | None:  # type: ignore[override]
        self.asked.append(title)
        self.starts.append(start)
        return self.save_path

    def _open_dialog(self, parent: object, title: str, start: str, file_filter: str) -> Path | None:  # type: ignore[override]
        self.asked.append(title)
        self.starts.append(start)
        return self.open_path

    def _folder_dialog(self, parent: object, title: str, start: str) -> Path | None:  # type: ignore[override]
        self.asked.append(title)
        self.starts.append(start)
        return self.folder_path

    def choose(  # type: ignore[override]
        self, parent: object, title: str, text: str, choices: list[str], cancel: str = "Cancel"
    ) -> str | None:
        self.asked.append(text)
        assert self.choice_answer is None or self.choice_answer in choices
        return self.choice_answer


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def make_window(
    qtbot: QtBot, db: Database, data_dir: Path, prompter: FakePrompter
) -> Iterator[Callable[[], MainWindow]]:
    def build() -> MainWindow:
        window = MainWindow(db, prompter, settings_for(db))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield build


@pytest.fixture
def add_plan(db: Database) -> Callable[..., Plan]:
    def add(name: str, condition: str = "knee-cartilage-damage") -> Plan:
        return create_plan(
            db, PlanDraft(name, condition, "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), "15000")
        )

    return add
