"""Ctrl+C stops a command with one `planner:` line and exit code 130, never a traceback."""

from __future__ import annotations

import pytest

from planner import app
from planner.exit_codes import EXIT_INTERRUPTED


def test_ctrl_c_in_a_command_is_one_line_and_its_own_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(app, "_run", interrupted)
    assert app.main(["plans"]) == EXIT_INTERRUPTED
    said = capsys.readouterr().err
    assert said.startswith("planner: stopped by Ctrl+C") and said.count("\n") == 1
