"""The checks each value of a plan file passes, with the same limits the app's forms keep.

A `FieldReader` notes every problem with the path to it ("expenses[3].planned: ...") instead of
stopping at the first, so the person sees what is wrong with a file in one message.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from planner.core.limits import Limit, day_problem
from planner.core.money import MoneyError, check_currency, currency_decimals, max_amount
from planner.core.rates import MAX_RATE, MIN_RATE

MAX_ROWS = 200_000
"""Rows per section: far beyond any real plan, small enough to refuse a file built to exhaust memory."""
MAX_TEXT = 20_000
UNCAPPED_MINOR = 10**17
"""The largest converted amount in minor units: well inside SQLite's 64-bit integers."""
AMOUNT = re.compile(r"\d{1,15}(\.\d{1,4})?")
RATE = re.compile(r"\d{1,30}(\.\d{1,40})?([Ee][-+]?\d{1,2})?")
"""Rates as the app keeps them: exact decimal text, at times with an exponent (“1E-7”)."""


@cache
def limits(currency: str) -> tuple[int, int]:
    """How many decimals `currency` has, and its largest amount in minor units."""
    decimals = currency_decimals(currency)
    return decimals, int(max_amount(currency).scaleb(decimals))


class FieldReader:
    """Reads values out of parsed JSON, noting each problem with its path instead of stopping."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.currencies: set[str] = set()
        """Codes already found good, so each is looked up once."""

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def mapping(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "should be an object")
            return {}
        return value

    def rows(
        self, parent: dict[str, Any], key: str, path: str, limit: Limit | None = None
    ) -> list[dict[str, Any]]:
        """The section's objects; none when it holds more than `limit` (or MAX_ROWS) of them."""
        value = parent.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{path}{key}", "should be a list")
            return []
        if limit is not None and len(value) > limit.most:
            self.fail(f"{path}{key}", limit.over_message(len(value)))
            return []
        if len(value) > MAX_ROWS:
            self.fail(f"{path}{key}", f"has {len(value):,} entries, more than {MAX_ROWS:,}")
            return []
        return [
            item if isinstance(item, dict) else self.mapping(item, f"{path}{key}[{n}]")
            for n, item in enumerate(value)
        ]

    def text(
        self, row: dict[str, Any], key: str, path: str, limit: int = MAX_TEXT, required: bool = False
    ) -> str:
        value = row.get(key, "")
        if not isinstance(value, str):
            self.fail(f"{path}.{key}", "should be text")
            return ""
        if len(value) > limit:
            self.fail(f"{path}.{key}", f"is longer than {limit:,} characters")
        if required and not value.strip():
            self.fail(f"{path}.{key}", "is missing")
        return value

    def choice(self, row: dict[str, Any], key: str, path: str, allowed: object, default: str = "") -> str:
        value = row.get(key, default)
        if not isinstance(value, str) or value not in allowed:  # type: ignore[operator]
            self.fail(f"{path}.{key}", f"{shown(value)} is not one of the known values")
            return default
        return value

    def day(self, row: dict[str, Any], key: str, path: str, required: bool = False) -> date | None:
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is missing")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            self.fail(f"{path}.{key}", f"{shown(value)} is not a date like 2027-03-01")
            return None
        if message := day_problem(day):
            self.fail(f"{path}.{key}", message)
            return None
        return day

    def moment(self, row: dict[str, Any], key: str, path: str) -> datetime | None:
        value = row.get(key)
        try:
            if not isinstance(value, str) or len(value) > 32:
                raise ValueError
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                raise ValueError
        except ValueError:
            self.fail(f"{path}.{key}", f"{shown(value)} is not a date and time like 2027-03-01T09:30:00")
            return None
        if message := day_problem(moment):
            self.fail(f"{path}.{key}", message)
            return None
        return moment

    def integer(
        self, row: dict[str, Any], key: str, path: str, low: int, high: int, required: bool = False
    ) -> int | None:
        value = row.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"{path}.{key}", f"{shown(value)} should be a whole number from {low} to {high}")
            return None
        return value

    def flag(self, row: dict[str, Any], key: str, path: str, default: bool = False) -> bool:
        value = row.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", "should be true or false")
            return default
        return value

    def currency(self, row: dict[str, Any], key: str, path: str) -> str:
        value = row.get(key)
        if isinstance(value, str) and value in self.currencies:
            return value
        try:
            if not isinstance(value, str):
                raise MoneyError("")
            code = check_currency(value)
            if code == value:
                self.currencies.add(value)
            return code
        except MoneyError:
            self.fail(f"{path}.{key}", f"{shown(value)} is not a known currency code")
            return "USD"

    def amount(
        self,
        row: dict[str, Any],
        key: str,
        path: str,
        currency: str,
        required: bool = False,
        capped: bool = True,
    ) -> int | None:
        """An amount written as "1234.50", as minor units of `currency`. `capped` keeps it within
        what the forms accept; converted amounts may go beyond that (a large sum in won)."""
        value = row.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is missing")
            return None
        if not isinstance(value, str) or not AMOUNT.fullmatch(value):
            self.fail(f"{path}.{key}", f"{shown(value)} is not an amount like 1234.50")
            return None
        decimals, largest = limits(currency)
        if not capped:
            largest = UNCAPPED_MINOR
        whole, _dot, part = value.partition(".")
        if len(part.rstrip("0")) > decimals:
            self.fail(f"{path}.{key}", f"{currency} amounts have at most {decimals} decimal places")
            return None
        minor = int(whole) * int(10**decimals) + int((part + "0" * decimals)[:decimals] or 0)
        if minor > largest:
            self.fail(f"{path}.{key}", f"{value} is more than the largest amount allowed in {currency}")
            return None
        return minor

    def minor(
        self, row: dict[str, Any], key: str, path: str, currency: str, capped: bool = True
    ) -> int | None:
        """An amount written as a whole number of `currency`'s minor units (123450 for 1234.50
        pounds, won as they are); `capped` as for `amount`."""
        value = row.get(key)
        if value is None:
            return None
        if type(value) is not int or value < 0:
            self.fail(f"{path}.{key}", f"{shown(value)} is not an amount in minor units like 123450")
            return None
        if value > (limits(currency)[1] if capped else UNCAPPED_MINOR):
            self.fail(f"{path}.{key}", f"{value} is more than the largest amount allowed in {currency}")
            return None
        return value

    def rate(self, row: dict[str, Any], key: str, path: str) -> str:
        value = row.get(key)
        try:
            if not isinstance(value, str) or not RATE.fullmatch(value) or Decimal(value) <= 0:
                raise InvalidOperation
        except InvalidOperation:
            self.fail(f"{path}.{key}", f"{shown(value)} is not a positive rate like 1.2345")
            return "1"
        if not MIN_RATE <= Decimal(value) <= MAX_RATE:
            self.fail(f"{path}.{key}", f"{shown(value)} is not a rate from 0.000000001 to 1000000000")
            return "1"
        return value

    def strings(self, row: dict[str, Any], key: str, path: str) -> list[str]:
        value = row.get(key, [])
        if not isinstance(value, list) or len(value) > 200:
            self.fail(f"{path}.{key}", "should be a list of up to 200 texts")
            return []
        for n, item in enumerate(value):
            if not isinstance(item, str) or len(item) > MAX_TEXT:
                self.fail(f"{path}.{key}[{n}]", "should be text")
                return []
        return list(value)


def shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 40 else text[:37] + "…"
