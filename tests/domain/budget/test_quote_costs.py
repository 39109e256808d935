"""How the accepted quote counts in the budget's totals, without storage."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.budget.quote_costs import (
    QUOTE_LINE_ID,
    counted_expenses,
    covered_categories,
    quote_expense,
    relation_sentence,
)
from planner.budget.rules import Expense, ExpenseConversion, total_in, totals_by_category
from planner.clinics.quotes import Quote, QuoteLine
from planner.core.rates import Rate

TODAY = date(2026, 11, 20)
GBP_USD = Rate("GBP", "USD", Decimal("1.25"), date(2026, 11, 1))
COVERED = covered_categories(["surgeon", "facility"])


def quote(total: str = "11100") -> Quote:
    return Quote(
        1, 1, 1, "Cellinique", "USD", date(2026, 11, 2), None, None, "", "", True,
        (QuoteLine("surgeon", "Surgeon", Decimal(total)),),
    )  # fmt: skip


def line(id_: int, category: str, planned: str | None, actual: str | None = None) -> Expense:
    amounts = [Decimal(a) if a else None for a in (planned, actual)]
    return Expense(id_, category, category, None, amounts[0], amounts[1], "GBP", None, "", "")


def test_the_quote_is_a_planned_treatment_line_converted_at_the_plans_rate() -> None:
    got = quote_expense(quote(), "treatment", ("GBP", "USD", "KRW"), [GBP_USD], TODAY)
    assert (got.id, got.category, got.step_id) == (QUOTE_LINE_ID, "treatment", "treatment")
    assert got.currency == "USD"
    assert (got.planned, got.actual) == (Decimal("11100"), None)
    assert got.label == "Accepted quote from Cellinique"
    assert got.conversion_to("GBP") == ExpenseConversion(
        "GBP", Decimal("8880.00"), None, Decimal("0.8"), date(2026, 11, 1)
    )
    assert got.conversion_to("KRW") is None  # no rate reaches won: counted apart, never guessed


def test_lines_the_quote_covers_count_what_was_paid_on_them_not_their_plan() -> None:
    the_quote = quote_expense(quote(), "treatment", ("GBP",), [GBP_USD], TODAY)
    lines = [
        line(1, "treatment", "8880", "888"),  # the deposit, entered as a line
        line(2, "surgeon", "500"),
        line(3, "travel", "900", "900"),
    ]
    counted = counted_expenses(lines, the_quote, COVERED)
    total = total_in(counted, "GBP")
    assert (total.planned, total.actual) == (Decimal("9780.00"), Decimal("1788"))
    by_category = {t.category: (t.planned, t.actual) for t in totals_by_category(counted, "GBP")}
    assert by_category["treatment"] == (Decimal("8880.00"), Decimal("888"))
    assert by_category["surgeon"] == (Decimal(0), Decimal(0))


def test_without_a_quote_every_line_counts_as_entered() -> None:
    lines = [line(1, "treatment", "5000"), line(2, "travel", "900")]
    assert counted_expenses(lines, None, frozenset()) == lines
    assert total_in(counted_expenses(lines, None, frozenset()), "GBP").planned == Decimal(5900)


def test_the_relation_is_said_in_one_sentence() -> None:
    said = relation_sentence(quote())
    assert said.startswith("Your accepted quote from Cellinique ($11,100.00) counts as the treatment's")
    assert said.count(".") == 2 and said.endswith("so nothing is counted twice.")  # one in the amount
    assert "Once you accept a quote" in relation_sentence(None)
