"""The trip estimate proposed from the articles' figures: each line a low-high range with the
article it comes from. The person may then change or remove any line.

Hotel tiers split the articles' nightly range into thirds; every proposed figure therefore stays
within the catalogue's own low and high bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planner.catalogue.prices import PricePoint
from planner.core.money import MoneyError, check_currency, parse_amount
from planner.core.rates import Factor, Rate, find_factor, round_to_currency
from planner.core.validation import raise_if_any

HOTEL_TIERS = {"budget": (0, 1), "standard": (1, 2), "comfort": (2, 3)}
"""Which thirds of the articles' nightly hotel range each tier covers."""


@dataclass(frozen=True, slots=True)
class EstimateChoices:
    package_id: str | None
    """A price point of kind "package", or None to use `quote_total` / the fee breakdown."""
    quote_total: Decimal | None = None
    quote_currency: str = ""
    stay_low: int | None = None
    """Days in Korea; None takes the articles' 7-10 days (see `resolve_choices` for the plan's own)."""
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


def _bounds(point: PricePoint) -> tuple[Decimal, Decimal]:
    low = point.low if point.low is not None else point.high
    high = point.high if point.high is not None else point.low
    assert low is not None and high is not None, f"{point.id} has no figure"
    return low, high


def hotel_night_range(hotel: PricePoint, tier: str) -> tuple[Decimal, Decimal]:
    low, high = _bounds(hotel)
    start, end = HOTEL_TIERS[tier]
    third = (high - low) / 3
    return round_to_currency(low + third * start, hotel.currency), round_to_currency(
        low + third * end, hotel.currency
    )


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


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
            f"Hotel, {choices.hotel_tier} tier",
            "lodging",
            night_low * nights_low,
            night_high * nights_high,
            hotel.currency,
            f"{_span(nights_low, nights_high)} nights at "
            f"{night_low:,}–{night_high:,} {hotel.currency} a night",
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
            f"{_span(days_low, days_high)} days at {daily.text} a day",
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


@dataclass(frozen=True, slots=True)
class EstimateOverride:
    """The person's change to a proposed line: new bounds (in `currency`), or removed."""

    key: str
    low: Decimal
    high: Decimal
    currency: str
    removed: bool = False


@dataclass(frozen=True, slots=True)
class EstimateItem:
    line: EstimateLine
    """The line as it counts: the proposal, or the person's figures when changed."""
    proposed: EstimateLine
    changed: bool
    removed: bool


def apply_overrides(
    lines: Sequence[EstimateLine], overrides: Sequence[EstimateOverride]
) -> list[EstimateItem]:
    """Each proposed line with the person's change applied (overrides of lines no longer
    proposed are ignored, so a changed choice never leaves a stray line behind)."""
    by_key = {o.key: o for o in overrides}
    rows: list[EstimateItem] = []
    for line in lines:
        override = by_key.get(line.key)
        if override is None:
            rows.append(EstimateItem(line, line, changed=False, removed=False))
            continue
        changed = (override.low, override.high, override.currency) != (line.low, line.high, line.currency)
        counted = EstimateLine(
            line.key,
            line.label,
            line.category,
            override.low,
            override.high,
            override.currency,
            "Your figures" if changed else line.basis,
            line.source,
        )
        rows.append(EstimateItem(counted, line, changed=changed, removed=override.removed))
    return rows


def counted_lines(rows: Sequence[EstimateItem]) -> list[EstimateLine]:
    return [row.line for row in rows if not row.removed]


def validate_figures(low: str, high: str, currency: str, locale: str | None = None) -> EstimateOverride:
    """A changed line's figures as typed (the key is filled in by the caller); a single figure
    counts as both bounds. Raises ValidationError with messages for "low", "high", "currency"."""
    errors: dict[str, str] = {}
    code = ""
    try:
        code = check_currency(currency)
    except MoneyError as error:
        errors["currency"] = str(error)
    bounds: dict[str, Decimal] = {}
    if code:
        for key, text in (("low", low), ("high", high)):
            if key == "high" and not high.strip():
                if "low" in bounds:
                    bounds["high"] = bounds["low"]
                continue
            try:
                bounds[key] = parse_amount(text, code, locale)
            except MoneyError as error:
                errors[key] = str(error)
    if len(bounds) == 2 and bounds["high"] < bounds["low"]:
        errors["high"] = "The high figure is below the low one."
    raise_if_any(errors)
    return EstimateOverride("", bounds["low"], bounds["high"], code)


@dataclass(frozen=True, slots=True)
class RangeTotal:
    """The estimate's total in one currency, with the factors used and what could not be
    converted (those currencies are named, and their lines left out)."""

    currency: str
    low: Decimal
    high: Decimal
    factors: tuple[tuple[str, Factor], ...]
    missing: frozenset[str]


def range_in(lines: Sequence[EstimateLine], currency: str, rates: Sequence[Rate], on: date) -> RangeTotal:
    """The low and high totals in `currency`, converting each currency's subtotal at the rate of
    `on` (an estimate is a forecast, so the newest rate is the right one)."""
    low = high = Decimal(0)
    factors: list[tuple[str, Factor]] = []
    missing: set[str] = set()
    for source, (source_low, source_high) in totals_by_currency(lines).items():
        found = find_factor(rates, source, currency, on)
        if found is None:
            missing.add(source)
            continue
        if source != currency:
            factors.append((source, found))
        low += round_to_currency(source_low * found.value, currency)
        high += round_to_currency(source_high * found.value, currency)
    return RangeTotal(currency, low, high, tuple(factors), frozenset(missing))


DEFAULT_PACKAGES = {
    True: "package/knee-overall-range",
    False: "package/soft-tissue-general-stem-cell-therapy",
}
"""The package a new estimate starts from, for a knee and for a soft-tissue plan: each article's
overall range for the treatment."""


@dataclass(frozen=True, slots=True)
class EstimateSettings:
    """What the person chose for the estimate. `treatment_basis` is "auto" (the accepted quote,
    else the condition's default package), "quote", "fees" or "package:<price point id>"."""

    treatment_basis: str = "auto"
    stay_low: int | None = None
    stay_high: int | None = None
    hotel_tier: str = "standard"
    flights: bool = True
    visa: bool = True


def default_stay(points: Sequence[PricePoint], plan_days: int | None) -> tuple[int, int]:
    """The stay an estimate takes when the person set none: the plan's own days in Korea, or
    the articles' recommended stay when the plan has none."""
    if plan_days is not None:
        return plan_days, plan_days
    low, high = _bounds(next(p for p in points if p.id == "stay/days"))
    return int(low), int(high)


def resolve_choices(
    settings: EstimateSettings,
    knee: bool,
    quote_total: Decimal | None,
    quote_currency: str,
    plan_days: int | None = None,
) -> EstimateChoices:
    """The estimate's inputs from the settings; asking for a quote with none accepted falls back
    to the default package. A stay the person did not set follows the plan's own (`plan_days`),
    else the articles'."""
    basis = settings.treatment_basis
    own_stay = settings.stay_low is not None and settings.stay_high is not None
    stay_low = settings.stay_low if own_stay else plan_days
    stay_high = settings.stay_high if own_stay else plan_days
    if basis == "auto":
        basis = "quote" if quote_total is not None else ""

    def choices(package_id: str | None, total: Decimal | None = None, currency: str = "") -> EstimateChoices:
        return EstimateChoices(
            package_id,
            total,
            currency,
            stay_low,
            stay_high,
            settings.hotel_tier,
            settings.flights,
            settings.visa,
        )

    if basis == "quote" and quote_total is not None:
        return choices(None, quote_total, quote_currency)
    if basis == "fees":
        return choices(None)
    return choices(basis.removeprefix("package:") if basis.startswith("package:") else DEFAULT_PACKAGES[knee])
