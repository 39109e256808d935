"""Bring the database's copy of the catalogue up to date, matching entries by their stable ids.

Only catalogue-owned columns are written. Rows the user's data can point at (conditions,
clinics, journey steps, templates) are retired rather than deleted when a release drops them;
user-owned tables (plans, clinic annotations) are never read or written here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.catalogue.learn_builder import build_learn_entries
from planner.catalogue.meta_store import record_fingerprint
from planner.catalogue.model import CLINIC_LIST_FIELDS, Catalogue
from planner.catalogue.price_points_store import price_point_rows
from planner.db.models import (
    ChecklistTemplateRow,
    ClinicRow,
    ConditionRow,
    FeeCategoryRow,
    JourneyStepRow,
    PricePointRow,
    QuestionTemplateRow,
    ReferenceRow,
    SourceRow,
    TechniqueRow,
)

Row = TypeVar(
    "Row",
    ConditionRow,
    JourneyStepRow,
    ChecklistTemplateRow,
    QuestionTemplateRow,
    SourceRow,
    TechniqueRow,
    FeeCategoryRow,
    PricePointRow,
)


def write_catalogue(session: Session, catalogue: Catalogue) -> None:
    """Write every entry of `catalogue` and record its fingerprint."""
    _upsert(
        session,
        SourceRow,
        ((s.id, {"title": s.title, "file": s.file, "published": s.published}) for s in catalogue.sources),
        retire=False,
    )
    groups = {g.id: g.name for g in catalogue.groups}
    _upsert(
        session,
        ConditionRow,
        (
            (
                c.id,
                {
                    "group_id": c.group,
                    "group_name": groups[c.group],
                    "name": c.name,
                    "summary": c.summary,
                    "source_id": c.source,
                    "sort_order": i,
                },
            )
            for i, c in enumerate(catalogue.conditions)
        ),
    )
    phases = {p.id: p for p in catalogue.phases}
    _upsert(
        session,
        JourneyStepRow,
        (
            (
                s.id,
                {
                    "phase_id": s.phase,
                    "phase_name": phases[s.phase].name,
                    "sort_order": s.order,
                    "name": s.name,
                    "summary": s.summary,
                    "activities": list(s.activities),
                    "duration": s.duration,
                    "sources": list(s.sources),
                    "procedures": [{"id": p.id, "name": p.name, "summary": p.summary} for p in s.procedures],
                },
            )
            for s in catalogue.steps
        ),
    )
    _upsert(
        session,
        ChecklistTemplateRow,
        (
            (
                t.id,
                {
                    "step_id": t.step,
                    "sort_order": i,
                    "text": t.text,
                    "kind": t.kind,
                    "document": t.document,
                    "due_anchor": t.due_anchor,
                    "due_days": t.due_days,
                    "source_id": t.source,
                },
            )
            for i, t in enumerate(catalogue.checklist)
        ),
    )
    _upsert(
        session,
        QuestionTemplateRow,
        (
            (q.id, {"sort_order": i, "topic": q.topic, "text": q.text, "why": q.why, "source_id": q.source})
            for i, q in enumerate(catalogue.questions)
        ),
    )
    _upsert(
        session,
        TechniqueRow,
        ((t.id, {"name": t.name, "sort_order": i}) for i, t in enumerate(catalogue.techniques)),
    )
    _upsert(
        session,
        FeeCategoryRow,
        ((f.id, {"name": f.name, "sort_order": i}) for i, f in enumerate(catalogue.fees)),
    )
    _upsert(session, PricePointRow, price_point_rows(catalogue))
    _sync_clinics(session, catalogue)
    _replace_reference(session, catalogue)
    record_fingerprint(session, catalogue.fingerprint)


def _upsert(
    session: Session, model: type[Row], items: Iterable[tuple[str, dict[str, Any]]], retire: bool = True
) -> None:
    existing: dict[str, Any] = {row.id: row for row in session.scalars(select(model))}
    seen: set[str] = set()
    for key, values in items:
        seen.add(key)
        row = existing.get(key)
        if row is None:
            session.add(model(id=key, **values))
            continue
        _assign(row, values)
        if retire:
            row.retired = False
    if retire:
        for key, row in existing.items():
            if key not in seen:
                row.retired = True
    session.flush()


def _assign(row: object, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _sync_clinics(session: Session, catalogue: Catalogue) -> None:
    existing = {
        row.catalogue_id: row
        for row in session.scalars(select(ClinicRow).where(ClinicRow.catalogue_id.is_not(None)))
    }
    seen = set()
    for clinic in catalogue.clinics:
        seen.add(clinic.id)
        values = _clinic_values(clinic)
        row = existing.get(clinic.id)
        if row is None:
            session.add(ClinicRow(catalogue_id=clinic.id, **values))
        else:
            _assign(row, values)
            row.retired = False
    for key, row in existing.items():
        if key not in seen:
            row.retired = True
    session.flush()


def _clinic_values(clinic: Any) -> dict[str, Any]:
    list_fields: Callable[[str], list[str]] = lambda name: list(getattr(clinic, name))  # noqa: E731
    return {
        "name": clinic.name,
        "city": clinic.city,
        "district": clinic.district,
        "location": clinic.location,
        "focus": clinic.focus,
        "government_approved": clinic.government_approved,
        **{name: list_fields(name) for name in (*CLINIC_LIST_FIELDS, "sources")},
    }


def _replace_reference(session: Session, catalogue: Catalogue) -> None:
    """Learn entries belong to the catalogue alone, so they are rebuilt whole."""
    session.execute(delete(ReferenceRow))
    for e in build_learn_entries(catalogue):
        session.add(
            ReferenceRow(
                id=e.id,
                section_id=e.section_id,
                section_name=e.section_name,
                section_order=e.section_order,
                sort_order=e.order,
                title=e.title,
                body=e.body,
                fields=[list(f) for f in e.fields],
                points=list(e.points),
                sources=list(e.sources),
            )
        )
    session.flush()
