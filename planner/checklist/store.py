"""A plan's checklist items as rows: read in order, added, changed, ticked, moved, deleted and
put back. Every function takes the caller's Session and opens no transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.checklist.rules import CleanItem, DeletedItem, Due, Item, TripDates
from planner.core.limits import CHECKLIST_ITEMS, check_room
from planner.db.models import ChecklistItemRow, PlanRow


def _item(row: ChecklistItemRow) -> Item:
    return Item(
        row.id,
        row.step_id,
        row.text,
        row.kind,
        row.done_at,
        Due(row.due_on, row.due_anchor, row.due_days),
        row.note,
        row.document,
        row.expires_on,
    )


def _trip(plan: PlanRow) -> TripDates:
    return TripDates(plan.departure_date, plan.return_date, plan.treatment_date)


def checklist_trip(session: Session, plan_id: int) -> TripDates:
    """The dates the plan's due dates count from; raises NoResultFound for an unknown plan."""
    return _trip(session.get_one(PlanRow, plan_id))


def set_treatment(session: Session, plan_id: int, treatment: date | None) -> None:
    session.get_one(PlanRow, plan_id).treatment_date = treatment


def items_in(session: Session, plan_id: int, steps: Sequence[str]) -> list[Item]:
    """The plan's items in the order of `steps` (the journey's step ids; items of other steps
    last), then their own order within each step."""
    order = {step: index for index, step in enumerate(steps)}
    rows = session.scalars(select(ChecklistItemRow).where(ChecklistItemRow.plan_id == plan_id))
    ordered = sorted(rows, key=lambda r: (order.get(r.step_id, len(order)), r.position, r.id))
    return [_item(r) for r in ordered]


def step_items(session: Session, plan: PlanRow, step_id: str) -> tuple[list[Item], TripDates]:
    """One step's items in their order, and the trip dates their due dates count from."""
    rows = session.scalars(
        select(ChecklistItemRow)
        .where(ChecklistItemRow.plan_id == plan.id, ChecklistItemRow.step_id == step_id)
        .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
    )
    return [_item(r) for r in rows], _trip(plan)


def item_count(session: Session, plan_id: int) -> int:
    query = select(func.count()).select_from(ChecklistItemRow).where(ChecklistItemRow.plan_id == plan_id)
    return session.scalar(query) or 0


def ensure_item_room(session: Session, plan_id: int, adding: int = 1) -> None:
    """Raise PlanFull when the plan cannot take `adding` more items."""
    check_room(CHECKLIST_ITEMS, item_count(session, plan_id), adding)


def _fill(row: ChecklistItemRow, clean: CleanItem) -> None:
    row.step_id = clean.step_id
    row.text = clean.text
    row.kind = clean.kind
    row.note = clean.note
    row.document = clean.document
    row.expires_on = clean.expires_on
    row.due_on = clean.due.on
    row.due_anchor = clean.due.anchor
    row.due_days = clean.due.days


def _end_of_step(session: Session, plan_id: int, step_id: str) -> int:
    positions = session.scalars(
        select(ChecklistItemRow.position).where(
            ChecklistItemRow.plan_id == plan_id, ChecklistItemRow.step_id == step_id
        )
    )
    return max(positions, default=-1) + 1


def _owned(session: Session, plan_id: int, item_id: int) -> ChecklistItemRow:
    row = session.get_one(ChecklistItemRow, item_id)
    if row.plan_id != plan_id:
        raise ValueError("that item belongs to another plan")
    return row


def insert_item(session: Session, plan_id: int, clean: CleanItem, now: datetime) -> Item:
    """A checked item at the end of its step. Raises NoResultFound for an unknown plan, and
    PlanFull when the plan holds the most items it may."""
    session.get_one(PlanRow, plan_id)
    ensure_item_room(session, plan_id)
    row = ChecklistItemRow(
        plan_id=plan_id, position=_end_of_step(session, plan_id, clean.step_id), created_at=now
    )
    session.add(row)
    _fill(row, clean)
    session.flush()
    return _item(row)


def change_item(session: Session, plan_id: int, item_id: int, clean: CleanItem) -> Item:
    """Write a checked item over one of the plan's, moving it to the end of its new step when its
    step changes."""
    row = _owned(session, plan_id, item_id)
    if row.step_id != clean.step_id:
        row.position = _end_of_step(session, plan_id, clean.step_id)
    _fill(row, clean)
    session.flush()
    return _item(row)


def tick_item(session: Session, plan_id: int, item_id: int, done: bool, now: datetime) -> Item:
    """Tick an item (keeping when it was first ticked) or untick it."""
    row = _owned(session, plan_id, item_id)
    if done and row.done_at is None:
        row.done_at = now
    elif not done:
        row.done_at = None
    return _item(row)


def place_item(session: Session, plan_id: int, item_id: int, target: int) -> None:
    """Put an item at index `target` among its step's items (clamped), renumbering the step."""
    row = _owned(session, plan_id, item_id)
    siblings = list(
        session.scalars(
            select(ChecklistItemRow)
            .where(ChecklistItemRow.plan_id == plan_id, ChecklistItemRow.step_id == row.step_id)
            .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
        )
    )
    siblings.remove(row)
    siblings.insert(max(0, min(target, len(siblings))), row)
    for position, sibling in enumerate(siblings):
        sibling.position = position


def remove_item(session: Session, plan_id: int, item_id: int) -> DeletedItem:
    """Delete one of the plan's items; returns what putting it back needs."""
    row = _owned(session, plan_id, item_id)
    deleted = DeletedItem(plan_id, row.position, row.template_id, row.created_at, _item(row))
    session.delete(row)
    return deleted


def put_back_item(session: Session, deleted: DeletedItem) -> Item:
    """The deleted item back in its step at its old place, ticked or not. Taking the templates
    again after the delete re-added it when it came from one: the copy goes, the restored stays."""
    item = deleted.item
    if deleted.template_id is not None:
        for again in session.scalars(
            select(ChecklistItemRow).where(
                ChecklistItemRow.plan_id == deleted.plan_id,
                ChecklistItemRow.template_id == deleted.template_id,
            )
        ):
            session.delete(again)
        session.flush()
    for row in session.scalars(
        select(ChecklistItemRow).where(
            ChecklistItemRow.plan_id == deleted.plan_id,
            ChecklistItemRow.step_id == item.step_id,
            ChecklistItemRow.position >= deleted.position,
        )
    ):
        row.position += 1
    row = ChecklistItemRow(
        plan_id=deleted.plan_id,
        step_id=item.step_id,
        position=deleted.position,
        template_id=deleted.template_id,
        text=item.text,
        kind=item.kind,
        document=item.document,
        note=item.note,
        done_at=item.done_at,
        due_on=item.due.on,
        due_anchor=item.due.anchor,
        due_days=item.due.days,
        expires_on=item.expires_on,
        created_at=deleted.created_at,
    )
    session.add(row)
    session.flush()
    return _item(row)
