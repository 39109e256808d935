"""The passphrase of a protected plan file, for the command line: from the environment variable
PLANNER_FILE_PASSPHRASE when it is set and not empty (for scripts), else typed at the terminal,
unseen (twice for a new one), as every passphrase of the commands is (`planner.passphrase_input`).
Without either there is none: the command never waits on a pipe."""

from __future__ import annotations

from planner.passphrase_input import (
    NoNewPassphrase,
    NothingTyped,
    given_passphrase,
    new_passphrase_from,
    typed_passphrase,
)
from planner.terminal import shown

PASSPHRASE_VARIABLE = "PLANNER_FILE_PASSPHRASE"


class NoFilePassphrase(Exception):
    """No passphrase could be had, or the new one will not do; the message says why, for the
    person, and that nothing was done."""


def new_file_passphrase(file_name: str) -> str:
    """A passphrase to protect the file `file_name` with, checked against the passphrase rule;
    asked twice at a terminal. Raises NoFilePassphrase."""
    prompts = (f"Passphrase to protect {shown(file_name)}: ", "The same passphrase again: ")
    needed = f"A passphrase is needed to protect {file_name}"
    try:
        return new_passphrase_from(PASSPHRASE_VARIABLE, prompts, needed, "Nothing was written.")
    except NoNewPassphrase as refused:
        raise NoFilePassphrase(str(refused)) from None


def file_passphrase(file_name: str) -> str:
    """The passphrase to open the protected file `file_name`. Raises NoFilePassphrase."""
    given = given_passphrase(PASSPHRASE_VARIABLE)
    if given is not None:
        return given
    nothing = "Nothing was imported."
    try:
        typed = typed_passphrase(f"Passphrase for {shown(file_name)}: ")
    except NothingTyped:
        raise NoFilePassphrase(f"No passphrase was typed. {nothing}") from None
    if typed is None:
        raise NoFilePassphrase(
            f"{file_name} is protected with a passphrase: set {PASSPHRASE_VARIABLE}, or run the command "
            f"in a terminal to type it. {nothing}"
        )
    return typed
