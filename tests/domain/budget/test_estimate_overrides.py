"""The person's changes to the proposed estimate, and its total in one currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.budget.estimate import (
    EstimateLine,
    EstimateOverride,
    apply_overrides,
    counted_lines,
    range_in,
    validate_figures,
)
from planner.core.rates import Factor, Rate
from planner.core.validation import ValidationError


def line(key: str, low: str, high: str, currency: str = "USD") -> EstimateLine:
    return EstimateLine(
        key, key.title(), key, Decimal(low), Decimal(high), currency, f"{low}-{high}", "Article"
    )


LINES = [
    line("treatment", "10000000", "14000000", "KRW"),
    line("hotel", "800", "1300"),
    line("daily", "140", "500"),
    line("flights", "500", "2000", "EUR"),
]


def override(key: str, low: str, high: str, currency: str = "USD", removed: bool = False) -> EstimateOverride:
    return EstimateOverride(key, Decimal(low), Decimal(high), currency, removed)


def test_changed_and_removed_lines_are_marked_and_the_rest_left_as_proposed() -> None:
    rows = apply_overrides(
        LINES,
        [override("hotel", "600", "900"), override("flights", "500", "2000", "EUR", removed=True)],
    )
    by_key = {row.proposed.key: row for row in rows}
    hotel = by_key["hotel"]
    assert (hotel.changed, hotel.removed) == (True, False)
    assert (hotel.line.low, hotel.line.high, hotel.line.basis) == (Decimal(600), Decimal(900), "Your figures")
    assert (hotel.proposed.low, hotel.proposed.high) == (Decimal(800), Decimal(1300))
    flights = by_key["flights"]
    assert (flights.changed, flights.removed) == (False, True)
    assert flights.line.basis == "500-2000"
    assert not by_key["treatment"].changed and by_key["treatment"].line == LINES[0]


def test_a_line_can_be_changed_to_another_currency() -> None:
    (row,) = apply_overrides([LINES[1]], [override("hotel", "1100000", "1700000", "KRW")])
    assert row.changed and row.line.currency == "KRW"


def test_overrides_of_lines_no_longer_proposed_are_ignored() -> None:
    rows = apply_overrides(LINES, [override("fee/surgeon", "2000", "5000")])
    assert [row.line for row in rows] == LINES
    assert not any(row.changed or row.removed for row in rows)


def test_removed_lines_are_not_counted() -> None:
    rows = apply_overrides(
        LINES, [override("daily", "0", "0", removed=True), override("hotel", "700", "700")]
    )
    counted = counted_lines(rows)
    assert [c.key for c in counted] == ["treatment", "hotel", "flights"]
    assert counted[1].low == counted[1].high == Decimal(700)


def test_typed_figures_are_read_exactly() -> None:
    figures = validate_figures("1,200.50", "2,000", "usd")
    assert (figures.low, figures.high, figures.currency) == (Decimal("1200.50"), Decimal(2000), "USD")


def test_a_single_figure_counts_as_both_bounds() -> None:
    figures = validate_figures("3,000,000", "", "KRW")
    assert figures.low == figures.high == Decimal(3_000_000)


@pytest.mark.parametrize(
    ("low", "high", "currency", "field", "message"),
    [
        ("2,000", "1,500", "USD", "high", "The high figure is below the low one."),
        ("100", "200", "QQQ", "currency", "“QQQ” is not a known currency code"),
        ("", "200", "USD", "low", "Enter an amount."),
        ("100", "lots", "USD", "high", "“lots” is not an amount"),
        ("100.5", "200", "KRW", "low", "KRW amounts have at most 0 decimal places."),
    ],
)
def test_bad_figures_are_refused_under_their_field(
    low: str, high: str, currency: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_figures(low, high, currency)
    assert list(caught.value.errors) == [field]
    assert message in caught.value.errors[field]


def test_the_range_in_one_currency_converts_each_subtotal_and_names_what_it_could_not() -> None:
    jan = Rate("USD", "KRW", Decimal(1400), date(2027, 1, 10))
    total = range_in(LINES, "USD", [jan], date(2027, 2, 1))
    # KRW 10,000,000-14,000,000 is $7,142.86-$10,000.00; the USD lines add $940-$1,800.
    assert (total.currency, total.low, total.high) == ("USD", Decimal("8082.86"), Decimal("11800.00"))
    assert total.missing == frozenset({"EUR"})
    assert [(source, found.on) for source, found in total.factors] == [("KRW", date(2027, 1, 10))]


def test_the_range_uses_the_rate_of_the_day_and_bridges_when_needed() -> None:
    rates = [
        Rate("USD", "KRW", Decimal(1400), date(2027, 1, 10)),
        Rate("USD", "KRW", Decimal(1250), date(2027, 2, 1)),
        Rate("EUR", "USD", Decimal("1.12"), date(2027, 1, 20)),
    ]
    total = range_in(LINES, "KRW", rates, date(2027, 2, 1))
    # USD 940-1,800 at 1,250; EUR 500-2,000 at 1.12 x 1,250 = 1,400.
    assert (total.low, total.high) == (
        Decimal(10_000_000 + 1_175_000 + 700_000),
        Decimal(14_000_000 + 2_250_000 + 2_800_000),
    )
    assert total.missing == frozenset()
    assert dict(total.factors) == {
        "USD": Factor(Decimal(1250), date(2027, 2, 1)),
        "EUR": Factor(Decimal("1400.00"), date(2027, 1, 20)),
    }


figures = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1_000_000), places=2)
changes = st.tuples(figures, figures, st.booleans()).map(lambda t: (min(t[0], t[1]), max(t[0], t[1]), t[2]))


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from([*(item.key for item in LINES), "fee/surgeon"]), changes))
def test_any_sound_overrides_leave_every_counted_line_low_at_most_high(
    chosen: dict[str, tuple[Decimal, Decimal, bool]],
) -> None:
    overrides = [
        EstimateOverride(key, low, high, "USD", removed) for key, (low, high, removed) in chosen.items()
    ]
    counted = counted_lines(apply_overrides(LINES, overrides))
    assert all(c.low <= c.high for c in counted)
    kept = [item.key for item in LINES if not (item.key in chosen and chosen[item.key][2])]
    assert [c.key for c in counted] == kept
