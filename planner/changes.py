"""What a change to the data touches, as a set of flags. Each service function that writes
declares what it changes (`@changes(Change.QUOTES)`, read back as `save_quote.changes`); the
window passes that on, and each page decides for itself what to read again."""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto
from typing import Generic, ParamSpec, TypeVar, cast

Params = ParamSpec("Params")
Result = TypeVar("Result", covariant=True)


class Change(Flag):
    PLAN = auto()
    """A plan itself or the list of plans: added, renamed, copied, deleted, its dates or its
    chosen clinic. Every page shows its plan again."""
    CLINICS = auto()
    """A clinic: added, edited, hidden, deleted, shortlisted, its note and rating."""
    QUOTES = auto()
    ANSWERS = auto()
    """The consultation questions and the answers to them."""
    BUDGET = auto()
    """Expenses, rates, the estimate and the deposit."""
    CHECKLIST = auto()
    JOURNEY = auto()
    """A journey step's status, notes or stay."""
    ITINERARY = auto()
    """The appointments."""
    CATALOGUE = auto()
    """The built-in facts from the articles."""
    RECOVERY = auto()
    """The baseline, check-ins, activities, exercises and diary after treatment."""
    EVERYTHING = (
        PLAN | CLINICS | QUOTES | ANSWERS | BUDGET | CHECKLIST | JOURNEY | ITINERARY | CATALOGUE | RECOVERY
    )


class Changing(Generic[Params, Result]):
    """A service function that writes, with what it changes."""

    changes: Change

    def __call__(self, *args: Params.args, **kwargs: Params.kwargs) -> Result:
        raise NotImplementedError  # the type of the function `changes` marks; never built


def changes(what: Change) -> Callable[[Callable[Params, Result]], Changing[Params, Result]]:
    """Mark a service function with what it changes (the function itself is left as it is)."""

    def mark(function: Callable[Params, Result]) -> Changing[Params, Result]:
        function.changes = what  # type: ignore[attr-defined]
        return cast(Changing[Params, Result], function)

    return mark
