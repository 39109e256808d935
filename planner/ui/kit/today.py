"""A page's "today", read from the clock each time it is asked, so a window left open past
midnight counts from the new day (tests may fix it by giving the page a day)."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.core import clock


class ClockToday:
    """`today` as an attribute: the day in the owner's `fixed_today` when it has one, else the
    clock's today."""

    def __get__(self, owner: Any, owner_type: Any = None) -> date:
        fixed: date | None = getattr(owner, "fixed_today", None)
        return fixed or clock.today()
