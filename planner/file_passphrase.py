"""The passphrase of a protected plan file, for the command line: from the environment variable
PLANNER_FILE_PASSPHRASE when it is set and not empty (for scripts), else typed at the terminal,
unseen (twice for a new one). Without either there is none: the command never waits on a pipe."""

from __future__ import annotations

import getpass
import os
import sys

from planner.core.passphrase import passphrase_problem
from planner.terminal import shown

PASSPHRASE_VARIABLE = "PLANNER_FILE_PASSPHRASE"
_TYPE_IT = f"set {PASSPHRASE_VARIABLE}, or run the command in a terminal to type it."


class NoFilePassphrase(Exception):
    """No passphrase could be had, or the new one will not do; the message says why, for the
    person, and that nothing was done."""


def new_file_passphrase(file_name: str) -> str:
    """A passphrase to protect the file `file_name` with, checked against the passphrase rule;
    asked twice at a terminal. Raises NoFilePassphrase."""
    nothing = " Nothing was written."
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        problem = passphrase_problem(given)
        if problem is not None:
            raise NoFilePassphrase(f"the passphrase in {PASSPHRASE_VARIABLE} will not do: {problem}{nothing}")
        return given
    if not sys.stdin.isatty():
        raise NoFilePassphrase(f"a passphrase is needed to protect {file_name}: {_TYPE_IT}{nothing}")
    typed = _typed(f"Passphrase to protect {shown(file_name)}: ", nothing)
    problem = passphrase_problem(typed)
    if problem is not None:
        raise NoFilePassphrase(f"{problem}{nothing}")
    if _typed("The same passphrase again: ", nothing) != typed:
        raise NoFilePassphrase(f"the two passphrases are not the same.{nothing}")
    return typed


def file_passphrase(file_name: str) -> str:
    """The passphrase to open the protected file `file_name`. Raises NoFilePassphrase."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    nothing = " Nothing was imported."
    if not sys.stdin.isatty():
        raise NoFilePassphrase(f"{file_name} is protected with a passphrase: {_TYPE_IT}{nothing}")
    return _typed(f"Passphrase for {shown(file_name)}: ", nothing)


def _typed(prompt: str, nothing: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise NoFilePassphrase(f"no passphrase was typed.{nothing}") from None
