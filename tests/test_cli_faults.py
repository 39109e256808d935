"""The `planner` command facing a full disk, a read-only file, paths in the way or too long, and
hostile text, run as a user would run it: mostly in this process (tests/cli_runner.py), and as a
process of its own where that is the point (the real start, a disk fault from its start, a umask,
another process holding the lock).

Proved here: each of these ends with its documented exit code and one plain `planner: ...` line,
never a traceback; what the command prints cannot drive the terminal (control characters come
out escaped); `--data-dir` tightens only a folder it creates and warns about a shared one; what
the app writes (exports, the lock file, backups) is owner-only whatever the umask; a lock file
that names no process is taken over.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from planner.app import main
from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db.database import Database
from planner.db.models import PlanRow
from planner.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from planner.planfile.service import export_plan
from planner.plans.service import PlanDraft, create_plan, list_plans
from planner.platform.instance_lock import LOCK_FILE
from planner.startup import open_synced_database
from planner.terminal import shown
from tests.cli_runner import PLANNER, run, run_command, run_process

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
FAULTY = Path(__file__).with_name("faulty_planner.py")
EVIL = "Knee \x1b[2J\x1b]0;evil\x07 March"
LONG = "a" * 300


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def one_message(stderr: str, *words: str) -> None:
    """No traceback, one `planner:` line, saying `words`."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: "), stderr
    for word in words:
        assert word in lines[0], stderr


def run_faulty(fault: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_command([sys.executable, str(FAULTY), fault, *args])


def run_with_umask(umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    return run_command([*PLANNER, *args], umask=umask)


def make_data(db: Database, name: str = "Knee, March") -> int:
    """Save the plan `name` in `db` and close it; the plan's id."""
    try:
        plan = create_plan(
            db, PlanDraft(name, "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 9))
        )
        return plan.id
    finally:
        db.close()


def names(folder: Path) -> list[str]:
    db = open_synced_database(folder)
    try:
        return [p.name for p in list_plans(db)]
    finally:
        db.close()


@pytest.fixture
def data(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    folder = tmp_path / "data"
    make_data(fresh_database(folder))
    return folder


@pytest.fixture
def plan_file(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    """A plan file for "Hip, June", from another data folder."""
    other = tmp_path / "other"
    plan_id = make_data(fresh_database(other), "Hip, June")
    db = open_synced_database(other)
    try:
        path = tmp_path / "hip.plan.json"
        path.write_bytes(export_plan(db, plan_id))
    finally:
        db.close()
    return path


# --- storage, permission and path errors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "problem"),
    [("disk-full", "the disk is full"), ("read-only", "the data file is read-only")],
)
def test_import_on_a_full_disk_or_a_read_only_file_says_so_and_writes_nothing(
    data: Path, plan_file: Path, fault: str, problem: str
) -> None:
    result = run_faulty(fault, "import", str(plan_file), "--data-dir", str(data))

    assert result.returncode == EXIT_FAILURE
    one_message(result.stderr, problem, "Nothing was changed")
    assert result.stdout == ""
    assert names(data) == ["Knee, March"]


def test_plans_still_reads_a_read_only_data_file(data: Path) -> None:
    result = run_faulty("read-only", "plans", "--data-dir", str(data))
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith("Knee, March\t")


def test_a_data_file_that_may_not_be_opened_for_writing_is_a_message(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a read-only file does for a user other than root (tests run as root, who may write it)."""

    def refused(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("planner.db.engine.create_private_file", refused)
    assert main(["plans", "--data-dir", str(data)]) == EXIT_FAILURE
    one_message(capsys.readouterr().err, str(data / DATABASE_FILE), "permission was refused")
    assert not (data / LOCK_FILE).exists()  # released


def test_a_file_in_place_of_the_backups_folder_stops_an_import_and_not_the_reading(
    data: Path, plan_file: Path
) -> None:
    backups = data / BACKUP_DIR
    shutil.rmtree(backups, ignore_errors=True)
    backups.write_text("not a folder")

    imported = run("import", str(plan_file), "--data-dir", str(data))

    assert imported.returncode == EXIT_FAILURE
    assert "Traceback" not in imported.stderr
    assert imported.stderr.splitlines()[-1] == (
        f"planner: A backup could not be made first, so nothing was changed: {backups}: "
        "a file is where a folder should be."
    )
    assert names(data) == ["Knee, March"]
    assert backups.read_text() == "not a folder"

    listed = run("plans", "--data-dir", str(data))
    assert listed.returncode == EXIT_OK
    assert listed.stdout.startswith("Knee, March\t")


@pytest.mark.parametrize(
    ("command", "runner"),
    [
        (["plans"], run_process),  # once through the real start: an exit code and a line, no traceback
        (["--smoke"], run),
        (["import", "x.json"], run),
        (["export", "Knee", "--csv", "x.csv"], run),
    ],
    ids=["plans", "smoke", "import", "export"],
)
def test_a_data_folder_with_a_name_too_long_is_a_message(
    tmp_path: Path, command: list[str], runner: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    result = runner(*command, "--data-dir", str(tmp_path / LONG))
    assert result.returncode == EXIT_FAILURE
    one_message(result.stderr, "a name in it is too long")


def test_export_to_and_import_from_a_file_name_too_long_is_a_message(data: Path, tmp_path: Path) -> None:
    exported = run("export", "Knee, March", "--json", str(tmp_path / f"{LONG}.json"), "--data-dir", str(data))
    assert exported.returncode == EXIT_FAILURE
    one_message(exported.stderr, "File name too long")

    imported = run("import", str(tmp_path / f"{LONG}.json"), "--data-dir", str(data))
    assert imported.returncode == EXIT_FAILURE
    one_message(imported.stderr, "a name in it is too long")


# --- the lock ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"garbage\n\xff\x00"], ids=["empty", "garbage"])
def test_a_lock_file_that_names_no_process_is_taken_over(data: Path, content: bytes) -> None:
    (data / LOCK_FILE).write_bytes(content)
    result = run("plans", "--data-dir", str(data))
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith("Knee, March\t")
    assert not (data / LOCK_FILE).exists()


def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="cannot mount a small file system here (unshare, tmpfs)")
def test_a_full_disk_when_taking_the_lock_says_the_disk_is_full(data: Path, tmp_path: Path) -> None:
    """A real full disk: the data folder copied onto a tiny file system, then filled up."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f'mount -t tmpfs -o size=2m tmpfs "{disk}" && cp -a "{data}" "{disk}/data" && '
        f'(head -c 4000000 /dev/zero > "{disk}/filler" 2>/dev/null; true) && '
        f'"{sys.executable}" -m planner.app plans --data-dir "{disk}/data"'
    )
    command = ["unshare", "-rm", "sh", "-c", script]
    result = run_command(command)
    assert result.returncode == EXIT_FAILURE, result.stderr
    one_message(result.stderr, "the disk is full")
    assert "already open" not in result.stderr


# --- text that could drive the terminal -----------------------------------------------------------


def test_shown_escapes_control_characters_and_keeps_the_rest() -> None:
    assert shown("a\x1b[2Jb\x07\tc\nd\x00\x7f\x9b") == "a\\x1b[2Jb\\x07\\tc\\nd\\x00\\x7f\\x9b"
    assert shown("abc\u202eexe.fdp") == "abc\\u202eexe.fdp"
    assert shown("무릎 계획 🦵, Zürich") == "무릎 계획 🦵, Zürich"


def test_plans_and_import_print_names_with_escapes_escaped(
    tmp_path: Path, fresh_database: Callable[[Path], Database]
) -> None:
    source = tmp_path / "source"
    plan_id = make_data(fresh_database(source))
    db = open_synced_database(source)
    try:
        hostile = tmp_path / "evil\x1b]0;x\x07.plan.json"
        hostile.write_bytes(export_plan(db, plan_id).replace(b"Knee, March", json.dumps(EVIL)[1:-1].encode()))
        with db.transaction() as session:  # as a version that let such a name in would have kept it
            session.execute(update(PlanRow).values(name=EVIL))
    finally:
        db.close()
    escaped = "Knee \\x1b[2J\\x1b]0;evil\\x07 March"

    listed = run("plans", "--data-dir", str(source))
    assert listed.returncode == EXIT_OK
    assert listed.stdout == f"{escaped}\tKnee cartilage damage\t2027-03-01\t2027-03-09\n"

    other = tmp_path / "other"
    refused = run("import", str(hostile), "--data-dir", str(other))
    assert refused.returncode == 5, refused.stderr
    assert "plan.name: Names cannot hold control characters" in refused.stderr
    missing = run("import", str(tmp_path / "gone\x1b[2J.json"), "--data-dir", str(other))
    assert missing.returncode == EXIT_FAILURE
    wrong = run("plans", "\x1b[2J", "--data-dir", str(other))
    assert wrong.returncode == EXIT_USAGE
    for result in (listed, refused, missing, wrong):
        assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "gone\\x1b[2J.json" in missing.stderr
    assert wrong.stderr.splitlines()[-1].startswith("planner: ")


def test_a_tab_inside_a_column_is_escaped_and_the_columns_keep_real_tabs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from planner.terminal import out

    out("Knee\tMarch", "Knee cartilage damage")
    assert capsys.readouterr().out == "Knee\\tMarch\tKnee cartilage damage\n"


# --- the data folder and the files' permissions -----------------------------------------------------


def test_an_existing_shared_folder_is_left_as_it_is_with_a_warning(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)

    for command in (["plans"], ["--smoke"]):
        result = run(*command, "--data-dir", str(shared))
        assert result.returncode == EXIT_OK, result.stderr
        assert mode(shared) == 0o1777
        one_message(result.stderr, "warning", str(shared), "other people")
    assert mode(shared / DATABASE_FILE) == 0o600


def test_a_folder_the_app_creates_is_owner_only_and_a_private_one_gets_no_warning(tmp_path: Path) -> None:
    created = tmp_path / "new" / "data"
    result = run_with_umask(0, "plans", "--data-dir", str(created))
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stderr == ""
    assert mode(created) == 0o700
    assert run("plans", "--data-dir", str(created)).stderr == ""


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_an_empty_data_folder_is_refused(tmp_path: Path, before: bool) -> None:
    args = ["--data-dir", "", "plans"] if before else ["plans", "--data-dir", ""]
    result = run_command([*PLANNER, *args], cwd=tmp_path)
    assert result.returncode == EXIT_USAGE
    last = result.stderr.splitlines()[-1]
    assert last.startswith("planner: ") and "--data-dir" in last and "empty" in last
    assert list(tmp_path.iterdir()) == []


def test_exports_backups_and_the_lock_are_owner_only_whatever_the_umask(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files = {kind: out / f"plan.{kind}" for kind in ("pdf", "ics", "json", "csv", "fhir")}
    files["json"].write_text("an older export, readable by all")
    files["json"].chmod(0o644)
    flags = [arg for kind, path in files.items() for arg in (f"--{kind}", str(path))]

    result = run_with_umask(0, "export", "Knee, March", *flags, "--data-dir", str(data))

    assert result.returncode == EXIT_OK, result.stderr
    assert {kind: mode(path) for kind, path in files.items()} == dict.fromkeys(files, 0o600)

    imported = tmp_path / "copy.plan.json"
    shutil.copy(files["json"], imported)
    result = run_with_umask(0, "import", str(imported), "--rename", "--data-dir", str(data))
    assert result.returncode == EXIT_OK, result.stderr
    backups = list((data / BACKUP_DIR).iterdir())
    assert backups and {mode(path) for path in backups} == {0o600}
    assert mode(data / BACKUP_DIR) == 0o700

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time\n"
            "os.umask(0)\n"
            "from pathlib import Path\n"
            "from planner.platform.instance_lock import lock_data_dir\n"
            "lock = lock_data_dir(Path(sys.argv[1]))\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(data),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert mode(data / LOCK_FILE) == 0o600
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
