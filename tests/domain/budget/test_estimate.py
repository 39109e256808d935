"""The proposed estimate: lines from the articles' figures, within their bounds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.budget.estimate import (
    HOTEL_TIERS,
    EstimateChoices,
    hotel_night_range,
    propose_estimate,
    totals_by_currency,
)
from planner.catalogue.prices import PricePoint


def point(
    id_: str, kind: str, low: str | None, high: str | None, unit: str = "", currency: str = "USD"
) -> PricePoint:
    return PricePoint(
        id=id_,
        kind=kind,
        name=id_,
        group="",
        label="",
        country_code="",
        currency=currency,
        low=Decimal(low) if low else None,
        high=Decimal(high) if high else None,
        average=None,
        qualifier="",
        unit=unit,
        text=f"{low}-{high}",
        notes="",
        source="Article",
    )


POINTS = [
    point("package/knee-single", "package", "7000", "9000"),
    point("package/all-inclusive", "package", "8000", None),
    point("fee/surgeon", "fee", "2000", "5000"),
    point("fee/anesthesia", "fee", "1000", "2000"),
    point("travel/hotel", "travel", "50", "300", "per-night"),
    point("travel/daily-living", "travel", "20", "50", "per-day"),
    point("travel/flights", "travel", "500", "2000"),
    point("travel/medical-visa", "travel", "50", "100"),
    point("stay/days", "stay", "7", "10", "days", ""),
]


def test_a_package_trip_for_the_articles_stay() -> None:
    lines = propose_estimate(POINTS, EstimateChoices("package/knee-single"))
    by_key = {line.key: line for line in lines}
    assert (by_key["treatment"].low, by_key["treatment"].high) == (Decimal(7000), Decimal(9000))
    # 7-10 days means 6-9 hotel nights, at the middle third of $50-$300 a night.
    assert by_key["hotel"].basis == "6–9 nights at 133.33–216.67 USD a night"
    assert (by_key["daily"].low, by_key["daily"].high) == (Decimal(140), Decimal(500))
    assert totals_by_currency(lines) == {"USD": (Decimal("8489.98"), Decimal("13550.03"))}


def test_without_a_package_the_fee_breakdown_is_proposed_and_extras_can_be_left_out() -> None:
    lines = propose_estimate(POINTS, EstimateChoices(None, flights=False, visa=False))
    assert [line.key for line in lines] == ["fee/surgeon", "fee/anesthesia", "hotel", "daily"]


def test_an_accepted_quote_replaces_the_package_in_its_own_currency() -> None:
    choices = EstimateChoices("package/knee-single", Decimal("12000000"), "KRW")
    lines = propose_estimate(POINTS, choices)
    assert lines[0].currency == "KRW" and lines[0].low == lines[0].high == Decimal("12000000")
    assert set(totals_by_currency(lines)) == {"KRW", "USD"}


def test_an_open_ended_package_counts_its_only_bound_both_ways() -> None:
    line = propose_estimate(POINTS, EstimateChoices("package/all-inclusive"))[0]
    assert line.low == line.high == Decimal(8000)


@settings(deadline=None)
@given(st.sampled_from(sorted(HOTEL_TIERS)), st.integers(1, 60), st.integers(0, 30))
def test_estimates_stay_within_the_catalogues_bounds(tier: str, days: int, extra: int) -> None:
    night_low, night_high = hotel_night_range(POINTS[4], tier)
    assert Decimal(50) <= night_low <= night_high <= Decimal(300)
    choices = EstimateChoices("package/knee-single", stay_low=days, stay_high=days + extra, hotel_tier=tier)
    for line in propose_estimate(POINTS, choices):
        assert line.low <= line.high
        if line.key == "daily":
            assert Decimal(20) * days <= line.low and line.high <= Decimal(50) * (days + extra)


def test_an_unknown_package_is_an_error() -> None:
    with pytest.raises(KeyError):
        propose_estimate(POINTS, EstimateChoices("package/none"))


def test_the_stay_follows_the_plans_own_days_unless_the_person_set_one() -> None:
    from planner.budget.estimate import EstimateSettings, default_stay, resolve_choices

    settings = EstimateSettings("package:package/knee-single")
    plan_stay = resolve_choices(settings, True, None, "", plan_days=11)
    assert (plan_stay.stay_low, plan_stay.stay_high) == (11, 11)
    by_key = {line.key: line for line in propose_estimate(POINTS, plan_stay)}
    assert by_key["hotel"].basis == "10 nights at 133.33–216.67 USD a night"
    assert by_key["daily"].basis.startswith("11 days at ")
    own = resolve_choices(EstimateSettings(stay_low=5, stay_high=6), True, None, "", plan_days=11)
    assert (own.stay_low, own.stay_high) == (5, 6)
    articles = resolve_choices(EstimateSettings(), True, None, "", plan_days=None)
    assert (articles.stay_low, articles.stay_high) == (None, None)
    assert default_stay(POINTS, 11) == (11, 11)
    assert default_stay(POINTS, None) == (7, 10)
