"""The deposit that books the treatment: how much, when it is due, and whether it is paid.

The articles put it at about 10% of the treatment; an accepted quote's own percentage wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planner.clinics.quotes import deposit_amount, parse_percent
from planner.core.dates import day_month_year
from planner.core.limits import day_problem
from planner.core.money import MoneyError, check_currency, parse_amount
from planner.core.validation import raise_if_any


@dataclass(frozen=True, slots=True)
class DepositDraft:
    percent: str
    amount: str
    currency: str
    due_on: date | None
    paid_on: date | None


@dataclass(frozen=True, slots=True)
class Deposit:
    percent: Decimal | None
    amount: Decimal | None
    currency: str
    due_on: date | None
    paid_on: date | None

    @property
    def paid(self) -> bool:
        return self.paid_on is not None


def validate_deposit(draft: DepositDraft, today: date, locale: str | None = None) -> Deposit:
    """Raises ValidationError with messages for percent, amount, currency and paid_on."""
    errors: dict[str, str] = {}
    percent: Decimal | None = None
    try:
        percent = parse_percent(draft.percent, locale)
    except MoneyError as error:
        errors["percent"] = str(error)
    currency = ""
    try:
        currency = check_currency(draft.currency)
    except MoneyError as error:
        errors["currency"] = str(error)
    amount: Decimal | None = None
    if currency and draft.amount.strip():
        try:
            amount = parse_amount(draft.amount, currency, locale)
        except MoneyError as error:
            errors["amount"] = str(error)
    if draft.due_on is not None and (message := day_problem(draft.due_on)):
        errors["due_on"] = message
    if draft.paid_on is not None and (message := day_problem(draft.paid_on)):
        errors["paid_on"] = message
    elif draft.paid_on is not None and draft.paid_on > today:
        errors["paid_on"] = "The paid date is in the future. Tick it once the deposit is paid."
    if draft.paid_on is not None and not draft.amount.strip():
        errors["amount"] = "Enter the amount of the deposit you paid."
    raise_if_any(errors)
    return Deposit(percent, amount, currency, draft.due_on, draft.paid_on)


def proposed_amount(percent: Decimal, low: Decimal, high: Decimal, currency: str) -> tuple[Decimal, Decimal]:
    """The deposit on a treatment costing between `low` and `high`."""
    return deposit_amount(low, percent, currency), deposit_amount(high, percent, currency)


def deposit_state(deposit: Deposit, today: date) -> str:
    """In words: paid, due (and in how long), overdue, or not yet dated."""
    if deposit.paid_on is not None:
        return f"Paid on {day_month_year(deposit.paid_on)}."
    if deposit.due_on is None:
        return "Not paid yet; no due date set."
    days = (deposit.due_on - today).days
    if days < 0:
        ago = f"{-days} day{'s' if days != -1 else ''} ago"
        return f"Overdue: it was due on {day_month_year(deposit.due_on)}, {ago}."
    if days == 0:
        return "Due today."
    return f"Due on {day_month_year(deposit.due_on)}, in {days} day{'s' if days != 1 else ''}."
