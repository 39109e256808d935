"""A plan file's expense lines: the table version 2 writes, the objects version 1 wrote, and the
checks each line passes.

A plan may hold tens of thousands of lines, each with its kept conversions, so version 2 writes
them as one table: the column names once, the currencies the lines are converted to, then one
flat list of values per line: its own nine, then four (planned, actual, rate, rate date) for each
of those currencies, all null where the line has no conversion to it.

A table all in the form the app writes is checked column by column, as a whole; anything else
(a mistake, or a value written by hand in another accepted form) is checked line by line with
the general checks, which name each problem. Both give the same rows, ready for the database:
amounts in minor units and dates as ISO text, the way SQLite keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from itertools import chain, compress, repeat
from operator import eq, is_not, itemgetter, not_
from typing import Any

from planner.money import MoneyError, check_currency
from planner.plan_file_checks import MAX_ROWS, MAX_TEXT, UNCAPPED_MINOR, FieldReader, limits, shown

EXPENSE_FIELDS = ("category", "step_id", "label", "planned", "actual", "currency", "paid_on", "payee", "note")
"""A line's own values, in the order of the table's first columns."""
CONVERSION_FIELDS = ("planned", "actual", "rate", "rate_date")
"""A line's conversion to one currency, in the order of each currency's columns."""
MAX_CONVERSION_CURRENCIES = 200
LABEL_LIMIT = 200
PLAIN_RATES = re.compile(r"\d{1,30}(?:\.\d{1,40})?(?:\n\d{1,30}(?:\.\d{1,40})?)*")

EXPENSE_COLUMNS = (
    "category",
    "step_id",
    "label",
    "planned_minor",
    "actual_minor",
    "currency",
    "paid_on",
    "payee",
    "note",
)
CONVERSION_COLUMNS = ("currency", "planned_minor", "actual_minor", "rate", "rate_date")
"""The database columns the values of an ExpenseRow and a ConversionRow go to, after the line's index."""
ExpenseRow = tuple[Any, ...]
"""The line's index in the file's expenses, then its values for EXPENSE_COLUMNS."""
ConversionRow = tuple[Any, ...]
"""The index of the line converted, then values for CONVERSION_COLUMNS."""
_Conversion = tuple[str, object, object, object, object, object]
"""Where a conversion is in the file (for messages), its currency, planned, actual, rate, day."""


def expense_table(lines: Iterable[tuple[Sequence[Any], Mapping[str, Sequence[Any]]]]) -> dict[str, Any]:
    """The version 2 table of `lines`: each a line's own values (EXPENSE_FIELDS order) and its
    conversions by currency (CONVERSION_FIELDS order)."""
    lines = list(lines)
    currencies = sorted({code for _values, conversions in lines for code in conversions})
    empty = [None] * len(CONVERSION_FIELDS)
    return {
        "columns": list(EXPENSE_FIELDS),
        "converted_to": currencies,
        "conversion_columns": list(CONVERSION_FIELDS),
        "rows": [
            [*values, *chain.from_iterable(conversions.get(code, empty) for code in currencies)]
            for values, conversions in lines
        ],
    }


def read_expenses(
    r: FieldReader, value: object, version: int, categories: frozenset[str], steps: frozenset[str]
) -> tuple[list[ExpenseRow], list[ConversionRow]]:
    """The file's `expenses` section, checked, as rows for the expense and conversion tables."""
    checker = _LineChecker(r, categories, steps)
    if version < 2:
        return checker.check(_object_lines(r, value))
    table = _table(r, value)
    if table is None:
        return [], []
    rows, currencies = table
    try:
        quick = _quick_table(rows, currencies, categories, steps)
    except TypeError:  # a list or object where text belongs, which sets refuse: the line checks name it
        quick = None
    return quick or checker.check(_table_lines(r, rows, currencies))


def _table(r: FieldReader, value: object) -> tuple[list[Any], list[str]] | None:
    if value is None:
        return [], []
    if not isinstance(value, dict):
        r.fail("expenses", "should be an object with columns and rows")
        return None
    errors = len(r.errors)
    for key, wanted in (("columns", EXPENSE_FIELDS), ("conversion_columns", CONVERSION_FIELDS)):
        if value.get(key) != list(wanted):
            r.fail(f"expenses.{key}", f"should be {', '.join(wanted)}")
    currencies = value.get("converted_to", [])
    if (
        not isinstance(currencies, list)
        or len(currencies) > MAX_CONVERSION_CURRENCIES
        or len(set(map(str, currencies))) != len(currencies)
    ):
        r.fail("expenses.converted_to", "should be a list of different currency codes")
        currencies = []
    for n, code in enumerate(currencies):
        r.currency({f"converted_to[{n}]": code}, f"converted_to[{n}]", "expenses")
    rows = value.get("rows", [])
    if not isinstance(rows, list):
        r.fail("expenses.rows", "should be a list")
    elif len(rows) > MAX_ROWS:
        r.fail("expenses.rows", f"has {len(rows):,} entries, more than {MAX_ROWS:,}")
    return (rows, currencies) if len(r.errors) == errors else None


def _table_lines(
    r: FieldReader, rows: list[Any], currencies: list[str]
) -> list[tuple[list[Any], list[_Conversion]]]:
    width = len(EXPENSE_FIELDS) + len(CONVERSION_FIELDS) * len(currencies)
    lines = []
    for n, row in enumerate(rows):
        if type(row) is not list or len(row) != width:
            r.fail(f"expenses[{n}]", f"should be a list of {width} values")
            continue
        conversions = []
        for k, code in enumerate(currencies):
            start = len(EXPENSE_FIELDS) + k * len(CONVERSION_FIELDS)
            values = row[start : start + len(CONVERSION_FIELDS)]
            if any(v is not None for v in values):
                conversions.append((f"expenses[{n}].{code}", code, *values))
        lines.append((row[: len(EXPENSE_FIELDS)], conversions))
    return lines


def _object_lines(r: FieldReader, value: object) -> list[tuple[list[Any], list[_Conversion]]]:
    """Version 1's lines, one object each (missing values as version 1 read them)."""
    lines = []
    for n, line in enumerate(r.rows({"expenses": value} if value is not None else {}, "expenses", "")):
        values = [line.get(k) for k in EXPENSE_FIELDS]
        values[0] = line.get("category", "other")
        values[7], values[8] = line.get("payee", ""), line.get("note", "")
        conversions: list[_Conversion] = [
            (
                f"expenses[{n}].conversions[{k}]",
                c.get("currency"),
                c.get("planned"),
                c.get("actual"),
                c.get("rate"),
                c.get("rate_date"),
            )
            for k, c in enumerate(r.rows(line, "conversions", f"expenses[{n}]."))
        ]
        lines.append((values, conversions))
    return lines


class _LineChecker:
    """Checks lines one at a time with the general checks, naming each problem."""

    def __init__(self, r: FieldReader, categories: frozenset[str], steps: frozenset[str]) -> None:
        self.r, self.categories, self.steps = r, categories, steps

    def check(
        self, lines: list[tuple[list[Any], list[_Conversion]]]
    ) -> tuple[list[ExpenseRow], list[ConversionRow]]:
        expenses: list[ExpenseRow] = []
        conversions: list[ConversionRow] = []
        for n, (values, converted) in enumerate(lines):
            expenses.append(self.line(values, n))
            seen = set()
            for conversion in converted:
                row = self.conversion(conversion, n)
                conversions.append(row)
                if row[1] in seen:
                    self.r.fail(f"expenses[{n}].conversions", "a currency is listed twice")
                seen.add(row[1])
        return expenses, conversions

    def line(self, values: list[Any], n: int) -> ExpenseRow:
        r = self.r
        category, step, label, planned, actual, currency, paid_on, payee, note = values
        path = f"expenses[{n}]"
        errors = len(r.errors)
        currency = r.currency({"currency": currency}, "currency", path)
        planned = r.amount({"planned": planned}, "planned", path, currency)
        actual = r.amount({"actual": actual}, "actual", path, currency)
        if planned is None and actual is None and len(r.errors) == errors:
            r.fail(path, "has neither a planned nor a paid amount")
        if step is not None and (type(step) is not str or step not in self.steps):
            r.fail(f"{path}.step_id", f"{shown(step)} is not a journey step")
            step = None
        day = r.day({"paid_on": paid_on}, "paid_on", path)
        return (
            n,
            r.choice({"category": category}, "category", path, self.categories, "other"),
            step,
            r.text({"label": label}, "label", path, LABEL_LIMIT, required=True),
            planned,
            actual,
            currency,
            day.isoformat() if day is not None else None,
            r.text({"payee": payee}, "payee", path, LABEL_LIMIT),
            r.text({"note": note}, "note", path),
        )

    def conversion(self, conversion: _Conversion, n: int) -> ConversionRow:
        r = self.r
        path, currency, planned, actual, rate, rate_date = conversion
        code = r.currency({"currency": currency}, "currency", path)
        day = r.day({"rate_date": rate_date}, "rate_date", path, True)
        return (
            n,
            code,
            r.amount({"planned": planned}, "planned", path, code, capped=False),
            r.amount({"actual": actual}, "actual", path, code, capped=False),
            r.rate({"rate": rate}, "rate", path),
            day.isoformat() if day is not None else None,
        )


# The whole table at once


def _quick_table(
    rows: list[Any], currencies: list[str], categories: frozenset[str], steps: frozenset[str]
) -> tuple[list[ExpenseRow], list[ConversionRow]] | None:
    """The rows, if every value is in the form the app writes; None means check line by line.

    Each column is checked as a whole by builtins (sets, maps, one pattern over its joined
    amounts), which lets tens of thousands of lines through in a fraction of a second.
    """
    if not rows:
        return [], []
    width = len(EXPENSE_FIELDS) + len(CONVERSION_FIELDS) * len(currencies)
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {width}:
        return None
    columns = list(zip(*rows, strict=True))
    category, step, label, planned, actual, currency, paid_on, payee, note = columns[: len(EXPENSE_FIELDS)]
    if (
        not set(category) <= categories
        or not set(step) <= steps | {None}
        or not all(type(c) is str and _known_currency(c) for c in set(currency))
        or not _texts(label, LABEL_LIMIT, required=True)
        or not _texts(payee, LABEL_LIMIT)
        or not _texts(note, MAX_TEXT)
        or not _days(set(paid_on) - {None})
        or (None, None) in zip(planned, actual, strict=True)
    ):
        return None
    planned_minor = _amounts(planned, currency)
    actual_minor = _amounts(actual, currency)
    if planned_minor is None or actual_minor is None:
        return None
    lines = range(len(rows))
    expenses = list(
        zip(
            lines,
            category,
            step,
            label,
            planned_minor,
            actual_minor,
            currency,
            paid_on,
            payee,
            note,
            strict=True,
        )
    )
    conversions: list[ConversionRow] = []
    for k, code in enumerate(currencies):
        start = len(EXPENSE_FIELDS) + k * len(CONVERSION_FIELDS)
        converted = _conversions(lines, code, *columns[start : start + len(CONVERSION_FIELDS)])
        if converted is None:
            return None
        conversions.extend(converted)
    conversions.sort(key=itemgetter(0))  # line by line, as the table's key runs: a quicker write
    return expenses, conversions


def _conversions(
    lines: range,
    code: str,
    planned: tuple[Any, ...],
    actual: tuple[Any, ...],
    rate: tuple[Any, ...],
    day: tuple[Any, ...],
) -> Iterable[ConversionRow] | None:
    """One currency's columns as conversion rows, for the lines that have a rate in it."""
    present = list(map(is_not, rate, repeat(None)))
    absent = list(map(not_, present))
    if set(chain(compress(planned, absent), compress(actual, absent), compress(day, absent))) - {None}:
        return None
    rates, days = list(compress(rate, present)), list(compress(day, present))
    if not rates:
        return []
    if not _rates(set(rates)) or not _days(set(days)):
        return None
    decimals = limits(code)[0]
    planned_minor = _amounts_in(tuple(compress(planned, present)), decimals, UNCAPPED_MINOR)
    actual_minor = _amounts_in(tuple(compress(actual, present)), decimals, UNCAPPED_MINOR)
    if planned_minor is None or actual_minor is None:
        return None
    return zip(compress(lines, present), repeat(code), planned_minor, actual_minor, rates, days, strict=False)


@cache
def _known_currency(code: str) -> bool:
    try:
        return check_currency(code) == code
    except MoneyError:
        return False


def _present(values: Sequence[Any]) -> list[Any]:
    return list(compress(values, map(is_not, values, repeat(None))))


def _texts(values: Sequence[Any], limit: int, required: bool = False) -> bool:
    return (
        set(map(type, values)) == {str}
        and max(map(len, values)) <= limit
        and "\x00" not in "".join(values)
        and (not required or all(map(str.strip, values)))
    )


def _days(days: set[Any]) -> bool:
    """Whether each is a date written as 2027-03-01. (A set: lines share few dates.)"""
    if not days:
        return True
    if set(map(type, days)) != {str} or set(map(len, days)) != {10} or set(map(itemgetter(7), days)) != {"-"}:
        return False
    try:
        all(map(date.fromisoformat, days))
    except ValueError:
        return False
    return True


def _rates(rates: set[Any]) -> bool:
    """Whether each is a positive rate written as plain digits. (A set: lines share few rates.)"""
    return (
        set(map(type, rates)) == {str}
        and PLAIN_RATES.fullmatch("\n".join(rates)) is not None
        and all(map(str.strip, rates, repeat("0.")))
    )


def _amounts(values: Sequence[Any], currencies: Sequence[str]) -> list[int | None] | None:
    """Minor units for each amount of lines in different currencies (None where there is none),
    if each is written with exactly its currency's decimals and within its form's limit; else None."""
    places = {code: limits(code)[0] for code in set(currencies)}
    largest = min(limits(code)[1] for code in places)
    if len(set(places.values())) > 1:
        decimals = list(map(places.__getitem__, currencies))
        for d in set(decimals):
            if _written(_present(tuple(compress(values, map(eq, decimals, repeat(d))))), d) is None:
                return None
        return _minor_units(values, "\n".join(_present(values)), largest)
    joined = _written(_present(values), next(iter(places.values())))
    return None if joined is None else _minor_units(values, joined, largest)


def _amounts_in(values: Sequence[Any], decimals: int, largest: int) -> list[int | None] | None:
    """Minor units for each amount (None where there is none), if each is written with exactly
    `decimals` decimals and is at most `largest`; else None."""
    joined = _written(_present(values), decimals)
    return None if joined is None else _minor_units(values, joined, largest)


def _written(amounts: list[Any], decimals: int) -> str | None:
    """The amounts joined by newlines, if each is text written with exactly `decimals` decimals."""
    if not amounts:
        return ""
    if set(map(type, amounts)) != {str}:
        return None
    joined = "\n".join(amounts)
    return joined if _amount_pattern(decimals).fullmatch(joined) else None


def _minor_units(values: Sequence[Any], joined: str, largest: int) -> list[int | None] | None:
    """`values` (amounts already checked, and None) in minor units, from their joined text."""
    if not joined:
        return list(values)
    minor = list(map(int, joined.replace(".", "").split("\n")))
    if max(minor) > largest:
        return None
    if len(minor) == len(values):
        return minor  # type: ignore[return-value]
    return list(map(dict(zip(joined.split("\n"), minor, strict=True)).get, values))  # None stays None


@cache
def _amount_pattern(decimals: int) -> re.Pattern[str]:
    one = r"\d{1,15}" + (rf"\.\d{{{decimals}}}" if decimals else "")
    return re.compile(rf"{one}(?:\n{one})*")
