"""`planner protect`, `planner change-passphrase` and `planner unprotect`."""

from __future__ import annotations

from pathlib import Path

from planner.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from planner.passphrase_input import NoNewPassphrase, TerminalUnlock, new_passphrase
from planner.protection.service import (
    AlreadyProtected,
    PassphraseRefused,
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


def run_protection_command(data_dir: Path, command: str) -> int:
    """Open the data (unlocking it as every command does), then protect it, change its
    passphrase or remove its protection. Failures of opening are left to the caller's table."""
    unlock = TerminalUnlock()
    with open_data(data_dir, unlock=unlock) as data:
        db = data.db
        if command != "protect" and not db.protected:
            say("your data is not protected with a passphrase; `planner protect` protects it")
            return EXIT_FAILURE if command == "change-passphrase" else EXIT_OK
        try:
            if command == "protect":
                protect_data(db, new_passphrase())
            elif command == "change-passphrase":
                assert unlock.passphrase is not None
                change_passphrase(db, unlock.passphrase, new_passphrase())
            else:
                assert unlock.passphrase is not None
                remove_protection(db, unlock.passphrase)
        except (NoNewPassphrase, PassphraseRefused) as refused:
            say(f"{refused}")
            return EXIT_USAGE
        except AlreadyProtected as protected:
            say(f"{protected} (`planner change-passphrase`)")
            return EXIT_FAILURE
    out(DONE[command])
    return EXIT_OK
