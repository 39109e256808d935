"""Saves survive the app being killed: every save it said was done is still there, file undamaged.

`tests/crash_writer.py` saves through the app's services without end (expense lines and checklist
items in turn) and prints ``saved <n>`` after each save has committed. This test starts it
KILLS times in a row on the same data folder and kills it with SIGKILL at a random moment after
its first save, which lands almost always inside a save, since saving is all it does. Each
writer is a process of its own, forked by a server (`crash_writer.py --serve`) that imported the
app once, so that it starts in hundredths of a second; it opens the data itself, and nothing else
has it open while it writes. After every kill it checks, first with the standard sqlite3 module
and then through the app itself:

* ``PRAGMA integrity_check`` says "ok" and ``PRAGMA foreign_key_check`` finds nothing;
* every save the program reported, including those still in the pipe when it died, is in the
  database and complete (right table, right step, right amount);
* nothing committed was lost behind a later commit: the saved counters are exactly 1..highest;
* the app still opens the folder (every other kill it is the first to open it, as on a restart
  after a crash), and what its services list matches what sqlite3 sees;
* the next run carries on from exactly that highest counter.

SIGKILL ends the process but not the operating system, so this proves crash safety for the app
dying (a crash, a kill, a forced quit), not for a power cut. The kill moments come from a seeded
random generator; set CRASH_SAFETY_SEED to replay or vary them.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.budget.service import list_expenses
from planner.checklist.service import load_checklist
from planner.core.money import Money
from planner.core.paths import DATABASE_FILE
from planner.plans.service import list_plans
from planner.startup import open_synced_database
from tests.crash_writer import CURRENCY, PLAN_NAME, PREFIX, STEP, counter_in, is_expense

WRITER = Path(__file__).resolve().parents[1] / "crash_writer.py"
KILLS = 24
SEED = int(os.environ.get("CRASH_SAFETY_SEED", "20270301"))
FIRST_SAVE_TIMEOUT = 90.0
"""A start is under a second (the first, which makes the data, the longest); a slow, shared machine
gets plenty more before the run counts as stuck."""
EXIT_TIMEOUT = 30.0
_SAVED = re.compile(rb"saved (\d+)\n")


@dataclass(frozen=True, slots=True)
class Run:
    """What one started-and-killed writer reported."""

    reported: list[int]
    """The counters of every complete ``saved <n>`` line, in order."""
    returncode: int | None
    stderr: str


@dataclass(frozen=True, slots=True)
class Stored:
    """The writer's saves as the database holds them: counter to its row's details."""

    expenses: dict[int, int | None]
    """Counter to planned amount in minor units."""
    items: dict[int, str]
    """Counter to journey step."""

    @property
    def counters(self) -> list[int]:
        return sorted([*self.expenses, *self.items])


def _read_lines(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    """Pass every line (the last one possibly cut short) to `lines`, then None at the end."""
    try:
        for line in iter(stream.readline, b""):
            lines.put(line)
    finally:
        lines.put(None)


def _take(lines: queue.Queue[bytes | None], into: list[bytes], timeout: float) -> bool:
    """Move lines into `into` until one arrives or `timeout` passes; False once the output ended."""
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        return True
    if line is None:
        return False
    into.append(line)
    return True


def _counters(raw: list[bytes], describe: Callable[[], str]) -> list[int]:
    counters = []
    for line in raw:
        match = _SAVED.fullmatch(line)
        if match:
            counters.append(int(match.group(1)))
        else:
            # Only the very last line may be cut short by the kill; anything else is a bug.
            assert line is raw[-1] and not line.endswith(b"\n"), f"unexpected output {line!r}\n{describe()}"
    return counters


class Writers:
    """The server that starts writers (`crash_writer.py --serve`), until closed."""

    def __init__(self, log: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.channel, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.channel.settimeout(FIRST_SAVE_TIMEOUT)
        with theirs, log.open("wb") as err:
            self.server = subprocess.Popen(
                [sys.executable, str(WRITER), "--serve", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
                env=env,
            )
        self.answers = self.channel.makefile("r")

    def start(self, data_dir: Path, stderr: IO[bytes]) -> tuple[int, IO[bytes]]:
        """A writer on `data_dir`: its process id and its standard output."""
        read_end, write_end = os.pipe()
        try:
            socket.send_fds(self.channel, [str(data_dir).encode()], [write_end, stderr.fileno()])
        finally:
            os.close(write_end)  # the writer holds the only one: its output ends when it does
        output = os.fdopen(read_end, "rb")
        try:
            return int(self.answers.readline()), output
        except BaseException:
            output.close()
            raise

    def exit_code(self) -> int:
        """The exit code of the writer started last, once it has ended."""
        return int(self.answers.readline())

    def close(self) -> None:
        self.answers.close()
        self.channel.close()
        try:
            self.server.wait(timeout=EXIT_TIMEOUT)
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()


def _run_and_kill(writers: Writers, data_dir: Path, delay: float, log: Path) -> Run:
    """Start a writer, wait for its first save, let it save for `delay` s more, SIGKILL it."""
    raw: list[bytes] = []
    lines: queue.Queue[bytes | None] = queue.Queue()
    with log.open("wb") as err:
        pid, output = writers.start(data_dir, err)
    reader = threading.Thread(target=_read_lines, args=(output, lines), daemon=True)
    reader.start()
    returncode: int | None = None

    def describe() -> str:
        return f"writer exit {returncode}, stderr:\n{log.read_text(errors='replace')[-3000:]}"

    try:
        deadline = time.monotonic() + FIRST_SAVE_TIMEOUT
        while not raw:
            assert time.monotonic() < deadline, f"no save within {FIRST_SAVE_TIMEOUT:.0f} s\n{describe()}"
            assert _take(lines, raw, 0.5), f"the writer ended before its first save\n{describe()}"
        kill_at = time.monotonic() + delay
        while (left := kill_at - time.monotonic()) > 0:
            assert _take(lines, raw, left), f"the writer ended on its own\n{describe()}"
        os.kill(pid, signal.SIGKILL)
        returncode = writers.exit_code()
        # What was still in the pipe was printed after its commit too: it counts as reported.
        reader.join(timeout=EXIT_TIMEOUT)
        assert not reader.is_alive(), "the writer's output never ended after the kill"
        while _take(lines, raw, 0):
            pass
    finally:
        if returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            returncode = writers.exit_code()
        output.close()
    return Run(_counters(raw, describe), returncode, log.read_text(errors="replace"))


def _check_with_sqlite(path: Path) -> Stored:
    """Open the file as any SQLite tool would (recovering the WAL the killed writer left)."""
    like = f"{PREFIX}%"
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        expenses: dict[int, int | None] = {}
        for label, planned, currency in connection.execute(
            "SELECT label, planned_minor, currency FROM expense WHERE label LIKE ?", (like,)
        ):
            counter = counter_in(label)
            assert counter is not None and counter not in expenses, f"odd or repeated line {label!r}"
            assert currency == CURRENCY
            expenses[counter] = planned
        items: dict[int, str] = {}
        for text, step in connection.execute(
            "SELECT text, step_id FROM checklist_item WHERE text LIKE ?", (like,)
        ):
            counter = counter_in(text)
            assert counter is not None and counter not in items, f"odd or repeated item {text!r}"
            items[counter] = step
    return Stored(expenses, items)


def _check_with_app(data_dir: Path) -> Stored:
    """Open the folder as the app does and list the saves through its services."""
    db = open_synced_database(data_dir)
    try:
        found = [p for p in list_plans(db) if p.name == PLAN_NAME]
        assert len(found) == 1, f"plans named {PLAN_NAME!r}: {len(found)}"
        plan_id = found[0].id
        expenses: dict[int, int | None] = {}
        for expense in list_expenses(db, plan_id):
            counter = counter_in(expense.label)
            if counter is not None:
                planned = expense.planned
                expenses[counter] = (
                    Money(planned, expense.currency).to_minor() if planned is not None else None
                )
        items = {
            counter: item.step_id
            for item in load_checklist(db, plan_id).items
            if (counter := counter_in(item.text)) is not None
        }
    finally:
        db.close()
    return Stored(expenses, items)


def test_every_reported_save_survives_a_kill_and_the_file_stays_sound(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(SEED)
    highest = 0
    checked = 0
    unreported_commits = 0
    hot_wal = 0
    started = time.monotonic()
    writers = Writers(tmp_path / "server.log")
    try:
        for kill in range(1, KILLS + 1):
            # A quarter of the kills come right after the first save, the rest within 0.8 s.
            delay = rng.uniform(0.0, 0.02) if rng.random() < 0.25 else rng.uniform(0.0, 0.8)
            run = _run_and_kill(writers, data_dir, delay, tmp_path / f"writer-{kill}.log")
            where = f"kill {kill} of {KILLS} after {delay:.3f} s (CRASH_SAFETY_SEED={SEED})"
            assert run.returncode == -signal.SIGKILL, f"{where}: writer exit {run.returncode}\n{run.stderr}"
            assert run.reported, f"{where}: no save reported"
            assert run.reported == list(range(highest + 1, run.reported[-1] + 1)), (
                f"{where}: the writer did not carry on from save {highest}: {run.reported[:5]}..."
            )

            wal = data_dir / f"{DATABASE_FILE}-wal"
            hot_wal += wal.exists() and wal.stat().st_size > 0
            # Half the time the app is the first to open the file after the crash, as on a restart;
            # half the time a plain SQLite tool is, recovering the log the killed writer left.
            app_first = kill % 2 == 0
            seen_by_app = _check_with_app(data_dir) if app_first else None
            stored = _check_with_sqlite(data_dir / DATABASE_FILE)
            if seen_by_app is None:
                seen_by_app = _check_with_app(data_dir)
            counters = stored.counters
            missing = sorted(set(run.reported) - set(counters))
            assert missing == [], f"{where}: saves reported as done but not in the file: {missing}"
            assert counters == list(range(1, counters[-1] + 1)), (
                f"{where}: a commit was lost while a later one survived: "
                f"{sorted(set(range(1, counters[-1] + 1)) - set(counters))}"
            )
            assert all(is_expense(n) for n in stored.expenses), f"{where}: a line in the wrong table"
            assert all(not is_expense(n) for n in stored.items), f"{where}: an item in the wrong table"
            assert all(planned == n * 100 for n, planned in stored.expenses.items()), f"{where}: wrong amount"
            assert set(stored.items.values()) == {STEP}, f"{where}: an item in the wrong step"
            # At most the one save in flight may have committed without being reported.
            assert counters[-1] - run.reported[-1] in (0, 1), (
                f"{where}: {counters[-1]} after {run.reported[-1]}"
            )
            unreported_commits += counters[-1] - run.reported[-1]

            assert seen_by_app == stored, f"{where}: the app sees other saves than sqlite3"
            highest = counters[-1]
            checked += len(run.reported)
    finally:
        writers.close()

    print(
        f"\n{KILLS} kills, {checked} reported saves checked, {highest} saves in the file, "
        f"{unreported_commits} committed but killed before reporting, "
        f"{hot_wal} left a write-ahead log to recover, "
        f"{time.monotonic() - started:.1f} s (seed {SEED})"
    )
