"""Quotes a plan received from clinics: save, list, delete, and mark one as accepted."""

from __future__ import annotations

from dataclasses import dataclass

from planner.changes import Change, changes
from planner.clinics.quote_store import (
    delete_quote_row,
    fee_categories_in,
    quotes_full_message,
    quotes_in,
    set_accepted_quote,
    write_quote,
)
from planner.clinics.quotes import Quote, QuoteDraft, QuoteLineDraft, validate_quote
from planner.clinics.shortlist_store import choose_in
from planner.db.database import Database

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
    "quote_room_problem",
    "save_quote",
]


@dataclass(frozen=True, slots=True)
class FeeCategory:
    id: str
    name: str


def fee_categories(db: Database) -> list[FeeCategory]:
    with db.transaction() as session:
        return [FeeCategory(i, n) for i, n in fee_categories_in(session).items()]


def list_quotes(db: Database, plan_id: int, clinic_id: int | None = None) -> list[Quote]:
    """A plan's quotes (or one clinic's), newest received first."""
    with db.transaction() as session:
        return quotes_in(session, plan_id, clinic_id)


def latest_quotes_by_clinic(quotes: list[Quote]) -> dict[int, Quote]:
    """Per clinic, the accepted quote if it is that clinic's, or else the newest received."""
    best: dict[int, Quote] = {}
    for quote in quotes:  # newest first
        if quote.clinic_id not in best or quote.accepted:
            best[quote.clinic_id] = quote
    return best


def quote_room_problem(db: Database, plan_id: int) -> str | None:
    """Why the plan cannot take another quote (it is full), or None."""
    with db.transaction() as session:
        return quotes_full_message(session, plan_id)


@changes(Change.QUOTES)
def save_quote(db: Database, plan_id: int, draft: QuoteDraft, quote_id: int | None = None) -> Quote:
    """Create a quote, or replace `quote_id`'s fields and lines. Raises ValidationError (messages
    per field, lines as `line<N>.<field>`) and writes nothing when anything is wrong; PlanFull
    when adding to a plan that holds the most quotes it may."""
    with db.transaction() as session:
        clean = validate_quote(draft, fee_categories_in(session))
        quote = write_quote(session, plan_id, clean, quote_id)
        if quote.accepted:
            choose_in(session, plan_id, quote.clinic_id)  # the accepted quote's clinic stays the choice
        return quote


@changes(Change.QUOTES)
def delete_quote(db: Database, quote_id: int) -> None:
    with db.transaction() as session:
        delete_quote_row(session, quote_id)


@changes(Change.PLAN | Change.QUOTES | Change.BUDGET)
def accept_quote(db: Database, plan_id: int, quote_id: int | None) -> None:
    """Mark one quote as the plan's accepted quote (None: no quote accepted). Accepting a quote
    also makes its clinic the plan's clinic."""
    with db.transaction() as session:
        clinic_id = set_accepted_quote(session, plan_id, quote_id)
        if clinic_id is not None:
            choose_in(session, plan_id, clinic_id)
