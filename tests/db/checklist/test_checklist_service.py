"""A plan's checklist through the services, on a fresh database each time."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, inspect, select

from planner.checklist.rules import Due, Item, ItemDraft
from planner.checklist.service import (
    delete_item,
    load_checklist,
    move_item,
    restore_item,
    save_item,
    set_done,
    set_treatment_date,
    take_templates,
)
from planner.core.clock import utc_now
from planner.core.validation import ValidationError
from planner.db import migrate
from planner.db.database import Database
from planner.db.models import ChecklistItemRow, ChecklistTemplateRow, JourneyStepRow, PlanRow
from planner.plans.service import PlanDraft, create_plan, delete_plan, duplicate_plan
from planner.recovery.rules import CheckInDraft
from planner.recovery.service import save_check_in
from planner.startup import open_synced_database
from tests.db.migration_steps import step_back

TEMPLATES = 49
JOURNEY = [
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
]
DEPARTURE = date(2027, 3, 1)
RETURN = date(2027, 3, 11)
TICKED = datetime(2027, 2, 1, 9, 30, 15, 123456)


def new_plan(db: Database, name: str = "Knee, March") -> int:
    plan = create_plan(
        db,
        PlanDraft(
            name=name,
            condition_id="knee-cartilage-damage",
            home_country="GB",
            home_currency="GBP",
            departure=DEPARTURE,
            return_=RETURN,
            budget_limit="",
        ),
    )
    return plan.id


def items(db: Database, plan_id: int) -> list[Item]:
    return load_checklist(db, plan_id).items


def step_ids(db: Database, plan_id: int, step: str) -> list[int]:
    return [i.id for i in items(db, plan_id) if i.step_id == step]


def row_count(db: Database, plan_id: int | None = None) -> int:
    with db.transaction() as session:
        query = select(func.count()).select_from(ChecklistItemRow)
        if plan_id is not None:
            query = query.where(ChecklistItemRow.plan_id == plan_id)
        return session.scalar(query) or 0


def template_ids(db: Database, plan_id: int) -> list[str | None]:
    with db.transaction() as session:
        return list(
            session.scalars(select(ChecklistItemRow.template_id).where(ChecklistItemRow.plan_id == plan_id))
        )


def own(step: str = "booking-preparation", text: str = "Buy a knee brace", **changes: str) -> ItemDraft:
    values = {"step_id": step, "text": text}
    values.update(changes)
    return ItemDraft(**values)


# A new plan's checklist and the templates


def test_a_new_plan_starts_with_every_template_in_the_journeys_order(db: Database) -> None:
    plan_id = new_plan(db)
    data = load_checklist(db, plan_id)
    assert list(data.steps) == JOURNEY
    assert (data.trip.departure, data.trip.return_, data.trip.treatment) == (DEPARTURE, RETURN, None)
    assert len(data.items) == TEMPLATES
    assert all(not i.done and i.note == "" and i.expires_on is None for i in data.items)

    # Grouped by step in the journey's order, first consultation, last rehabilitation at home.
    steps_in_order = [i.step_id for i in data.items]
    assert steps_in_order == sorted(steps_in_order, key=JOURNEY.index)
    assert steps_in_order[0] == "virtual-consultation"
    assert steps_in_order[-1] == "rehabilitation-home"
    assert set(steps_in_order) == set(JOURNEY)

    # Each item is its template, in the template's order, keeping its relative due date.
    with db.transaction() as session:
        templates = list(
            session.scalars(
                select(ChecklistTemplateRow)
                .join(JourneyStepRow)
                .where(ChecklistTemplateRow.retired.is_(False))
                .order_by(JourneyStepRow.sort_order, ChecklistTemplateRow.sort_order)
            )
        )
    assert len(templates) == TEMPLATES
    for item, template in zip(data.items, templates, strict=True):
        assert (item.step_id, item.text, item.kind, item.document) == (
            template.step_id,
            template.text,
            template.kind,
            template.document,
        )
        expected = Due(anchor=template.due_anchor, days=template.due_days) if template.due_anchor else Due()
        assert item.due == expected
    assert sorted(t for t in template_ids(db, plan_id) if t) == sorted(t.id for t in templates)
    assert any(i.due.anchor == "departure" for i in data.items)
    assert any(i.due.anchor == "treatment" for i in data.items)
    assert any(i.due.anchor == "return" for i in data.items)


def test_take_templates_adds_nothing_to_a_plan_that_has_them(db: Database) -> None:
    plan_id = new_plan(db)
    before = items(db, plan_id)
    assert take_templates(db, plan_id) == 0
    assert items(db, plan_id) == before


def test_take_templates_puts_back_only_the_missing_ones_without_duplicates(db: Database) -> None:
    plan_id = new_plan(db)
    before = items(db, plan_id)
    treatment = [i for i in before if i.step_id == "treatment"]
    gone = [*treatment, before[0]]
    with db.transaction() as session:
        session.execute(delete(ChecklistItemRow).where(ChecklistItemRow.id.in_([i.id for i in gone])))
    assert row_count(db, plan_id) == TEMPLATES - len(gone)

    assert take_templates(db, plan_id) == len(gone)
    after = items(db, plan_id)
    assert len(after) == TEMPLATES
    assert sorted(i.text for i in after) == sorted(i.text for i in before)
    # The treatment step gets its items back in the template's order.
    assert [(i.text, i.due) for i in after if i.step_id == "treatment"] == [
        (i.text, i.due) for i in treatment
    ]
    # The first consultation item comes back at the end of its step.
    consultation = [i for i in after if i.step_id == "virtual-consultation"]
    assert consultation[-1].text == before[0].text
    assert take_templates(db, plan_id) == 0
    ids = template_ids(db, plan_id)
    assert len(ids) == len(set(ids)) == TEMPLATES


def test_a_plan_with_no_checklist_takes_all_the_templates_once(db: Database) -> None:
    """As a plan made before the checklist existed."""
    plan_id = new_plan(db)
    before = items(db, plan_id)
    with db.transaction() as session:
        session.execute(delete(ChecklistItemRow).where(ChecklistItemRow.plan_id == plan_id))
    assert items(db, plan_id) == []

    assert take_templates(db, plan_id) == TEMPLATES
    after = items(db, plan_id)
    assert [(i.step_id, i.text, i.kind, i.due, i.document) for i in after] == [
        (i.step_id, i.text, i.kind, i.due, i.document) for i in before
    ]
    assert take_templates(db, plan_id) == 0
    assert row_count(db, plan_id) == TEMPLATES


def test_take_templates_keeps_own_items_first_in_their_step(db: Database) -> None:
    plan_id = new_plan(db)
    with db.transaction() as session:
        session.execute(delete(ChecklistItemRow).where(ChecklistItemRow.plan_id == plan_id))
    mine = save_item(db, plan_id, own("treatment", "Ask about the hotel's lift"))
    assert take_templates(db, plan_id) == TEMPLATES
    treatment = [i for i in items(db, plan_id) if i.step_id == "treatment"]
    assert treatment[0] == mine
    assert len(treatment) == 6


def test_take_templates_on_a_missing_plan_fails(db: Database) -> None:
    with pytest.raises(Exception, match="No row was found"):
        take_templates(db, 12345)
    assert row_count(db) == 0


def _database_at_0004_with_a_plan(data_dir: Path) -> int:
    """Build today's database, step it back to 0004 (before the checklist) and add a plan as
    0004 stored it. Returns the plan's id."""
    db = open_synced_database(data_dir)
    step_back(db.engine, "0004")
    with db.engine.begin() as connection:
        inspector = inspect(connection)
        assert "checklist_item" not in inspector.get_table_names()
        assert "treatment_date" not in {c["name"] for c in inspector.get_columns("plan")}
        connection.exec_driver_sql(
            "INSERT INTO plan (name, condition_id, home_country, home_currency, departure_date,"
            " return_date, budget_limit_minor, clinic_id, created_at, updated_at) VALUES ('Knee, March',"
            " 'knee-cartilage-damage', 'GB', 'GBP', '2027-03-01', '2027-03-11', NULL, NULL,"
            " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')"
        )
        plan_id = int(connection.exec_driver_sql("SELECT id FROM plan").scalar_one())
    assert migrate.current_revision(db.engine) == "0004"
    db.close()
    return plan_id


def test_a_0004_plan_upgrades_and_takes_the_templates(data_dir: Path) -> None:
    plan_id = _database_at_0004_with_a_plan(data_dir)

    db = open_synced_database(data_dir)
    try:
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
        data = load_checklist(db, plan_id)
        assert data.items == []
        assert (data.trip.departure, data.trip.return_, data.trip.treatment) == (DEPARTURE, RETURN, None)

        assert take_templates(db, plan_id) == TEMPLATES
        taken = items(db, plan_id)
        assert len(taken) == TEMPLATES
        assert taken[0].step_id == "virtual-consultation" and taken[-1].step_id == "rehabilitation-home"
        assert take_templates(db, plan_id) == 0

        # And it matches what a plan made today starts with.
        fresh = items(db, new_plan(db, "Made today"))
        assert [(i.step_id, i.text, i.due) for i in taken] == [(i.step_id, i.text, i.due) for i in fresh]

        set_treatment_date(db, plan_id, date(2027, 3, 3))
        assert load_checklist(db, plan_id).trip.treatment == date(2027, 3, 3)
    finally:
        db.close()


# Adding and editing


def test_a_new_item_goes_at_the_end_of_its_step(db: Database) -> None:
    plan_id = new_plan(db)
    before = step_ids(db, plan_id, "treatment")
    first = save_item(db, plan_id, own("treatment", "Ask about the hotel's lift"))
    second = save_item(
        db,
        plan_id,
        own("treatment", "Pack loose trousers", kind="bring", due_mode="treatment", offset_text="-2"),
    )
    assert step_ids(db, plan_id, "treatment") == [*before, first.id, second.id]
    assert row_count(db, plan_id) == TEMPLATES + 2
    assert (first.text, first.kind, first.due, first.done_at) == (
        "Ask about the hotel's lift",
        "task",
        Due(),
        None,
    )
    assert (second.kind, second.due) == ("bring", Due(anchor="treatment", days=-2))
    # What save_item returns is what is stored.
    stored = {i.id: i for i in items(db, plan_id)}
    assert stored[first.id] == first and stored[second.id] == second


def test_an_item_with_a_long_note_and_a_document_round_trips(db: Database) -> None:
    plan_id = new_plan(db)
    note = ("무릎 치료 🦵 서울 — 줄기세포 💉 " * 500)[:10_000].strip()
    saved = save_item(
        db,
        plan_id,
        own(
            text="여권 🛂",
            kind="document",
            document="passport",
            expires_text="2027-08-31",
            note=note,
            due_mode="date",
            due_text="2027-01-15",
        ),
    )
    [stored] = [i for i in items(db, plan_id) if i.id == saved.id]
    assert stored == saved
    assert stored.note == note
    assert (stored.text, stored.document, stored.expires_on) == ("여권 🛂", "passport", date(2027, 8, 31))
    assert stored.due == Due(on=date(2027, 1, 15))


def test_an_item_on_a_missing_plan_is_not_saved(db: Database) -> None:
    with pytest.raises(Exception, match="No row was found"):
        save_item(db, 12345, own())
    assert row_count(db) == 0


def test_editing_changes_the_fields_and_keeps_the_place(db: Database) -> None:
    plan_id = new_plan(db)
    order = step_ids(db, plan_id, "booking-preparation")
    target = items(db, plan_id)[10]
    assert target.step_id == "booking-preparation" and target.due.anchor == "departure"
    edited = save_item(
        db,
        plan_id,
        own(
            "booking-preparation",
            "Pay the deposit by card",
            kind="task",
            due_mode="date",
            due_text="2027-01-15",
            note="Card ends 1234",
        ),
        target.id,
    )
    assert edited.id == target.id
    assert (edited.text, edited.due, edited.note) == (
        "Pay the deposit by card",
        Due(on=date(2027, 1, 15)),
        "Card ends 1234",
    )
    assert step_ids(db, plan_id, "booking-preparation") == order
    [stored] = [i for i in items(db, plan_id) if i.id == target.id]
    assert stored == edited
    assert row_count(db, plan_id) == TEMPLATES

    # Back to a relative date, then to none at all.
    relative = save_item(db, plan_id, own(due_mode="return", offset_text="3"), target.id)
    assert relative.due == Due(anchor="return", days=3)
    plain = save_item(db, plan_id, own(), target.id)
    assert plain.due == Due() and plain.note == ""


def test_editing_keeps_the_done_time_and_the_template(db: Database) -> None:
    plan_id = new_plan(db)
    target = items(db, plan_id)[0]
    set_done(db, plan_id, target.id, True, now=TICKED)
    edited = save_item(db, plan_id, own("virtual-consultation", "Collect my records"), target.id)
    assert edited.done_at == TICKED
    assert take_templates(db, plan_id) == 0


def test_moving_an_item_to_another_step_puts_it_at_that_steps_end(db: Database) -> None:
    plan_id = new_plan(db)
    consultation = step_ids(db, plan_id, "virtual-consultation")
    departure = step_ids(db, plan_id, "departure")
    moved = consultation[2]
    saved = save_item(db, plan_id, own("departure", "Write down my goals"), moved)
    assert saved.step_id == "departure"
    assert step_ids(db, plan_id, "departure") == [*departure, moved]
    assert step_ids(db, plan_id, "virtual-consultation") == [i for i in consultation if i != moved]
    # A new item in the old step still goes at its end; one in the new step after the moved one.
    added = save_item(db, plan_id, own("virtual-consultation", "Another"))
    assert step_ids(db, plan_id, "virtual-consultation")[-1] == added.id
    later = save_item(db, plan_id, own("departure", "Later"))
    assert step_ids(db, plan_id, "departure")[-2:] == [moved, later.id]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 501}, "text"),
        ({"step": "no-such-step"}, "step"),
        ({"kind": "chore"}, "kind"),
        ({"due_mode": "date", "due_text": "next week"}, "due"),
        ({"due_mode": "departure", "offset_text": "400"}, "offset"),
        ({"kind": "document", "document": "birth-certificate"}, "document"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    db: Database, changes: dict[str, str], field: str
) -> None:
    plan_id = new_plan(db)
    step = changes.pop("step", "booking-preparation")
    before = items(db, plan_id)
    target = before[10]

    with pytest.raises(ValidationError) as adding:
        save_item(db, plan_id, own(step, **changes))
    assert field in adding.value.errors
    with pytest.raises(ValidationError) as editing:
        save_item(db, plan_id, own(step, **changes), target.id)
    assert field in editing.value.errors

    assert row_count(db, plan_id) == TEMPLATES
    assert items(db, plan_id) == before


# Ticking


def test_ticking_keeps_the_first_time_and_unticking_clears_it(db: Database) -> None:
    plan_id = new_plan(db)
    target = items(db, plan_id)[3]
    ticked = set_done(db, plan_id, target.id, True, now=TICKED)
    assert ticked.done and ticked.done_at == TICKED
    again = set_done(db, plan_id, target.id, True, now=datetime(2027, 2, 5, 8, 0))
    assert again.done_at == TICKED
    [stored] = [i for i in items(db, plan_id) if i.id == target.id]
    assert stored.done_at == TICKED
    assert sum(i.done for i in items(db, plan_id)) == 1

    unticked = set_done(db, plan_id, target.id, False)
    assert unticked.done_at is None and not unticked.done
    assert not any(i.done for i in items(db, plan_id))
    # Unticking an open item leaves it open; ticking it without a time uses the clock.
    assert set_done(db, plan_id, target.id, False).done_at is None
    before = utc_now()
    clocked = set_done(db, plan_id, target.id, True).done_at
    assert clocked is not None and before <= clocked <= utc_now()


# Reordering


def test_move_item_reorders_within_its_step_only(db: Database) -> None:
    plan_id = new_plan(db)
    step = "booking-preparation"
    others = {s: step_ids(db, plan_id, s) for s in JOURNEY if s != step}
    order = step_ids(db, plan_id, step)
    assert len(order) == 11

    move_item(db, plan_id, order[-1], 0)
    order = [order[-1], *order[:-1]]
    assert step_ids(db, plan_id, step) == order

    move_item(db, plan_id, order[0], len(order) - 1)
    order = [*order[1:], order[0]]
    assert step_ids(db, plan_id, step) == order

    move_item(db, plan_id, order[2], 5)
    moved = order.pop(2)
    order.insert(5, moved)
    assert step_ids(db, plan_id, step) == order

    move_item(db, plan_id, order[0], 99)
    order = [*order[1:], order[0]]
    assert step_ids(db, plan_id, step) == order

    move_item(db, plan_id, order[4], -3)
    order = [order[4], *order[:4], *order[5:]]
    assert step_ids(db, plan_id, step) == order

    move_item(db, plan_id, order[3], 3)
    assert step_ids(db, plan_id, step) == order

    assert {s: step_ids(db, plan_id, s) for s in JOURNEY if s != step} == others
    with db.transaction() as session:
        positions = session.scalars(
            select(ChecklistItemRow.position)
            .where(ChecklistItemRow.plan_id == plan_id, ChecklistItemRow.step_id == step)
            .order_by(ChecklistItemRow.position)
        ).all()
    assert list(positions) == list(range(11))


def test_moving_after_a_delete_closes_the_gap(db: Database) -> None:
    plan_id = new_plan(db)
    order = step_ids(db, plan_id, "departure")
    delete_item(db, plan_id, order[1])
    move_item(db, plan_id, order[-1], 1)
    assert step_ids(db, plan_id, "departure") == [order[0], order[-1], order[2], order[3]]


# Deleting and undoing


@pytest.mark.parametrize("index", [0, 2, 4])
def test_delete_then_restore_puts_the_item_back_as_it_was(db: Database, index: int) -> None:
    plan_id = new_plan(db)
    step = "departure"
    order = step_ids(db, plan_id, step)
    target = order[index]
    set_done(db, plan_id, target, True, now=TICKED)
    edited = save_item(
        db,
        plan_id,
        own(step, "Get the clearance", due_mode="return", offset_text="-2", note="Ask Dr Kim"),
        target,
    )
    before = items(db, plan_id)

    deleted = delete_item(db, plan_id, target)
    assert deleted.item == edited
    assert step_ids(db, plan_id, step) == [i for i in order if i != target]
    assert row_count(db, plan_id) == TEMPLATES - 1

    restored = restore_item(db, deleted)
    after = items(db, plan_id)
    assert len(after) == TEMPLATES
    # Same place, same content; only the id is new.
    assert [i.id for i in after].index(restored.id) == [i.id for i in before].index(target)
    assert restored == Item(
        restored.id,
        step,
        "Get the clearance",
        "task",
        TICKED,
        Due(anchor="return", days=-2),
        "Ask Dr Kim",
    )
    assert [i for i in after if i.id != restored.id] == [i for i in before if i.id != target]
    assert take_templates(db, plan_id) == 0
    ids = template_ids(db, plan_id)
    assert len(ids) == len(set(ids))


def test_restoring_an_own_item_and_a_document(db: Database) -> None:
    plan_id = new_plan(db)
    mine = save_item(
        db,
        plan_id,
        own("treatment", "Passport copy", kind="document", document="passport", expires_text="2030-01-31"),
    )
    move_item(db, plan_id, mine.id, 1)
    order = step_ids(db, plan_id, "treatment")
    deleted = delete_item(db, plan_id, mine.id)
    assert deleted.template_id is None
    restored = restore_item(db, deleted)
    assert step_ids(db, plan_id, "treatment") == [restored.id if i == mine.id else i for i in order]
    assert (restored.document, restored.expires_on, restored.done_at) == ("passport", date(2030, 1, 31), None)
    # Brings back no template: the catalogue's items are all still there once each.
    assert take_templates(db, plan_id) == 0


def test_deleting_a_template_item_keeps_the_others(db: Database) -> None:
    plan_id = new_plan(db)
    target = items(db, plan_id)[5]
    delete_item(db, plan_id, target.id)
    assert target.id not in {i.id for i in items(db, plan_id)}
    assert row_count(db, plan_id) == TEMPLATES - 1


# Due dates that move with the plan


def test_relative_due_dates_follow_the_plans_dates(db: Database) -> None:
    plan_id = new_plan(db)
    data = load_checklist(db, plan_id)
    by_anchor = {
        a: [i for i in data.items if i.due.anchor == a] for a in ("departure", "treatment", "return")
    }
    deposit = next(i for i in by_anchor["departure"] if i.due.days == -30)
    claim = next(i for i in by_anchor["return"] if i.due.days == 30)
    assert deposit.due.resolve(data.trip) == date(2027, 1, 30)
    assert claim.due.resolve(data.trip) == date(2027, 4, 10)
    assert all(i.due.resolve(data.trip) is None for i in by_anchor["treatment"])

    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        plan.departure_date = date(2027, 5, 3)
        plan.return_date = date(2027, 5, 12)
    moved = load_checklist(db, plan_id)
    assert (moved.trip.departure, moved.trip.return_) == (date(2027, 5, 3), date(2027, 5, 12))
    assert deposit.due.resolve(moved.trip) == date(2027, 4, 3)
    assert claim.due.resolve(moved.trip) == date(2027, 6, 11)
    for item in moved.items:
        if item.due.anchor in ("departure", "return"):
            anchor = moved.trip.anchor(item.due.anchor)
            resolved = item.due.resolve(moved.trip)
            assert anchor is not None and resolved is not None and item.due.days is not None
            assert (resolved - anchor).days == item.due.days
    # The items themselves did not change: only what they resolve to.
    assert moved.items == data.items


def test_a_fixed_due_date_stays_when_the_plan_moves(db: Database) -> None:
    plan_id = new_plan(db)
    fixed = save_item(db, plan_id, own(due_mode="date", due_text="2027-01-15"))
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        plan.departure_date, plan.return_date = date(2027, 5, 3), date(2027, 5, 12)
    data = load_checklist(db, plan_id)
    [stored] = [i for i in data.items if i.id == fixed.id]
    assert stored.due.resolve(data.trip) == date(2027, 1, 15)


def test_the_treatment_date_makes_treatment_items_resolve(db: Database) -> None:
    plan_id = new_plan(db)
    set_treatment_date(db, plan_id, date(2027, 3, 3))
    data = load_checklist(db, plan_id)
    assert data.trip.treatment == date(2027, 3, 3)
    treatment_items = [i for i in data.items if i.due.anchor == "treatment"]
    assert treatment_items
    for item in treatment_items:
        resolved = item.due.resolve(data.trip)
        assert resolved is not None and item.due.days is not None
        assert (resolved - date(2027, 3, 3)).days == item.due.days
    day_of = [i for i in treatment_items if i.due.days == 0]
    assert day_of and all(i.due.resolve(data.trip) == date(2027, 3, 3) for i in day_of)

    set_treatment_date(db, plan_id, date(2027, 3, 5))
    later = load_checklist(db, plan_id)
    assert all(i.due.resolve(later.trip) == date(2027, 3, 5) for i in day_of)

    set_treatment_date(db, plan_id, None)
    cleared = load_checklist(db, plan_id)
    assert cleared.trip.treatment is None
    assert all(i.due.resolve(cleared.trip) is None for i in treatment_items)


# Duplicating and deleting plans


def test_duplicating_a_plan_copies_its_checklist_separately(db: Database) -> None:
    plan_id = new_plan(db)
    original = items(db, plan_id)
    set_done(db, plan_id, original[0].id, True, now=TICKED)
    mine = save_item(db, plan_id, own("treatment", "Ask about the hotel's lift", note="노트 🦵"))
    move_item(db, plan_id, mine.id, 0)
    set_treatment_date(db, plan_id, date(2027, 3, 3))
    before = load_checklist(db, plan_id)

    copy_id = duplicate_plan(db, plan_id).id
    copied = load_checklist(db, copy_id)
    assert copied.trip == before.trip
    assert len(copied.items) == TEMPLATES + 1
    assert not {i.id for i in copied.items} & {i.id for i in before.items}

    def content(item: Item) -> tuple[object, ...]:
        return (item.step_id, item.text, item.kind, item.done_at, item.due, item.note, item.document)

    assert [content(i) for i in copied.items] == [content(i) for i in before.items]
    assert copied.items[0].done_at == TICKED
    assert take_templates(db, copy_id) == 0

    # Ticking, editing and deleting in the copy leave the original alone.
    set_done(db, copy_id, copied.items[1].id, True, now=datetime(2027, 2, 2))
    set_done(db, copy_id, copied.items[0].id, False)
    save_item(db, copy_id, own("treatment", "Changed in the copy"), copied.items[-1].id)
    delete_item(db, copy_id, copied.items[2].id)
    assert load_checklist(db, plan_id) == before


def test_items_of_another_plan_cannot_be_touched(db: Database) -> None:
    mine = new_plan(db, "Mine")
    other = new_plan(db, "Other")
    theirs = items(db, other)
    target = theirs[10]

    with pytest.raises(ValueError, match="another plan"):
        save_item(db, mine, own(), target.id)
    with pytest.raises(ValueError, match="another plan"):
        set_done(db, mine, target.id, True, now=TICKED)
    with pytest.raises(ValueError, match="another plan"):
        move_item(db, mine, target.id, 0)
    with pytest.raises(ValueError, match="another plan"):
        delete_item(db, mine, target.id)

    assert items(db, other) == theirs
    assert row_count(db, mine) == row_count(db, other) == TEMPLATES


def test_deleting_a_plan_removes_its_items(db: Database) -> None:
    keep = new_plan(db, "Keep")
    gone = new_plan(db, "Gone")
    save_item(db, gone, own())
    kept = items(db, keep)
    delete_plan(db, gone)
    assert row_count(db, gone) == 0
    assert row_count(db) == TEMPLATES
    assert items(db, keep) == kept


def test_undo_after_taking_the_templates_again_keeps_one_copy(db: Database) -> None:
    plan_id = new_plan(db)
    first = items(db, plan_id)[0]
    deleted = delete_item(db, plan_id, first.id)
    assert take_templates(db, plan_id) == 1
    restored = restore_item(db, deleted)
    after = items(db, plan_id)
    assert len(after) == 49
    assert [i.text for i in after].count(first.text) == 1
    assert restored.text == first.text


def test_the_checklist_has_the_baseline_and_check_ins_once_the_treatment_day_is_set(db: Database) -> None:
    plan_id = new_plan(db)
    assert load_checklist(db, plan_id).check_ins == ()
    set_treatment_date(db, plan_id, date(2027, 3, 4))
    data = load_checklist(db, plan_id)
    assert [(s.point.id, s.point.step_id, s.due) for s in data.check_ins][:3] == [
        ("baseline", "treatment", date(2027, 2, 25)),
        ("2-weeks", "rehabilitation-home", date(2027, 3, 18)),
        ("6-weeks", "rehabilitation-home", date(2027, 4, 15)),
    ]
    assert len(data.items) == TEMPLATES, "the check-ins are not items"

    treated = create_plan(
        db,
        PlanDraft(
            "Knee, September", "knee-cartilage-damage", "US", "USD", date(2026, 9, 1), date(2026, 9, 12), ""
        ),
    ).id
    set_treatment_date(db, treated, date(2026, 9, 4))
    save_check_in(db, treated, None, CheckInDraft("2-weeks", date(2026, 9, 19), {"pain-rest": "5"}))
    set_treatment_date(db, treated, date(2026, 9, 8))
    moved = {s.point.id: s for s in load_checklist(db, treated).check_ins}
    assert moved["2-weeks"].due == date(2026, 9, 22) and moved["2-weeks"].taken_on == date(2026, 9, 19)
    assert moved["baseline"].due == date(2026, 9, 1) and not moved["baseline"].done
    assert not any(s.done for s in load_checklist(db, plan_id).check_ins), "another plan's stay its own"
