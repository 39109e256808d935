"""The deposit that books the treatment: what is accepted, how much is proposed, how it reads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from planner.budget.deposit import Deposit, DepositDraft, deposit_state, proposed_amount, validate_deposit
from planner.core.validation import ValidationError

TODAY = date(2027, 3, 15)
GOOD = DepositDraft(percent="10", amount="1,200.00", currency="USD", due_on=date(2027, 4, 1), paid_on=None)


def errors_of(**changes: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_deposit(replace(GOOD, **changes), TODAY)
    return caught.value.errors


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent": "100.01"}, "percent", "A deposit is between 0 and 100 %."),
        ({"percent": "150 %"}, "percent", "A deposit is between 0 and 100 %."),
        ({"percent": "10.125"}, "percent", "Use at most two decimal places for the deposit."),
        ({"amount": "1,200.005"}, "amount", "USD amounts have at most 2 decimal places."),
        ({"currency": "ABC"}, "currency", "“ABC” is not a known currency code"),
        ({"paid_on": date(2027, 3, 16)}, "paid_on", "The paid date is in the future."),
        ({"amount": " ", "paid_on": date(2027, 3, 1)}, "amount", "Enter the amount of the deposit you paid."),
    ],
)
def test_a_bad_deposit_is_refused_with_the_message_under_its_field(
    changes: dict[str, Any], field: str, message: str
) -> None:
    errors = errors_of(**changes)
    assert list(errors) == [field]
    assert message in errors[field]


def test_a_typed_amount_is_not_called_missing_when_only_the_currency_is_wrong() -> None:
    errors = errors_of(currency="ABC", paid_on=date(2027, 3, 1))
    assert "currency" in errors
    assert errors.get("amount") != "Enter the amount of the deposit you paid."


def test_a_good_deposit_is_accepted() -> None:
    deposit = validate_deposit(replace(GOOD, percent="12.5 %", paid_on=TODAY, currency="usd"), TODAY)
    assert deposit == Deposit(Decimal("12.5"), Decimal("1200.00"), "USD", date(2027, 4, 1), TODAY)
    assert deposit.paid


def test_percent_and_amount_may_be_left_empty_until_known() -> None:
    deposit = validate_deposit(replace(GOOD, percent="", amount=""), TODAY)
    assert (deposit.percent, deposit.amount, deposit.paid) == (None, None, False)


def test_the_proposed_deposit_is_ten_percent_of_each_bound_rounded_half_up() -> None:
    assert proposed_amount(Decimal(10), Decimal("1234.45"), Decimal("9000.05"), "USD") == (
        Decimal("123.45"),  # 123.445, half a cent up
        Decimal("900.01"),  # 900.005
    )


def test_a_won_deposit_is_in_whole_won() -> None:
    low, high = proposed_amount(Decimal(10), Decimal(12_345_665), Decimal(20_000_000), "KRW")
    assert (low, high) == (Decimal(1_234_567), Decimal(2_000_000))  # 1,234,566.5 rounds up
    assert low.as_tuple().exponent == 0


def deposit(due_on: date | None, paid_on: date | None = None) -> Deposit:
    return Deposit(Decimal(10), Decimal("1200.00"), "USD", due_on, paid_on)


@pytest.mark.parametrize(
    ("due_on", "paid_on", "text"),
    [
        (date(2027, 3, 1), date(2027, 2, 28), "Paid on 28 Feb 2027."),
        (None, date(2027, 3, 2), "Paid on 2 Mar 2027."),
        (date(2027, 3, 14), None, "Overdue: it was due on 14 Mar 2027, 1 day ago."),
        (date(2027, 3, 1), None, "Overdue: it was due on 1 Mar 2027, 14 days ago."),
        (date(2027, 3, 15), None, "Due today."),
        (date(2027, 3, 16), None, "Due on 16 Mar 2027, in 1 day."),
        (date(2027, 4, 1), None, "Due on 1 Apr 2027, in 17 days."),
        (None, None, "Not paid yet; no due date set."),
    ],
)
def test_the_deposit_state_in_words(due_on: date | None, paid_on: date | None, text: str) -> None:
    assert deposit_state(deposit(due_on, paid_on), TODAY) == text
