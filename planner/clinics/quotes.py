"""Clinic quotes: drafts as typed, their rules, totals, deposits, and line-by-line comparison.

Amounts are Decimal in the quote's currency; nothing here touches storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import babel.numbers

from planner.core.dates import day_month_year
from planner.core.limits import QUOTE_LINES, day_problem
from planner.core.money import MoneyError, check_currency, currency_decimals, number_locale, parse_amount
from planner.core.validation import raise_if_any

MAX_LINES = QUOTE_LINES.most
MAX_LABEL_LENGTH = 200
MAX_TEXT_LENGTH = 20_000
"""Refund terms and the note."""
FALLBACK_CURRENCY = "USD"


@dataclass(frozen=True, slots=True)
class QuoteLineDraft:
    category_id: str | None
    label: str
    amount: str


@dataclass(frozen=True, slots=True)
class QuoteDraft:
    """What the quote form collects, amounts and the deposit still as typed."""

    clinic_id: int
    currency: str
    received_on: date
    valid_until: date | None
    deposit: str
    refund_terms: str
    note: str
    lines: tuple[QuoteLineDraft, ...]


@dataclass(frozen=True, slots=True)
class QuoteLine:
    category_id: str | None
    label: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class CleanQuote:
    clinic_id: int
    currency: str
    received_on: date
    valid_until: date | None
    deposit_percent: Decimal | None
    refund_terms: str
    note: str
    lines: tuple[QuoteLine, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    id: int
    plan_id: int
    clinic_id: int
    clinic_name: str
    currency: str
    received_on: date
    valid_until: date | None
    deposit_percent: Decimal | None
    refund_terms: str
    note: str
    accepted: bool
    lines: tuple[QuoteLine, ...]

    @property
    def total(self) -> Decimal:
        return quote_total(self.lines)

    @property
    def deposit_amount(self) -> Decimal | None:
        if self.deposit_percent is None:
            return None
        return deposit_amount(self.total, self.deposit_percent, self.currency)

    @property
    def title(self) -> str:
        return f"{self.clinic_name}, received {day_month_year(self.received_on)}"


def percent_text(percent: Decimal) -> str:
    """10.00 as "10 %", 12.50 as "12.5 %"."""
    return f"{percent.normalize():f} %"


def quote_total(lines: tuple[QuoteLine, ...] | list[QuoteLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))


def deposit_amount(total: Decimal, percent: Decimal, currency: str) -> Decimal:
    """The deposit in the currency's smallest unit, half a unit rounded up."""
    step = Decimal(1).scaleb(-currency_decimals(currency))
    return (total * percent / 100).quantize(step, rounding=ROUND_HALF_UP)


def parse_percent(text: str, locale: str | None = None) -> Decimal | None:
    """A percentage from 0 to 100 with at most two decimals; empty means not given."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned:
        return None
    try:
        value = babel.numbers.parse_decimal(cleaned, locale=number_locale(locale), strict=True)
    except (babel.numbers.NumberFormatError, InvalidOperation):
        raise MoneyError(f"“{text.strip()[:20]}” is not a percentage. Type a number such as 10.") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise MoneyError("A deposit is between 0 and 100 %.")
    if value != value.quantize(Decimal("0.01")):
        raise MoneyError("Use at most two decimal places for the deposit.")
    return value


def _clean_line(
    number: int,
    line: QuoteLineDraft,
    currency: str | None,
    categories: dict[str, str],
    errors: dict[str, str],
) -> QuoteLine | None:
    label = " ".join(line.label.split())
    if not label and not line.amount.strip():
        return None  # left empty, even if a fee category was picked
    if line.category_id is not None and line.category_id not in categories:
        errors[f"line{number}.label"] = "That fee category no longer exists; choose another."
        return None
    label = label or (categories[line.category_id] if line.category_id else "")
    if not label:
        errors[f"line{number}.label"] = "Say what this line is for, or pick a fee category."
    elif len(label) > MAX_LABEL_LENGTH:
        errors[f"line{number}.label"] = f"Keep the description under {MAX_LABEL_LENGTH} characters."
    try:
        # With the currency still unknown, amounts are checked as if in dollars.
        amount = parse_amount(line.amount, currency or FALLBACK_CURRENCY)
    except MoneyError as error:
        errors[f"line{number}.amount"] = str(error)
        return None
    return QuoteLine(line.category_id, label, amount)


def validate_quote(draft: QuoteDraft, categories: dict[str, str]) -> CleanQuote:
    """Check a draft; raise ValidationError with a message per field, lines as `line<N>.<field>`.

    `categories` maps fee category ids to names. Lines with neither a description nor an amount
    are dropped, so a form pre-filled with the fee categories may leave some blank.
    """
    errors: dict[str, str] = {}
    currency: str | None
    try:
        currency = check_currency(draft.currency)
    except MoneyError as error:
        errors["currency"] = str(error)
        currency = None
    if message := day_problem(draft.received_on):
        errors["received_on"] = message
    if draft.valid_until is not None and (message := day_problem(draft.valid_until)):
        errors["valid_until"] = message
    elif draft.valid_until is not None and draft.valid_until < draft.received_on:
        errors["valid_until"] = "The quote cannot expire before the day you received it."
    try:
        deposit = parse_percent(draft.deposit)
    except MoneyError as error:
        errors["deposit"] = str(error)
        deposit = None
    lines = []
    for number, line in enumerate(draft.lines, start=1):
        clean = _clean_line(number, line, currency, categories, errors)
        if clean is not None:
            lines.append(clean)
    if not lines and not any(key.startswith("line") for key in errors):
        errors["lines"] = "Add at least one line with an amount."
    if len(draft.lines) > MAX_LINES:
        errors["lines"] = f"A quote can have at most {MAX_LINES} lines."
    for field, text in (("refund_terms", draft.refund_terms), ("note", draft.note)):
        if len(text.strip()) > MAX_TEXT_LENGTH:
            errors[field] = f"Keep it under {MAX_TEXT_LENGTH:,} characters."
    raise_if_any(errors)
    assert currency is not None
    return CleanQuote(
        draft.clinic_id,
        currency,
        draft.received_on,
        draft.valid_until,
        deposit,
        draft.refund_terms.strip(),
        draft.note.strip(),
        tuple(lines),
    )


@dataclass(frozen=True, slots=True)
class ComparedLine:
    label: str
    first: Decimal | None
    second: Decimal | None

    @property
    def difference(self) -> Decimal:
        """Second minus first, a missing line counting as nothing."""
        return (self.second or Decimal(0)) - (self.first or Decimal(0))


def compare_lines(first: tuple[QuoteLine, ...], second: tuple[QuoteLine, ...]) -> list[ComparedLine]:
    """Pair the lines of two quotes: the same fee category, or else the same description.

    Lines filed more than once under one key are added together. Order: the first quote's
    lines, then what only the second has.
    """

    def key(line: QuoteLine) -> str:
        return f"category:{line.category_id}" if line.category_id else f"label:{line.label.casefold()}"

    labels: dict[str, str] = {}
    sums: dict[str, list[Decimal | None]] = {}
    for side, lines in enumerate((first, second)):
        for line in lines:
            k = key(line)
            labels.setdefault(k, line.label)
            pair = sums.setdefault(k, [None, None])
            pair[side] = (pair[side] or Decimal(0)) + line.amount
    return [ComparedLine(labels[k], pair[0], pair[1]) for k, pair in sums.items()]
