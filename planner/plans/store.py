"""Plans in the database: their rows read as Plan, written from a clean draft, renamed, moved,
copied and deleted. Every function works in the caller's Session."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.clock import utc_now
from planner.core.countries import country_name
from planner.core.money import Money
from planner.core.zones import default_home_zone
from planner.db.models import ClinicRow, ConditionRow, PlanRow
from planner.plans.rules import CleanPlan, Plan


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


def plan_row(session: Session, plan_id: int) -> PlanRow:
    """The plan's row, for another feature's store that reads it; NoResultFound when it is gone."""
    return session.get_one(PlanRow, plan_id)


def plans_in(session: Session) -> list[Plan]:
    """Every plan, by name."""
    rows = session.scalars(select(PlanRow).order_by(PlanRow.name)).all()
    return [plan_from_row(session, row) for row in rows]


def plan_by_id(session: Session, plan_id: int) -> Plan:
    """The plan; NoResultFound when there is none with that id."""
    return plan_from_row(session, session.get_one(PlanRow, plan_id))


def plan_or_none(session: Session, plan_id: int) -> Plan | None:
    row = session.get(PlanRow, plan_id)
    return plan_from_row(session, row) if row else None


def taken_plan_names(session: Session, except_id: int | None = None) -> set[str]:
    """Every plan's name casefolded, but `except_id`'s."""
    query = select(PlanRow.name)
    if except_id is not None:
        query = query.where(PlanRow.id != except_id)
    return {name.casefold() for name in session.scalars(query)}


def condition_ids(session: Session) -> set[str]:
    """The conditions a new plan may be for (the catalogue's current ones)."""
    return set(session.scalars(select(ConditionRow.id).where(ConditionRow.retired.is_(False))))


def add_plan(session: Session, clean: CleanPlan) -> Plan:
    """A new plan from a validated draft; its home time zone is its country's main one."""
    now = utc_now()
    budget = (
        Money(clean.budget_limit, clean.home_currency).to_minor() if clean.budget_limit is not None else None
    )
    row = PlanRow(
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
    session.add(row)
    session.flush()
    return plan_from_row(session, row)


def rename_plan_row(session: Session, plan_id: int, name: str) -> Plan:
    row = session.get_one(PlanRow, plan_id)
    row.name = name
    row.updated_at = utc_now()
    session.flush()
    return plan_from_row(session, row)


def set_plan_dates(
    session: Session,
    plan_id: int,
    departure: date,
    return_: date,
    treatment: date | None,
    home_zone: str | None,
) -> Plan:
    """Store checked trip dates, and the home time zone when one is given."""
    row = session.get_one(PlanRow, plan_id)
    row.departure_date, row.return_date, row.treatment_date = departure, return_, treatment
    if home_zone is not None:
        row.home_zone = home_zone
    row.updated_at = utc_now()
    session.flush()
    return plan_from_row(session, row)


def add_plan_copy(session: Session, plan_id: int, name: str) -> int:
    """A new plan with `plan_id`'s own fields under `name` (what it holds is copied apart, by
    planner.plans.copy_store); its id."""
    source = session.get_one(PlanRow, plan_id)
    now = utc_now()
    copy = PlanRow(
        name=name,
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
    return copy.id


def delete_plan_row(session: Session, plan_id: int) -> None:
    """Delete the plan and, by cascade, everything in it; nothing when it is already gone."""
    row = session.get(PlanRow, plan_id)
    if row is not None:
        session.delete(row)
