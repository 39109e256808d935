"""Field-level validation errors shared by every service."""

from __future__ import annotations


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
