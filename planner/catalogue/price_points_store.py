"""The catalogue's figures flattened into price-point rows, keyed by stable ids such as
"fee/surgeon" or "country/soft-tissue-usa/2"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.catalogue.model import Catalogue, PriceRange
from planner.catalogue.prices import decimal_text


def _range(price: PriceRange) -> dict[str, Any]:
    return {
        "currency": price.currency,
        "low": decimal_text(price.low),
        "high": decimal_text(price.high),
        "average": decimal_text(price.average),
        "qualifier": price.qualifier,
        "text": price.text,
    }


def _row(kind: str, name: str, source: str, **values: Any) -> dict[str, Any]:
    defaults = {
        "grouping": "",
        "label": "",
        "country_code": "",
        "currency": "",
        "low": "",
        "high": "",
        "average": "",
        "qualifier": "",
        "unit": "",
        "notes": "",
    }
    return {**defaults, "kind": kind, "name": name, "source_id": source, **values}


def price_point_rows(catalogue: Catalogue) -> Iterator[tuple[str, dict[str, Any]]]:
    """(id, column values) for every figure, in reading order (`sort_order` counts up)."""
    items: list[tuple[str, dict[str, Any]]] = []
    for p in catalogue.packages:
        items.append(
            (
                f"package/{p.id}",
                _row(
                    "package", p.name, p.source, grouping=p.condition_group, notes=p.notes, **_range(p.price)
                ),
            )
        )
    for f in catalogue.fees:
        items.append((f"fee/{f.id}", _row("fee", f.name, f.source, **_range(f.price))))
    for t in catalogue.travel:
        items.append(
            (
                f"travel/{t.id}",
                _row("travel", t.name, t.source, unit=t.unit, notes=t.notes, **_range(t.price)),
            )
        )
    stay = catalogue.stay
    items.append(
        (
            "stay/days",
            _row(
                "stay",
                "Length of stay in Korea",
                stay.source,
                low=str(stay.low_days),
                high=str(stay.high_days),
                unit="days",
                text=stay.text,
            ),
        )
    )
    deposit = catalogue.deposit
    percent = decimal_text(deposit.percent)
    items.append(
        (
            "deposit/percent",
            _row(
                "deposit",
                "Deposit to book",
                deposit.source,
                low=percent,
                high=percent,
                qualifier=deposit.qualifier,
                unit="percent",
                text=deposit.text,
            ),
        )
    )
    for cost in catalogue.country_costs:
        for number, part in enumerate(cost.ranges, start=1):
            items.append(
                (
                    f"country/{cost.id}/{number}",
                    _row(
                        "country",
                        cost.country,
                        cost.source,
                        grouping=cost.table,
                        label=part.label,
                        country_code=cost.country_code,
                        notes=cost.notes,
                        **_range(part.price),
                    ),
                )
            )
    for order, (key, values) in enumerate(items):
        yield key, {**values, "sort_order": order}
