"""Exchange rates the user typed in (the app is offline) and conversions that remember them.

A rate says what one unit of `base` is worth in `quote` on a date. A conversion records the
rate and its date, and is stored with the amount it converted: entering a newer rate later
never changes an amount already converted.

Rounding rule: each converted amount is rounded once, to the target currency's minor unit,
half to even. A total in another currency is the sum of the rounded lines, so it differs
from converting the unrounded total by at most half a minor unit per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import babel.numbers

from planner.core.dates import day_month_year
from planner.core.money import MoneyError, currency_decimals, number_locale, parse_typed_decimal

MAX_RATE_DIGITS = 12
MAX_RATE = Decimal(10) ** 9
MIN_RATE = 1 / MAX_RATE
"""Rates beyond these are mistakes (the widest real pair is a few million to one); bounded, no
conversion can run out of the database's range."""


@dataclass(frozen=True, slots=True)
class Rate:
    base: str
    quote: str
    rate: Decimal
    on: date

    def describe(self, locale: str | None = None) -> str:
        value = babel.numbers.format_decimal(
            self.rate, locale=number_locale(locale), decimal_quantization=False
        )
        return f"1 {self.base} = {value} {self.quote} on {day_month_year(self.on)}"


@dataclass(frozen=True, slots=True)
class Converted:
    """An amount converted into `currency` with the rate (1 source = `rate` target) of `rate_date`."""

    amount: Decimal
    currency: str
    rate: Decimal
    rate_date: date


def parse_rate(text: str, locale: str | None = None) -> Decimal:
    """A positive exchange rate as typed; MoneyError with a message for the field otherwise."""
    cleaned = text.strip()
    if not cleaned:
        raise MoneyError("Enter the rate, for example 1,380.50.")
    try:
        value = parse_typed_decimal(cleaned, number_locale(locale))
    except (babel.numbers.NumberFormatError, InvalidOperation):
        raise MoneyError(f"“{cleaned[:30]}” is not a rate. Type a number such as 1,380.50.") from None
    if not value.is_finite() or value <= 0:
        raise MoneyError("A rate must be more than zero.")
    if len(value.normalize().as_tuple().digits) > MAX_RATE_DIGITS:
        raise MoneyError(f"Use at most {MAX_RATE_DIGITS} significant digits.")
    if not MIN_RATE <= value <= MAX_RATE:
        raise MoneyError("A rate must be between 0.000000001 and 1,000,000,000.")
    return value


def round_to_currency(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-currency_decimals(currency)), rounding=ROUND_HALF_EVEN)


def factor(rate: Rate, source: str, target: str) -> Decimal | None:
    """What one unit of `source` is worth in `target` by this rate, or None if it does not apply."""
    if (rate.base, rate.quote) == (source, target):
        return rate.rate
    if (rate.base, rate.quote) == (target, source):
        return 1 / rate.rate
    return None


def pick_rate(rates: Iterable[Rate], source: str, target: str, on: date) -> Rate | None:
    """The newest rate between the two currencies (either way round) dated on or before `on`."""
    usable = [r for r in rates if r.on <= on and factor(r, source, target) is not None]
    return max(usable, key=lambda r: r.on, default=None)


def convert(amount: Decimal, source: str, target: str, rate: Rate | None, on: date) -> Converted:
    """Convert with `rate`; the same currency needs none. Raises MoneyError when no rate fits."""
    if source == target:
        return Converted(amount, target, Decimal(1), on)
    value = factor(rate, source, target) if rate is not None else None
    if rate is None or value is None:
        raise MoneyError(f"There is no rate between {source} and {target}; enter one first.")
    return Converted(round_to_currency(amount * value, target), target, value, rate.on)


@dataclass(frozen=True, slots=True)
class Factor:
    """What one unit of a currency is worth in another, with the date of the (older) rate used."""

    value: Decimal
    on: date


def _nearest(rates: list[Rate], source: str, target: str, on: date) -> Factor | None:
    fitting = [r for r in rates if factor(r, source, target) is not None]
    before = [r for r in fitting if r.on <= on]
    chosen = max(before, key=lambda r: r.on) if before else min(fitting, key=lambda r: r.on, default=None)
    if chosen is None:
        return None
    value = factor(chosen, source, target)
    assert value is not None
    return Factor(value, chosen.on)


def find_factor(rates: Iterable[Rate], source: str, target: str, on: date) -> Factor | None:
    """The factor from `source` to `target` for a day: the newest rate on or before it, else the
    earliest after it; when no rate joins the two directly, through one currency that has a rate
    with each (a pair from on or before the day first, the newest such; else the pair that comes
    soonest after it). None when nothing joins them."""
    if source == target:
        return Factor(Decimal(1), on)
    pool = list(rates)
    direct = _nearest(pool, source, target, on)
    if direct is not None:
        return direct
    bridges = {c for r in pool for c in (r.base, r.quote)} - {source, target}
    before: list[Factor] = []
    after: list[tuple[date, Factor]] = []
    for bridge in sorted(bridges):
        first = _nearest(pool, source, bridge, on)
        second = _nearest(pool, bridge, target, on)
        if first is None or second is None:
            continue
        candidate = Factor(first.value * second.value, min(first.on, second.on))
        latest = max(first.on, second.on)
        if latest <= on:
            before.append(candidate)
        else:
            after.append((latest, candidate))
    if before:
        return max(before, key=lambda f: f.on)
    return min(after, key=lambda pair: pair[0])[1] if after else None


def apply_factor(amount: Decimal, target: str, found: Factor) -> Converted:
    return Converted(round_to_currency(amount * found.value, target), target, found.value, found.on)
