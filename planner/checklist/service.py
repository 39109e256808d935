"""A plan's checklist: list, take the templates, add, edit, tick, reorder, delete and undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.changes import Change, changes
from planner.checklist.rules import (
    DeletedItem,
    Item,
    ItemDraft,
    Tally,
    TripDates,
    next_due,
    tally,
    validate_item,
)
from planner.checklist.store import (
    change_item,
    checklist_trip,
    ensure_item_room,
    insert_item,
    item_count,
    items_in,
    place_item,
    put_back_item,
    remove_item,
    set_treatment,
    tick_item,
)
from planner.checklist.templates_store import add_template_items, missing_template_count
from planner.core import clock
from planner.core.clock import utc_now
from planner.core.limits import CHECKLIST_ITEMS
from planner.db.database import Database
from planner.journey.store import step_names_in
from planner.recovery.checkins import Scheduled, schedule
from planner.recovery.store import check_ins_in

__all__ = [
    "ChecklistData",
    "ChecklistGlance",
    "DeletedItem",
    "ItemDraft",
    "checklist_room_problem",
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
    check_ins: tuple[Scheduled, ...] = ()
    """The baseline and check-ins with their due days and the days they were done (recorded on the
    Recovery page); none without a treatment day."""


def load_checklist(db: Database, plan_id: int) -> ChecklistData:
    """The plan's items in the journey's order, then their own order within each step; and the
    baseline and check-ins once the treatment day is set."""
    with db.transaction() as session:
        trip = checklist_trip(session, plan_id)
        steps = step_names_in(session)
        items = items_in(session, plan_id, list(steps))
        missing = missing_template_count(session, plan_id)
        check_ins: tuple[Scheduled, ...] = ()
        if trip.treatment is not None:
            taken = {c.point_id: c.taken_on for c in check_ins_in(session, plan_id) if c.point_id}
            check_ins = tuple(schedule(trip.treatment, taken))
        return ChecklistData(plan_id, trip, steps, items, missing, check_ins)


@changes(Change.CHECKLIST)
def take_templates(db: Database, plan_id: int) -> int:
    """Give the plan the catalogue's items it does not have (for plans made before the
    checklist existed, or after a catalogue update). Returns how many were added; raises PlanFull
    and adds none when they would take the plan past its limit."""
    with db.transaction() as session:
        checklist_trip(session, plan_id)  # the plan must exist
        added = add_template_items(session, plan_id, utc_now())
        ensure_item_room(session, plan_id, 0)
        return added


def checklist_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another checklist item (it is full), or None."""
    with db.transaction() as session:
        full = item_count(session, plan_id) >= CHECKLIST_ITEMS.most
        return CHECKLIST_ITEMS.full_message() if full else None


@changes(Change.CHECKLIST)
def save_item(db: Database, plan_id: int, draft: ItemDraft, item_id: int | None = None) -> Item:
    """Add an item at the end of its step, or change one (moving it to the end of another step
    when its step changes). Raises ValidationError and writes nothing when a field is wrong, and
    PlanFull when adding to a plan that holds the most items it may."""
    with db.transaction() as session:
        clean = validate_item(draft, set(step_names_in(session)))
        if item_id is None:
            return insert_item(session, plan_id, clean, utc_now())
        return change_item(session, plan_id, item_id, clean)


@changes(Change.CHECKLIST)
def set_done(db: Database, plan_id: int, item_id: int, done: bool, now: datetime | None = None) -> Item:
    """Tick (keeping when) or untick an item."""
    with db.transaction() as session:
        return tick_item(session, plan_id, item_id, done, now or utc_now())


@changes(Change.CHECKLIST)
def move_item(db: Database, plan_id: int, item_id: int, target: int) -> None:
    """Put an item at index `target` among its step's items (clamped), renumbering the step."""
    with db.transaction() as session:
        place_item(session, plan_id, item_id, target)


@changes(Change.CHECKLIST)
def delete_item(db: Database, plan_id: int, item_id: int) -> DeletedItem:
    with db.transaction() as session:
        return remove_item(session, plan_id, item_id)


@changes(Change.CHECKLIST)
def restore_item(db: Database, deleted: DeletedItem) -> Item:
    """Undo a delete: the item comes back in its step at its old place, ticked or not."""
    with db.transaction() as session:
        return put_back_item(session, deleted)


@changes(Change.PLAN | Change.CHECKLIST)
def set_treatment_date(db: Database, plan_id: int, treatment: date | None) -> None:
    """The day of treatment, which items due relative to treatment count from."""
    with db.transaction() as session:
        set_treatment(session, plan_id, treatment)


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
