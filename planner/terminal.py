"""Text the command line prints, made safe for a terminal."""

from __future__ import annotations

import sys
import unicodedata

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks that reorder the text around them (a name could hide what follows it)."""


def shown(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\t`, `\\u202e`), so a
    plan name, a file name or a message cannot move the cursor, clear the screen, retitle the
    window or start a new line; everything else, Hangul and emoji included, is kept as it is."""
    return "".join(_escape(c) if _is_control(c) else c for c in text)


def _is_control(character: str) -> bool:
    return unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in _BIDI


def _escape(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def say(message: str) -> None:
    """A message for the person on standard error, as `planner: message` on one line."""
    print(f"planner: {shown(message)}", file=sys.stderr)


def out(*columns: str) -> None:
    """One line of what a command was asked to print, its columns separated by tabs."""
    print("\t".join(shown(column) for column in columns))
