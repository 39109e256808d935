"""Turn the data folder's protection on, change its passphrase, turn it off. Each rewrites the
data file and every backup beside it (see `Database.change_key`); the passphrase itself is never
kept, only the key derived from it, in memory."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from planner.core.passphrase import passphrase_problem
from planner.db.cipher import Key, WrongPassphrase, derive_key, new_key, unlock_key
from planner.db.database import DamagedDatabase, Database
from planner.startup import Unlock


class PassphraseRefused(Exception):
    """The new passphrase will not do; the message says why. Nothing was changed."""


class AlreadyProtected(Exception):
    """The data is already protected; change its passphrase instead. Nothing was changed."""

    def __init__(self) -> None:
        super().__init__("Your data is already protected with a passphrase; change it instead.")


def passphrase_opens(db: Database, passphrase: str) -> bool:
    """Whether `passphrase` is the one the data is protected with (False for plain data)."""
    if db.key is None:
        return False
    return hmac.compare_digest(derive_key(passphrase, db.key.salt).raw, db.key.raw)


def protect_data(db: Database, passphrase: str) -> list[str]:
    """Encrypt the data and its backups with `passphrase`; return the backups left as they were
    (see `Database.change_key` and `backups_left_text`). Raises PassphraseRefused or
    AlreadyProtected (nothing changed), StorageError when the data cannot be rewritten."""
    if db.protected:
        raise AlreadyProtected()
    _check_new(passphrase)
    return db.change_key(new_key(passphrase))


def change_passphrase(db: Database, current: str, new: str) -> list[str]:
    """Encrypt the data and its backups with `new` instead of `current`; return the backups left
    as they were. Raises WrongPassphrase or PassphraseRefused (nothing changed), StorageError
    when the data cannot be rewritten."""
    if not passphrase_opens(db, current):
        raise WrongPassphrase()
    _check_new(new)
    return db.change_key(new_key(new))


def remove_protection(db: Database, current: str) -> list[str]:
    """Write the data and its backups plain again; return the backups left as they were. Raises
    WrongPassphrase (nothing changed), StorageError when the data cannot be rewritten."""
    if not passphrase_opens(db, current):
        raise WrongPassphrase()
    return db.change_key(None)


def backups_left_text(left: list[str], protected: bool) -> str | None:
    """What to tell the person when a change of protection left some backups as they were (a
    full disk, a damaged file), the data now being `protected` or not; None when it left none."""
    if not left:
        return None
    remedy = (
        "change the passphrase (to the same one if you like) to encrypt them too, or delete them"
        if protected
        else "restore one with the passphrase it was written with, or delete them"
    )
    return (
        f"Your data was rewritten, but not every backup: {len(left):,} could not be and "
        f"{'was' if len(left) == 1 else 'were'} left as before, in the backups folder: "
        f"{'; '.join(left)}. If the disk is full, free some space; then {remedy}."
    )


def _check_new(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise PassphraseRefused(problem)


def backup_needs_passphrase(db: Database, backup: Path) -> bool:
    """Whether restoring `backup` needs the passphrase it was written under (one used before a
    change of the data's)."""
    return db.needs_passphrase(backup)


def backup_opens(backup: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the protected `backup`."""
    try:
        unlock_key(backup, passphrase)
    except (WrongPassphrase, OSError):
        return False
    return True


NEVER_PROTECTED = (
    "it cannot be read as your data: it looks encrypted, but you said it was never protected "
    "with a passphrase, so it is damaged"
)


class UnlockAnswer(Enum):
    UNLOCKED = "unlocked"
    QUIT = "quit"
    NEVER_PROTECTED = "never protected"


def asking_unlock(ask: Callable[[Callable[[str], str | None]], UnlockAnswer]) -> Unlock:
    """An unlock for `planner.startup.open_data` that asks a person: `ask` is given a judge (it
    tries a passphrase and returns None when it opens the data, else why not) and returns what the
    person did. Saying the data was never protected raises DamagedDatabase, so the damaged-file
    recovery is offered."""

    def unlock(database: Path) -> Key | None:
        found: list[Key] = []

        def judge(passphrase: str) -> str | None:
            try:
                found.append(unlock_key(database, passphrase))
            except WrongPassphrase as wrong:
                return f"{wrong} Check it and try again."
            return None

        answer = ask(judge)
        if answer is UnlockAnswer.NEVER_PROTECTED:
            raise DamagedDatabase(database, NEVER_PROTECTED)
        return found[-1] if answer is UnlockAnswer.UNLOCKED and found else None

    return unlock
