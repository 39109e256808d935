"""What a passphrase must be, for the data folder and for plan files alike."""

from __future__ import annotations

PASSPHRASE_SHORTEST = 8
PASSPHRASE_LONGEST = 1024


def passphrase_problem(text: str) -> str | None:
    """What is wrong with `text` as a new passphrase, in plain words; None when it will do."""
    if len(text) < PASSPHRASE_SHORTEST:
        return f"A passphrase needs at least {PASSPHRASE_SHORTEST} characters."
    if len(text) > PASSPHRASE_LONGEST:
        return f"A passphrase can have at most {PASSPHRASE_LONGEST:,} characters."
    return None
