"""Whether a plan has room for one more of something (see planner.core.limits)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.core.limits import Limit, check_room


def count_in_plan(session: Session, row_type: Any, plan_id: int) -> int:
    """How many rows of `row_type` (a model with a plan_id) the plan holds."""
    return session.scalar(select(func.count()).select_from(row_type).where(row_type.plan_id == plan_id)) or 0


def ensure_room(session: Session, limit: Limit, row_type: Any, plan_id: int, adding: int = 1) -> None:
    """Raise PlanFull when the plan cannot take `adding` more rows of `row_type`."""
    check_room(limit, count_in_plan(session, row_type, plan_id), adding)


def room_message(session: Session, limit: Limit, row_type: Any, plan_id: int) -> str | None:
    """What to tell the person who wants to add one more, or None while there is room."""
    return limit.full_message() if count_in_plan(session, row_type, plan_id) >= limit.most else None
