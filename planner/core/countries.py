"""Countries a patient may live in, with the articles' countries first."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import babel.numbers
from babel import Locale

ARTICLE_COUNTRIES = ("US", "GB", "CA", "DE", "AU")
"""The home countries the design names; the country tables' others follow them."""


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str


@cache
def all_countries(locale: str = "en") -> tuple[Country, ...]:
    """Every current country, alphabetical by name. Excludes regions such as "World" (001)."""
    territories = Locale.parse(locale).territories
    countries = [
        Country(code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
    ]
    return tuple(sorted(countries, key=lambda c: c.name.casefold()))


def countries_articles_first(table_codes: tuple[str, ...] = ()) -> list[Country]:
    """The articles' home countries, then other countries in the cost tables, then the rest."""
    by_code = {c.code: c for c in all_countries()}
    first = [code for code in (*ARTICLE_COUNTRIES, *table_codes) if code in by_code]
    ordered = list(dict.fromkeys(first))
    return [by_code[c] for c in ordered] + [c for c in all_countries() if c.code not in ordered]


def country_name(code: str) -> str:
    for country in all_countries():
        if country.code == code:
            return country.name
    return code


def is_country(code: str) -> bool:
    return any(c.code == code for c in all_countries())


def default_currency(code: str) -> str:
    currencies = babel.numbers.get_territory_currencies(code, tender=True)
    return str(currencies[0]) if currencies else "USD"
