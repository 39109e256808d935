"""`planner protect`, `planner change-passphrase` and `planner unprotect`. Every passphrase is
had, and the new one checked, before the data is opened, so a command that stops for want of
one (or for a wrong one) has changed nothing, not even taken the start-up backup."""

from __future__ import annotations

from pathlib import Path

from planner.db.cipher import Key
from planner.db.database import needs_passphrase
from planner.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from planner.passphrase_input import NoNewPassphrase, TerminalUnlock, new_passphrase
from planner.protection.service import (
    AlreadyProtected,
    PassphraseRefused,
    backups_left_text,
    change_passphrase,
    protect_data,
    remove_protection,
)
from planner.startup import open_data
from planner.terminal import out, say

DONE = {
    "protect": "Your data and its backups are now encrypted with your passphrase. Keep it safe: "
    "nobody can recover your data without it.",
    "change-passphrase": "Your data and its backups are now encrypted with the new passphrase.",
    "unprotect": "Your data and its backups are no longer encrypted.",
}
ALREADY_PROTECTED = (
    "Your data is already protected with a passphrase: `planner change-passphrase` changes it. "
    "Nothing was changed. (If you never protected it, the file is damaged: open the app to recover it.)"
)
NOT_PROTECTED = "Your data is not protected with a passphrase: `planner protect` protects it."


def run_protection_command(data_dir: Path, command: str) -> int:
    """Protect the data, change its passphrase or remove its protection, saying what was done or
    why nothing was. Failures of opening are left to the caller's table."""
    left: list[str] = []
    try:
        if command == "protect":
            left = _protect(data_dir)
        else:
            changed = _change(data_dir, command)
            if changed is None:
                say(NOT_PROTECTED)
                return EXIT_FAILURE if command == "change-passphrase" else EXIT_OK
            left = changed
    except (NoNewPassphrase, PassphraseRefused) as refused:
        say(f"{refused}")
        return EXIT_USAGE
    except AlreadyProtected:
        say(ALREADY_PROTECTED)
        return EXIT_FAILURE
    warning = backups_left_text(left, command != "unprotect")
    if warning is None:
        out(DONE[command])
    else:
        say(f"warning: {warning}")
    return EXIT_OK


def _protect(data_dir: Path) -> list[str]:
    if needs_passphrase(data_dir):
        raise AlreadyProtected()
    passphrase = new_passphrase()
    with open_data(data_dir, unlock=_already_protected) as data:
        return protect_data(data.db, passphrase)


def _already_protected(_database: Path) -> Key:
    """Protected since it was checked (by another copy of the app): leave it as it is."""
    raise AlreadyProtected()


def _change(data_dir: Path, command: str) -> list[str] | None:
    """Change the passphrase of protected data, or remove it, returning the backups left as they
    were; None when the data is plain."""
    unlock = TerminalUnlock()
    new: list[str] = []

    def unlock_then_ask(database: Path) -> Key:
        key = unlock(database)
        if command == "change-passphrase":
            new.append(new_passphrase())
        return key

    with open_data(data_dir, unlock=unlock_then_ask) as data:
        if not data.db.protected:
            return None
        assert unlock.passphrase is not None
        if command == "change-passphrase":
            return change_passphrase(data.db, unlock.passphrase, new[0])
        return remove_protection(data.db, unlock.passphrase)
