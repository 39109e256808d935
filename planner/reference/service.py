"""Read-only lookups the forms need: conditions, countries, currencies; the catalogue's sources."""

from __future__ import annotations

from planner.db.database import Database
from planner.reference.rules import (
    ConditionChoice,
    Currency,
    Source,
    country_choices,
    currency_choices,
    currency_for_country,
)
from planner.reference.store import conditions_in, sources_in

__all__ = [
    "ConditionChoice",
    "Currency",
    "Source",
    "country_choices",
    "currency_choices",
    "currency_for_country",
    "list_conditions",
    "list_sources",
]


def list_conditions(db: Database) -> list[ConditionChoice]:
    """Conditions a plan can be for: knee cartilage first, then the soft-tissue injuries."""
    with db.transaction() as session:
        return conditions_in(session)


def list_sources(db: Database) -> list[Source]:
    """The articles the catalogue comes from, in the order of their files (the first article first)."""
    with db.transaction() as session:
        return sources_in(session)
