"""Saves survive the app being killed: every save it said was done is still there, file undamaged.

`tests/crash_writer.py` saves through the app's services without end (expense lines and checklist
items in turn) and prints ``saved <n>`` after each save has committed. This test starts it
KILLS times in a row on the same data folder and kills it with SIGKILL at a random moment after
its first save, which lands almost always inside a save, since saving is all it does. Each
writer is a process of its own, forked by a server (`tests/fork_server.py`) that imported the
app once, so that it starts in hundredths of a second; it opens the data itself, and nothing else
has it open while it writes. After every kill it checks, first with SQLite as any other program
would open the file and then through the app itself:

* ``PRAGMA integrity_check`` says "ok" and ``PRAGMA foreign_key_check`` finds nothing;
* every save the program reported, including those still in the pipe when it died, is in the
  database and complete (right table, right step, right amount);
* nothing committed was lost behind a later commit: the saved counters are exactly 1..highest;
* the app still opens the folder (every other kill it is the first to open it, as on a restart
  after a crash), and what its services list matches what SQLite sees;
* the next run carries on from exactly that highest counter.

It runs twice: on plain data, and on data protected with a passphrase (given to the writers in
PLANNER_PASSPHRASE), where every page the writer saves goes through SQLCipher's encryption and
every check opens the file with the key, and also finds it still encrypted.

SIGKILL ends the process but not the operating system, so this proves crash safety for the app
dying (a crash, a kill, a forced quit), not for a power cut. The kill moments come from a seeded
random generator; set CRASH_SAFETY_SEED to replay or vary them.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.budget.service import list_expenses
from planner.checklist.service import load_checklist
from planner.core.money import Money
from planner.core.paths import DATABASE_FILE
from planner.db.cipher import Key, looks_encrypted, unlock_key
from planner.passphrase_input import CURRENT as PASSPHRASE_ENV
from planner.plans.service import list_plans
from planner.startup import open_synced_database
from tests.crash_writer import CURRENCY, PLAN_NAME, PREFIX, STEP, counter_in, is_expense
from tests.fork_server import ForkServer, Run, run_and_kill

KILLS = {"plain": 24, "protected": 12}
"""The protected run kills half as often: what it adds to the plain one is SQLCipher's encryption
of each page between the same saves and the disk, which is the same code at every kill, and a
dozen kills inside saves (nearly every one leaving a write-ahead log to recover with the key)
show it whole; 24 more would add some ten seconds to every run of the tests for no new moment."""
PASSPHRASE = "crash-safe passphrase"
SEED = int(os.environ.get("CRASH_SAFETY_SEED", "20270301"))
_SAVED = re.compile(rb"saved (\d+)\n")


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


def _counters(run: Run) -> list[int]:
    """The counters of every complete ``saved <n>`` line, in order."""
    counters = []
    for line in run.lines:
        match = _SAVED.fullmatch(line)
        if match:
            counters.append(int(match.group(1)))
        else:
            # Only the very last line may be cut short by the kill; anything else is a bug.
            assert line is run.lines[-1] and not line.endswith(b"\n"), (
                f"unexpected output {line!r}\nwriter exit {run.returncode}, stderr:\n{run.stderr[-3000:]}"
            )
    return counters


def _check_with_sqlite(path: Path, secret: str | None) -> Stored:
    """Open the file as any SQLite tool would (recovering the WAL the killed writer left), keyed
    with `secret` (a passphrase, or a raw key in SQLCipher's x'...' form) when it is protected."""
    like = f"{PREFIX}%"
    with closing(sqlite3.connect(path)) as connection:
        if secret is not None:
            connection.execute(f'PRAGMA key = "{secret}"')
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


def _check_with_app(data_dir: Path, key: Key | None) -> Stored:
    """Open the folder as the app does (with `key` when protected) and list the saves through its
    services."""
    db = open_synced_database(data_dir, key=key)
    try:
        assert db.protected == (key is not None)
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


@pytest.mark.parametrize("data", list(KILLS))
def test_every_reported_save_survives_a_kill_and_the_file_stays_sound(tmp_path: Path, data: str) -> None:
    data_dir = tmp_path / "data"
    path = data_dir / DATABASE_FILE
    protected = data == "protected"
    kills = KILLS[data]
    rng = random.Random(SEED)
    highest = 0
    checked = 0
    unreported_commits = 0
    hot_wal = 0
    key: Key | None = None
    started = time.monotonic()
    env = {PASSPHRASE_ENV: PASSPHRASE} if protected else {}
    writers = ForkServer("tests.crash_writer", tmp_path / "server.log", env)
    try:
        for kill in range(1, kills + 1):
            # A quarter of the kills come right after the first save, the rest within 0.8 s.
            delay = rng.uniform(0.0, 0.02) if rng.random() < 0.25 else rng.uniform(0.0, 0.8)
            run = run_and_kill(writers, data_dir, delay, tmp_path / f"writer-{kill}.log")
            where = f"{data} data, kill {kill} of {kills} after {delay:.3f} s (CRASH_SAFETY_SEED={SEED})"
            assert run.returncode == -signal.SIGKILL, f"{where}: writer exit {run.returncode}\n{run.stderr}"
            reported = _counters(run)
            assert reported, f"{where}: no save reported"
            assert reported == list(range(highest + 1, reported[-1] + 1)), (
                f"{where}: the writer did not carry on from save {highest}: {reported[:5]}..."
            )

            wal = data_dir / f"{DATABASE_FILE}-wal"
            hot_wal += wal.exists() and wal.stat().st_size > 0
            assert looks_encrypted(path) == protected, f"{where}: the file is not as protected as it was"
            secret = None
            if protected:
                # The first check opens the file with the passphrase, as another SQLCipher program
                # would; the later ones with the key derived then, sparing a third of a second each.
                secret = PASSPHRASE if key is None else key.sqlcipher
                key = key or unlock_key(path, PASSPHRASE)
            # Half the time the app is the first to open the file after the crash, as on a restart;
            # half the time a plain SQLite tool is, recovering the log the killed writer left.
            app_first = kill % 2 == 0
            seen_by_app = _check_with_app(data_dir, key) if app_first else None
            stored = _check_with_sqlite(path, secret)
            if seen_by_app is None:
                seen_by_app = _check_with_app(data_dir, key)
            counters = stored.counters
            missing = sorted(set(reported) - set(counters))
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
            assert counters[-1] - reported[-1] in (0, 1), f"{where}: {counters[-1]} after {reported[-1]}"
            unreported_commits += counters[-1] - reported[-1]

            assert seen_by_app == stored, f"{where}: the app sees other saves than SQLite"
            assert looks_encrypted(path) == protected, f"{where}: the checks changed the file's protection"
            highest = counters[-1]
            checked += len(reported)
    finally:
        writers.close()

    print(
        f"\n{data} data: {kills} kills, {checked} reported saves checked, {highest} saves in the file, "
        f"{unreported_commits} committed but killed before reporting, "
        f"{hot_wal} left a write-ahead log to recover, "
        f"{time.monotonic() - started:.1f} s (seed {SEED})"
    )
