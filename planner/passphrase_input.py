"""Passphrases for the commands: from an environment variable, so scripts and tests can give
them, or else typed at the terminal without being shown. Never from an argument (it would be
seen in the process list and the shell's history), never written anywhere. A variable set to
nothing counts as not set, as PLANNER_FILE_PASSPHRASE does (see `planner.file_passphrase`)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from planner.core.passphrase import passphrase_problem
from planner.db.cipher import Key, WrongPassphrase, unlock_key
from planner.db.database import DataLocked

CURRENT = "PLANNER_PASSPHRASE"
NEW = "PLANNER_NEW_PASSPHRASE"
TRIES = 3
"""How many times a passphrase typed at the terminal may be wrong before the command stops."""
NOTHING_CHANGED = "Nothing was changed."


class NoNewPassphrase(Exception):
    """No new passphrase could be had, it will not do, or the two typed differ; the message says
    which, and that nothing was changed."""


class NothingTyped(Exception):
    """At the terminal, the person typed no passphrase: Ctrl-D or Ctrl-C at the prompt."""


def typed_passphrase(prompt: str) -> str | None:
    """What is typed after `prompt` at the terminal; None with no terminal to ask on. Raises
    NothingTyped when the person leaves the prompt with Ctrl-D or Ctrl-C."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        if sys.stderr.isatty():
            print(file=sys.stderr)  # end the prompt's line before the message
        raise NothingTyped() from None


class DataLeftLocked(DataLocked):
    """No passphrase was typed at the prompt: the data stays locked (exit 8, as with none given)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.args = ("No passphrase was typed, so your data stays locked. Nothing has been read or changed.",)


def given_passphrase(variable: str) -> str | None:
    """The passphrase in the environment variable; None when it is not set or set to nothing."""
    return os.environ.get(variable) or None


class TerminalUnlock:
    """Unlocks protected data for a command (see `planner.startup.Unlock`) with the passphrase
    from PLANNER_PASSPHRASE or, else, typed at the terminal (up to three tries); keeps the one
    that opened it, for a command that changes it."""

    def __init__(self) -> None:
        self.passphrase: str | None = None

    def __call__(self, database: Path) -> Key:
        """Raises DataLocked with no passphrase to be had, WrongPassphrase when it does not open."""
        given = given_passphrase(CURRENT)
        for attempt in range(1 if given is not None else TRIES):
            try:
                typed = given if given is not None else typed_passphrase("Passphrase for your data: ")
            except NothingTyped:
                raise DataLeftLocked(database) from None
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
    """A new passphrase for the data: PLANNER_NEW_PASSPHRASE, or typed twice at the terminal.
    Raises NoNewPassphrase (see `new_passphrase_from`)."""
    return new_passphrase_from(
        NEW, ("New passphrase: ", "The new passphrase again: "), "A new passphrase is needed", NOTHING_CHANGED
    )


def new_passphrase_from(variable: str, prompts: tuple[str, str], needed: str, nothing: str) -> str:
    """A new passphrase, checked against the passphrase rule: from `variable`, or typed at the
    terminal after the first prompt and again after the second (once only when the first will
    not do). Raises NoNewPassphrase with neither (saying `needed`), when it will not do, or when
    the two typed differ; each message ends with `nothing`, what was not done."""
    given = given_passphrase(variable)
    if given is not None:
        problem = passphrase_problem(given)
        if problem is not None:
            raise NoNewPassphrase(f"The passphrase in {variable} will not do: {problem} {nothing}")
        return given
    try:
        first = typed_passphrase(prompts[0])
        if first is None:
            raise NoNewPassphrase(
                f"{needed}: set {variable}, or run the command in a terminal to type it. {nothing}"
            )
        problem = passphrase_problem(first)
        if problem is not None:
            raise NoNewPassphrase(f"{problem} {nothing}")
        again = typed_passphrase(prompts[1])
    except NothingTyped:
        raise NoNewPassphrase(f"No new passphrase was typed. {nothing}") from None
    if again != first:
        raise NoNewPassphrase(f"The two passphrases typed differ. {nothing}")
    return first
