"""The `planner` command line, run as a user or a script would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner import __version__
from planner.app import main
from planner.services import plans as plan_service
from planner.services.database import open_database
from planner.services.plans import PlanDraft


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "planner.app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"planner {__version__}"


def test_plans_lists_one_per_line_with_data_dir_before_or_after(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_database(data)
    for name in ("Knee, Cellinique, March", "무릎 계획"):
        plan_service.create_plan(
            db, PlanDraft(name, "knee-cartilage-damage", "CA", "CAD", date(2027, 3, 1), date(2027, 3, 10))
        )
    db.close()
    before = run("--data-dir", str(data), "plans")
    after = run("plans", "--data-dir", str(data))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    lines = before.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Knee, Cellinique, March\t") and lines[1].startswith("무릎 계획\t")


def test_smoke_starts_paints_and_exits_zero(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    result = run("--smoke", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert (data / "planner.sqlite3").exists()


@pytest.mark.parametrize("command", [["plans"], ["--smoke"]])
def test_a_file_in_place_of_the_data_folder_is_refused_and_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("my notes")
    result = run(*command, "--data-dir", str(blocker))
    assert result.returncode != 0
    assert "is a file, not a folder" in result.stderr
    assert blocker.read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_unwritable_data_folder_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr("planner.datadir.os.access", lambda _path, _mode: False)
    assert main(["plans", "--data-dir", str(locked)]) == 1
    assert "not writable" in capsys.readouterr().err
    assert list(locked.iterdir()) == []


def test_a_data_folder_that_cannot_be_created_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["--data-dir", str(tmp_path / "file" / "sub"), "plans"]) == 1
    assert "cannot be created" in capsys.readouterr().err
