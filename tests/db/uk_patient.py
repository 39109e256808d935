"""The issue's patient: in the UK, paying in pounds with a £12,000 limit, ten days in Seoul in
March, who accepted Cellinique's $11,100 quote and entered her flights and hotel (£1,535)."""

from __future__ import annotations

from datetime import date

from planner.budget.rules import ExpenseDraft
from planner.budget.service import add_rate, save_expense
from planner.clinics.quotes_service import QuoteDraft, QuoteLineDraft, accept_quote, save_quote
from planner.clinics.service import list_clinics
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan

TODAY = date(2026, 11, 20)
RATE_DAY = date(2026, 11, 15)
QUOTE_LINES = (
    QuoteLineDraft("surgeon", "", "6,000"),
    QuoteLineDraft("facility", "", "3,000"),
    QuoteLineDraft(None, "Cell processing", "2,100"),
)


def expense(label: str, category: str, planned: str, currency: str = "GBP", actual: str = "") -> ExpenseDraft:
    return ExpenseDraft(label, category, None, planned, actual, currency, TODAY if actual else None)


def uk_patient(db: Database) -> int:
    """Her plan, without any exchange rate yet; returns its id."""
    plan = create_plan(
        db,
        PlanDraft(
            "Knee, Cellinique, March",
            "knee-cartilage-damage",
            "GB",
            "GBP",
            date(2027, 3, 5),
            date(2027, 3, 15),
            "12000",
        ),
    )
    cellinique = next(c for c in list_clinics(db) if c.catalogue_id == "cellinique")
    quote = save_quote(
        db,
        plan.id,
        QuoteDraft(cellinique.id, "USD", date(2026, 11, 2), None, "10", "", "", QUOTE_LINES),
    )
    accept_quote(db, plan.id, quote.id)
    for draft in (
        expense("Return flights London–Seoul", "travel", "900"),
        expense("Hotel in Gangnam", "lodging", "635"),
    ):
        save_expense(db, plan.id, draft, today=TODAY)
    return plan.id


def enter_rate(db: Database, plan_id: int) -> None:
    """1 GBP = 1.25 USD: the quote is £8,880."""
    add_rate(db, plan_id, "GBP", "USD", "1.25", RATE_DAY, today=TODAY)
