"""The window starts the way every command does.

Proved here: when the data cannot be opened (the data file may not be opened for writing, the
disk reports an error while it is read), `planner --smoke`'s start and `planner plans` exit with
the same code and say the same one `planner:` line, in plain words; without --smoke the window
shows that line in its "cannot start" box. The lock is released either way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.app import main
from planner.core.paths import DATABASE_FILE
from planner.db.database import Database
from planner.exit_codes import EXIT_FAILURE
from planner.platform.instance_lock import LOCK_FILE
from planner.ui.app.application import _run_window
from tests.ui.conftest import FakePrompter


def _refused(path: Path) -> None:
    raise PermissionError(13, "Permission denied", str(path))


def _disk_error(*_args: object) -> None:
    raise sqlite3.OperationalError("disk I/O error")


FAULTS: dict[str, tuple[str, Callable[..., None], str]] = {
    "refused": ("planner.db.engine.create_private_file", _refused, "permission was refused"),
    "disk error": ("planner.db.migrate.current_revision", _disk_error, "the disk reported an error"),
}


@pytest.fixture
def data(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    folder = tmp_path / "data"
    fresh_database(folder).close()
    return folder


@pytest.mark.parametrize("fault", FAULTS)
def test_the_window_and_the_commands_stop_alike_when_the_data_cannot_be_opened(
    qtbot: QtBot,
    data: Path,
    fault: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target, failing, words = FAULTS[fault]
    monkeypatch.setattr(target, failing)
    boxes: list[str] = []
    monkeypatch.setattr(
        "planner.ui.app.application.QMessageBox.critical",
        lambda _parent, _title, text: boxes.append(text),
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    assert main(["plans", "--data-dir", str(data)]) == EXIT_FAILURE
    command = capsys.readouterr().err
    assert _run_window(app, data, FakePrompter(), smoke=True) == EXIT_FAILURE
    smoke = capsys.readouterr().err
    assert _run_window(app, data, FakePrompter(), smoke=False) == EXIT_FAILURE
    window = capsys.readouterr().err

    assert "Traceback" not in command and len(command.splitlines()) == 1, command
    assert command.startswith("planner: ") and words in command, command
    assert smoke == window == command
    if fault == "refused":
        assert str(data / DATABASE_FILE) in command
    assert boxes == [f"Patient Journey Planner cannot start.\n\n{command.removeprefix('planner: ').strip()}"]
    assert not any(isinstance(w, QWidget) and w.isVisible() for w in app.topLevelWidgets())
    assert not (data / LOCK_FILE).exists()
