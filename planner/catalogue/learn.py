"""The Learn page's items and how a search matches them (built by `planner.catalogue.learn_builder`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.search import matches

__all__ = ["LearnEntry", "matches", "searchable"]


@dataclass(frozen=True, slots=True)
class LearnEntry:
    id: str
    section_id: str
    section_name: str
    section_order: int
    order: int
    title: str
    body: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    points: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """Article titles (in the service's results) or source ids (as built here)."""
    search_text: str = field(default="", compare=False)


def searchable(entry: LearnEntry) -> str:
    parts = [entry.section_name, entry.title, entry.body, *entry.points, *entry.sources]
    for label, value in entry.fields:
        parts += [label, value]
    return "\n".join(parts).casefold()
