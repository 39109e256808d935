"""The catalogue's price points as the budget reads them. Takes the caller's Session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.catalogue.prices import PricePoint, text_decimal
from planner.db.models import PricePointRow, SourceRow


def points_in(session: Session, kind: str | None = None) -> list[PricePoint]:
    """Current figures in reading order, each naming its article by title; `kind` narrows them."""
    titles = {s.id: s.title for s in session.scalars(select(SourceRow))}
    query = select(PricePointRow).where(PricePointRow.retired.is_(False)).order_by(PricePointRow.sort_order)
    if kind is not None:
        query = query.where(PricePointRow.kind == kind)
    return [
        PricePoint(
            id=r.id,
            kind=r.kind,
            name=r.name,
            group=r.grouping,
            label=r.label,
            country_code=r.country_code,
            currency=r.currency,
            low=text_decimal(r.low),
            high=text_decimal(r.high),
            average=text_decimal(r.average),
            qualifier=r.qualifier,
            unit=r.unit,
            text=r.text,
            notes=r.notes,
            source=titles.get(r.source_id, r.source_id),
        )
        for r in session.scalars(query)
    ]
