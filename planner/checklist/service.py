"""A plan's checklist: list, take the templates, add, edit, tick, reorder, delete and undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.checklist.rules import (
    CleanItem,
    Due,
    Item,
    ItemDraft,
    Tally,
    TripDates,
    next_due,
    tally,
    validate_item,
)
from planner.core import clock
from planner.core.clock import utc_now
from planner.core.limits import CHECKLIST_ITEMS
from planner.db.checklist_seed import add_template_items, missing_templates
from planner.db.database import Database
from planner.db.models import ChecklistItemRow, PlanRow
from planner.journey.store import step_names_in
from planner.plans.room_store import ensure_room, full_message

__all__ = [
    "ChecklistData",
    "ChecklistGlance",
    "DeletedItem",
    "ItemDraft",
    "delete_item",
    "glance",
    "load_checklist",
    "move_item",
    "restore_item",
    "save_item",
    "set_done",
    "set_treatment_date",
    "take_templates",
]


@dataclass(frozen=True, slots=True)
class ChecklistData:
    plan_id: int
    trip: TripDates
    steps: dict[str, str]
    """Journey step id to name, in the journey's order."""
    items: list[Item]
    missing_templates: int = 0
    """How many of the articles' items the plan does not have (deleted, or new in the catalogue)."""


@dataclass(frozen=True, slots=True)
class DeletedItem:
    """Everything needed to put a deleted item back where it was."""

    plan_id: int
    position: int
    template_id: str | None
    created_at: datetime
    item: Item


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


def load_checklist(db: Database, plan_id: int) -> ChecklistData:
    """The plan's items in the journey's order, then their own order within each step."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        steps = step_names_in(session)
        order = {step: index for index, step in enumerate(steps)}
        rows = session.scalars(select(ChecklistItemRow).where(ChecklistItemRow.plan_id == plan_id))
        items = sorted(rows, key=lambda r: (order.get(r.step_id, len(order)), r.position, r.id))
        missing = len(missing_templates(session, plan_id))
        return ChecklistData(plan_id, _trip(plan), steps, [_item(r) for r in items], missing)


def step_items(session: Session, plan: PlanRow, step_id: str) -> tuple[list[Item], TripDates]:
    """One step's items in their order, and the trip dates their due dates count from."""
    rows = session.scalars(
        select(ChecklistItemRow)
        .where(ChecklistItemRow.plan_id == plan.id, ChecklistItemRow.step_id == step_id)
        .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
    )
    return [_item(r) for r in rows], _trip(plan)


@changes(Change.CHECKLIST)
def take_templates(db: Database, plan_id: int) -> int:
    """Give the plan the catalogue's items it does not have (for plans made before the
    checklist existed, or after a catalogue update). Returns how many were added; raises PlanFull
    and adds none when they would take the plan past its limit."""
    with db.transaction() as session:
        session.get_one(PlanRow, plan_id)
        added = add_template_items(session, plan_id, utc_now())
        session.flush()
        ensure_room(session, CHECKLIST_ITEMS, ChecklistItemRow, plan_id, 0)
        return added


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


def checklist_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another checklist item (it is full), or None."""
    return full_message(db, CHECKLIST_ITEMS, ChecklistItemRow, plan_id)


@changes(Change.CHECKLIST)
def save_item(db: Database, plan_id: int, draft: ItemDraft, item_id: int | None = None) -> Item:
    """Add an item at the end of its step, or change one (moving it to the end of another step
    when its step changes). Raises ValidationError and writes nothing when a field is wrong, and
    PlanFull when adding to a plan that holds the most items it may."""
    with db.transaction() as session:
        clean = validate_item(draft, set(step_names_in(session)))
        if item_id is None:
            session.get_one(PlanRow, plan_id)
            ensure_room(session, CHECKLIST_ITEMS, ChecklistItemRow, plan_id)
            row = ChecklistItemRow(
                plan_id=plan_id, position=_end_of_step(session, plan_id, clean.step_id), created_at=utc_now()
            )
            session.add(row)
        else:
            row = _owned(session, plan_id, item_id)
            if row.step_id != clean.step_id:
                row.position = _end_of_step(session, plan_id, clean.step_id)
        _fill(row, clean)
        session.flush()
        return _item(row)


@changes(Change.CHECKLIST)
def set_done(db: Database, plan_id: int, item_id: int, done: bool, now: datetime | None = None) -> Item:
    """Tick (keeping when) or untick an item."""
    with db.transaction() as session:
        row = _owned(session, plan_id, item_id)
        if done and row.done_at is None:
            row.done_at = now or utc_now()
        elif not done:
            row.done_at = None
        return _item(row)


@changes(Change.CHECKLIST)
def move_item(db: Database, plan_id: int, item_id: int, target: int) -> None:
    """Put an item at index `target` among its step's items (clamped), renumbering the step."""
    with db.transaction() as session:
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


@changes(Change.CHECKLIST)
def delete_item(db: Database, plan_id: int, item_id: int) -> DeletedItem:
    with db.transaction() as session:
        row = _owned(session, plan_id, item_id)
        deleted = DeletedItem(plan_id, row.position, row.template_id, row.created_at, _item(row))
        session.delete(row)
        return deleted


@changes(Change.CHECKLIST)
def restore_item(db: Database, deleted: DeletedItem) -> Item:
    """Undo a delete: the item comes back in its step at its old place, ticked or not."""
    item = deleted.item
    with db.transaction() as session:
        if deleted.template_id is not None:
            # Taking the templates again after the delete re-added it: keep one copy, the restored.
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


@changes(Change.PLAN | Change.CHECKLIST)
def set_treatment_date(db: Database, plan_id: int, treatment: date | None) -> None:
    """The day of treatment, which items due relative to treatment count from."""
    with db.transaction() as session:
        session.get_one(PlanRow, plan_id).treatment_date = treatment


@dataclass(frozen=True, slots=True)
class ChecklistGlance:
    """What the plan overview shows of the checklist."""

    tally: Tally
    next_due: list[tuple[date, Item]]
    today: date


def glance(db: Database, plan_id: int, today: date | None = None, count: int = 5) -> ChecklistGlance:
    day = today or clock.today()
    data = load_checklist(db, plan_id)
    due_on = {i.id: i.due.resolve(data.trip) for i in data.items}
    return ChecklistGlance(
        tally(data.items, due_on, list(data.steps), day), next_due(data.items, data.trip, count), day
    )
