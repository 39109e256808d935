"""The lookups the forms offer (conditions, countries, currencies) and the catalogue's sources,
without any storage."""

from __future__ import annotations

from dataclasses import dataclass

from planner.core.countries import Country, countries_articles_first, default_currency
from planner.core.money import active_currencies, currency_name

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


@dataclass(frozen=True, slots=True)
class Source:
    """An article the built-in catalogue was taken from."""

    id: str
    title: str
    published: str
    """The article's date as YYYY-MM-DD, or "" when it gives none."""


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
