"""A program that protects the data, changes its passphrase and removes it again, for ever, for
the crash test of protection to kill.

Started by `tests/fork_server.py` (job ``tests.crash_rekeyer``) with two passphrases in
PLANNER_PASSPHRASE and PLANNER_NEW_PASSPHRASE (never on a command line). `prepare` derives a key
from each, once, in the server; every process forked after it opens the data folder it is given
under whichever of them (or none) reads it, and then turns its key round and round: plain, the
first passphrase, the second, plain again, each turn through `Database.change_key`, which
rewrites the data file and every backup beside it.

The turns call `change_key` with the keys derived beforehand rather than `protect_data`,
`change_passphrase` and `remove_protection`, which check the passphrases and derive a new key (a
third of a second) before calling it: a kill in that time would find nothing being written, so
here nearly every moment is spent writing.

It prints, each line flushed before it goes on: ``opened STATE`` once the data is open, then
``rekeying STATE NEXT`` before each turn and ``rekeyed NEXT`` after it, where a state is
``plain``, ``first`` or ``second``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from planner.core.paths import DATABASE_FILE  # noqa: E402
from planner.db.cipher import Key, new_key, opens_with  # noqa: E402
from planner.passphrase_input import CURRENT, NEW  # noqa: E402
from planner.startup import open_synced_database  # noqa: E402

NEXT = {"plain": "first", "first": "second", "second": "plain"}
"""Each state's next turn: protect, change the passphrase, remove the protection."""


def state_of(path: Path, keys: dict[str, Key | None]) -> str:
    """Which of `keys` reads the database at `path`."""
    found = [state for state, key in keys.items() if opens_with(path, key)]
    if len(found) != 1:
        raise AssertionError(f"the data file opens with {found or 'none'} of the keys")
    return found[0]


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def rekey_for_ever(data_dir: Path, keys: dict[str, Key | None]) -> None:
    state = state_of(data_dir / DATABASE_FILE, keys)
    db = open_synced_database(data_dir, key=keys[state])
    say(f"opened {state}")
    while True:
        following = NEXT[state]
        say(f"rekeying {state} {following}")
        db.change_key(keys[following])
        say(f"rekeyed {following}")
        state = following


def prepare() -> Callable[[Path], None]:
    """The rekeyer, with its two keys derived once (see the module's docstring)."""
    keys = {"plain": None, "first": new_key(os.environ[CURRENT]), "second": new_key(os.environ[NEW])}
    return lambda data_dir: rekey_for_ever(data_dir, keys)
