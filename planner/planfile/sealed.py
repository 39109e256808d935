"""Protected plan files: a plan file's bytes sealed with a passphrase.

The sealed file is a small JSON envelope that says what it is and how it was sealed; the plan
file itself is its ciphertext, encrypted with AES-256-GCM under a key derived from the passphrase
by Argon2id, with a fresh random salt and nonce each time. Everything in the envelope but the
ciphertext is bound to it as associated data, so a changed setting fails like a wrong
passphrase. The reader checks the envelope's size, shape and every setting against fixed
limits before it derives a key, so a hostile file can cost at most a bounded amount of memory
and time. README "Protected plan files" describes the format.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from planner.core.passphrase import passphrase_bytes, passphrase_problem
from planner.planfile.format import MAX_FILE_BYTES, PlanFileError

FORMAT = "patient-journey-planner-protected-plan"
VERSION = 1
KDF_NAME = "argon2id"
CIPHER_NAME = "AES-256-GCM"
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
TAG_BYTES = 16


@dataclass(frozen=True, slots=True)
class KdfCost:
    """Argon2id's cost: passes over the memory, the memory in KiB, and the lanes filling it."""

    iterations: int
    memory_kib: int
    lanes: int


WRITTEN_COST = KdfCost(iterations=3, memory_kib=64 * 1024, lanes=4)
"""What `seal` writes: RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes), for
machines where its first (2 GiB) is too much. About 0.15 s on the 2-core development machine."""
LEAST_COST = KdfCost(iterations=3, memory_kib=64 * 1024, lanes=1)
MOST_COST = KdfCost(iterations=6, memory_kib=256 * 1024, lanes=8)
"""The one set of limits, for the writer and the reader alike: a file is read only when each of
its settings lies from LEAST_COST to MOST_COST, and `seal` writes nothing outside them. The
least is what this app writes (fewer lanes only make the work less parallel, not cheaper), so
no file it reads was protected more weakly than one it writes; the most leaves a later version
room to make the key four times as costly in memory and twice in passes without a new format,
and keeps what a hostile file can make the reader spend to about 256 MiB and a second or two."""

MAX_SEALED_BYTES = 4 * ((MAX_FILE_BYTES + TAG_BYTES + 2) // 3) + 4096
"""The largest envelope: the largest plan file, encrypted and in base64, and room for the rest."""


class SealedFileError(PlanFileError):
    """A protected plan file cannot be opened; the message says why, for the person to read."""


class WrongFilePassphrase(SealedFileError):
    """The passphrase does not open the file, or the file was changed after it was sealed."""

    def __init__(self) -> None:
        super().__init__("The passphrase is wrong, or the file was changed after it was written.")


class _SealedFormat(msgspec.Struct):
    format: str | None = None


class _SealedHead(msgspec.Struct):
    format: str
    version: int


class _SealedKdf(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    salt: str
    iterations: int
    memory_kib: int
    lanes: int


class _SealedCipher(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    nonce: str


class _SealedEnvelope(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    kdf: _SealedKdf
    cipher: _SealedCipher
    ciphertext: str


_BAD_JSON = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)


def is_sealed(data: bytes) -> bool:
    """Whether `data` is a JSON object whose "format" says it is a protected plan file (damaged
    or not); never raises. A file past the size limit is not (the plan-file reader refuses it)."""
    if len(data) > MAX_SEALED_BYTES:
        return False
    try:
        return msgspec.json.decode(data, type=_SealedFormat).format == FORMAT
    except _BAD_JSON:
        return False


def seal(data: bytes, passphrase: str) -> bytes:
    """The sealed envelope of `data` (a plan file), as UTF-8 JSON. Raises ValueError, saying why,
    for a passphrase `passphrase_problem` refuses or data past the plan-file size limit."""
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise ValueError(problem)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"The plan is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    cost, salt, nonce = WRITTEN_COST, os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    envelope = _SealedEnvelope(
        FORMAT,
        VERSION,
        _SealedKdf(KDF_NAME, _b64(salt), cost.iterations, cost.memory_kib, cost.lanes),
        _SealedCipher(CIPHER_NAME, _b64(nonce)),
        "",
    )
    key = _key(passphrase, salt, cost)
    envelope.ciphertext = _b64(AESGCM(key).encrypt(nonce, data, _associated_data(envelope)))
    return msgspec.json.format(msgspec.json.encode(envelope), indent=2) + b"\n"


def unseal(data: bytes, passphrase: str) -> bytes:
    """The plan file sealed in `data`. Raises WrongFilePassphrase when the passphrase does not
    open it (or anything in it was changed), SealedFileError saying what is wrong when it is not
    a protected plan file this version can read; the envelope is checked before any key is made."""
    envelope, salt, nonce, sealed = _opened(data)
    if passphrase_problem(passphrase) is not None:
        raise WrongFilePassphrase()  # `seal` never takes one, so it cannot be this file's
    cost = KdfCost(envelope.kdf.iterations, envelope.kdf.memory_kib, envelope.kdf.lanes)
    try:
        return AESGCM(_key(passphrase, salt, cost)).decrypt(nonce, sealed, _associated_data(envelope))
    except InvalidTag:
        raise WrongFilePassphrase() from None


def check_sealed(data: bytes) -> None:
    """Raise SealedFileError, as `unseal` would, when `data` is not a protected plan file this
    version can read, before anyone is asked for its passphrase."""
    _opened(data)


def _opened(data: bytes) -> tuple[_SealedEnvelope, bytes, bytes, bytes]:
    """The checked envelope with its salt, nonce and ciphertext decoded."""
    envelope = _envelope(data)
    salt = _decoded(envelope.kdf.salt, "salt", SALT_BYTES)
    nonce = _decoded(envelope.cipher.nonce, "nonce", NONCE_BYTES)
    sealed = _decoded(envelope.ciphertext, "ciphertext")
    if len(sealed) < TAG_BYTES:
        raise SealedFileError("The file is cut short: its ciphertext is too short to hold anything.")
    return envelope, salt, nonce, sealed


def _envelope(data: bytes) -> _SealedEnvelope:
    """The envelope, its version, names and costs checked; raises SealedFileError."""
    if len(data) > MAX_SEALED_BYTES:
        raise SealedFileError(
            f"The file is larger than {MAX_SEALED_BYTES // (1024 * 1024)} MB; "
            "it is not a protected plan file."
        )
    try:
        head = msgspec.json.decode(data, type=_SealedHead)
    except _BAD_JSON:
        raise SealedFileError("The file is not a protected plan file, or it is damaged.") from None
    if head.format != FORMAT:
        raise SealedFileError("The file is not a protected plan file.")
    if head.version > VERSION:
        raise SealedFileError(
            f"The file was protected by a newer version of this app (its version is {head.version}, "
            f"this app reads {VERSION}). Update the app to open it."
        )
    if head.version != VERSION:
        raise SealedFileError(f"The file's version, {head.version}, is not one this app knows.")
    try:
        envelope = msgspec.json.decode(data, type=_SealedEnvelope)
    except _BAD_JSON as error:
        raise SealedFileError(f"The file is damaged: {error}.") from None
    if envelope.kdf.name != KDF_NAME:
        raise SealedFileError(f"The file's key is not made with {KDF_NAME}, the only way this app knows.")
    if envelope.cipher.name != CIPHER_NAME:
        raise SealedFileError(
            f"The file is not encrypted with {CIPHER_NAME}, the only cipher this app knows."
        )
    problem = _cost_problem(KdfCost(envelope.kdf.iterations, envelope.kdf.memory_kib, envelope.kdf.lanes))
    if problem is not None:
        raise SealedFileError(f"{problem} It was not written by this app, or it was changed.")
    return envelope


def _cost_problem(cost: KdfCost) -> str | None:
    for name, what in (("iterations", "passes"), ("memory_kib", "KiB of memory"), ("lanes", "lanes")):
        value, least, most = (getattr(c, name) for c in (cost, LEAST_COST, MOST_COST))
        if not least <= value <= most:
            asked = f"{value:,}" if abs(value) < 10**15 else "an absurd number of"
            return f"The file's key asks for {asked} {what}; this app allows {least:,} to {most:,}."
    return None


def _associated_data(envelope: _SealedEnvelope) -> bytes:
    """Everything in the envelope but the ciphertext, as canonical JSON: keys sorted, no spaces,
    ASCII only."""
    header = msgspec.to_builtins(envelope)
    del header["ciphertext"]
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _key(passphrase: str, salt: bytes, cost: KdfCost) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    )
    return kdf.derive(passphrase_bytes(passphrase))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _decoded(text: str, name: str, length: int | None = None) -> bytes:
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise SealedFileError(f"The file is damaged: its {name} is not base64 text.") from None
    if length is not None and len(data) != length:
        raise SealedFileError(f"The file is damaged: its {name} has {len(data)} bytes, not {length}.")
    return data
