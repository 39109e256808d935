"""The catalogue's reference rows as the forms and the Learn page read them. Every function works
in the caller's Session."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.catalogue.learn import LearnEntry, searchable
from planner.db.models import ConditionRow, ReferenceRow, SourceRow
from planner.reference.rules import ConditionChoice, Source


def conditions_in(session: Session) -> list[ConditionChoice]:
    """Conditions a plan can be for: knee cartilage first, then the soft-tissue injuries."""
    rows = session.scalars(
        select(ConditionRow)
        .where(ConditionRow.retired.is_(False))
        .order_by(ConditionRow.group_id != "knee-cartilage", ConditionRow.sort_order)
    )
    return [ConditionChoice(r.id, r.name, r.group_name, r.summary) for r in rows]


def sources_in(session: Session) -> list[Source]:
    """The articles the catalogue comes from, in the order of their files (the first article first)."""
    rows = session.scalars(select(SourceRow).order_by(SourceRow.file))
    return [Source(r.id, r.title, r.published) for r in rows]


def learn_entries_in(session: Session) -> list[LearnEntry]:
    """Every Learn entry, in reading order (section, then position), its articles named by their
    titles, ready to search."""
    titles = {s.id: s.title for s in session.scalars(select(SourceRow))}
    rows = session.scalars(select(ReferenceRow).order_by(ReferenceRow.section_order, ReferenceRow.sort_order))
    entries = []
    for r in rows:
        entry = LearnEntry(
            r.id,
            r.section_id,
            r.section_name,
            r.section_order,
            r.sort_order,
            r.title,
            r.body,
            tuple((str(label), str(value)) for label, value in r.fields),
            tuple(r.points),
            tuple(titles.get(s, s) for s in r.sources),
        )
        entries.append(dataclasses.replace(entry, search_text=searchable(entry)))
    return entries
