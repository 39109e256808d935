"""Clinics: the catalogue's and the user's own, with the user's notes, ratings and hiding."""

from __future__ import annotations

from dataclasses import dataclass

from planner.changes import Change, changes
from planner.clinics.drafts import (
    CleanClinic,
    ClinicDraft,
    check_clinic_name,
    check_note,
    check_rating,
    ensure_own_clinic,
    validate_clinic,
)
from planner.clinics.rules import CONDITION_GROUPS, Clinic, Technique
from planner.clinics.store import (
    clinic_catalogue_id,
    clinic_in,
    clinic_quote_count,
    clinics_in,
    delete_clinic_row,
    insert_clinic,
    own_clinic_count,
    plans_choosing_clinic,
    set_clinic_hidden,
    set_clinic_note,
    taken_clinic_names,
    technique_ids,
    techniques_in,
    write_clinic,
)
from planner.core.limits import OWN_CLINICS, check_room
from planner.core.validation import ValidationError
from planner.db.database import Database

__all__ = [
    "Clinic",
    "ClinicDraft",
    "ClinicUse",
    "clinic_name_problem",
    "clinic_use",
    "create_clinic",
    "delete_clinic",
    "get_clinic",
    "list_clinics",
    "save_notes",
    "set_hidden",
    "technique_choices",
    "update_clinic",
]


def technique_choices(db: Database) -> list[Technique]:
    with db.transaction() as session:
        return techniques_in(session)


def list_clinics(db: Database) -> list[Clinic]:
    """Every current clinic, hidden ones included, the catalogue's first then the user's, by name."""
    with db.transaction() as session:
        return clinics_in(session)


def get_clinic(db: Database, clinic_id: int) -> Clinic:
    with db.transaction() as session:
        return clinic_in(session, clinic_id)


def clinic_name_problem(db: Database, name: str, clinic_id: int | None = None) -> str | None:
    with db.transaction() as session:
        return check_clinic_name(name, taken_clinic_names(session, clinic_id))


def _validated(draft: ClinicDraft, taken: set[str], techniques: set[str]) -> CleanClinic:
    return validate_clinic(draft, taken, list(CONDITION_GROUPS), techniques)


@changes(Change.CLINICS)
def create_clinic(db: Database, draft: ClinicDraft) -> Clinic:
    """Add one of the user's own clinics. Raises ValidationError and saves nothing on bad input,
    PlanFull when the user already has the most clinics of their own the app keeps."""
    with db.transaction() as session:
        check_room(OWN_CLINICS, own_clinic_count(session))
        clean = _validated(draft, taken_clinic_names(session, None), technique_ids(session))
        return insert_clinic(session, clean)


@changes(Change.CLINICS)
def update_clinic(db: Database, clinic_id: int, draft: ClinicDraft) -> Clinic:
    with db.transaction() as session:
        ensure_own_clinic(clinic_catalogue_id(session, clinic_id))
        clean = _validated(draft, taken_clinic_names(session, clinic_id), technique_ids(session))
        return write_clinic(session, clinic_id, clean)


@dataclass(frozen=True, slots=True)
class ClinicUse:
    """What deleting a clinic would take with it: its quotes, and the plans that chose it."""

    quotes: int
    chosen_by: tuple[str, ...]


def clinic_use(db: Database, clinic_id: int) -> ClinicUse:
    with db.transaction() as session:
        return ClinicUse(clinic_quote_count(session, clinic_id), plans_choosing_clinic(session, clinic_id))


@changes(Change.CLINICS | Change.QUOTES | Change.ANSWERS | Change.PLAN)
def delete_clinic(db: Database, clinic_id: int) -> Change:
    """Delete one of the user's own clinics with its answers, quotes and shortlist places; what
    it changed: the plans too when it was a plan's chosen clinic."""
    with db.transaction() as session:
        chosen = plans_choosing_clinic(session, clinic_id)
        ensure_own_clinic(clinic_catalogue_id(session, clinic_id))
        delete_clinic_row(session, clinic_id)
    return Change.CLINICS | Change.QUOTES | Change.ANSWERS | (Change.PLAN if chosen else Change(0))


@changes(Change.CLINICS)
def set_hidden(db: Database, clinic_id: int, hidden: bool) -> None:
    with db.transaction() as session:
        set_clinic_hidden(session, clinic_id, hidden)


@changes(Change.CLINICS)
def save_notes(db: Database, clinic_id: int, note: str, rating: int | None) -> Clinic:
    """Save the user's note and 1-5 rating (None for no rating) on any clinic."""
    errors = {
        field: message
        for field, message in (("rating", check_rating(rating)), ("note", check_note(note)))
        if message
    }
    if errors:
        raise ValidationError(errors)
    with db.transaction() as session:
        return set_clinic_note(session, clinic_id, note.strip(), rating)
