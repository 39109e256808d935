"""The Learn page's reference content, with each item's article named by its title."""

from __future__ import annotations

from planner.catalogue.learn import LearnEntry, matches
from planner.db.database import Database
from planner.reference.store import learn_entries_in

__all__ = ["LearnEntry", "list_learn_entries", "matches"]


def list_learn_entries(db: Database) -> list[LearnEntry]:
    """Every entry, in reading order (section, then position), ready to search."""
    with db.transaction() as session:
        return learn_entries_in(session)
