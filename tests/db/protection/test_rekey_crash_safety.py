"""Protecting the data, changing its passphrase and removing it survive the app being killed at any
moment: each file is left whole, under its old key or its new one, never neither.

`tests/crash_rekeyer.py` turns the key of a data folder holding three plans and its backups round
and round (plain, a first passphrase, a second, plain again), each turn rewriting the data file
and every backup as a checked copy renamed over it. This test starts it KILLS times in a row on
the same folder, from the same fork server as the crash test of saves, and kills it with SIGKILL
at a random moment after it opened the data. After every kill, before anything else opens the
folder, it checks:

* the data file opens with exactly one key, plain or one of the two passphrases', and it is one
  the data could have at that moment: the one before the turn the process had said it was in, or
  the one after (just the one after, when it had said the turn was done);
* it passes ``PRAGMA integrity_check`` and holds the three plans;
* every backup beside it also opens with one of the three, passes its check and holds the plans
  (a backup left under the old key by a kill half-way through the backups stays readable with
  that passphrase);

and then that the app opens the folder with the data file's key, lists the three plans, and has
removed any half-written copy a kill left beside a file (``.rekey``). The next process then says
it found the data under that same key.

The kill moments come from a seeded random generator; set CRASH_SAFETY_SEED to replay or vary them.
"""

from __future__ import annotations

import os
import random
import signal
import time
from contextlib import closing
from pathlib import Path

from planner.core.paths import BACKUP_DIR
from planner.db.cipher import Error, Key, connect, derive_key, file_salt
from planner.db.database import Database
from planner.passphrase_input import CURRENT, NEW
from planner.plans.service import list_plans
from planner.startup import open_synced_database
from tests.crash_rekeyer import NEXT
from tests.db.journey.journey_plans import new_plan
from tests.fork_server import ForkServer, Run, run_and_kill

KILLS = 12
SEED = int(os.environ.get("CRASH_SAFETY_SEED", "20270301"))
PASSPHRASES = {"first": "the first passphrase", "second": "a second passphrase"}
PLANS = ("Hip, June", "Knee, March", "Shoulder, May")
LEFTOVER = ".rekey"


class Keys:
    """The key each passphrase gives for a file's salt, derived once for each salt."""

    def __init__(self) -> None:
        self._derived: dict[tuple[str, bytes], Key] = {}

    def opening(self, path: Path) -> list[tuple[str, Key | None]]:
        """Which of plain, "first" and "second" read the database at `path`, with their keys."""
        candidates: list[tuple[str, Key | None]] = [("plain", None)]
        salt = file_salt(path)
        for state, passphrase in PASSPHRASES.items():
            if (passphrase, salt) not in self._derived:
                self._derived[passphrase, salt] = derive_key(passphrase, salt)
            candidates.append((state, self._derived[passphrase, salt]))
        return [(state, key) for state, key in candidates if _reads(path, key)]


def _reads(path: Path, key: Key | None) -> bool:
    try:
        with closing(connect(path, key)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Error:
        return False
    return True


def _check_file(path: Path, key: Key | None, where: str) -> None:
    """The file (read with `key`, recovering a log a kill left) is sound and holds the plans."""
    with closing(connect(path, key)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"{where}: {path.name}"
        names = tuple(name for (name,) in connection.execute("SELECT name FROM plan ORDER BY name"))
    assert names == PLANS, f"{where}: {path.name} holds {names}"


def _possible(run: Run, where: str) -> tuple[str, list[str]]:
    """The state the process found the data in, and the states the data may be in after the kill:
    the old and the new one of the turn it was in, or the one it was in between turns."""
    lines = [line.decode() for line in run.lines if line.endswith(b"\n")]
    assert len(lines) >= len(run.lines) - 1, f"{where}: a line cut short before the last"
    words = [line.split() for line in lines]
    assert words and words[0][0] == "opened", f"{where}: {lines[:2]}\n{run.stderr[-3000:]}"
    last = words[-1]
    if last[0] == "rekeying":
        assert NEXT[last[1]] == last[2], f"{where}: {last}"
        return words[0][1], [last[1], last[2]]
    return words[0][1], [last[-1]]


def _leftovers(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob(f"*{LEFTOVER}*"))


def test_a_kill_while_the_passphrase_changes_leaves_every_file_whole_under_one_of_its_keys(
    tmp_path: Path, db: Database
) -> None:
    for name in PLANS:
        new_plan(db, name)
    for _ in range(3):
        db.back_up("by-you")
    data_dir, path = db.data_dir, db.path
    db.close()

    rng = random.Random(SEED)
    keys = Keys()
    state = "plain"
    mid_turn = {"old": 0, "new": 0}
    leftovers_seen = 0
    mixed = 0
    started = time.monotonic()
    env = {CURRENT: PASSPHRASES["first"], NEW: PASSPHRASES["second"]}
    rekeyer = ForkServer("tests.crash_rekeyer", tmp_path / "server.log", env)
    try:
        for kill in range(1, KILLS + 1):
            delay = rng.uniform(0.0, 0.02) if rng.random() < 0.25 else rng.uniform(0.0, 0.6)
            run = run_and_kill(rekeyer, data_dir, delay, tmp_path / f"rekeyer-{kill}.log")
            where = f"kill {kill} of {KILLS} after {delay:.3f} s (CRASH_SAFETY_SEED={SEED})"
            assert run.returncode == -signal.SIGKILL, f"{where}: exit {run.returncode}\n{run.stderr}"
            found, possible = _possible(run, where)
            assert found == state, f"{where}: the process found the data {found}, not {state}"

            assert path.exists(), f"{where}: the data file is gone"
            opening = keys.opening(path)
            assert len(opening) == 1, f"{where}: the data file opens with {[s for s, _ in opening]}"
            ((state, key),) = opening
            assert state in possible, f"{where}: the data is {state}, not one of {possible}"
            if len(possible) == 2:
                mid_turn["old" if state == possible[0] else "new"] += 1
            _check_file(path, key, where)
            backups = sorted((data_dir / BACKUP_DIR).glob("*.sqlite3"))
            assert len(backups) >= 3, f"{where}: backups {backups}"
            mixed_here = False
            for backup in backups:
                under = keys.opening(backup)
                assert len(under) == 1, f"{where}: {backup.name} opens with {[s for s, _ in under]}"
                _check_file(backup, under[0][1], where)
                mixed_here = mixed_here or under[0][0] != state
            mixed += mixed_here
            leftovers_seen += bool(_leftovers(data_dir))

            reopened = open_synced_database(data_dir, key=key)
            try:
                assert reopened.protected == (key is not None)
                assert tuple(plan.name for plan in list_plans(reopened)) == PLANS
            finally:
                reopened.close()
            assert _leftovers(data_dir) == [], f"{where}: left after the next open: {_leftovers(data_dir)}"
    finally:
        rekeyer.close()

    print(
        f"\n{KILLS} kills while rekeying: the data under the turn's old key {mid_turn['old']} times, "
        f"under its new key {mid_turn['new']} times; {leftovers_seen} left a half-written copy, "
        f"{mixed} left backups under another key than the data's; {len(backups)} backups at the end; "
        f"{time.monotonic() - started:.1f} s (seed {SEED})"
    )
