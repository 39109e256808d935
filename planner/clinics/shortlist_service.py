"""A plan's shortlist of clinics and the one clinic it has chosen."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.core.clock import utc_now
from planner.core.limits import SHORTLIST
from planner.db.database import Database
from planner.db.models import ClinicRow, PlanRow, ShortlistRow
from planner.plans.room_store import ensure_room


def shortlisted_ids(db: Database, plan_id: int) -> frozenset[int]:
    with db.transaction() as session:
        return frozenset(
            session.scalars(select(ShortlistRow.clinic_id).where(ShortlistRow.plan_id == plan_id))
        )


def _add(session: Session, plan_id: int, clinic_id: int) -> None:
    """Shortlist the clinic unless it is already; PlanFull when the shortlist has no room."""
    if session.get(ShortlistRow, (plan_id, clinic_id)) is None:
        ensure_room(session, SHORTLIST, ShortlistRow, plan_id)
        session.add(ShortlistRow(plan_id=plan_id, clinic_id=clinic_id, added_at=utc_now()))


@changes(Change.CLINICS | Change.PLAN)
def set_shortlisted(db: Database, plan_id: int, clinic_id: int, shortlisted: bool) -> Change:
    """Put a clinic on the plan's shortlist or take it off. Taking off the chosen clinic also
    un-chooses it (then the plan changed too, as the answer says). Raises PlanFull, changing
    nothing, when the shortlist is full."""
    with db.transaction() as session:
        plan = session.get_one(PlanRow, plan_id)
        session.get_one(ClinicRow, clinic_id)
        if shortlisted:
            _add(session, plan_id, clinic_id)
            return Change.CLINICS
        session.execute(
            delete(ShortlistRow).where(ShortlistRow.plan_id == plan_id, ShortlistRow.clinic_id == clinic_id)
        )
        if plan.clinic_id != clinic_id:
            return Change.CLINICS
        plan.clinic_id = None
        plan.updated_at = utc_now()
        return Change.CLINICS | Change.PLAN


@changes(Change.PLAN | Change.CLINICS)
def choose_clinic(db: Database, plan_id: int, clinic_id: int | None) -> None:
    """Make a clinic the plan's clinic (it joins the shortlist too), or clear the choice. Raises
    PlanFull, changing nothing, when the clinic is not shortlisted and the shortlist is full."""
    with db.transaction() as session:
        choose_in(session, plan_id, clinic_id)


def choose_in(session: Session, plan_id: int, clinic_id: int | None) -> None:
    """`choose_clinic` as part of a larger unit of work."""
    plan = session.get_one(PlanRow, plan_id)
    if clinic_id is not None:
        session.get_one(ClinicRow, clinic_id)
        _add(session, plan_id, clinic_id)
    plan.clinic_id = clinic_id
    plan.updated_at = utc_now()
