"""Exchange rates typed by the user, and conversions that keep the rate they used."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.money import MoneyError, currency_decimals
from planner.core.rates import Rate, convert, parse_rate, pick_rate, round_to_currency

USD_KRW = Rate("USD", "KRW", Decimal("1380.50"), date(2027, 1, 10))
GBP_USD = Rate("GBP", "USD", Decimal("1.27"), date(2027, 1, 12))


def test_a_rate_must_be_a_positive_number() -> None:
    assert parse_rate("1,380.50") == Decimal("1380.50")
    for bad, message in (
        ("0", "more than zero"),
        ("-3", "more than zero"),
        ("abc", "is not a rate"),
        ("", "Enter"),
    ):
        with pytest.raises(MoneyError, match=message):
            parse_rate(bad)


def test_conversion_uses_the_rate_either_way_round_and_records_it() -> None:
    to_won = convert(Decimal("1000.00"), "USD", "KRW", USD_KRW, date(2027, 2, 1))
    assert to_won.amount == Decimal("1380500") and to_won.rate_date == date(2027, 1, 10)
    to_dollars = convert(Decimal("1380500"), "KRW", "USD", USD_KRW, date(2027, 2, 1))
    assert to_dollars.amount == Decimal("1000.00")
    with pytest.raises(MoneyError, match="no rate between GBP and KRW"):
        convert(Decimal(1), "GBP", "KRW", USD_KRW, date(2027, 2, 1))
    assert convert(Decimal("5.00"), "USD", "USD", None, date(2027, 2, 1)).amount == Decimal("5.00")


def test_the_newest_rate_on_or_before_the_day_is_picked() -> None:
    newer = Rate("KRW", "USD", Decimal("0.00071"), date(2027, 3, 1))
    rates = [USD_KRW, newer, GBP_USD]
    assert pick_rate(rates, "USD", "KRW", date(2027, 2, 1)) == USD_KRW
    assert pick_rate(rates, "USD", "KRW", date(2027, 3, 5)) == newer
    assert pick_rate(rates, "USD", "KRW", date(2027, 1, 1)) is None


def test_a_past_conversion_keeps_its_amount_when_a_new_rate_arrives() -> None:
    paid = convert(Decimal("250.00"), "USD", "KRW", USD_KRW, date(2027, 1, 15))
    rates = [USD_KRW, Rate("USD", "KRW", Decimal("1500"), date(2027, 1, 20))]
    assert pick_rate(rates, "USD", "KRW", date(2027, 1, 25)) != USD_KRW
    assert paid.amount == Decimal("345125") and paid.rate == Decimal("1380.50")


amounts = st.decimals(
    min_value=0, max_value=Decimal("1000000"), places=2, allow_nan=False, allow_infinity=False
)
rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("5000"), places=4)


@settings(deadline=None)
@given(st.lists(amounts, max_size=40), rates, st.sampled_from(["KRW", "USD", "JPY", "EUR"]))
def test_summing_converted_lines_differs_from_converting_the_sum_by_at_most_half_a_unit_each(
    lines: list[Decimal], value: Decimal, target: str
) -> None:
    rate = Rate("GBP", target, value, date(2027, 1, 1))
    on = date(2027, 2, 1)
    summed = sum((convert(a, "GBP", target, rate, on).amount for a in lines), Decimal(0))
    exact = sum(lines, Decimal(0)) * value
    half_unit = Decimal(1).scaleb(-currency_decimals(target)) / 2
    assert abs(summed - exact) <= half_unit * len(lines)
    assert abs(summed - round_to_currency(exact, target)) <= half_unit * (len(lines) + 1)
