"""The one SQLite driver the app opens files with (SQLCipher's, which reads plain SQLite files as
they are), and the key an encrypted data folder is opened with.

Every file of a protected data folder (the database, its write-ahead log, each backup) is
encrypted with one key and one salt, in SQLCipher 4's own format: the key is what SQLCipher
itself derives from the passphrase and the salt (PBKDF2-HMAC-SHA512, 256,000 rounds), so any of
those files also opens in another SQLCipher 4 program with the passphrase alone. The app derives
it once when the data is unlocked and hands it to SQLCipher raw, so opening a connection or
taking a backup costs no second derivation.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlcipher3 import dbapi2 as driver

from planner.core.passphrase import passphrase_bytes

DRIVER = driver
"""The DB-API module every connection comes from, for SQLAlchemy."""
if TYPE_CHECKING:
    from sqlite3 import Connection as Connection  # the driver's have the standard library's interface
else:
    Connection = driver.Connection
Error: type[Exception] = driver.Error
DatabaseError: type[Exception] = driver.DatabaseError
OperationalError: type[Exception] = driver.OperationalError

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
KDF_ROUNDS = 256_000
"""SQLCipher 4's defaults (kdf_iter, PBKDF2-HMAC-SHA512)."""
PAGE_SIZE = 4096
"""SQLCipher 4's page size: an encrypted file is a whole number of pages."""


class WrongPassphrase(Exception):
    """The passphrase does not open the data; nothing was read or changed."""

    def __init__(self) -> None:
        super().__init__("That passphrase does not open your data.")


@dataclass(frozen=True)
class Key:
    """The raw key and salt of a protected data folder. Never written anywhere nor shown."""

    raw: bytes = field(repr=False)
    salt: bytes = field(repr=False)

    @property
    def sqlcipher(self) -> str:
        """The key as SQLCipher takes it raw: the key's and the salt's hex digits."""
        return f"x'{self.raw.hex()}{self.salt.hex()}'"


def derive_key(passphrase: str, salt: bytes) -> Key:
    """The key SQLCipher 4 would derive from `passphrase` for a file with `salt`."""
    raw = hashlib.pbkdf2_hmac("sha512", passphrase_bytes(passphrase), salt, KDF_ROUNDS, KEY_BYTES)
    return Key(raw, salt)


def new_key(passphrase: str) -> Key:
    """A key from `passphrase` with a new random salt: for protecting the data anew."""
    return derive_key(passphrase, os.urandom(SALT_BYTES))


def connect(path: Path, key: Key | None, mode: str = "rw", immutable: bool = False) -> Connection:
    """A connection to the file at `path` (opened with `mode`: "rw", "ro" or "rwc"), keyed with
    `key` when the file is encrypted. Nothing is read yet: a wrong key shows at the first query."""
    uri = f"{path.absolute().as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    connection = cast(Connection, driver.connect(uri, uri=True, check_same_thread=False))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is ours to report
        if key is not None:
            connection.execute(f'PRAGMA key = "{key.sqlcipher}"')
    except BaseException:
        connection.close()
        raise
    return connection


def looks_encrypted(path: Path) -> bool:
    """Whether the file at `path` looks like an encrypted database rather than a plain or a damaged
    one: it does not start as SQLite files do, starts with a salt (not zeros), and is a whole
    number of pages. A damaged file can look like this too; only a passphrase tells them apart."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return (
        size >= PAGE_SIZE
        and size % PAGE_SIZE == 0
        and head != SQLITE_HEADER
        and head != bytes(len(head))
    )


def file_salt(path: Path) -> bytes:
    """The salt an encrypted file starts with."""
    with open(path, "rb") as file:
        return file.read(SALT_BYTES)


def opens_with(path: Path, key: Key | None) -> bool:
    """Whether `key` (None: no key, a plain file) reads the database at `path`: whether it reads
    its first page, which SQLCipher checks against the key. Damage past that page (a file cut
    short, a page overwritten) does not make the right key a wrong one: it is found by checking
    the file once it is unlocked (see `planner.db.backup.database_problem`)."""
    try:
        with closing(connect(path, key, mode="ro")) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Error as error:
        return _code(error) == SQLITE_CORRUPT
    return True


SQLITE_CORRUPT = 11
"""SQLite's error for a page that does not read as it should, once the first page has: damage."""


def _code(error: Exception) -> int | None:
    """SQLite's primary error code for a driver error (None when it has none)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def unlock_key(path: Path, passphrase: str) -> Key:
    """The key `passphrase` gives for the encrypted database at `path`, checked by reading it;
    raises WrongPassphrase when it does not open it."""
    key = derive_key(passphrase, file_salt(path))
    if not opens_with(path, key):
        raise WrongPassphrase()
    return key


def key_of(path: Path, *keys: Key | None) -> Key | None:
    """Which of `keys` reads the file at `path`, or None for a plain file. Raises
    WrongPassphrase when none does (another passphrase's file, or a damaged one)."""
    for key in keys:
        if key is not None and opens_with(path, key):
            return key
    if opens_with(path, None):
        return None
    raise WrongPassphrase()
