"""Expense lines, planned and actual, and the totals the budget shows: without any storage.

Each line is in its own currency. When it is saved it is converted into the plan's home
currency, USD and KRW with the rates known then, and those conversions are kept with it: a rate
entered later never changes them. A total in a currency is the sum of the lines' kept
conversions (see `planner.core.rates` for the rounding rule); lines that have no conversion yet are
counted apart and named, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from planner.core.limits import day_problem
from planner.core.money import MoneyError, check_currency, format_money, parse_amount
from planner.core.rates import Converted, Factor, Rate, apply_factor, find_factor
from planner.core.validation import raise_if_any

REPORT_CURRENCIES = ("USD", "KRW")
"""Besides the home currency, every plan shows its totals in these."""

EXTRA_CATEGORIES = (
    ("treatment", "Treatment package"),
    ("travel", "Travel"),
    ("lodging", "Lodging"),
    ("daily-living", "Daily living"),
    ("visa", "Visa"),
    ("insurance", "Insurance"),
    ("interpreter", "Interpreter"),
    ("other", "Other"),
)
"""Categories beyond the articles' fee breakdown (whose ids come from the catalogue)."""

MAX_LABEL_LENGTH = 200
MAX_NOTE_LENGTH = 20_000
NEAR_LIMIT_SHARE = Decimal("0.9")
"""From this share of the budget limit on, the page says the limit is close."""


@dataclass(frozen=True, slots=True)
class ExpenseDraft:
    """What the expense form collects, amounts still as typed."""

    label: str
    category: str
    step_id: str | None
    planned: str
    actual: str
    currency: str
    paid_on: date | None
    payee: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class CleanExpense:
    label: str
    category: str
    step_id: str | None
    planned: Decimal | None
    actual: Decimal | None
    currency: str
    paid_on: date | None
    payee: str
    note: str


@dataclass(frozen=True, slots=True)
class ExpenseConversion:
    """A line's planned and actual amounts in another currency, at the rate kept with them."""

    currency: str
    planned: Decimal | None
    actual: Decimal | None
    rate: Decimal
    rate_date: date


@dataclass(frozen=True, slots=True)
class Expense:
    id: int
    label: str
    category: str
    step_id: str | None
    planned: Decimal | None
    actual: Decimal | None
    currency: str
    paid_on: date | None
    payee: str
    note: str
    conversions: tuple[ExpenseConversion, ...] = ()

    def converted(self, currency: str) -> tuple[Decimal | None, Decimal | None] | None:
        """Planned and actual in `currency`, or None when the line has no conversion to it."""
        if currency == self.currency:
            return self.planned, self.actual
        for conversion in self.conversions:
            if conversion.currency == currency:
                return conversion.planned, conversion.actual
        return None

    def conversion_to(self, currency: str) -> ExpenseConversion | None:
        return next((c for c in self.conversions if c.currency == currency), None)


@dataclass(frozen=True, slots=True)
class StoredRate:
    """A rate the person entered for the plan, with the id to delete it by."""

    id: int
    rate: Rate


def _clean_text(text: str) -> str:
    return " ".join(text.split())


def _optional_amount(text: str, currency: str, locale: str | None) -> Decimal | None:
    return parse_amount(text, currency, locale) if text.strip() else None


def validate_expense(
    draft: ExpenseDraft,
    categories: dict[str, str],
    steps: set[str],
    today: date,
    locale: str | None = None,
) -> CleanExpense:
    """Check every field; raise ValidationError (messages per field) when anything is wrong."""
    errors: dict[str, str] = {}
    label = _clean_text(draft.label)
    if len(label) > MAX_LABEL_LENGTH:
        errors["label"] = f"Keep the description under {MAX_LABEL_LENGTH} characters."
    if draft.category not in categories:
        errors["category"] = "Choose a category."
    if draft.step_id is not None and draft.step_id not in steps:
        errors["step"] = "Choose a journey step, or none."
    currency = ""
    try:
        currency = check_currency(draft.currency)
    except MoneyError as error:
        errors["currency"] = str(error)
    amounts: dict[str, Decimal | None] = {"planned": None, "actual": None}
    for key, text in (("planned", draft.planned), ("actual", draft.actual)):
        if currency:
            try:
                amounts[key] = _optional_amount(text, currency, locale)
            except MoneyError as error:
                errors[key] = str(error)
    if currency and not draft.planned.strip() and not draft.actual.strip():
        errors["planned"] = "Enter the planned amount, the amount paid, or both."
    if draft.paid_on is not None:
        if message := day_problem(draft.paid_on):
            errors["paid_on"] = message
        elif draft.paid_on > today:
            errors["paid_on"] = "The paid date is in the future. Record a payment once it is made."
        elif not draft.actual.strip() and "actual" not in errors:
            errors["actual"] = "Enter the amount you paid on that date."
    payee = _clean_text(draft.payee)
    if len(payee) > MAX_LABEL_LENGTH:
        errors["payee"] = f"Keep the payee under {MAX_LABEL_LENGTH} characters."
    note = draft.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = f"Keep the note under {MAX_NOTE_LENGTH:,} characters."
    raise_if_any(errors)
    return CleanExpense(
        label or categories[draft.category],
        draft.category,
        draft.step_id,
        amounts["planned"],
        amounts["actual"],
        currency,
        draft.paid_on,
        payee,
        note,
    )


def report_currencies(home: str) -> tuple[str, ...]:
    """The home currency, then USD and KRW, without repeats."""
    return tuple(dict.fromkeys((home, *REPORT_CURRENCIES)))


def conversion_day(expense: CleanExpense, today: date) -> date:
    """A payment converts at the rate of the day it was paid; a planned cost at today's."""
    return expense.paid_on or today


def _convert_pair(expense: CleanExpense, target: str, found: Factor) -> ExpenseConversion:
    def one(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else apply_factor(amount, target, found).amount

    return ExpenseConversion(target, one(expense.planned), one(expense.actual), found.value, found.on)


def convert_expense(
    expense: CleanExpense,
    targets: Iterable[str],
    rates: Sequence[Rate],
    today: date,
    kept: Sequence[ExpenseConversion] = (),
) -> tuple[ExpenseConversion, ...]:
    """The line's conversions into `targets` (its own currency needs none).

    `kept` are the conversions the line had before an edit that did not change its currency or
    paid date: their rates are used again, so editing an amount never revalues it at a newer
    rate. Targets no rate reaches are left out.
    """
    reuse = {c.currency: Factor(c.rate, c.rate_date) for c in kept}
    day = conversion_day(expense, today)
    result: list[ExpenseConversion] = []
    for target in targets:
        if target == expense.currency:
            continue
        found = reuse.get(target) or find_factor(rates, expense.currency, target, day)
        if found is not None and (converted := _within_range(expense, target, found)) is not None:
            result.append(converted)
    return tuple(result)


MAX_CONVERTED = Decimal(10) ** 14
"""The largest converted amount kept, in the target's units: far beyond any real cost (rates are
bounded too), and within what the database and the plan file hold in minor units."""


def _within_range(expense: CleanExpense, target: str, found: Factor) -> ExpenseConversion | None:
    """The conversion, or None (left out, like a missing rate) when it would be absurdly large:
    two bounded rates bridged through a third currency can still multiply out of range."""
    try:
        conversion = _convert_pair(expense, target, found)
    except InvalidOperation:
        return None
    amounts = [a for a in (conversion.planned, conversion.actual) if a is not None]
    return conversion if all(abs(a) <= MAX_CONVERTED for a in amounts) else None


def as_clean(expense: Expense) -> CleanExpense:
    return CleanExpense(
        expense.label,
        expense.category,
        expense.step_id,
        expense.planned,
        expense.actual,
        expense.currency,
        expense.paid_on,
        expense.payee,
        expense.note,
    )


@dataclass(frozen=True, slots=True)
class Total:
    """Planned and actual totals in one currency, and what they could not include."""

    currency: str
    planned: Decimal
    actual: Decimal
    lines: int
    missing: int = 0
    missing_from: frozenset[str] = frozenset()
    rates: frozenset[tuple[str, Decimal, date]] = frozenset()
    """(source currency, factor, rate date) of every kept conversion the total used."""

    @property
    def complete(self) -> bool:
        return self.missing == 0


def total_in(expenses: Iterable[Expense], currency: str) -> Total:
    planned = Decimal(0)
    actual = Decimal(0)
    lines = 0
    missing = 0
    missing_from: set[str] = set()
    rates: set[tuple[str, Decimal, date]] = set()
    for expense in expenses:
        lines += 1
        if expense.currency == currency:
            p, a = expense.planned, expense.actual
        else:
            conversion = expense.conversion_to(currency)
            if conversion is None:
                missing += 1
                missing_from.add(expense.currency)
                continue
            p, a = conversion.planned, conversion.actual
            rates.add((expense.currency, conversion.rate, conversion.rate_date))
        if p is not None:
            planned += p
        if a is not None:
            actual += a
    return Total(currency, planned, actual, lines, missing, frozenset(missing_from), frozenset(rates))


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    category: str
    planned: Decimal
    actual: Decimal


def totals_by_category(expenses: Iterable[Expense], currency: str) -> list[CategoryTotal]:
    """Planned and actual per category in `currency` (lines without a conversion left out),
    largest first (by the larger of the two)."""
    sums: dict[str, list[Decimal]] = {}
    for expense in expenses:
        amounts = expense.converted(currency)
        if amounts is None:
            continue
        pair = sums.setdefault(expense.category, [Decimal(0), Decimal(0)])
        if amounts[0] is not None:
            pair[0] += amounts[0]
        if amounts[1] is not None:
            pair[1] += amounts[1]
    totals = [CategoryTotal(category, p, a) for category, (p, a) in sums.items()]
    return sorted(totals, key=lambda t: (-max(t.planned, t.actual), t.category))


@dataclass(frozen=True, slots=True)
class BudgetWarning:
    level: str
    """"over" (past the limit), "near" (close to it) or "incomplete" (lines left out)."""
    text: str


@dataclass(frozen=True, slots=True)
class LimitStatus:
    limit: Decimal | None
    remaining_planned: Decimal | None
    remaining_actual: Decimal | None
    warnings: tuple[BudgetWarning, ...] = field(default=())


def _incomplete(home: Total) -> list[BudgetWarning]:
    """The warning that lines are left out of the home total for want of a rate."""
    if not home.complete:
        sources = ", ".join(sorted(home.missing_from))
        return [
            BudgetWarning(
                "incomplete",
                f"{home.missing:,} line{'s' if home.missing != 1 else ''} in {sources} "
                f"{'are' if home.missing != 1 else 'is'} left out of the {home.currency} totals: "
                f"enter a rate from {sources} to {home.currency}.",
            )
        ]
    return []


def limit_status(limit: Decimal | None, home: Total, locale: str | None = None) -> LimitStatus:
    """What is left of the budget limit and the warnings that go with the home-currency total."""
    warnings: list[BudgetWarning] = []

    def money(amount: Decimal) -> str:
        return format_money(amount, home.currency, locale)

    if limit is None:
        return LimitStatus(None, None, None, tuple(_incomplete(home)))
    for label, amount in (("The planned costs are", home.planned), ("What you have paid is", home.actual)):
        if amount > limit:
            warnings.append(
                BudgetWarning("over", f"{label} {money(amount - limit)} over your {money(limit)} limit.")
            )
    if (
        not any(w.level == "over" for w in warnings)
        and limit > 0
        and home.planned >= limit * NEAR_LIMIT_SHARE
    ):
        share = home.planned / limit * 100
        warnings.append(
            BudgetWarning(
                "near",
                f"The planned costs use {share:.0f}% of your {money(limit)} limit: "
                f"{money(limit - home.planned)} is left.",
            )
        )
    warnings.extend(_incomplete(home))
    return LimitStatus(limit, limit - home.planned, limit - home.actual, tuple(warnings))


def estimate_warning(
    limit: Decimal | None, low: Decimal, high: Decimal, currency: str, locale: str | None = None
) -> BudgetWarning | None:
    """An "over" warning when the estimate's high end (or even its low end) passes the limit."""
    if limit is None or high <= limit:
        return None

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, locale)

    end, amount = ("Even the estimate's low end", low) if low > limit else ("The estimate's high end", high)
    return BudgetWarning(
        "over", f"{end}, {money(amount)}, is {money(amount - limit)} over your {money(limit)} limit."
    )


def left_words(remaining: Decimal, currency: str, locale: str | None = None) -> str:
    """What is left of the limit in words: "£1,234.00", or "nothing: £56.00 over"."""
    if remaining < 0:
        return f"nothing: {format_money(-remaining, currency, locale)} over"
    return format_money(remaining, currency, locale)


__all__ = [
    "EXTRA_CATEGORIES",
    "REPORT_CURRENCIES",
    "BudgetWarning",
    "CategoryTotal",
    "CleanExpense",
    "Converted",
    "Expense",
    "ExpenseConversion",
    "ExpenseDraft",
    "LimitStatus",
    "Total",
    "as_clean",
    "convert_expense",
    "estimate_warning",
    "left_words",
    "limit_status",
    "report_currencies",
    "total_in",
    "totals_by_category",
    "validate_expense",
]
