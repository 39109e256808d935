"""How the accepted quote counts in the budget: without any storage.

The rule: while a quote is accepted, its total is the treatment's planned cost. It counts as one
planned line in the quote's currency, filed under the treatment step in the "Treatment package"
category and converted with the plan's rates like any other planned line. Expense lines filed
under "Treatment package" or one of the articles' fee categories are payments towards the quote:
what was paid on them counts, their planned amounts do not (the quote already holds them), so
nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from planner.budget.rules import CleanExpense, Expense, convert_expense
from planner.clinics.quotes import Quote
from planner.core.money import format_money
from planner.core.rates import Rate

QUOTE_LINE_ID = -1
"""The id the quote's line carries among expense lines (stored lines count up from 1)."""
QUOTE_CATEGORY = "treatment"
TREATMENT_STEP = "treatment"


def covered_categories(fee_categories: Iterable[str]) -> frozenset[str]:
    """The categories whose planned amounts the accepted quote stands for."""
    return frozenset((QUOTE_CATEGORY, *fee_categories))


def quote_label(quote: Quote) -> str:
    return f"Accepted quote from {quote.clinic_name}"


def quote_expense(
    quote: Quote, step_id: str | None, currencies: Sequence[str], rates: Sequence[Rate], today: date
) -> Expense:
    """The quote as a planned expense line, converted into `currencies` at the rates of `today`."""
    clean = CleanExpense(
        quote_label(quote), QUOTE_CATEGORY, step_id, quote.total, None, quote.currency, None, "", ""
    )
    return Expense(
        QUOTE_LINE_ID,
        clean.label,
        clean.category,
        clean.step_id,
        clean.planned,
        None,
        clean.currency,
        None,
        "",
        "",
        convert_expense(clean, currencies, rates, today),
    )


def counted(expense: Expense, covered: frozenset[str]) -> Expense:
    """The line as the totals count it: without its planned amount when the quote covers it."""
    if expense.category not in covered or expense.planned is None:
        return expense
    conversions = tuple(replace(c, planned=None) for c in expense.conversions)
    return replace(expense, planned=None, conversions=conversions)


def counted_expenses(
    expenses: Iterable[Expense], quote_line: Expense | None, covered: frozenset[str]
) -> list[Expense]:
    """Every line as counted, the quote's line (if given) first. `covered` is empty while no quote
    is accepted, so the lines count unchanged."""
    first = [quote_line] if quote_line is not None else []
    return [*first, *(counted(e, covered) for e in expenses)]


def relation_sentence(quote: Quote | None, locale: str | None = None) -> str:
    """One sentence on how the accepted quote and the expense lines add up."""
    if quote is None:
        return (
            "Once you accept a quote, its total counts as the treatment's planned cost; expense lines "
            "under Treatment package or a fee category then count only for what you paid on them."
        )
    return (
        f"Your accepted quote from {quote.clinic_name} ({format_money(quote.total, quote.currency, locale)}) "
        "counts as the treatment's planned cost; expense lines under Treatment package or a fee "
        "category count only for what you paid on them, so nothing is counted twice."
    )
