"""The catalogue's figures as the budget uses them: exact low-high ranges with their currency,
each with the article it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class PricePoint:
    """One figure from the articles. `text` is as printed; bounds are exact and either may be
    missing ("$20,000+" has no high). `currency` is empty for days (stay) and percent (deposit)."""

    id: str
    kind: str
    name: str
    group: str
    label: str
    country_code: str
    currency: str
    low: Decimal | None
    high: Decimal | None
    average: Decimal | None
    qualifier: str
    unit: str
    text: str
    notes: str
    source: str


def decimal_text(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def text_decimal(text: str) -> Decimal | None:
    return Decimal(text) if text else None
