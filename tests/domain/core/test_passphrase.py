"""One passphrase rule for the whole app: at least 8 characters, at most 1,024, nothing that
cannot be typed, read in NFC form."""

from __future__ import annotations

import unicodedata

import pytest

from planner.core.limits import PASSPHRASE
from planner.core.passphrase import passphrase_bytes, passphrase_problem


@pytest.mark.parametrize(
    "text",
    [
        "x" * PASSPHRASE.least,
        "x" * PASSPHRASE.most,
        "correct horse battery staple",
        "무릎 수술 비밀번호",  # nine Hangul syllables and spaces
        "  spaces around  ",
    ],
)
def test_a_passphrase_within_the_limits_is_taken(text: str) -> None:
    assert passphrase_problem(text) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Type a passphrase of at least 8 characters."),
        ("short", "A passphrase needs at least 8 characters; this one has 5."),
        ("x" * 7, "this one has 7"),
        ("x" * 1_025, "A passphrase has at most 1,024 characters; this one has 1,025."),
        (" " * 12, "A passphrase cannot be only spaces."),
        ("two\nlines here", "cannot hold a line break"),
        ("tab\tin the middle", "cannot hold a line break, a tab"),
        ("escape \x1b[2J here", "another character that is not typed"),
        ("bytes \udcff that were not text", "another character that is not typed"),
        ("line\u2028separator", "another character that is not typed"),
    ],
)
def test_a_passphrase_outside_the_limits_is_refused_in_plain_words(text: str, says: str) -> None:
    problem = passphrase_problem(text)
    assert problem is not None and says in problem


def test_characters_are_counted_as_composed() -> None:
    composed = "한국어비밀번호"  # seven syllables, each one character in NFC
    decomposed = unicodedata.normalize("NFD", composed)
    assert len(decomposed) > PASSPHRASE.least > len(composed)
    assert passphrase_problem(decomposed) == passphrase_problem(composed) is not None
    assert "this one has 7" in (passphrase_problem(decomposed) or "")


def test_the_same_words_composed_or_not_give_the_same_bytes() -> None:
    words = "무릎 café 수술"
    assert passphrase_bytes(unicodedata.normalize("NFD", words)) == passphrase_bytes(words)
    assert passphrase_bytes(words) == words.encode("utf-8")
    assert passphrase_bytes("\udcff lone") == b"\xed\xb3\xbf lone"  # never raises
