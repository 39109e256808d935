"""A plan's quotes from clinics in the database, with their lines, and the fee categories their
lines may name. Every function works in the caller's Session."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.clinics.quotes import CleanQuote, Quote, QuoteLine
from planner.core.clock import utc_now
from planner.core.limits import QUOTES
from planner.core.money import from_minor, to_minor
from planner.db.models import ClinicRow, FeeCategoryRow, PlanRow, QuoteLineRow, QuoteRow
from planner.plans.room_store import ensure_room, room_message


def fee_categories_in(session: Session) -> dict[str, str]:
    """The current fee categories' names by id, in the catalogue's order."""
    rows = session.scalars(
        select(FeeCategoryRow).where(FeeCategoryRow.retired.is_(False)).order_by(FeeCategoryRow.sort_order)
    )
    return {r.id: r.name for r in rows}


def quote_from_row(row: QuoteRow, clinic_name: str) -> Quote:
    return Quote(
        id=row.id,
        plan_id=row.plan_id,
        clinic_id=row.clinic_id,
        clinic_name=clinic_name,
        currency=row.currency,
        received_on=row.received_on,
        valid_until=row.valid_until,
        deposit_percent=(
            Decimal(row.deposit_basis_points).scaleb(-2) if row.deposit_basis_points is not None else None
        ),
        refund_terms=row.refund_terms,
        note=row.note,
        accepted=row.accepted,
        lines=tuple(
            QuoteLine(line.fee_category_id, line.label, from_minor(line.amount_minor, row.currency))
            for line in row.lines
        ),
    )


def quotes_in(session: Session, plan_id: int, clinic_id: int | None = None) -> list[Quote]:
    """A plan's quotes (or one clinic's), newest received first."""
    query = (
        select(QuoteRow, ClinicRow.name)
        .join(ClinicRow)
        .where(QuoteRow.plan_id == plan_id)
        .order_by(QuoteRow.received_on.desc(), QuoteRow.id.desc())
    )
    if clinic_id is not None:
        query = query.where(QuoteRow.clinic_id == clinic_id)
    return [quote_from_row(row, name) for row, name in session.execute(query).all()]


def quotes_full_message(session: Session, plan_id: int) -> str | None:
    """What to tell the person who wants to add one more quote to the plan, or None."""
    return room_message(session, QUOTES, QuoteRow, plan_id)


def _plan_quote(session: Session, plan_id: int, quote_id: int) -> QuoteRow:
    row = session.get_one(QuoteRow, quote_id)
    if row.plan_id != plan_id:
        raise ValueError("that quote belongs to another plan")
    return row


def write_quote(session: Session, plan_id: int, clean: CleanQuote, quote_id: int | None) -> Quote:
    """Store a validated quote: a new one (PlanFull when the plan holds the most quotes it may),
    or `quote_id`'s fields and lines replaced. NoResultFound when the plan, the clinic or the
    quote is gone; ValueError when the quote is another plan's."""
    session.get_one(PlanRow, plan_id)
    clinic = session.get_one(ClinicRow, clean.clinic_id)
    now = utc_now()
    if quote_id is None:
        ensure_room(session, QUOTES, QuoteRow, plan_id)
        row = QuoteRow(plan_id=plan_id, accepted=False, created_at=now)
        session.add(row)
    else:
        row = _plan_quote(session, plan_id, quote_id)
    row.clinic_id = clean.clinic_id
    row.currency = clean.currency
    row.received_on = clean.received_on
    row.valid_until = clean.valid_until
    row.deposit_basis_points = (
        int(clean.deposit_percent.scaleb(2)) if clean.deposit_percent is not None else None
    )
    row.refund_terms = clean.refund_terms
    row.note = clean.note
    row.updated_at = now
    row.lines = [
        QuoteLineRow(
            position=position,
            fee_category_id=line.category_id,
            label=line.label,
            amount_minor=to_minor(line.amount, clean.currency),
        )
        for position, line in enumerate(clean.lines)
    ]
    session.flush()
    return quote_from_row(row, clinic.name)


def delete_quote_row(session: Session, quote_id: int) -> None:
    """Delete the quote with its lines; nothing when it is already gone."""
    row = session.get(QuoteRow, quote_id)
    if row is not None:
        session.delete(row)


def set_accepted_quote(session: Session, plan_id: int, quote_id: int | None) -> int | None:
    """Make `quote_id` the plan's one accepted quote (None: none accepted); the accepted quote's
    clinic id. ValueError when the quote is another plan's."""
    for row in session.scalars(select(QuoteRow).where(QuoteRow.plan_id == plan_id, QuoteRow.accepted)):
        row.accepted = False
    session.flush()
    if quote_id is None:
        return None
    row = _plan_quote(session, plan_id, quote_id)
    row.accepted = True
    return row.clinic_id
