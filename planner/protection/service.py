"""Turn the data folder's protection on, change its passphrase, turn it off. Each rewrites the
data file and every backup beside it (see `Database.change_key`); the passphrase itself is never
kept, only the key derived from it, in memory."""

from __future__ import annotations

import hmac
from pathlib import Path

from planner.core.passphrase import passphrase_problem
from planner.db.cipher import WrongPassphrase, derive_key, new_key, unlock_key
from planner.db.database import Database


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


def protect_data(db: Database, passphrase: str) -> None:
    """Encrypt the data and its backups with `passphrase`. Raises PassphraseRefused or
    AlreadyProtected (nothing changed), StorageError when the data cannot be rewritten."""
    if db.protected:
        raise AlreadyProtected()
    _check_new(passphrase)
    db.change_key(new_key(passphrase))


def change_passphrase(db: Database, current: str, new: str) -> None:
    """Encrypt the data and its backups with `new` instead of `current`. Raises WrongPassphrase
    or PassphraseRefused (nothing changed), StorageError when the data cannot be rewritten."""
    if not passphrase_opens(db, current):
        raise WrongPassphrase()
    _check_new(new)
    db.change_key(new_key(new))


def remove_protection(db: Database, current: str) -> None:
    """Write the data and its backups plain again. Raises WrongPassphrase (nothing changed),
    StorageError when the data cannot be rewritten."""
    if not passphrase_opens(db, current):
        raise WrongPassphrase()
    db.change_key(None)


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
