"""A plan's shortlist of clinics and its chosen clinic in the database. Every function works in
the caller's Session."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.clock import utc_now
from planner.core.limits import SHORTLIST
from planner.db.models import ClinicRow, PlanRow, ShortlistRow
from planner.plans.room_store import ensure_room


def shortlisted_in(session: Session, plan_id: int) -> frozenset[int]:
    """The ids of the clinics on the plan's shortlist."""
    return frozenset(session.scalars(select(ShortlistRow.clinic_id).where(ShortlistRow.plan_id == plan_id)))


def _add(session: Session, plan_id: int, clinic_id: int) -> None:
    """Shortlist the clinic unless it is already; PlanFull when the shortlist has no room."""
    if session.get(ShortlistRow, (plan_id, clinic_id)) is None:
        ensure_room(session, SHORTLIST, ShortlistRow, plan_id)
        session.add(ShortlistRow(plan_id=plan_id, clinic_id=clinic_id, added_at=utc_now()))


def shortlist_clinic(session: Session, plan_id: int, clinic_id: int) -> None:
    """Put the clinic on the plan's shortlist unless it is there; PlanFull when there is no room,
    NoResultFound when the plan or the clinic is gone."""
    session.get_one(PlanRow, plan_id)
    session.get_one(ClinicRow, clinic_id)
    _add(session, plan_id, clinic_id)


def unshortlist_clinic(session: Session, plan_id: int, clinic_id: int) -> bool:
    """Take the clinic off the plan's shortlist; when it was the plan's chosen clinic, un-choose
    it too and answer True."""
    plan = session.get_one(PlanRow, plan_id)
    session.get_one(ClinicRow, clinic_id)
    session.execute(
        delete(ShortlistRow).where(ShortlistRow.plan_id == plan_id, ShortlistRow.clinic_id == clinic_id)
    )
    if plan.clinic_id != clinic_id:
        return False
    plan.clinic_id = None
    plan.updated_at = utc_now()
    return True


def choose_in(session: Session, plan_id: int, clinic_id: int | None) -> None:
    """Make a clinic the plan's clinic (it joins the shortlist too), or clear the choice, as part
    of the caller's unit of work. PlanFull when the clinic is not shortlisted and the shortlist is
    full."""
    plan = session.get_one(PlanRow, plan_id)
    if clinic_id is not None:
        session.get_one(ClinicRow, clinic_id)
        _add(session, plan_id, clinic_id)
    plan.clinic_id = clinic_id
    plan.updated_at = utc_now()
