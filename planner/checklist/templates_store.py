"""Give a plan the catalogue's checklist templates it does not have yet. Every function takes the
caller's Session and opens no transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.db.models import ChecklistItemRow, ChecklistTemplateRow, JourneyStepRow


def missing_templates(session: Session, plan_id: int) -> list[ChecklistTemplateRow]:
    """The current templates the plan has no item from, in the journey's order."""
    taken = set(
        session.scalars(
            select(ChecklistItemRow.template_id).where(
                ChecklistItemRow.plan_id == plan_id, ChecklistItemRow.template_id.is_not(None)
            )
        )
    )
    templates = session.scalars(
        select(ChecklistTemplateRow)
        .join(JourneyStepRow)
        .where(ChecklistTemplateRow.retired.is_(False), JourneyStepRow.retired.is_(False))
        .order_by(JourneyStepRow.sort_order, ChecklistTemplateRow.sort_order)
    )
    return [template for template in templates if template.id not in taken]


def missing_template_count(session: Session, plan_id: int) -> int:
    """How many of the current templates the plan has no item from."""
    return len(missing_templates(session, plan_id))


def add_template_items(session: Session, plan_id: int, now: datetime) -> int:
    """Add one item per current template the plan has not taken before, at the end of its
    step, with the template's relative due date. Returns how many were added."""
    missing = missing_templates(session, plan_id)
    last: dict[str, int] = {
        step: position
        for step, position in session.execute(
            select(ChecklistItemRow.step_id, func.max(ChecklistItemRow.position))
            .where(ChecklistItemRow.plan_id == plan_id)
            .group_by(ChecklistItemRow.step_id)
        )
    }
    added = 0
    for template in missing:
        position = last.get(template.step_id, -1) + 1
        last[template.step_id] = position
        session.add(
            ChecklistItemRow(
                plan_id=plan_id,
                step_id=template.step_id,
                position=position,
                template_id=template.id,
                text=template.text,
                kind=template.kind,
                document=template.document,
                note="",
                due_anchor=template.due_anchor if template.due_days is not None else "",
                due_days=template.due_days if template.due_anchor else None,
                created_at=now,
            )
        )
        added += 1
    session.flush()
    return added
