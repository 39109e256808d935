"""Passphrases: what makes one acceptable, and the bytes a key is derived from.

One rule for every passphrase the app asks for (a protected plan file, the protected data), so a
passphrase chosen in one place is never refused in another. A passphrase is read in Unicode NFC
form: the same words typed on two systems (or with two input methods, as Hangul can be) whose
keyboards compose accented letters or syllables differently give the same key.
"""

from __future__ import annotations

import unicodedata

from planner.core.limits import PASSPHRASE

_UNTYPABLE = frozenset(("Cc", "Cs", "Zl", "Zp"))
"""Control characters, line and paragraph separators, and lone surrogates (bytes that were not
text in an environment variable): none can be typed into the window's passphrase field, so a
passphrase holding one could protect a file that the window could never open."""


def passphrase_text(text: str) -> str:
    """`text` as a passphrase is read: in NFC form, nothing else changed."""
    return unicodedata.normalize("NFC", text)


def passphrase_bytes(text: str) -> bytes:
    """What a key is derived from: the passphrase in NFC form, as UTF-8 (a lone surrogate, which
    `passphrase_problem` refuses, is encoded rather than raised, so reading never fails on it)."""
    return passphrase_text(text).encode("utf-8", errors="surrogatepass")


def passphrase_problem(text: str) -> str | None:
    """What is wrong with `text` as a new passphrase, in plain words, or None when it will do."""
    length = len(passphrase_text(text))
    if any(unicodedata.category(c) in _UNTYPABLE for c in text):
        return "A passphrase cannot hold a line break, a tab or another character that is not typed."
    if length == 0:
        return f"Type a passphrase of at least {PASSPHRASE.least} characters."
    if not text.strip():
        return "A passphrase cannot be only spaces."
    if length < PASSPHRASE.least:
        return (
            f"A passphrase needs at least {PASSPHRASE.least:,} characters; this one has {length:,}. "
            "A few words together are easy to remember and hard to guess."
        )
    if length > PASSPHRASE.most:
        return f"A passphrase has at most {PASSPHRASE.most:,} characters; this one has {length:,}."
    return None
