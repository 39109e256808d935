"""Typed access to one TOML entry; every problem names the file and the entry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from planner.catalogue.errors import CatalogueError
from planner.catalogue.model import PriceRange

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUALIFIERS = frozenset({"", "approx", "open-high", "up-to"})


class EntryReader:
    """Reads the fields of one entry, tracking which keys were used so extras are refused."""

    def __init__(self, file: str, table: str, data: Any, position: int) -> None:
        self.file = file
        self.table = table
        if not isinstance(data, Mapping):
            raise CatalogueError(f"{file}, {table} #{position}: expected a table of fields")
        self.data: Mapping[str, Any] = data
        raw_id = data.get("id")
        self.label = f'{table} "{raw_id}"' if isinstance(raw_id, str) else f"{table} #{position}"
        self.used: set[str] = set()

    def fail(self, problem: str) -> CatalogueError:
        return CatalogueError(f"{self.file}, {self.label}: {problem}")

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                raise self.fail(f'missing "{key}"')
            return None
        return self.data[key]

    def id(self) -> str:
        value = self.text("id")
        if not ID_PATTERN.match(value):
            raise self.fail(f'"id" must be lowercase letters, digits and hyphens, not "{value}"')
        return value

    def text(self, key: str, required: bool = True, allow_empty: bool = False) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(f'"{key}" must be text')
        if not allow_empty and required and not value.strip():
            raise self.fail(f'"{key}" must not be empty')
        return value.strip()

    def integer(self, key: str, required: bool = True) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f'"{key}" must be a whole number')
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, True)
        if not isinstance(value, bool):
            raise self.fail(f'"{key}" must be true or false')
        return value

    def decimal(
        self, key: str, required: bool = True, where: Mapping[str, Any] | None = None
    ) -> Decimal | None:
        source = self.data if where is None else where
        if where is None:
            self.used.add(key)
        if key not in source:
            if required:
                raise self.fail(f'missing "{key}"')
            return None
        value = source[key]
        if not isinstance(value, str):
            raise self.fail(f'"{key}" must be a decimal written as text, like "1500"')
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise self.fail(f'"{key}" is not a number: "{value}"') from None
        if not number.is_finite() or number < 0:
            raise self.fail(f'"{key}" must be a non-negative number: "{value}"')
        return number

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f'"{key}" must be a list of non-empty texts')
        return tuple(v.strip() for v in value)

    def ref(self, key: str, allowed: Iterable[str], required: bool = True) -> str:
        value = self.text(key, required)
        if value and value not in set(allowed):
            raise self.fail(f'"{key}" refers to unknown "{value}"')
        return value

    def refs(self, key: str, allowed: Iterable[str], required: bool = True) -> tuple[str, ...]:
        values = self.texts(key, required)
        known = set(allowed)
        for value in values:
            if value not in known:
                raise self.fail(f'"{key}" refers to unknown "{value}"')
        return values

    def sources(self, allowed: Iterable[str]) -> tuple[str, ...]:
        """`sources = [...]` or a single `source = "..."`; at least one."""
        found = self.refs("sources", allowed) if "sources" in self.data else (self.ref("source", allowed),)
        if not found:
            raise self.fail("names no source article")
        return found

    def choice(self, key: str, options: Iterable[str], required: bool = True) -> str:
        value = self.text(key, required, allow_empty=True)
        allowed = set(options)
        if value not in allowed:
            raise self.fail(f'"{key}" must be one of {", ".join(sorted(a for a in allowed if a))}')
        return value

    def price(self, key: str, currencies: frozenset[str], value: Any = None) -> PriceRange:
        raw = self._get(key, True) if value is None else value
        if not isinstance(raw, Mapping):
            raise self.fail(f'"{key}" must be a price table with "text" and "currency"')
        unknown = set(raw) - {"text", "currency", "low", "high", "qualifier", "average"}
        if unknown:
            raise self.fail(f'"{key}" has unknown fields: {", ".join(sorted(unknown))}')
        text = raw.get("text")
        currency = raw.get("currency")
        if not isinstance(text, str) or not text.strip():
            raise self.fail(f'"{key}" needs the figure\'s "text" as the article prints it')
        if currency not in currencies:
            raise self.fail(f'"{key}" has an unknown currency "{currency}"')
        low = self.decimal("low", required=False, where=raw)
        high = self.decimal("high", required=False, where=raw)
        average = self.decimal("average", required=False, where=raw)
        qualifier = raw.get("qualifier", "")
        if qualifier not in QUALIFIERS:
            raise self.fail(f'"{key}" has an unknown qualifier "{qualifier}"')
        if low is None and high is None:
            raise self.fail(f'"{key}" needs "low", "high" or both')
        if low is not None and high is not None and low > high:
            raise self.fail(f'"{key}" has "low" above "high"')
        return PriceRange(text.strip(), str(currency), low, high, str(qualifier), average)

    def finish(self) -> None:
        extra = set(self.data) - self.used
        if extra:
            raise self.fail(f"unknown field(s): {', '.join(sorted(extra))}")


def entries(file: str, document: Mapping[str, Any], table: str, required: bool = True) -> list[EntryReader]:
    raw = document.get(table)
    if raw is None:
        if required:
            raise CatalogueError(f"{file}: no [[{table}]] entries")
        return []
    if not isinstance(raw, list):
        raise CatalogueError(f"{file}: [[{table}]] must be a list of tables")
    return [EntryReader(file, table, item, i + 1) for i, item in enumerate(raw)]


def single(file: str, document: Mapping[str, Any], table: str) -> EntryReader:
    raw = document.get(table)
    if raw is None:
        raise CatalogueError(f"{file}: missing [{table}]")
    return EntryReader(file, table, raw, 1)


def unique_ids(file: str, table: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise CatalogueError(f'{file}, {table} "{value}": the id is used twice')
        seen.add(value)
