"""Finding the factor between two currencies for a day: directly, or bridged through a third."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.core.rates import Factor, Rate, apply_factor, find_factor

FEB_1 = date(2027, 2, 1)
USD_KRW_JAN = Rate("USD", "KRW", Decimal("1380.50"), date(2027, 1, 10))
USD_KRW_MAR = Rate("USD", "KRW", Decimal("1400"), date(2027, 3, 1))
EUR_USD = Rate("EUR", "USD", Decimal("1.10"), date(2027, 1, 12))
USD_KRW_EARLY = Rate("USD", "KRW", Decimal("1400"), date(2027, 1, 5))


def test_the_newest_direct_rate_on_or_before_the_day_is_used() -> None:
    rates = [USD_KRW_MAR, USD_KRW_JAN]
    assert find_factor(rates, "USD", "KRW", FEB_1) == Factor(Decimal("1380.50"), date(2027, 1, 10))
    assert find_factor(rates, "USD", "KRW", date(2027, 3, 1)) == Factor(Decimal(1400), date(2027, 3, 1))


def test_a_rate_works_either_way_round() -> None:
    found = find_factor([USD_KRW_JAN], "KRW", "USD", FEB_1)
    assert found is not None and found.on == date(2027, 1, 10)
    assert apply_factor(Decimal(1_380_500), "USD", found).amount == Decimal("1000.00")


def test_before_any_rate_the_earliest_later_one_is_used() -> None:
    found = find_factor([USD_KRW_MAR, USD_KRW_JAN], "USD", "KRW", date(2026, 12, 1))
    assert found == Factor(Decimal("1380.50"), date(2027, 1, 10))


def test_the_same_currency_needs_no_rate() -> None:
    assert find_factor([], "EUR", "EUR", FEB_1) == Factor(Decimal(1), FEB_1)


def test_without_a_direct_rate_the_two_are_bridged_through_a_third_currency() -> None:
    found = find_factor([EUR_USD, USD_KRW_EARLY], "EUR", "KRW", FEB_1)
    # Dated by the older of the two rates it was made from.
    assert found == Factor(Decimal("1540.00"), date(2027, 1, 5))
    assert apply_factor(Decimal("100.00"), "KRW", found).amount == Decimal(154_000)
    back = find_factor([EUR_USD, USD_KRW_EARLY], "KRW", "EUR", FEB_1)
    assert back is not None and back.on == date(2027, 1, 5)
    assert apply_factor(Decimal(154_000), "EUR", back).amount == Decimal("100.00")


def test_a_direct_rate_wins_over_a_newer_bridge() -> None:
    eur_krw = Rate("EUR", "KRW", Decimal("1500"), date(2027, 1, 1))
    found = find_factor([eur_krw, EUR_USD, USD_KRW_JAN], "EUR", "KRW", FEB_1)
    assert found == Factor(Decimal(1500), date(2027, 1, 1))


def test_of_two_bridges_the_one_with_newer_rates_is_used() -> None:
    via_gbp = [
        Rate("EUR", "GBP", Decimal("0.85"), date(2027, 1, 20)),
        Rate("GBP", "KRW", Decimal("1700"), date(2027, 1, 25)),
    ]
    found = find_factor([EUR_USD, USD_KRW_EARLY, *via_gbp], "EUR", "KRW", FEB_1)
    assert found == Factor(Decimal("1445.00"), date(2027, 1, 20))


def test_a_bridge_for_a_past_day_prefers_rates_from_before_that_day() -> None:
    # A payment on 1 Feb: the GBP bridge has January rates, the USD bridge only March ones.
    # Like a direct rate, the bridge should use the rates known on the day, not later ones.
    january = [
        Rate("EUR", "GBP", Decimal("0.85"), date(2027, 1, 5)),
        Rate("GBP", "KRW", Decimal("1700"), date(2027, 1, 8)),
    ]
    march = [
        Rate("EUR", "USD", Decimal("1.20"), date(2027, 3, 1)),
        Rate("USD", "KRW", Decimal("1450"), date(2027, 3, 2)),
    ]
    found = find_factor([*january, *march], "EUR", "KRW", FEB_1)
    assert found == Factor(Decimal("1445.00"), date(2027, 1, 5))


def test_nothing_joins_currencies_two_bridges_apart() -> None:
    rates = [
        Rate("EUR", "GBP", Decimal("0.85"), date(2027, 1, 5)),
        Rate("GBP", "USD", Decimal("1.27"), date(2027, 1, 5)),
        USD_KRW_JAN,
    ]
    assert find_factor(rates, "EUR", "KRW", FEB_1) is None
    assert find_factor([], "EUR", "USD", FEB_1) is None


def test_applying_a_factor_rounds_half_to_even_in_the_target_unit() -> None:
    half = Factor(Decimal("0.5"), FEB_1)
    assert apply_factor(Decimal("0.25"), "USD", half).amount == Decimal("0.12")
    assert apply_factor(Decimal("0.35"), "USD", half).amount == Decimal("0.18")
    assert apply_factor(Decimal(5), "KRW", half).amount == Decimal(2)
    converted = apply_factor(Decimal(7), "KRW", half)
    assert (converted.amount, converted.currency, converted.rate, converted.rate_date) == (
        Decimal(4),
        "KRW",
        Decimal("0.5"),
        FEB_1,
    )
