"""Money as exact Decimal amounts with an ISO 4217 currency; parsing, minor units, formatting.

Amounts are never floats. They are stored as integer minor units (cents, or whole won for
KRW) and parsed from text exactly, refusing more decimal places than the currency has.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, getcontext, localcontext
from functools import cache

import babel
import babel.numbers
from babel import Locale

MAX_AMOUNT = Decimal("10000000")
"""Above ten million units of a currency is a typing mistake, not a cost of this trip."""
MAX_AMOUNT_WHOLE_UNITS = Decimal("10000000000")
"""The limit for currencies without minor units (KRW, JPY, VND, ...), whose units are small:
a treatment costs tens of millions of won."""


FALLBACK_LOCALE = "en_US"
_number_locale = FALLBACK_LOCALE


def set_number_locale(name: str | None) -> str:
    """Use `name` (such as "de_DE") for parsing and formatting amounts from now on; anything
    Babel does not know, or the bare "C" locale, falls back to en_US. Returns the one in use."""
    global _number_locale
    try:
        _number_locale = str(Locale.parse(name)) if name and name not in ("C", "POSIX") else FALLBACK_LOCALE
    except (ValueError, TypeError, babel.UnknownLocaleError):
        _number_locale = FALLBACK_LOCALE
    return _number_locale


def number_locale(locale: str | None = None) -> str:
    """`locale` if given, else the one set for the app (en_US until told otherwise)."""
    return locale or _number_locale


class MoneyError(ValueError):
    """Text that is not an acceptable amount or currency; the message is for the user."""


@cache
def active_currencies() -> frozenset[str]:
    """ISO 4217 codes that some country uses today."""
    codes: set[str] = set()
    for territory in Locale("en").territories:
        assert isinstance(territory, str)
        codes.update(babel.numbers.get_territory_currencies(territory, tender=True))
    return frozenset(codes)


def currency_name(code: str, locale: str = "en") -> str:
    return str(babel.numbers.get_currency_name(code, locale=locale))


def check_currency(code: str) -> str:
    """Return the normalised code, or raise MoneyError for anything unknown."""
    normalised = code.strip().upper()
    if not normalised:
        raise MoneyError("Choose a currency.")
    if normalised not in active_currencies():
        raise MoneyError(f"“{code.strip()}” is not a known currency code (for example USD, GBP, EUR).")
    return normalised


@cache
def currency_decimals(code: str) -> int:
    return int(babel.numbers.get_currency_precision(code))


def max_amount(currency: str) -> Decimal:
    """The largest amount accepted in `currency` (see MAX_AMOUNT and MAX_AMOUNT_WHOLE_UNITS)."""
    return MAX_AMOUNT_WHOLE_UNITS if currency_decimals(currency) == 0 else MAX_AMOUNT


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def to_minor(self) -> int:
        return to_minor(self.amount, self.currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        return cls(from_minor(minor, currency), currency)

    def format(self, locale: str | None = None) -> str:
        return format_money(self.amount, self.currency, locale)


def to_minor(amount: Decimal, currency: str) -> int:
    """Exact integer minor units; refuses amounts with more decimals than the currency has."""
    scaled = amount.scaleb(currency_decimals(currency))
    if scaled != scaled.to_integral_value():
        raise MoneyError(f"{currency} amounts have at most {currency_decimals(currency)} decimal places.")
    return int(scaled)


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-currency_decimals(currency))


LONGEST_NUMBER = 200
"""More characters than this are not a number anyone typed (and are not parsed)."""


def parse_typed_decimal(text: str, locale: str) -> Decimal:
    """Babel's strict parse of a number as typed, with room for every digit: its check of the
    grouping writes the number out again, rounding within the context's precision, which a long
    number (past 28 digits) overflows. Raises NumberFormatError or InvalidOperation."""
    if len(text) > LONGEST_NUMBER:
        raise InvalidOperation(f"more than {LONGEST_NUMBER} characters")
    with localcontext(prec=max(getcontext().prec, 2 * len(text) + 8)):
        return babel.numbers.parse_decimal(text, locale=locale, strict=True)


def parse_amount(text: str, currency: str, locale: str | None = None) -> Decimal:
    """Parse what a person typed into a non-negative amount in `currency`.

    Accepts the locale's grouping and decimal signs ("12,500.50" in en_US). Raises MoneyError
    with a message fit to show next to the field.
    """
    locale = number_locale(locale)
    cleaned = text.strip()
    if not cleaned:
        raise MoneyError("Enter an amount.")
    allowed = {
        babel.numbers.get_group_symbol(locale),
        babel.numbers.get_decimal_symbol(locale),
        " ",
        "\u00a0",
    }
    if any(not (ch.isdigit() or ch in allowed) for ch in cleaned.lstrip("-")):
        raise MoneyError(f"“{cleaned[:40]}” is not an amount. Type digits, for example 12,500.")
    try:
        value = parse_typed_decimal(cleaned, locale)
    except (babel.numbers.NumberFormatError, InvalidOperation):
        raise MoneyError(f"“{cleaned[:40]}” is not an amount. Type digits, for example 12,500.") from None
    if not value.is_finite():
        raise MoneyError("Enter an amount with digits only.")
    if value < 0:
        raise MoneyError("An amount cannot be negative.")
    if value > (limit := max_amount(currency)):
        raise MoneyError(f"That is more than {limit:,} {currency}; check the amount.")
    to_minor(value, currency)
    return value


def format_money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    return str(babel.numbers.format_currency(amount, currency, locale=number_locale(locale)))


def format_amount(amount: Decimal, locale: str | None = None) -> str:
    """The amount as a person would type it back in (grouped, no currency sign), however many
    digits it has (Babel rounds within the context's precision, which 28 digits can overflow)."""
    digits = len(amount.as_tuple().digits) + max(amount.adjusted(), 0) + 8 if amount.is_finite() else 0
    with localcontext(prec=max(getcontext().prec, digits)):
        text = babel.numbers.format_decimal(amount, locale=number_locale(locale), decimal_quantization=False)
    return str(text)
