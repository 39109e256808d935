"""A plan's expense lines laid out in columns, one per report currency, so that working out
every total over tens of thousands of lines is a handful of C-level sums.

`budget.total_in` and `budget.totals_by_category` are the plain definitions; a ledger gives the
same results (a property test holds the two together) and is what the budget page uses.
Removing a line blanks its slot rather than shifting every later one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import compress

from planner.budget.rules import CategoryTotal, Expense, Total

ZERO = Decimal(0)


class Ledger:
    def __init__(self, expenses: Iterable[Expense], currencies: Sequence[str]) -> None:
        self.currencies = tuple(currencies)
        self._slot: dict[int, int] = {}
        self._lines: list[Expense | None] = []
        self._planned: dict[str, list[Decimal]] = {c: [] for c in self.currencies}
        self._actual: dict[str, list[Decimal]] = {c: [] for c in self.currencies}
        self._missing: dict[str, bytearray] = {c: bytearray() for c in self.currencies}
        self._counted: dict[str, bytearray] = {c: bytearray() for c in self.currencies}
        self._missing_from: dict[str, Counter[str]] = {c: Counter() for c in self.currencies}
        self._rates: dict[str, Counter[tuple[str, Decimal, date]]] = {c: Counter() for c in self.currencies}
        self._categories: dict[str, bytearray] = {}
        for expense in expenses:
            self.put(expense)

    def __len__(self) -> int:
        return len(self._slot)

    def put(self, expense: Expense) -> None:
        """Add a line, or replace the line with the same id."""
        slot = self._slot.get(expense.id)
        if slot is None:
            slot = len(self._lines)
            self._slot[expense.id] = slot
            self._lines.append(None)
            for code in self.currencies:
                self._planned[code].append(ZERO)
                self._actual[code].append(ZERO)
                self._missing[code].append(0)
                self._counted[code].append(0)
            for mask in self._categories.values():
                mask.append(0)
        else:
            self._clear(slot)
        self._fill(slot, expense)

    def drop(self, expense_id: int) -> None:
        slot = self._slot.pop(expense_id, None)
        if slot is not None:
            self._clear(slot)

    def _fill(self, slot: int, expense: Expense) -> None:
        self._lines[slot] = expense
        mask = self._categories.get(expense.category)
        if mask is None:
            mask = self._categories[expense.category] = bytearray(len(self._lines))
        mask[slot] = 1
        for code in self.currencies:
            if code == expense.currency:
                planned, actual = expense.planned, expense.actual
            elif (conversion := expense.conversion_to(code)) is not None:
                planned, actual = conversion.planned, conversion.actual
                self._rates[code][(expense.currency, conversion.rate, conversion.rate_date)] += 1
            else:
                self._missing[code][slot] = 1
                self._missing_from[code][expense.currency] += 1
                continue
            self._planned[code][slot] = planned or ZERO
            self._actual[code][slot] = actual or ZERO
            self._counted[code][slot] = 1

    def _clear(self, slot: int) -> None:
        old = self._lines[slot]
        if old is None:
            return
        self._lines[slot] = None
        self._categories[old.category][slot] = 0
        for code in self.currencies:
            self._planned[code][slot] = ZERO
            self._actual[code][slot] = ZERO
            self._counted[code][slot] = 0
            if self._missing[code][slot]:
                self._missing[code][slot] = 0
                self._missing_from[code][old.currency] -= 1
            elif code != old.currency and (conversion := old.conversion_to(code)) is not None:
                self._rates[code][(old.currency, conversion.rate, conversion.rate_date)] -= 1

    def total(self, currency: str) -> Total:
        """Every line summed again in `currency` (one of the ledger's currencies)."""
        return Total(
            currency,
            sum(self._planned[currency], ZERO),
            sum(self._actual[currency], ZERO),
            len(self._slot),
            sum(self._missing[currency]),
            frozenset(k for k, n in self._missing_from[currency].items() if n > 0),
            frozenset(k for k, n in self._rates[currency].items() if n > 0),
        )

    def by_category(self, currency: str) -> list[CategoryTotal]:
        """Planned and actual per category, largest first, as `budget.totals_by_category`."""
        planned, actual, counted = self._planned[currency], self._actual[currency], self._counted[currency]
        totals = []
        for category, mask in self._categories.items():
            if not any(compress(counted, mask)):
                continue
            totals.append(
                CategoryTotal(category, sum(compress(planned, mask), ZERO), sum(compress(actual, mask), ZERO))
            )
        return sorted(totals, key=lambda t: (-max(t.planned, t.actual), t.category))
