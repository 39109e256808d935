"""Moved to `planner.clock`; kept so that code written against the old place still runs."""

from __future__ import annotations

from planner.clock import utc_now

__all__ = ["utc_now"]
