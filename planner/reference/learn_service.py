"""The Learn page's reference content, with each item's article named by its title."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from planner.catalogue.learn import LearnEntry, matches, searchable
from planner.db.database import Database
from planner.db.models import ReferenceRow, SourceRow

__all__ = ["LearnEntry", "list_learn_entries", "matches"]


def list_learn_entries(db: Database) -> list[LearnEntry]:
    """Every entry, in reading order (section, then position), ready to search."""
    with db.transaction() as session:
        titles = {s.id: s.title for s in session.scalars(select(SourceRow))}
        rows = session.scalars(
            select(ReferenceRow).order_by(ReferenceRow.section_order, ReferenceRow.sort_order)
        )
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
