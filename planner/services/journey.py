"""The journey's steps, from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import JourneyStepRow
from planner.services.database import Database

__all__ = ["JourneyStep", "list_steps"]


@dataclass(frozen=True, slots=True)
class JourneyStep:
    id: str
    phase_name: str
    name: str
    summary: str
    duration: str


def step_names_in(session: Session) -> dict[str, str]:
    """Journey step id to name, in the journey's order."""
    rows = session.execute(
        select(JourneyStepRow.id, JourneyStepRow.name)
        .where(JourneyStepRow.retired.is_(False))
        .order_by(JourneyStepRow.sort_order)
    )
    return {step_id: name for step_id, name in rows}


def list_steps(db: Database) -> list[JourneyStep]:
    with db.transaction() as session:
        rows = session.scalars(
            select(JourneyStepRow)
            .where(JourneyStepRow.retired.is_(False))
            .order_by(JourneyStepRow.sort_order)
        )
        return [JourneyStep(r.id, r.phase_name, r.name, r.summary, r.duration) for r in rows]
