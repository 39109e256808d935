"""Clinics: the catalogue's and the user's own, with the user's notes, ratings and hiding."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from planner.changes import Change, changes
from planner.clinics.drafts import ClinicDraft, check_clinic_name, check_note, check_rating, validate_clinic
from planner.clinics.rules import CONDITION_GROUPS, Clinic, Technique
from planner.core.clock import utc_now
from planner.core.limits import OWN_CLINICS, check_room
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import ClinicAnnotationRow, ClinicRow, PlanRow, QuoteRow, SourceRow, TechniqueRow

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
        return _techniques(session)


def _techniques(session: Session) -> list[Technique]:
    rows = session.scalars(
        select(TechniqueRow).where(TechniqueRow.retired.is_(False)).order_by(TechniqueRow.sort_order)
    )
    return [Technique(r.id, r.name) for r in rows]


def _to_clinic(row: ClinicRow, techniques: dict[str, str], titles: dict[str, str]) -> Clinic:
    note = row.annotation
    return Clinic(
        id=row.id,
        catalogue_id=row.catalogue_id,
        name=row.name,
        city=row.city,
        district=row.district,
        location=row.location,
        focus=row.focus,
        lead_doctors=tuple(row.lead_doctors),
        key_features=tuple(row.key_features),
        special_techniques=tuple(row.special_techniques),
        treatments=tuple(row.treatments),
        condition_groups=tuple(row.conditions),
        techniques=tuple(Technique(t, techniques.get(t, t)) for t in row.techniques),
        approvals=tuple(row.approvals),
        government_approved=row.government_approved,
        claims=tuple(row.claims),
        sources=tuple(titles.get(s, s) for s in row.sources),
        note=note.note if note else "",
        rating=note.rating if note else None,
        hidden=note.hidden if note else False,
    ).with_search_text()


def _lookups(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    techniques = {r.id: r.name for r in session.scalars(select(TechniqueRow))}
    titles = {r.id: r.title for r in session.scalars(select(SourceRow))}
    return techniques, titles


def list_clinics(db: Database) -> list[Clinic]:
    """Every current clinic, hidden ones included, the catalogue's first then the user's, by name."""
    with db.transaction() as session:
        techniques, titles = _lookups(session)
        rows = session.scalars(
            select(ClinicRow)
            .options(selectinload(ClinicRow.annotation))
            .where(ClinicRow.retired.is_(False))
            .order_by(ClinicRow.catalogue_id.is_(None), func.lower(ClinicRow.name))
        )
        return [_to_clinic(row, techniques, titles) for row in rows]


def get_clinic(db: Database, clinic_id: int) -> Clinic:
    with db.transaction() as session:
        return _to_clinic(session.get_one(ClinicRow, clinic_id), *_lookups(session))


def _taken(session: Session, except_id: int | None) -> set[str]:
    query = select(ClinicRow.name).where(ClinicRow.retired.is_(False))
    if except_id is not None:
        query = query.where(ClinicRow.id != except_id)
    return {name.casefold() for name in session.scalars(query)}


def clinic_name_problem(db: Database, name: str, clinic_id: int | None = None) -> str | None:
    with db.transaction() as session:
        return check_clinic_name(name, _taken(session, clinic_id))


def _write(session: Session, row: ClinicRow, draft: ClinicDraft, except_id: int | None) -> None:
    clean = validate_clinic(
        draft,
        _taken(session, except_id),
        list(CONDITION_GROUPS),
        set(session.scalars(select(TechniqueRow.id))),
    )
    row.name = clean.name
    row.city = clean.city
    row.district = clean.district
    row.location = clean.location
    row.focus = clean.focus
    row.lead_doctors = list(clean.lead_doctors)
    row.key_features = list(clean.key_features)
    row.special_techniques = list(clean.special_techniques)
    row.treatments = list(clean.treatments)
    row.conditions = list(clean.condition_groups)
    row.techniques = list(clean.technique_ids)
    row.approvals = list(clean.approvals)
    row.government_approved = clean.government_approved
    row.claims = list(clean.claims)


@changes(Change.CLINICS)
def create_clinic(db: Database, draft: ClinicDraft) -> Clinic:
    """Add one of the user's own clinics. Raises ValidationError and saves nothing on bad input,
    PlanFull when the user already has the most clinics of their own the app keeps."""
    with db.transaction() as session:
        own = session.scalar(
            select(func.count()).select_from(ClinicRow).where(ClinicRow.catalogue_id.is_(None))
        )
        check_room(OWN_CLINICS, own or 0)
        row = ClinicRow(catalogue_id=None, sources=[])
        _write(session, row, draft, None)
        session.add(row)
        session.flush()
        return _to_clinic(row, *_lookups(session))


def _own_row(session: Session, clinic_id: int) -> ClinicRow:
    row = session.get_one(ClinicRow, clinic_id)
    if row.catalogue_id is not None:
        raise ValidationError.single(
            "clinic", "Clinics from the articles cannot be changed or deleted; hide it or add a note instead."
        )
    return row


@changes(Change.CLINICS)
def update_clinic(db: Database, clinic_id: int, draft: ClinicDraft) -> Clinic:
    with db.transaction() as session:
        row = _own_row(session, clinic_id)
        _write(session, row, draft, clinic_id)
        session.flush()
        return _to_clinic(row, *_lookups(session))


@dataclass(frozen=True, slots=True)
class ClinicUse:
    """What deleting a clinic would take with it: its quotes, and the plans that chose it."""

    quotes: int
    chosen_by: tuple[str, ...]


def clinic_use(db: Database, clinic_id: int) -> ClinicUse:
    with db.transaction() as session:
        quotes = session.scalar(
            select(func.count()).select_from(QuoteRow).where(QuoteRow.clinic_id == clinic_id)
        )
        plans = session.scalars(
            select(PlanRow.name).where(PlanRow.clinic_id == clinic_id).order_by(PlanRow.name)
        )
        return ClinicUse(quotes or 0, tuple(plans))


@changes(Change.CLINICS | Change.QUOTES | Change.ANSWERS | Change.PLAN)
def delete_clinic(db: Database, clinic_id: int) -> Change:
    """Delete one of the user's own clinics with its answers, quotes and shortlist places; what
    it changed: the plans too when it was a plan's chosen clinic."""
    with db.transaction() as session:
        chosen = session.scalar(
            select(func.count()).select_from(PlanRow).where(PlanRow.clinic_id == clinic_id)
        )
        session.delete(_own_row(session, clinic_id))
    return Change.CLINICS | Change.QUOTES | Change.ANSWERS | (Change.PLAN if chosen else Change(0))


def _annotation(session: Session, clinic_id: int) -> ClinicAnnotationRow:
    clinic = session.get_one(ClinicRow, clinic_id)
    if clinic.annotation is None:
        clinic.annotation = ClinicAnnotationRow(note="", rating=None, hidden=False, updated_at=utc_now())
    return clinic.annotation


@changes(Change.CLINICS)
def set_hidden(db: Database, clinic_id: int, hidden: bool) -> None:
    with db.transaction() as session:
        row = _annotation(session, clinic_id)
        row.hidden = hidden
        row.updated_at = utc_now()


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
        row = _annotation(session, clinic_id)
        row.note = note.strip()
        row.rating = rating
        row.updated_at = utc_now()
        session.flush()
        return _to_clinic(row.clinic, *_lookups(session))
