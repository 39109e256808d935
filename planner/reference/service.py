"""Read-only lookups the forms need: conditions, countries, currencies; the catalogue's sources."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from planner.core.countries import Country, countries_articles_first, default_currency
from planner.core.money import active_currencies, currency_name
from planner.db.database import Database
from planner.db.models import ConditionRow, SourceRow

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

TABLE_COUNTRIES = ("KR", "MX", "TH", "TR", "ES", "CO", "CH")


@dataclass(frozen=True, slots=True)
class ConditionChoice:
    id: str
    name: str
    group_name: str
    summary: str


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str


def list_conditions(db: Database) -> list[ConditionChoice]:
    """Conditions a plan can be for: knee cartilage first, then the soft-tissue injuries."""
    with db.transaction() as session:
        rows = session.scalars(
            select(ConditionRow)
            .where(ConditionRow.retired.is_(False))
            .order_by(ConditionRow.group_id != "knee-cartilage", ConditionRow.sort_order)
        )
        return [ConditionChoice(r.id, r.name, r.group_name, r.summary) for r in rows]


@dataclass(frozen=True, slots=True)
class Source:
    """An article the built-in catalogue was taken from."""

    id: str
    title: str
    published: str
    """The article's date as YYYY-MM-DD, or "" when it gives none."""


def list_sources(db: Database) -> list[Source]:
    """The articles the catalogue comes from, in the order of their files (the first article first)."""
    with db.transaction() as session:
        rows = session.scalars(select(SourceRow).order_by(SourceRow.file))
        return [Source(r.id, r.title, r.published) for r in rows]


def country_choices() -> list[Country]:
    """Every country; the articles' countries first."""
    return countries_articles_first(TABLE_COUNTRIES)


def currency_choices() -> list[Currency]:
    """Every ISO 4217 currency in use, the common home currencies first."""
    first = ("USD", "GBP", "CAD", "EUR", "AUD", "KRW")
    rest = sorted(active_currencies() - set(first))
    return [Currency(code, currency_name(code)) for code in (*first, *rest)]


def currency_for_country(country_code: str) -> str:
    return default_currency(country_code)
