"""What the same treatment costs at home, from the articles' country tables, and what going to
Korea saves (or costs) against the trip's estimated range.

The articles give treatment prices only; the Korean side is the whole trip (treatment, travel
and stay), so the saving is what the patient would really keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planner.catalogue.prices import PricePoint

TABLE_NAMES = {
    "knee-country-costs": "Knee stem-cell treatment by country",
    "soft-tissue-country-costs": "Stem-cell treatment of soft-tissue injuries by country",
}
KNEE_LABEL = "Knee"


@dataclass(frozen=True, slots=True)
class HomeFigure:
    table: str
    label: str
    """The row's own label in the table ("Knee", "Gen.") or empty."""
    low: Decimal
    high: Decimal | None
    """None for an open-ended figure such as "$20,000+"."""
    currency: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Savings:
    """From the worst case (highest Korean cost against the lowest home price) to the best."""

    currency: str
    worst: Decimal
    best: Decimal | None
    """None when the home figure has no upper bound: the saving may be larger still."""
    worst_percent: Decimal | None
    best_percent: Decimal | None


def _relevance(point: PricePoint, knee: bool) -> int:
    in_knee_table = point.group == "knee-country-costs"
    knee_row = in_knee_table or point.label == KNEE_LABEL
    return 0 if knee_row == knee and (in_knee_table or not knee) else (1 if knee_row == knee else 2)


def home_figures(points: Sequence[PricePoint], country_code: str, knee: bool) -> list[HomeFigure]:
    """The articles' figures for the country, the one closest to the plan's condition first
    (for a knee: the knee table, then rows marked Knee; otherwise the general rows)."""
    mine = [p for p in points if p.kind == "country" and p.country_code == country_code]
    mine.sort(key=lambda p: _relevance(p, knee))
    figures = []
    for point in mine:
        low = point.low if point.low is not None else point.high
        if low is None:
            continue
        figures.append(
            HomeFigure(
                TABLE_NAMES.get(point.group, point.group),
                point.label,
                low,
                point.high,
                point.currency,
                point.text,
                point.source,
            )
        )
    return figures


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole * 100).quantize(Decimal(1)) if whole > 0 else None


def savings(figure: HomeFigure, korea_low: Decimal, korea_high: Decimal) -> Savings:
    """Home price minus the Korean trip, from the worst case to the best (negative: Korea costs more)."""
    worst = figure.low - korea_high
    best = figure.high - korea_low if figure.high is not None else None
    return Savings(
        figure.currency,
        worst,
        best,
        _percent(worst, figure.low),
        _percent(best, figure.high) if best is not None and figure.high is not None else None,
    )
