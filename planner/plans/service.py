"""Plans: list, create, rename, duplicate, delete."""

from __future__ import annotations

from datetime import date

from planner.changes import Change, changes
from planner.checklist.templates_store import add_template_items
from planner.core.validation import ValidationError
from planner.core.zones import zone_problem
from planner.db.database import Database
from planner.plans.copy_store import (
    copy_plan_budget,
    copy_plan_checklist,
    copy_plan_clinic_data,
    copy_plan_journey,
    copy_plan_recovery,
)
from planner.plans.rules import Plan, PlanDraft, check_name, copy_name, trip_errors, validate_draft
from planner.plans.store import (
    add_plan,
    add_plan_copy,
    condition_ids,
    delete_plan_row,
    plan_by_id,
    plan_or_none,
    plan_row,
    plans_in,
    rename_plan_row,
    set_plan_dates,
    taken_plan_names,
)

__all__ = [
    "Plan",
    "PlanDraft",
    "change_dates",
    "check_draft",
    "create_plan",
    "delete_plan",
    "duplicate_plan",
    "get_plan",
    "list_plans",
    "name_problem",
    "rename_plan",
]


def list_plans(db: Database) -> list[Plan]:
    with db.transaction() as session:
        return plans_in(session)


def get_plan(db: Database, plan_id: int) -> Plan | None:
    with db.transaction() as session:
        return plan_or_none(session, plan_id)


def name_problem(db: Database, name: str, plan_id: int | None = None) -> str | None:
    """What is wrong with `name` for a new plan (or for renaming `plan_id`), or None."""
    with db.transaction() as session:
        return check_name(name, taken_plan_names(session, plan_id))


def check_draft(db: Database, draft: PlanDraft) -> dict[str, str]:
    """Messages per field for a draft (empty when it could be saved as it is)."""
    with db.transaction() as session:
        return validate_draft(draft, taken_plan_names(session), condition_ids(session))[1]


@changes(Change.PLAN)
def create_plan(db: Database, draft: PlanDraft) -> Plan:
    """Raises ValidationError (messages per field) and saves nothing when any field is wrong."""
    with db.transaction() as session:
        clean, errors = validate_draft(draft, taken_plan_names(session), condition_ids(session))
        if clean is None:
            raise ValidationError(errors)
        plan = add_plan(session, clean)
        add_template_items(session, plan.id, plan.created_at)
        return plan


@changes(Change.PLAN)
def rename_plan(db: Database, plan_id: int, name: str) -> Plan:
    with db.transaction() as session:
        plan_row(session, plan_id)  # a plan that is gone fails before its new name is checked
        if message := check_name(name, taken_plan_names(session, plan_id)):
            raise ValidationError.single("name", message)
        return rename_plan_row(session, plan_id, " ".join(name.split()))


@changes(Change.PLAN | Change.CHECKLIST)
def change_dates(
    db: Database,
    plan_id: int,
    departure: date,
    return_: date,
    treatment: date | None,
    home_zone: str | None = None,
) -> Plan:
    """New trip dates (and home time zone, when given); checklist items due relative to the dates
    move with them. Raises ValidationError ("departure", "return", "treatment", "zone") and changes nothing
    when they do not fit."""
    errors: dict[str, str] = {}
    if home_zone is not None and (problem := zone_problem(home_zone)):
        errors["zone"] = problem
    errors.update(trip_errors(departure, return_))
    if treatment is not None and not departure <= treatment <= return_:
        errors["treatment"] = (
            "The treatment date is outside the trip: pick a day between departure and return."
        )
    if errors:
        raise ValidationError(errors)
    zone = home_zone.strip() if home_zone is not None else None
    with db.transaction() as session:
        return set_plan_dates(session, plan_id, departure, return_, treatment, zone)


@changes(Change.PLAN)
def duplicate_plan(db: Database, plan_id: int) -> Plan:
    with db.transaction() as session:
        source = plan_by_id(session, plan_id)
        copy_id = add_plan_copy(session, plan_id, copy_name(source.name, taken_plan_names(session)))
        copy_plan_clinic_data(session, plan_id, copy_id)
        copy_plan_budget(session, plan_id, copy_id)
        copy_plan_checklist(session, plan_id, copy_id)
        copy_plan_journey(session, plan_id, copy_id)
        copy_plan_recovery(session, plan_id, copy_id)
        return plan_by_id(session, copy_id)


@changes(Change.PLAN)
def delete_plan(db: Database, plan_id: int) -> None:
    """Delete the plan and everything in it, after backing up the data."""
    db.back_up("before-delete")
    with db.transaction() as session:
        delete_plan_row(session, plan_id)
