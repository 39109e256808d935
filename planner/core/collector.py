"""Pausing Python's cycle collector while a large plan is read, checked or written.

A plan file with tens of thousands of lines becomes hundreds of thousands of small lists,
strings and tuples, none of them in a reference cycle. While they are being made, the collector
would walk all of them again and again (it runs every few hundred new objects), which costs more
than the work itself. Reference counting still frees everything as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; it resumes as it was, even when the block raises."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
