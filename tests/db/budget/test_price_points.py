"""The articles' figures reach the database exactly, ready for the budget."""

from __future__ import annotations

from decimal import Decimal

from planner.budget.estimate import EstimateChoices, propose_estimate, totals_by_currency
from planner.budget.prices_service import list_price_points
from planner.db.database import Database


def test_every_figure_is_stored_exactly_with_its_article(db: Database) -> None:
    points = {p.id: p for p in list_price_points(db)}
    assert len([p for p in points.values() if p.kind == "package"]) == 10
    assert len([p for p in points.values() if p.kind == "fee"]) == 7
    assert len([p for p in points.values() if p.kind == "travel"]) == 4
    surgeon = points["fee/surgeon"]
    assert (surgeon.low, surgeon.high, surgeon.currency) == (Decimal("2000"), Decimal("5000"), "USD")
    assert surgeon.source.startswith("Soft Tissue Injury Treatment")
    hotel = points["travel/hotel"]
    assert (hotel.low, hotel.high, hotel.unit) == (Decimal("50"), Decimal("300"), "per-night")
    assert (points["stay/days"].low, points["stay/days"].high) == (Decimal(7), Decimal(10))
    assert points["deposit/percent"].low == Decimal("10")
    usa_general = points["country/soft-tissue-usa/2"]
    assert (usa_general.low, usa_general.high, usa_general.qualifier) == (Decimal("20000"), None, "open-high")
    assert usa_general.country_code == "US" and usa_general.label == "Gen."


def test_price_points_can_be_read_by_kind(db: Database) -> None:
    countries = list_price_points(db, "country")
    assert countries and all(p.kind == "country" for p in countries)
    assert {p.country_code for p in countries} >= {"KR", "US", "GB", "CA"}


def test_the_estimate_is_proposed_from_the_stored_figures(db: Database) -> None:
    points = list_price_points(db)
    lines = propose_estimate(points, EstimateChoices("package/knee-single-injection-autologous"))
    assert [line.key for line in lines] == [
        "treatment",
        "hotel",
        "daily",
        "travel/flights",
        "travel/medical-visa",
    ]
    assert lines[0].basis == "$7,000–$9,000"
    assert lines[0].source.startswith("Cartilage Regeneration in Korea")
    low, high = totals_by_currency(lines)["USD"]
    assert Decimal(7000) < low < high < Decimal(15000)
