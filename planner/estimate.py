"""The trip estimate proposed from the articles' figures: each line a low-high range with the
article it comes from. The person may then change or remove any line.

Hotel tiers split the articles' nightly range into thirds; every proposed figure therefore stays
within the catalogue's own low and high bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from planner.money import currency_decimals
from planner.prices import PricePoint

HOTEL_TIERS = {"budget": (0, 1), "standard": (1, 2), "comfort": (2, 3)}
"""Which thirds of the articles' nightly hotel range each tier covers."""


@dataclass(frozen=True, slots=True)
class EstimateChoices:
    package_id: str | None
    """A price point of kind "package", or None to use `quote_total` / the fee breakdown."""
    quote_total: Decimal | None = None
    quote_currency: str = ""
    stay_low: int | None = None
    """Days in Korea; None takes the articles' 7-10 days."""
    stay_high: int | None = None
    hotel_tier: str = "standard"
    flights: bool = True
    visa: bool = True


@dataclass(frozen=True, slots=True)
class EstimateLine:
    key: str
    label: str
    category: str
    low: Decimal
    high: Decimal
    currency: str
    basis: str
    source: str


def _round(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(Decimal(1).scaleb(-currency_decimals(currency)), rounding=ROUND_HALF_EVEN)


def _bounds(point: PricePoint) -> tuple[Decimal, Decimal]:
    low = point.low if point.low is not None else point.high
    high = point.high if point.high is not None else point.low
    assert low is not None and high is not None, f"{point.id} has no figure"
    return low, high


def hotel_night_range(hotel: PricePoint, tier: str) -> tuple[Decimal, Decimal]:
    low, high = _bounds(hotel)
    start, end = HOTEL_TIERS[tier]
    third = (high - low) / 3
    return _round(low + third * start, hotel.currency), _round(low + third * end, hotel.currency)


def propose_estimate(points: Sequence[PricePoint], choices: EstimateChoices) -> list[EstimateLine]:
    """Estimate lines for the trip: treatment, hotel, daily living, flights and visa."""
    by_id = {p.id: p for p in points}
    stay = by_id["stay/days"]
    stay_low, stay_high = _bounds(stay)
    days_low = choices.stay_low if choices.stay_low is not None else int(stay_low)
    days_high = choices.stay_high if choices.stay_high is not None else int(stay_high)
    lines: list[EstimateLine] = []
    if choices.quote_total is not None:
        lines.append(
            EstimateLine(
                "treatment",
                "Treatment (your accepted quote)",
                "treatment",
                choices.quote_total,
                choices.quote_total,
                choices.quote_currency,
                "The total of the quote you accepted",
                "Your quote",
            )
        )
    elif choices.package_id is not None:
        package = by_id[choices.package_id]
        low, high = _bounds(package)
        lines.append(
            EstimateLine(
                "treatment",
                package.name,
                "treatment",
                low,
                high,
                package.currency,
                package.text,
                package.source,
            )
        )
    else:
        for fee in (p for p in points if p.kind == "fee"):
            low, high = _bounds(fee)
            lines.append(
                EstimateLine(
                    fee.id,
                    fee.name,
                    fee.id.removeprefix("fee/"),
                    low,
                    high,
                    fee.currency,
                    fee.text,
                    fee.source,
                )
            )
    hotel = by_id["travel/hotel"]
    night_low, night_high = hotel_night_range(hotel, choices.hotel_tier)
    nights_low, nights_high = max(days_low - 1, 0), max(days_high - 1, 0)
    lines.append(
        EstimateLine(
            "hotel",
            f"Hotel, {choices.hotel_tier}",
            "lodging",
            night_low * nights_low,
            night_high * nights_high,
            hotel.currency,
            f"{nights_low}–{nights_high} nights at {night_low:,}–{night_high:,} {hotel.currency} a night",
            hotel.source,
        )
    )
    daily = by_id["travel/daily-living"]
    low, high = _bounds(daily)
    lines.append(
        EstimateLine(
            "daily",
            daily.name,
            "daily-living",
            low * days_low,
            high * days_high,
            daily.currency,
            f"{days_low}–{days_high} days at {daily.text} a day",
            daily.source,
        )
    )
    for wanted, key, category in (
        (choices.flights, "travel/flights", "travel"),
        (choices.visa, "travel/medical-visa", "visa"),
    ):
        if wanted:
            point = by_id[key]
            low, high = _bounds(point)
            lines.append(
                EstimateLine(key, point.name, category, low, high, point.currency, point.text, point.source)
            )
    return lines


def totals_by_currency(lines: Sequence[EstimateLine]) -> dict[str, tuple[Decimal, Decimal]]:
    """The low and high totals per currency (amounts are never added across currencies)."""
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for line in lines:
        low, high = totals.get(line.currency, (Decimal(0), Decimal(0)))
        totals[line.currency] = (low + line.low, high + line.high)
    return totals
