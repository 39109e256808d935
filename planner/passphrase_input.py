"""Passphrases for the commands: from an environment variable, so scripts and tests can give
them, or else typed at the terminal without being shown. Never from an argument (it would be
seen in the process list and the shell's history), never written anywhere."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from planner.db.cipher import Key, WrongPassphrase, unlock_key
from planner.db.database import DataLocked

CURRENT = "PLANNER_PASSPHRASE"
NEW = "PLANNER_NEW_PASSPHRASE"
TRIES = 3
"""How many times a passphrase typed at the terminal may be wrong before the command stops."""


class NoNewPassphrase(Exception):
    """No new passphrase could be had, or the two typed differ; nothing was changed."""


def _typed(prompt: str) -> str | None:
    """What is typed after `prompt` at the terminal; None with no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return None


class TerminalUnlock:
    """Unlocks protected data for a command (see `planner.startup.Unlock`) with the passphrase
    from PLANNER_PASSPHRASE or, else, typed at the terminal (up to three tries); keeps the one
    that opened it, for a command that changes it."""

    def __init__(self) -> None:
        self.passphrase: str | None = None

    def __call__(self, database: Path) -> Key:
        """Raises DataLocked with no passphrase to be had, WrongPassphrase when it does not open."""
        given = os.environ.get(CURRENT)
        for attempt in range(1 if given is not None else TRIES):
            typed = given if given is not None else _typed("Passphrase for your data: ")
            if typed is None:
                raise DataLocked(database)
            try:
                key = unlock_key(database, typed)
            except WrongPassphrase:
                if given is not None or attempt + 1 == TRIES:
                    raise
                print("planner: that passphrase does not open your data; try again", file=sys.stderr)
                continue
            self.passphrase = typed
            return key
        raise AssertionError("unreachable")


def new_passphrase() -> str:
    """A new passphrase: PLANNER_NEW_PASSPHRASE, or typed twice at the terminal. Raises
    NoNewPassphrase with neither, or when the two typed differ."""
    given = os.environ.get(NEW)
    if given is not None:
        return given
    first = _typed("New passphrase: ")
    if first is None:
        raise NoNewPassphrase(f"no new passphrase: set {NEW} or run the command in a terminal")
    if _typed("The new passphrase again: ") != first:
        raise NoNewPassphrase("the two passphrases typed differ; nothing was changed")
    return first
