"""`planner export PLAN --json FILE --protect` and `planner import FILE` of a protected plan file:
the passphrase comes from PLANNER_FILE_PASSPHRASE or is typed at a terminal (twice for a new
one); without one, or with a wrong one, the command stops with exit 5 and one `planner:` line,
and nothing is written."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.db.database import Database
from planner.exit_codes import EXIT_BAD_FILE, EXIT_USAGE
from planner.file_passphrase import PASSPHRASE_VARIABLE
from planner.planfile.sealed import is_sealed, unseal
from tests.cli_runner import run
from tests.test_cli_protection import with_a_plan

PLAN = "무릎 치료, 3월"
PASSPHRASE = "a walk along the Han river"
WRONG = "The passphrase is wrong, or the file was changed after it was written."


@pytest.fixture
def data(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    return with_a_plan(tmp_path / "data", fresh_database)


class Terminal:
    """Standard input as a terminal where the person types `answers` in turn at each prompt."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        self.answers, self.prompts = list(answers), list[str]()
        stdin = io.StringIO()
        monkeypatch.setattr(stdin, "isatty", lambda: True)
        monkeypatch.setattr("sys.stdin", stdin)
        monkeypatch.setattr("planner.passphrase_input.getpass.getpass", self.getpass)

    def getpass(self, prompt: str = "Password: ") -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No passphrase in the environment and standard input not a terminal, unless a test says."""
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())


def plans_in(folder: Path) -> list[str]:
    result = run("plans", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


def one_message(stderr: str) -> str:
    assert stderr.startswith("planner: ") and stderr.count("\n") == 1, stderr
    return stderr.removeprefix("planner: ").strip()


def protected(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "knee.plan.json"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    result = run("export", PLAN, "--json", str(target), "--protect", "--data-dir", str(data))
    monkeypatch.delenv(PASSPHRASE_VARIABLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {target}"
    return target


def test_a_plan_protected_with_the_variable_imports_elsewhere_with_it(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    written = target.read_bytes()
    assert is_sealed(written) and PLAN.encode() not in written
    assert json.loads(unseal(written, PASSPHRASE))["plan"]["name"] == PLAN

    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    result = run("import", str(target), "--data-dir", str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Imported {PLAN}"
    assert plans_in(elsewhere) == [PLAN]


@pytest.mark.parametrize("passphrase", ["a walk along the Han River", "short"])
def test_a_wrong_passphrase_imports_nothing_and_exits_5(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, passphrase: str
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv(PASSPHRASE_VARIABLE, passphrase)
    result = run("import", str(target), "--data-dir", str(elsewhere))
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == f"knee.plan.json was not imported. {WRONG}"
    assert result.stdout == ""
    assert plans_in(elsewhere) == []


def test_without_a_passphrase_or_a_terminal_import_exits_5_and_asks_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "")  # empty is as good as unset
    monkeypatch.setattr("planner.passphrase_input.getpass.getpass", pytest.fail)
    result = run("import", str(target), "--rename", "--data-dir", str(data))
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == (
        "knee.plan.json is protected with a passphrase: set PLANNER_FILE_PASSPHRASE, or run the "
        "command in a terminal to type it. Nothing was imported."
    )
    assert plans_in(data) == [PLAN]


def test_without_a_passphrase_or_a_terminal_export_protect_writes_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.passphrase_input.getpass.getpass", pytest.fail)
    calendar, plan_file = tmp_path / "trip.ics", tmp_path / "knee.plan.json"
    result = run(
        "export", PLAN, "--ics", str(calendar), "--json", str(plan_file), "--protect", "--data-dir", str(data)
    )
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == (
        "A passphrase is needed to protect knee.plan.json: set PLANNER_FILE_PASSPHRASE, or run the "
        "command in a terminal to type it. Nothing was written."
    )
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_passphrase_in_the_variable_that_the_rule_refuses_writes_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "short")
    result = run("export", PLAN, "--json", str(tmp_path / "k.json"), "--protect", "--data-dir", str(data))
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == (
        "The passphrase in PLANNER_FILE_PASSPHRASE will not do: A passphrase needs at least 8 "
        "characters; this one has 5. A few words together are easy to remember and hard to guess. "
        "Nothing was written."
    )
    assert not (tmp_path / "k.json").exists()


def test_at_a_terminal_export_asks_twice_and_import_once(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "knee.plan.json"
    typed = Terminal(monkeypatch, "무릎 수술 비밀번호", "무릎 수술 비밀번호")
    result = run("export", PLAN, "--json", str(target), "--protect", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert typed.prompts == ["Passphrase to protect knee.plan.json: ", "The same passphrase again: "]
    assert json.loads(unseal(target.read_bytes(), "무릎 수술 비밀번호"))["plan"]["name"] == PLAN

    elsewhere = tmp_path / "elsewhere"
    typed = Terminal(monkeypatch, "무릎 수술 비밀번호")
    result = run("import", str(target), "--data-dir", str(elsewhere))
    assert result.returncode == 0, result.stderr
    assert typed.prompts == ["Passphrase for knee.plan.json: "]
    assert plans_in(elsewhere) == [PLAN]


def test_the_variable_is_used_before_the_terminal(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    typed = Terminal(monkeypatch, "never asked")
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    result = run("import", str(target), "--rename", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert typed.prompts == []


@pytest.mark.parametrize(
    ("answers", "says"),
    [
        (
            ["one passphrase", "another passphrase"],
            "The two passphrases typed differ. Nothing was written.",
        ),
        (["short"], "A passphrase needs at least 8 characters; this one has 5."),
        ([], "No new passphrase was typed. Nothing was written."),
    ],
    ids=["different", "too-short", "end-of-input"],
)
def test_at_a_terminal_a_passphrase_typed_wrong_writes_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: list[str], says: str
) -> None:
    Terminal(monkeypatch, *answers)
    target = tmp_path / "knee.plan.json"
    result = run("export", PLAN, "--json", str(target), "--protect", "--data-dir", str(data))
    assert result.returncode == EXIT_BAD_FILE
    assert says in one_message(result.stderr)
    assert not target.exists()


def test_at_a_terminal_a_wrong_passphrase_imports_nothing(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    Terminal(monkeypatch, "not the passphrase")
    result = run("import", str(target), "--rename", "--data-dir", str(data))
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == f"knee.plan.json was not imported. {WRONG}"
    assert plans_in(data) == [PLAN]


def test_a_plain_plan_file_imports_without_a_passphrase(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("planner.passphrase_input.getpass.getpass", pytest.fail)
    target = tmp_path / "plain.plan.json"
    assert run("export", PLAN, "--json", str(target), "--data-dir", str(data)).returncode == 0
    assert not is_sealed(target.read_bytes())
    result = run("import", str(target), "--rename", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr


def test_protect_without_a_plan_file_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    result = run("export", PLAN, "--ics", str(tmp_path / "t.ics"), "--protect", "--data-dir", str(data))
    assert result.returncode == EXIT_USAGE
    assert result.stderr.splitlines()[-1] == "planner: --protect protects the plan file: give --json FILE too"
    assert not (tmp_path / "t.ics").exists()


def test_a_damaged_protected_file_says_what_is_wrong(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = protected(data, tmp_path, monkeypatch)
    envelope = json.loads(target.read_bytes())
    envelope["kdf"]["memory_kib"] = 4 * 1024 * 1024
    target.write_text(json.dumps(envelope))
    typed = Terminal(monkeypatch, PASSPHRASE)
    result = run("import", str(target), "--rename", "--data-dir", str(data))
    assert typed.prompts == []  # said before anyone types a passphrase
    assert result.returncode == EXIT_BAD_FILE
    assert one_message(result.stderr) == (
        "knee.plan.json was not imported. The file's key asks for 4,194,304 KiB of memory; this app "
        "allows 65,536 to 262,144. It was not written by this app, or it was changed."
    )
