"""Field-level validation errors shared by every service."""

from __future__ import annotations

import unicodedata


class ValidationError(ValueError):
    """Bad input: maps each field name to a message written for the person who typed it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls({field: message})


def raise_if_any(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def control_character_problem(text: str) -> str | None:
    """A message when a name holds a control character (an escape, a bell, a NUL): a name is
    printed in terminals, file names and printouts, where such a character is unseen or acts."""
    if any(unicodedata.category(c) == "Cc" for c in text if c not in "\t\n\r"):
        return "Names cannot hold control characters; type the name again."
    return None
