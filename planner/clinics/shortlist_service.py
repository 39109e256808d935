"""A plan's shortlist of clinics and the one clinic it has chosen."""

from __future__ import annotations

from planner.changes import Change, changes
from planner.clinics.shortlist_store import choose_in, shortlist_clinic, shortlisted_in, unshortlist_clinic
from planner.db.database import Database

__all__ = ["choose_clinic", "set_shortlisted", "shortlisted_ids"]


def shortlisted_ids(db: Database, plan_id: int) -> frozenset[int]:
    with db.transaction() as session:
        return shortlisted_in(session, plan_id)


@changes(Change.CLINICS | Change.PLAN)
def set_shortlisted(db: Database, plan_id: int, clinic_id: int, shortlisted: bool) -> Change:
    """Put a clinic on the plan's shortlist or take it off. Taking off the chosen clinic also
    un-chooses it (then the plan changed too, as the answer says). Raises PlanFull, changing
    nothing, when the shortlist is full."""
    with db.transaction() as session:
        if shortlisted:
            shortlist_clinic(session, plan_id, clinic_id)
            return Change.CLINICS
        if unshortlist_clinic(session, plan_id, clinic_id):
            return Change.CLINICS | Change.PLAN
        return Change.CLINICS


@changes(Change.PLAN | Change.CLINICS)
def choose_clinic(db: Database, plan_id: int, clinic_id: int | None) -> None:
    """Make a clinic the plan's clinic (it joins the shortlist too), or clear the choice. Raises
    PlanFull, changing nothing, when the clinic is not shortlisted and the shortlist is full."""
    with db.transaction() as session:
        choose_in(session, plan_id, clinic_id)
