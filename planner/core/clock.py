"""The app's clock: the one place that reads the time, for everything that asks "now" or "today".

Tests pin it to a moment (`pin`, or `pinned` as a context manager); a pinned clock stands still.
A process started with the environment variable PLANNER_NOW set to an ISO 8601 moment
(`2026-11-20T10:00:00`, local time unless it carries an offset) sees that moment, standing
still, for its whole run: that is how tests of the command line choose the day.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache

ENVIRONMENT = "PLANNER_NOW"

_pinned: datetime | None = None
"""The moment the clock shows while pinned, with its offset; None when it runs."""


def utc_now() -> datetime:
    """Now in UTC, without a time zone attached: timestamps as they are stored."""
    return _now().astimezone(UTC).replace(tzinfo=None)


def local_now() -> datetime:
    """Now on this computer's wall clock, without a time zone attached."""
    return _now().astimezone().replace(tzinfo=None)


def today() -> date:
    """Today's date where the user is (local time)."""
    return local_now().date()


def pin(moment: datetime | None) -> None:
    """Stop the clock at `moment` (naive: local time), or let it run again with None."""
    global _pinned
    _pinned = None if moment is None else moment.astimezone()


@contextmanager
def pinned(moment: datetime) -> Iterator[None]:
    """The clock stopped at `moment` (naive: local time) inside the block, as it was after."""
    before = _pinned
    pin(moment)
    try:
        yield
    finally:
        pin(before)


def _now() -> datetime:
    if _pinned is not None:
        return _pinned
    text = os.environ.get(ENVIRONMENT)
    if text:
        return _from_environment(text)
    return datetime.now(UTC)


@lru_cache(maxsize=4)
def _from_environment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        example = "2026-11-20T10:00:00"
        raise ValueError(f"{ENVIRONMENT}={text!r} is not an ISO 8601 moment such as {example}") from None
