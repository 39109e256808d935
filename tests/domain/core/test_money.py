"""Money: exact parsing, minor units, refusals with messages a person can act on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.money import (
    MAX_AMOUNT,
    Money,
    MoneyError,
    check_currency,
    format_amount,
    from_minor,
    parse_amount,
    to_minor,
)


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("12,500", "USD", "12500"),
        (" 12500.50 ", "USD", "12500.50"),
        ("0", "GBP", "0"),
        ("25,000,000", "KRW", "25000000"),
    ],
)
def test_parse_accepts_what_people_type(text: str, currency: str, expected: str) -> None:
    assert parse_amount(text, currency) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "currency", "message"),
    [
        ("", "USD", "Enter an amount"),
        ("-5", "USD", "negative"),
        ("abc", "USD", "not an amount"),
        ("1e5", "USD", "not an amount"),
        ("12.345", "USD", "decimal places"),
        ("100.5", "KRW", "decimal places"),
        ("2000000000", "USD", "check the amount"),
        ("NaN", "USD", "not an amount"),
    ],
)
def test_parse_refuses_with_a_message(text: str, currency: str, message: str) -> None:
    with pytest.raises(MoneyError, match=message):
        parse_amount(text, currency)


def test_currency_codes() -> None:
    assert check_currency(" gbp ") == "GBP"
    with pytest.raises(MoneyError, match="not a known currency"):
        check_currency("XYZ")
    with pytest.raises(MoneyError, match="Choose a currency"):
        check_currency("")


@given(
    st.integers(min_value=0, max_value=int(MAX_AMOUNT) * 100),
    st.sampled_from(["USD", "KRW", "EUR", "JPY", "BHD"]),
)
def test_minor_units_round_trip_exactly(minor: int, currency: str) -> None:
    assert to_minor(from_minor(minor, currency), currency) == minor
    assert Money.from_minor(minor, currency).to_minor() == minor


@given(st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_usd_amounts_parse_back(amount: Decimal) -> None:
    assert parse_amount(f"{amount:,.2f}", "USD") == amount


def test_absurdly_large_amounts_are_refused_with_a_limit_fit_for_the_currency() -> None:
    assert parse_amount("10,000,000", "USD") == Decimal("10000000")
    with pytest.raises(MoneyError, match="more than 10,000,000 GBP"):
        parse_amount("10,000,000.01", "GBP")
    # Ten million won is only a few thousand dollars: won amounts may go much higher.
    assert parse_amount("35,000,000", "KRW") == Decimal("35000000")
    with pytest.raises(MoneyError, match="more than 10,000,000,000 KRW"):
        parse_amount("10,000,000,001", "KRW")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("1E+25", "10,000,000,000,000,000,000,000,000"),
        ("123456789012345678901234567890.123", "123,456,789,012,345,678,901,234,567,890.123"),
        ("1E-30", "0." + "0" * 29 + "1"),
    ],
)
def test_an_amount_of_any_length_is_written_out_whole(amount: str, shown: str) -> None:
    """More digits than decimal arithmetic keeps by default (28) are still written, never refused."""
    assert format_amount(Decimal(amount), "en_US") == shown
