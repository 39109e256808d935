"""Quotes a plan received from clinics: save, list, delete, and mark one as accepted."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.clinics.quotes import Quote, QuoteDraft, QuoteLine, QuoteLineDraft, validate_quote
from planner.clinics.shortlist_service import choose_in
from planner.core.clock import utc_now
from planner.core.limits import QUOTES
from planner.core.money import from_minor, to_minor
from planner.db.database import Database
from planner.db.models import ClinicRow, FeeCategoryRow, PlanRow, QuoteLineRow, QuoteRow
from planner.plans.room_store import ensure_room, full_message

__all__ = [
    "FeeCategory",
    "Quote",
    "QuoteDraft",
    "QuoteLineDraft",
    "accept_quote",
    "delete_quote",
    "fee_categories",
    "latest_quotes_by_clinic",
    "list_quotes",
    "save_quote",
]


@dataclass(frozen=True, slots=True)
class FeeCategory:
    id: str
    name: str


def fee_categories(db: Database) -> list[FeeCategory]:
    with db.transaction() as session:
        return [FeeCategory(i, n) for i, n in fee_categories_in(session).items()]


def fee_categories_in(session: Session) -> dict[str, str]:
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


def list_quotes(db: Database, plan_id: int, clinic_id: int | None = None) -> list[Quote]:
    """A plan's quotes (or one clinic's), newest received first."""
    with db.transaction() as session:
        query = (
            select(QuoteRow, ClinicRow.name)
            .join(ClinicRow)
            .where(QuoteRow.plan_id == plan_id)
            .order_by(QuoteRow.received_on.desc(), QuoteRow.id.desc())
        )
        if clinic_id is not None:
            query = query.where(QuoteRow.clinic_id == clinic_id)
        return [quote_from_row(row, name) for row, name in session.execute(query).all()]


def latest_quotes_by_clinic(quotes: list[Quote]) -> dict[int, Quote]:
    """Per clinic, the accepted quote if it is that clinic's, or else the newest received."""
    best: dict[int, Quote] = {}
    for quote in quotes:  # newest first
        if quote.clinic_id not in best or quote.accepted:
            best[quote.clinic_id] = quote
    return best


def quote_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another quote (it is full), or None."""
    return full_message(db, QUOTES, QuoteRow, plan_id)


@changes(Change.QUOTES)
def save_quote(db: Database, plan_id: int, draft: QuoteDraft, quote_id: int | None = None) -> Quote:
    """Create a quote, or replace `quote_id`'s fields and lines. Raises ValidationError (messages
    per field, lines as `line<N>.<field>`) and writes nothing when anything is wrong; PlanFull
    when adding to a plan that holds the most quotes it may."""
    with db.transaction() as session:
        clean = validate_quote(draft, fee_categories_in(session))
        session.get_one(PlanRow, plan_id)
        clinic = session.get_one(ClinicRow, clean.clinic_id)
        now = utc_now()
        if quote_id is None:
            ensure_room(session, QUOTES, QuoteRow, plan_id)
            row = QuoteRow(plan_id=plan_id, accepted=False, created_at=now)
            session.add(row)
        else:
            row = session.get_one(QuoteRow, quote_id)
            if row.plan_id != plan_id:
                raise ValueError("that quote belongs to another plan")
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
        if row.accepted:
            choose_in(session, plan_id, row.clinic_id)  # the accepted quote's clinic stays the choice
        session.flush()
        return quote_from_row(row, clinic.name)


@changes(Change.QUOTES)
def delete_quote(db: Database, quote_id: int) -> None:
    with db.transaction() as session:
        row = session.get(QuoteRow, quote_id)
        if row is not None:
            session.delete(row)


@changes(Change.PLAN | Change.QUOTES | Change.BUDGET)
def accept_quote(db: Database, plan_id: int, quote_id: int | None) -> None:
    """Mark one quote as the plan's accepted quote (None: no quote accepted). Accepting a quote
    also makes its clinic the plan's clinic."""
    with db.transaction() as session:
        for row in session.scalars(select(QuoteRow).where(QuoteRow.plan_id == plan_id, QuoteRow.accepted)):
            row.accepted = False
        session.flush()
        if quote_id is not None:
            row = session.get_one(QuoteRow, quote_id)
            if row.plan_id != plan_id:
                raise ValueError("that quote belongs to another plan")
            row.accepted = True
            choose_in(session, plan_id, row.clinic_id)
