"""The in-process runner of the command-line tests sees what a process of its own would show: every
write to the standard output and error (from Python, from native code, Qt's messages), the exit
code however the command leaves, a traceback for an error nothing caught; and it puts back what
the command changed for the whole process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QApplication

from planner.core.money import number_locale
from planner.db.database import Database
from tests.cli_runner import run


@pytest.fixture
def data(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    folder = tmp_path / "data"
    fresh_database(folder).close()
    return folder


def test_every_kind_of_output_is_captured_with_the_exit_code(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def noisy(_db: Database) -> int:
        print("from Python")
        os.write(1, b"from native code\n")
        print("to stderr from Python", file=sys.stderr)
        os.write(2, b"to stderr from native code\n")
        qWarning("a warning from Qt")
        return 3

    monkeypatch.setattr("planner.app._print_plans", noisy)
    print("the test's own")
    result = run("plans", "--data-dir", str(data))
    assert result.returncode == 3
    assert result.stdout.splitlines() == ["from Python", "from native code"]
    lines = result.stderr.splitlines()
    assert lines[:2] == ["to stderr from Python", "to stderr from native code"]
    assert "a warning from Qt" in lines[2]
    assert capsys.readouterr().out == "the test's own\n"


def test_leaving_through_sys_exit_or_an_error_gives_its_code(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--version").returncode == 0
    assert run("plans", "--no-such-option").returncode == 2

    def leaves(message: str) -> Callable[[Database], int]:
        def command(_db: Database) -> int:
            sys.exit(message)

        return command

    monkeypatch.setattr("planner.app._print_plans", leaves("gone"))
    result = run("plans", "--data-dir", str(data))
    assert (result.returncode, result.stderr) == (1, "gone\n")

    def broken(_db: Database) -> int:
        raise ValueError("a bug")

    monkeypatch.setattr("planner.app._print_plans", broken)
    result = run("plans", "--data-dir", str(data))
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback") and "ValueError: a bug" in result.stderr


def test_what_the_window_changes_for_the_process_is_put_back(data: Path) -> None:
    hook, locale = sys.excepthook, number_locale()
    windows = set(QApplication.topLevelWidgets())
    result = run("--smoke", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert (sys.excepthook, number_locale()) == (hook, locale)
    assert set(QApplication.topLevelWidgets()) == windows
