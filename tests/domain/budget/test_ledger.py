"""The ledger the budget page uses gives exactly the totals of the plain definitions, through
any sequence of adds, edits and removals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.budget.ledger import Ledger
from planner.budget.rules import Expense, ExpenseConversion, total_in, totals_by_category

CURRENCIES = ("GBP", "USD", "KRW")
amounts = st.one_of(st.none(), st.decimals(min_value=0, max_value=100_000, places=2))


@st.composite
def expenses(draw: st.DrawFn, expense_id: int) -> Expense:
    currency = draw(st.sampled_from((*CURRENCIES, "EUR")))
    planned = draw(amounts)
    actual = (
        draw(amounts) if planned is not None else draw(st.decimals(min_value=0, max_value=9999, places=2))
    )
    if currency == "KRW":
        planned = planned.quantize(Decimal(1)) if planned is not None else None
        actual = actual.quantize(Decimal(1)) if actual is not None else None
    conversions = tuple(
        ExpenseConversion(
            target,
            draw(amounts),
            draw(amounts),
            draw(st.sampled_from((Decimal("1.27"), Decimal("1380"), Decimal("0.79")))),
            draw(st.sampled_from((date(2026, 11, 1), date(2026, 11, 15)))),
        )
        for target in CURRENCIES
        if target != currency and draw(st.booleans())
    )
    category = draw(st.sampled_from(("travel", "lodging", "visa", "surgeon")))
    return Expense(expense_id, "x", category, None, planned, actual, currency, None, "", "", conversions)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Expense], list[tuple[str, Expense | int]]]:
    start = [draw(expenses(i)) for i in range(draw(st.integers(0, 12)))]
    steps: list[tuple[str, Expense | int]] = []
    for _ in range(draw(st.integers(0, 10))):
        if draw(st.booleans()):
            steps.append(("put", draw(expenses(draw(st.integers(0, 15))))))
        else:
            steps.append(("drop", draw(st.integers(0, 15))))
    return start, steps


@settings(max_examples=150, deadline=None)
@given(histories())
def test_the_ledger_agrees_with_the_plain_totals(
    history: tuple[list[Expense], list[tuple[str, Expense | int]]],
) -> None:
    start, steps = history
    ledger = Ledger(start, CURRENCIES)
    lines = {e.id: e for e in start}
    for action, item in steps:
        if action == "put":
            assert isinstance(item, Expense)
            ledger.put(item)
            lines[item.id] = item
        else:
            assert isinstance(item, int)
            ledger.drop(item)
            lines.pop(item, None)
    current = list(lines.values())
    assert len(ledger) == len(current)
    for code in CURRENCIES:
        assert ledger.total(code) == total_in(current, code)
        assert ledger.by_category(code) == totals_by_category(current, code)


def test_editing_a_line_moves_its_amount_between_categories() -> None:
    line = Expense(1, "Flight", "travel", None, Decimal("500"), None, "USD", None, "", "")
    ledger = Ledger([line], ("USD",))
    ledger.put(Expense(1, "Flight", "lodging", None, Decimal("650"), None, "USD", None, "", ""))
    assert [(t.category, t.planned) for t in ledger.by_category("USD")] == [("lodging", Decimal("650"))]
    assert ledger.total("USD").planned == Decimal("650")
