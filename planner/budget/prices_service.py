"""The articles' figures for the budget: packages, fees, travel, stay, deposit, country costs."""

from __future__ import annotations

from planner.budget.prices_store import points_in
from planner.catalogue.prices import PricePoint
from planner.db.database import Database

__all__ = ["PricePoint", "list_price_points"]


def list_price_points(db: Database, kind: str | None = None) -> list[PricePoint]:
    """Current figures in reading order, each naming its article by title; `kind` narrows them."""
    with db.transaction() as session:
        return points_in(session, kind)
