"""`planner protect`, `planner change-passphrase` and `planner unprotect`, and every command on
protected data, run as a person or a script runs them: the passphrase from PLANNER_PASSPHRASE
(the new one from PLANNER_NEW_PASSPHRASE) or typed at a terminal. Without one the data is
locked (exit 8), a wrong one exits 9, a new one refused exits 2; each failure is one
`planner:` line on stderr and changes nothing in the data folder. The passphrase is never
shown nor written anywhere."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.core import clock
from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db.backup import backup_database
from planner.db.cipher import SQLITE_HEADER
from planner.db.database import Database
from planner.exit_codes import (
    EXIT_FAILURE,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
)
from planner.passphrase_input import CURRENT, NEW
from planner.plans.service import PlanDraft, create_plan
from planner.protection.commands import DONE
from tests.cli_runner import PLANNER, run, run_process
from tests.db.protection.test_protection_faults import full_disk_for
from tests.fixed_time import TEST_NOW, TEST_NOW_ENV
from tests.pseudo_terminal import Terminal

PLAN = "무릎 치료, 3월"
PASSPHRASE = "a walk along the Han river"
OTHER = "rain on the Seoraksan trail"
HANGUL = unicodedata.normalize("NFC", "한강 따라 걷는 저녁")
"""Typed with one input method, each syllable is one character (NFC); with another, or on a
Mac's file names, it is its letters (NFD)."""
LOCKED = "is protected with a passphrase"
WRONG = "That passphrase does not open your data."


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No passphrase in the environment and standard input not a terminal, unless a test says."""
    no_passphrase(monkeypatch)


def no_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CURRENT, raising=False)
    monkeypatch.delenv(NEW, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())


def with_a_plan(folder: Path, fresh_database: Callable[[Path], Database]) -> Path:
    db = fresh_database(folder)
    try:
        create_plan(
            db, PlanDraft(PLAN, "knee-cartilage-damage", "KR", "KRW", date(2027, 3, 1), date(2027, 3, 11))
        )
    finally:
        db.close()
    return folder


@pytest.fixture
def data(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    """A data folder holding one plan."""
    return with_a_plan(tmp_path / "data", fresh_database)


@pytest.fixture(scope="module")
def protected_template(
    tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]
) -> Path:
    """A data folder holding one plan, protected with PASSPHRASE by `planner protect`: made once
    (protecting rewrites every file, which takes a while), for `protected` to copy."""
    folder = tmp_path_factory.mktemp("protected") / "data"
    with clock.pinned(TEST_NOW), pytest.MonkeyPatch.context() as patch:
        for name, value in TEST_NOW_ENV.items():
            patch.setenv(name, value)
        no_passphrase(patch)
        protect(with_a_plan(folder, fresh_database), PASSPHRASE, patch)
    return folder


@pytest.fixture
def protected(protected_template: Path, tmp_path: Path) -> Path:
    """A data folder holding one plan, protected with PASSPHRASE by `planner protect`."""
    folder = tmp_path / "data"
    shutil.copytree(protected_template, folder)
    return folder


def protect(folder: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setenv(NEW, passphrase)
        result = run("protect", "--data-dir", str(folder))
    assert (result.returncode, result.stdout, result.stderr) == (EXIT_OK, DONE["protect"] + "\n", "")


def with_passphrase(
    passphrase: str | None, monkeypatch: pytest.MonkeyPatch, *args: str, new: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`planner ARGS...` with PLANNER_PASSPHRASE (and PLANNER_NEW_PASSPHRASE) set, when given."""
    with monkeypatch.context() as patch:
        for name, value in ((CURRENT, passphrase), (NEW, new)):
            if value is not None:
                patch.setenv(name, value)
        return run(*args)


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path inside it, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def one_message(stderr: str) -> str:
    """The one `planner:` line a failure prints, without its prefix."""
    assert stderr.startswith("planner: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr.removeprefix("planner: ").strip()


def plan_names(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


def plain(path: Path) -> bool:
    return path.read_bytes().startswith(SQLITE_HEADER)


def backups_in(folder: Path) -> list[Path]:
    return sorted((folder / BACKUP_DIR).glob("*.sqlite3"))


# Protect, then every command needs the passphrase


def test_protect_encrypts_the_data_and_every_backup(protected: Path) -> None:
    assert not plain(protected / DATABASE_FILE)
    assert backups_in(protected) and not any(plain(backup) for backup in backups_in(protected))


def test_plans_of_protected_data_needs_its_passphrase(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(protected)

    locked = run("plans", "--data-dir", str(protected))
    assert locked.returncode == EXIT_LOCKED and locked.stdout == ""
    message = one_message(locked.stderr)
    assert LOCKED in message and CURRENT in message and "Nothing has been read or changed" in message
    assert files_in(protected) == before

    wrong = with_passphrase(OTHER, monkeypatch, "plans", "--data-dir", str(protected))
    assert wrong.returncode == EXIT_WRONG_PASSPHRASE and wrong.stdout == ""
    assert one_message(wrong.stderr) == WRONG
    assert files_in(protected) == before

    right = with_passphrase(PASSPHRASE, monkeypatch, "plans", "--data-dir", str(protected))
    assert right.returncode == EXIT_OK, right.stderr
    assert plan_names(right.stdout) == [PLAN]


@pytest.fixture
def plan_file(protected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plan, exported as a plan file."""
    target = tmp_path / "knee.plan.json"
    result = with_passphrase(
        PASSPHRASE, monkeypatch, "export", PLAN, "--json", str(target), "--data-dir", str(protected)
    )
    assert result.returncode == EXIT_OK, result.stderr
    return target


@pytest.mark.parametrize("command", ["export", "import"])
def test_export_and_import_of_protected_data_need_its_passphrase(
    command: str, plan_file: Path, protected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.plan.json"
    args = (
        ("export", PLAN, "--json", str(target))
        if command == "export"
        else ("import", str(plan_file), "--rename")
    )
    before = files_in(protected)

    locked = run(*args, "--data-dir", str(protected))
    assert locked.returncode == EXIT_LOCKED and locked.stdout == ""
    assert LOCKED in one_message(locked.stderr)
    wrong = with_passphrase(OTHER, monkeypatch, *args, "--data-dir", str(protected))
    assert wrong.returncode == EXIT_WRONG_PASSPHRASE and wrong.stdout == ""
    assert one_message(wrong.stderr) == WRONG
    assert files_in(protected) == before and not target.exists()

    right = with_passphrase(PASSPHRASE, monkeypatch, *args, "--data-dir", str(protected))
    assert right.returncode == EXIT_OK, right.stderr
    if command == "export":
        assert target.read_bytes() == plan_file.read_bytes()
    else:
        assert right.stdout.startswith("Imported ")
        listed = with_passphrase(PASSPHRASE, monkeypatch, "plans", "--data-dir", str(protected))
        assert len(plan_names(listed.stdout)) == 2
    assert not plain(protected / DATABASE_FILE)


# Change the passphrase, remove it


def test_change_passphrase_opens_with_the_new_one_only(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = with_passphrase(
        PASSPHRASE, monkeypatch, "change-passphrase", "--data-dir", str(protected), new=OTHER
    )
    assert (changed.returncode, changed.stdout, changed.stderr) == (
        EXIT_OK,
        DONE["change-passphrase"] + "\n",
        "",
    )

    old = with_passphrase(PASSPHRASE, monkeypatch, "plans", "--data-dir", str(protected))
    assert old.returncode == EXIT_WRONG_PASSPHRASE and one_message(old.stderr) == WRONG
    new = with_passphrase(OTHER, monkeypatch, "plans", "--data-dir", str(protected))
    assert new.returncode == EXIT_OK and plan_names(new.stdout) == [PLAN]
    assert not any(plain(backup) for backup in backups_in(protected))


def test_change_passphrase_with_a_wrong_current_one_changes_nothing(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(protected)
    result = with_passphrase(OTHER, monkeypatch, "change-passphrase", "--data-dir", str(protected), new=OTHER)
    assert result.returncode == EXIT_WRONG_PASSPHRASE and one_message(result.stderr) == WRONG
    assert result.stdout == "" and files_in(protected) == before


def test_unprotect_writes_the_data_plain_again(protected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = with_passphrase(PASSPHRASE, monkeypatch, "unprotect", "--data-dir", str(protected))
    assert (result.returncode, result.stdout, result.stderr) == (EXIT_OK, DONE["unprotect"] + "\n", "")
    assert plain(protected / DATABASE_FILE) and all(plain(backup) for backup in backups_in(protected))

    listed = run("plans", "--data-dir", str(protected))
    assert listed.returncode == EXIT_OK and plan_names(listed.stdout) == [PLAN]
    with closing(sqlite3.connect(str(protected / DATABASE_FILE))) as connection:
        assert connection.execute("SELECT name FROM plan").fetchall() == [(PLAN,)]


def test_unprotect_with_a_wrong_passphrase_changes_nothing(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(protected)
    result = with_passphrase(OTHER, monkeypatch, "unprotect", "--data-dir", str(protected))
    assert result.returncode == EXIT_WRONG_PASSPHRASE and one_message(result.stderr) == WRONG
    assert files_in(protected) == before


def test_unprotect_of_plain_data_says_so_and_is_done(data: Path) -> None:
    before = (data / DATABASE_FILE).read_bytes()
    result = run("unprotect", "--data-dir", str(data))
    assert result.returncode == EXIT_OK and result.stdout == ""
    assert "not protected" in one_message(result.stderr)
    assert (data / DATABASE_FILE).read_bytes() == before


def test_change_passphrase_of_plain_data_is_refused(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = with_passphrase(None, monkeypatch, "change-passphrase", "--data-dir", str(data), new=OTHER)
    assert result.returncode == EXIT_FAILURE and result.stdout == ""
    assert "planner protect" in one_message(result.stderr)
    assert plain(data / DATABASE_FILE)


# What is refused changes nothing


@pytest.mark.parametrize("current", [None, PASSPHRASE], ids=["without its passphrase", "with it"])
def test_protect_of_protected_data_is_refused_and_changes_nothing(
    current: str | None, protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(protected)
    result = with_passphrase(current, monkeypatch, "protect", "--data-dir", str(protected), new=OTHER)
    assert result.returncode == EXIT_FAILURE and result.stdout == ""
    assert "already protected" in one_message(result.stderr)
    assert "planner change-passphrase" in result.stderr
    assert files_in(protected) == before
    still = with_passphrase(PASSPHRASE, monkeypatch, "plans", "--data-dir", str(protected))
    assert still.returncode == EXIT_OK


@pytest.mark.parametrize("new", ["short", "", "        ", "tab\tin the middle"])
def test_a_new_passphrase_that_will_not_do_is_refused_and_changes_nothing(
    new: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(data)
    result = with_passphrase(None, monkeypatch, "protect", "--data-dir", str(data), new=new)
    assert result.returncode == EXIT_USAGE and result.stdout == ""
    message = one_message(result.stderr)
    assert "passphrase" in message and "Nothing was changed" in message
    assert files_in(data) == before


def test_a_too_short_new_passphrase_for_a_change_is_refused_and_changes_nothing(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_in(protected)
    result = with_passphrase(
        PASSPHRASE, monkeypatch, "change-passphrase", "--data-dir", str(protected), new="short"
    )
    assert result.returncode == EXIT_USAGE and result.stdout == ""
    assert "at least 8 characters" in one_message(result.stderr)
    assert files_in(protected) == before
    still = with_passphrase(PASSPHRASE, monkeypatch, "plans", "--data-dir", str(protected))
    assert still.returncode == EXIT_OK


# No terminal, no passphrase


def run_without_terminal(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`planner ARGS...` as a process of its own whose standard input is not a terminal."""
    return subprocess.run(
        [*PLANNER, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_without_a_terminal_or_a_passphrase_nothing_is_asked_and_the_data_stays_locked(
    protected: Path,
) -> None:
    before = files_in(protected)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for args in (("plans",), ("change-passphrase",)):
        result = run_without_terminal(*args, "--data-dir", str(protected), env=environment)
        assert result.returncode == EXIT_LOCKED, (args, result.stderr)
        assert result.stdout == "" and LOCKED in one_message(result.stderr)
    assert files_in(protected) == before


def test_without_a_terminal_or_a_new_passphrase_protect_changes_nothing(data: Path) -> None:
    before = files_in(data)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = run_without_terminal("protect", "--data-dir", str(data), env=environment)
    assert result.returncode == EXIT_USAGE and result.stdout == ""
    assert NEW in one_message(result.stderr)
    assert files_in(data) == before


# Typed at a terminal


@pytest.fixture
def environment() -> dict[str, str]:
    """The environment of a process the test starts: the test's own, without any passphrase."""
    return {
        name: value
        for name, value in {**os.environ, "QT_QPA_PLATFORM": "offscreen"}.items()
        if name not in (CURRENT, NEW)
    }


def test_a_passphrase_typed_at_the_terminal_is_asked_again_when_wrong_and_never_shown(
    protected: Path, environment: dict[str, str]
) -> None:
    terminal = Terminal("plans", "--data-dir", str(protected), env=environment)
    try:
        terminal.expect("Passphrase for your data: ")
        terminal.type(OTHER)
        terminal.expect("Passphrase for your data: ")
        terminal.type(PASSPHRASE)
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_OK, (shown, stderr)
    assert PLAN in shown
    assert one_message(stderr) == "that passphrase does not open your data; try again"
    for typed in (PASSPHRASE, OTHER):
        assert typed not in shown and typed not in stderr


def test_three_wrong_passphrases_typed_stop_the_command(protected: Path, environment: dict[str, str]) -> None:
    before = files_in(protected)
    terminal = Terminal("plans", "--data-dir", str(protected), env=environment)
    try:
        for _ in range(3):
            terminal.expect("Passphrase for your data: ")
            terminal.type(OTHER)
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_WRONG_PASSPHRASE and PLAN not in shown
    assert stderr.splitlines()[-1] == f"planner: {WRONG}"
    assert all(line.startswith("planner: ") for line in stderr.splitlines()) and len(stderr.splitlines()) == 3
    assert OTHER not in shown + stderr
    assert files_in(protected) == before


def test_protect_at_the_terminal_asks_the_new_passphrase_twice(
    data: Path, environment: dict[str, str]
) -> None:
    terminal = Terminal("protect", "--data-dir", str(data), env=environment)
    try:
        terminal.expect("New passphrase: ")
        terminal.type(PASSPHRASE)
        terminal.expect("The new passphrase again: ")
        terminal.type(PASSPHRASE)
    finally:
        code, shown, stderr = terminal.finish()
    assert (code, stderr) == (EXIT_OK, "")
    assert DONE["protect"] in shown and PASSPHRASE not in shown
    assert not plain(data / DATABASE_FILE)

    opened = Terminal("plans", "--data-dir", str(data), env={**environment, CURRENT: PASSPHRASE})
    code, shown, stderr = opened.finish()
    assert code == EXIT_OK and PLAN in shown


def test_two_different_new_passphrases_typed_change_nothing(data: Path, environment: dict[str, str]) -> None:
    before = files_in(data)
    terminal = Terminal("protect", "--data-dir", str(data), env=environment)
    try:
        terminal.expect("New passphrase: ")
        terminal.type(PASSPHRASE)
        terminal.expect("The new passphrase again: ")
        terminal.type(OTHER)
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_USAGE
    assert "differ" in one_message(stderr) and "nothing was changed" in stderr.lower()
    assert PASSPHRASE not in shown + stderr and OTHER not in shown + stderr
    assert files_in(data) == before


def test_a_too_short_passphrase_typed_is_refused_before_it_is_asked_again(
    data: Path, environment: dict[str, str]
) -> None:
    before = files_in(data)
    terminal = Terminal("protect", "--data-dir", str(data), env=environment)
    try:
        terminal.expect("New passphrase: ")
        terminal.type("short")
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_USAGE and "again" not in shown
    assert "at least 8 characters" in one_message(stderr)
    assert files_in(data) == before


@pytest.mark.parametrize("key", ["\x04", "\x03"], ids=["Ctrl-D", "Ctrl-C"])
def test_leaving_a_prompt_stops_the_command_and_changes_nothing(
    key: str, protected: Path, environment: dict[str, str]
) -> None:
    before = files_in(protected)
    terminal = Terminal("change-passphrase", "--data-dir", str(protected), env=environment)
    try:
        terminal.expect("Passphrase for your data: ")
        terminal.press(key)
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_LOCKED and "Traceback" not in shown
    assert (
        one_message(stderr)
        == "No passphrase was typed, so your data stays locked. Nothing has been read or changed."
    )
    assert files_in(protected) == before

    terminal = Terminal(
        "change-passphrase", "--data-dir", str(protected), env={**environment, CURRENT: PASSPHRASE}
    )
    try:
        terminal.expect("New passphrase: ")
        terminal.press(key)
    finally:
        code, shown, stderr = terminal.finish()
    assert code == EXIT_USAGE and "again" not in shown
    assert one_message(stderr) == "No new passphrase was typed. Nothing was changed."
    assert files_in(protected) == before


# Damage, never taken for protection


def test_random_bytes_in_place_of_the_data_file_are_locked_and_left_as_they_are(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o700)
    path = data_dir / DATABASE_FILE
    noise = os.urandom(8 * 4096)
    path.write_bytes(noise)

    result = run("plans", "--data-dir", str(data_dir))
    assert result.returncode == EXIT_LOCKED and result.stdout == ""
    message = one_message(result.stderr)
    assert LOCKED in message
    assert "If you never protected it, the file is damaged" in message and "recover" in message
    assert path.read_bytes() == noise
    assert sorted(p.name for p in data_dir.iterdir()) == [DATABASE_FILE]


# The passphrase is never kept


def encodings_of(*passphrases: str) -> Iterator[bytes]:
    for passphrase in passphrases:
        for form in ("NFC", "NFD"):
            text = unicodedata.normalize(form, passphrase)
            yield from (text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be"))


def test_no_passphrase_is_written_in_any_file_or_shown(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for args, current, new in (
        (("protect",), None, PASSPHRASE),
        (("plans",), PASSPHRASE, None),
        (("change-passphrase",), PASSPHRASE, HANGUL),
        (("plans",), HANGUL, None),
        (("plans",), PASSPHRASE, None),
    ):
        result = with_passphrase(current, monkeypatch, *args, "--data-dir", str(data), new=new)
        outputs.append(result.stdout + result.stderr)
    assert outputs[1].startswith(PLAN) and outputs[3].startswith(PLAN) and WRONG in outputs[4]

    files = files_in(data)
    assert len(backups_in(data)) >= 2 and any(name.endswith(".json") for name in files)
    for secret in encodings_of(PASSPHRASE, HANGUL):
        assert [name for name, content in files.items() if secret in content] == []
    for passphrase in (PASSPHRASE, HANGUL):
        assert not any(passphrase in output for output in outputs)


def test_a_hangul_passphrase_opens_the_data_however_its_syllables_are_typed(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decomposed = unicodedata.normalize("NFD", HANGUL)
    assert decomposed != HANGUL and len(decomposed) > len(HANGUL)
    protect(data, HANGUL, monkeypatch)

    for typed in (decomposed, HANGUL):
        result = with_passphrase(typed, monkeypatch, "plans", "--data-dir", str(data))
        assert result.returncode == EXIT_OK, result.stderr
        assert plan_names(result.stdout) == [PLAN]

    removed = with_passphrase(decomposed, monkeypatch, "unprotect", "--data-dir", str(data))
    assert removed.returncode == EXIT_OK and plain(data / DATABASE_FILE)


# Help


@pytest.mark.parametrize(
    ("command", "variables"),
    [
        ("protect", [NEW]),
        ("change-passphrase", [CURRENT, NEW]),
        ("unprotect", [CURRENT]),
    ],
)
def test_each_command_says_where_its_passphrases_come_from(command: str, variables: list[str]) -> None:
    result = run(command, "--help")
    assert result.returncode == EXIT_OK and result.stderr == ""
    text = " ".join(result.stdout.split())
    assert all(variable in text for variable in variables) and "at the terminal" in text
    listed = run("--help")
    assert command in listed.stdout and CURRENT in " ".join(listed.stdout.split())


def test_the_window_start_in_smoke_mode_takes_the_passphrase_as_the_commands_do(
    protected: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`planner --smoke` (the window's start without anyone to answer a dialog) reads
    PLANNER_PASSPHRASE, and stops with exit 8 and one line without it."""
    locked = run_process("--smoke", "--data-dir", str(protected))
    assert locked.returncode == EXIT_LOCKED
    assert "protected with a passphrase" in one_message(locked.stderr)
    monkeypatch.setenv(CURRENT, PASSPHRASE)
    opened = run_process("--smoke", "--data-dir", str(protected))
    assert (opened.returncode, opened.stderr) == (EXIT_OK, "")


def test_a_backup_a_full_disk_keeps_plain_is_named_in_a_warning_not_claimed_encrypted(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = backup_database(data / DATABASE_FILE, "by-you")
    full_disk_for(monkeypatch, victim)
    result = with_passphrase(None, monkeypatch, "protect", "--data-dir", str(data), new=PASSPHRASE)

    assert (result.returncode, result.stdout) == (EXIT_OK, "")  # the data is protected: done
    warning = one_message(result.stderr)
    assert warning.startswith("warning: Your data was rewritten, but not every backup")
    assert f"{victim.name} (the disk is full)" in warning and "change the passphrase" in warning
    assert plain(victim) and not plain(data / DATABASE_FILE)
