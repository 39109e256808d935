"""Clinics in the database, the catalogue's and the user's own, with the user's note, rating and
hiding (the annotation row). Every function works in the caller's Session."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from planner.clinics.drafts import CleanClinic
from planner.clinics.rules import Clinic, Technique
from planner.core.clock import utc_now
from planner.db.models import ClinicAnnotationRow, ClinicRow, PlanRow, QuoteRow, SourceRow, TechniqueRow


def techniques_in(session: Session) -> list[Technique]:
    """The catalogue's current techniques, in its order."""
    rows = session.scalars(
        select(TechniqueRow).where(TechniqueRow.retired.is_(False)).order_by(TechniqueRow.sort_order)
    )
    return [Technique(r.id, r.name) for r in rows]


def technique_ids(session: Session) -> set[str]:
    """Every technique's id, retired ones included."""
    return set(session.scalars(select(TechniqueRow.id)))


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


def clinics_in(session: Session) -> list[Clinic]:
    """Every current clinic, hidden ones included, the catalogue's first then the user's, by name."""
    techniques, titles = _lookups(session)
    rows = session.scalars(
        select(ClinicRow)
        .options(selectinload(ClinicRow.annotation))
        .where(ClinicRow.retired.is_(False))
        .order_by(ClinicRow.catalogue_id.is_(None), func.lower(ClinicRow.name))
    )
    return [_to_clinic(row, techniques, titles) for row in rows]


def clinic_in(session: Session, clinic_id: int) -> Clinic:
    """The clinic; NoResultFound when there is none with that id."""
    return _to_clinic(session.get_one(ClinicRow, clinic_id), *_lookups(session))


def clinic_catalogue_id(session: Session, clinic_id: int) -> str | None:
    """The clinic's catalogue id, None for one of the user's own; NoResultFound when it is gone."""
    return session.get_one(ClinicRow, clinic_id).catalogue_id


def taken_clinic_names(session: Session, except_id: int | None) -> set[str]:
    """Every current clinic's name casefolded, but `except_id`'s."""
    query = select(ClinicRow.name).where(ClinicRow.retired.is_(False))
    if except_id is not None:
        query = query.where(ClinicRow.id != except_id)
    return {name.casefold() for name in session.scalars(query)}


def own_clinic_count(session: Session) -> int:
    return (
        session.scalar(select(func.count()).select_from(ClinicRow).where(ClinicRow.catalogue_id.is_(None)))
        or 0
    )


def _write(row: ClinicRow, clean: CleanClinic) -> None:
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


def insert_clinic(session: Session, clean: CleanClinic) -> Clinic:
    """A new clinic of the user's own from a validated draft."""
    row = ClinicRow(catalogue_id=None, sources=[])
    _write(row, clean)
    session.add(row)
    session.flush()
    return _to_clinic(row, *_lookups(session))


def write_clinic(session: Session, clinic_id: int, clean: CleanClinic) -> Clinic:
    """Replace a clinic's fields with a validated draft's."""
    row = session.get_one(ClinicRow, clinic_id)
    _write(row, clean)
    session.flush()
    return _to_clinic(row, *_lookups(session))


def clinic_quote_count(session: Session, clinic_id: int) -> int:
    """How many quotes, in every plan, come from the clinic."""
    return (
        session.scalar(select(func.count()).select_from(QuoteRow).where(QuoteRow.clinic_id == clinic_id)) or 0
    )


def plans_choosing_clinic(session: Session, clinic_id: int) -> tuple[str, ...]:
    """The names of the plans that chose the clinic, by name."""
    return tuple(
        session.scalars(select(PlanRow.name).where(PlanRow.clinic_id == clinic_id).order_by(PlanRow.name))
    )


def delete_clinic_row(session: Session, clinic_id: int) -> None:
    """Delete the clinic; its answers, quotes and shortlist places go with it (cascade)."""
    session.delete(session.get_one(ClinicRow, clinic_id))


def _annotation(session: Session, clinic_id: int) -> ClinicAnnotationRow:
    clinic = session.get_one(ClinicRow, clinic_id)
    if clinic.annotation is None:
        clinic.annotation = ClinicAnnotationRow(note="", rating=None, hidden=False, updated_at=utc_now())
    return clinic.annotation


def set_clinic_hidden(session: Session, clinic_id: int, hidden: bool) -> None:
    row = _annotation(session, clinic_id)
    row.hidden = hidden
    row.updated_at = utc_now()


def set_clinic_note(session: Session, clinic_id: int, note: str, rating: int | None) -> Clinic:
    """Store a checked note and rating on any clinic."""
    row = _annotation(session, clinic_id)
    row.note = note
    row.rating = rating
    row.updated_at = utc_now()
    session.flush()
    return _to_clinic(row.clinic, *_lookups(session))
