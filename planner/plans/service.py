"""Plans: list, create, rename, duplicate, delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.core.clock import utc_now
from planner.core.countries import country_name
from planner.core.money import Money
from planner.core.validation import ValidationError
from planner.core.zones import default_home_zone, zone_problem
from planner.db.checklist_seed import add_template_items
from planner.db.database import Database
from planner.db.models import ClinicRow, ConditionRow, PlanRow
from planner.db.plan_copy import (
    copy_plan_budget,
    copy_plan_checklist,
    copy_plan_clinic_data,
    copy_plan_journey,
)
from planner.plans.rules import CleanPlan, PlanDraft, check_name, copy_name, trip_errors, validate_draft

__all__ = [
    "Plan",
    "PlanDraft",
    "change_dates",
    "create_plan",
    "delete_plan",
    "duplicate_plan",
    "get_plan",
    "list_plans",
    "name_problem",
    "rename_plan",
]


@dataclass(frozen=True, slots=True)
class Plan:
    id: int
    name: str
    condition_id: str
    condition_name: str
    condition_group: str
    home_country: str
    home_country_name: str
    home_currency: str
    departure: date
    return_: date
    budget_limit: Money | None
    created_at: datetime
    clinic_id: int | None = None
    clinic_name: str = ""
    condition_group_id: str = ""
    treatment_date: date | None = None
    home_zone: str = "UTC"
    """The IANA time zone the person lives in (the home country's main one until they pick)."""

    @property
    def knee(self) -> bool:
        return self.condition_group_id == "knee-cartilage"

    @property
    def nights(self) -> int:
        return (self.return_ - self.departure).days


def plan_from_row(session: Session, row: PlanRow) -> Plan:
    condition = session.get_one(ConditionRow, row.condition_id)
    budget = (
        Money.from_minor(row.budget_limit_minor, row.home_currency)
        if row.budget_limit_minor is not None
        else None
    )
    return Plan(
        row.id,
        row.name,
        row.condition_id,
        condition.name,
        condition.group_name,
        row.home_country,
        country_name(row.home_country),
        row.home_currency,
        row.departure_date,
        row.return_date,
        budget,
        row.created_at,
        row.clinic_id,
        session.get_one(ClinicRow, row.clinic_id).name if row.clinic_id is not None else "",
        condition.group_id,
        row.treatment_date,
        row.home_zone or default_home_zone(row.home_country),
    )


def _taken(session: Session, except_id: int | None = None) -> set[str]:
    query = select(PlanRow.name)
    if except_id is not None:
        query = query.where(PlanRow.id != except_id)
    return {name.casefold() for name in session.scalars(query)}


def _conditions(session: Session) -> set[str]:
    return set(session.scalars(select(ConditionRow.id).where(ConditionRow.retired.is_(False))))


def list_plans(db: Database) -> list[Plan]:
    with db.transaction() as session:
        rows = session.scalars(select(PlanRow).order_by(PlanRow.name)).all()
        return [plan_from_row(session, row) for row in rows]


def get_plan(db: Database, plan_id: int) -> Plan | None:
    with db.transaction() as session:
        row = session.get(PlanRow, plan_id)
        return plan_from_row(session, row) if row else None


def name_problem(db: Database, name: str, plan_id: int | None = None) -> str | None:
    """What is wrong with `name` for a new plan (or for renaming `plan_id`), or None."""
    with db.transaction() as session:
        return check_name(name, _taken(session, plan_id))


def check_draft(db: Database, draft: PlanDraft) -> dict[str, str]:
    """Messages per field for a draft (empty when it could be saved as it is)."""
    with db.transaction() as session:
        return validate_draft(draft, _taken(session), _conditions(session))[1]


@changes(Change.PLAN)
def create_plan(db: Database, draft: PlanDraft) -> Plan:
    """Raises ValidationError (messages per field) and saves nothing when any field is wrong."""
    with db.transaction() as session:
        clean, errors = validate_draft(draft, _taken(session), _conditions(session))
        if clean is None:
            raise ValidationError(errors)
        row = _new_row(clean)
        session.add(row)
        session.flush()
        add_template_items(session, row.id, row.created_at)
        return plan_from_row(session, row)


def _new_row(clean: CleanPlan) -> PlanRow:
    now = utc_now()
    budget = (
        Money(clean.budget_limit, clean.home_currency).to_minor() if clean.budget_limit is not None else None
    )
    return PlanRow(
        name=clean.name,
        condition_id=clean.condition_id,
        home_country=clean.home_country,
        home_currency=clean.home_currency,
        departure_date=clean.departure,
        return_date=clean.return_,
        budget_limit_minor=budget,
        home_zone=default_home_zone(clean.home_country),
        created_at=now,
        updated_at=now,
    )


@changes(Change.PLAN)
def rename_plan(db: Database, plan_id: int, name: str) -> Plan:
    with db.transaction() as session:
        row = session.get_one(PlanRow, plan_id)
        if message := check_name(name, _taken(session, plan_id)):
            raise ValidationError.single("name", message)
        row.name = " ".join(name.split())
        row.updated_at = utc_now()
        session.flush()
        return plan_from_row(session, row)


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
    with db.transaction() as session:
        row = session.get_one(PlanRow, plan_id)
        row.departure_date, row.return_date, row.treatment_date = departure, return_, treatment
        if home_zone is not None:
            row.home_zone = home_zone.strip()
        row.updated_at = utc_now()
        session.flush()
        return plan_from_row(session, row)


@changes(Change.PLAN)
def duplicate_plan(db: Database, plan_id: int) -> Plan:
    with db.transaction() as session:
        source = session.get_one(PlanRow, plan_id)
        now = utc_now()
        copy = PlanRow(
            name=copy_name(source.name, _taken(session)),
            condition_id=source.condition_id,
            home_country=source.home_country,
            home_currency=source.home_currency,
            departure_date=source.departure_date,
            return_date=source.return_date,
            budget_limit_minor=source.budget_limit_minor,
            clinic_id=source.clinic_id,
            treatment_date=source.treatment_date,
            home_zone=source.home_zone,
            created_at=now,
            updated_at=now,
        )
        session.add(copy)
        session.flush()
        copy_plan_clinic_data(session, source.id, copy.id)
        copy_plan_budget(session, source.id, copy.id)
        copy_plan_checklist(session, source.id, copy.id)
        copy_plan_journey(session, source.id, copy.id)
        return plan_from_row(session, copy)


@changes(Change.PLAN)
def delete_plan(db: Database, plan_id: int) -> None:
    """Delete the plan and everything in it, after backing up the data."""
    db.back_up("before-delete")
    with db.transaction() as session:
        row = session.get(PlanRow, plan_id)
        if row is not None:
            session.delete(row)
