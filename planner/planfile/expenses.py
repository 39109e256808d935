"""A plan file's expense lines: the tables version 3 writes, the forms earlier versions wrote,
and the checks each line passes.

A plan may hold tens of thousands of lines, each with its kept conversions, so version 3 writes
them as two tables with their column names once, the database's own columns: the lines (nine
values each, amounts as whole numbers of the currency's minor units), and the conversions (the
line's place in the first table, the currency, the two converted amounts in minor units, the
rate and its date). Version 2 wrote one table with a line's conversions padded out beside it
and amounts as text ("1234.50"); version 1 an object per line.

Tables all in the form the app writes are checked as a whole: msgspec checks each value's type
and bounds as it reads the JSON, and sets check the columns; anything else (a mistake, or an
earlier version) is checked line by line with the general checks, which name each problem. Both
give the same rows, ready for the database: amounts in minor units and dates as ISO text, the
way SQLite keeps them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from itertools import compress, repeat
from operator import gt, is_not, itemgetter, lt, or_
from typing import Annotated, Any

import msgspec

from planner.budget.rules import MAX_LABEL_LENGTH
from planner.core.limits import CONVERSIONS_PER_LINE, EARLIEST_DAY, EXPENSE_LINES, LATEST_DAY
from planner.core.money import MoneyError, check_currency
from planner.core.rates import MAX_RATE, MIN_RATE
from planner.planfile.checks import MAX_ROWS, MAX_TEXT, UNCAPPED_MINOR, FieldReader, limits, shown

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
"""A line's values: the table's columns, and the expense table's in the database."""
CONVERSION_COLUMNS = ("currency", "planned_minor", "actual_minor", "rate", "rate_date")
"""A conversion's values after its line: the table's columns, and the database's."""
LINE = "line"
V2_EXPENSE_FIELDS = (
    "category",
    "step_id",
    "label",
    "planned",
    "actual",
    "currency",
    "paid_on",
    "payee",
    "note",
)
V2_CONVERSION_FIELDS = ("planned", "actual", "rate", "rate_date")
MAX_CONVERSION_CURRENCIES = 200
EARLIEST, LATEST = EARLIEST_DAY.isoformat(), LATEST_DAY.isoformat()
PLAIN_RATES = re.compile(r"\d{1,30}(?:\.\d{1,40})?(?:\n\d{1,30}(?:\.\d{1,40})?)*")

ExpenseValues = tuple[Any, ...]
"""The line's index in the file's lines, then its values for EXPENSE_COLUMNS."""
ConversionValues = tuple[Any, ...]
"""The index of the line converted, then values for CONVERSION_COLUMNS."""
_Conversion = tuple[str, object, object, object, object, object]
"""Where a conversion is in the file (for messages), its currency, planned, actual, rate, day."""
_Line = tuple[int, Sequence[Any], list[_Conversion]]
"""A line's index, its own values in EXPENSE_COLUMNS order, and its conversions."""


def expense_tables(lines: Sequence[Sequence[Any]], conversions: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """The version 3 `expenses` section: `lines` with values in EXPENSE_COLUMNS order, and
    `conversions` each the index of its line then values in CONVERSION_COLUMNS order."""
    return {
        "columns": list(EXPENSE_COLUMNS),
        "rows": lines,
        "conversion_columns": [LINE, *CONVERSION_COLUMNS],
        "conversions": conversions,
    }


def decode_expenses(raw: str | bytes | msgspec.Raw) -> object:
    """The `expenses` section's JSON: QuickTables if it has the types and bounds of the tables
    the app writes (checked by msgspec as it reads, in C), else plain JSON values."""
    try:
        return _QUICK.decode(raw)
    except msgspec.ValidationError:
        return msgspec.json.decode(raw)


def read_expenses(
    r: FieldReader, value: object, version: int, categories: frozenset[str], steps: frozenset[str]
) -> tuple[list[ExpenseValues], list[ConversionValues]]:
    """The file's `expenses` section, checked, as rows for the expense and conversion tables;
    none when it holds more lines, or a line more conversions, than a plan may."""
    expenses, conversions = _read_expenses(r, value, version, categories, steps)
    if len(expenses) > EXPENSE_LINES.most:
        r.fail("expenses", EXPENSE_LINES.over_message(len(expenses)))
        return [], []
    counts = Counter(map(itemgetter(0), conversions))
    if counts and (most := max(counts.values())) > CONVERSIONS_PER_LINE.most:
        line = next(n for n, count in counts.items() if count == most)
        r.fail(f"expenses[{line}].conversions", CONVERSIONS_PER_LINE.over_message(most) + " per line")
        return [], []
    return expenses, conversions


def _read_expenses(
    r: FieldReader, value: object, version: int, categories: frozenset[str], steps: frozenset[str]
) -> tuple[list[ExpenseValues], list[ConversionValues]]:
    if isinstance(value, QuickTables):
        if version >= 3 and (quick := _quick_tables(value, categories, steps)) is not None:
            return quick
        value = msgspec.to_builtins(value)  # rows as tuples: the line by line checks say what is wrong
    checker = _LineChecker(r, categories, steps, minor=version >= 3)
    if version == 1:
        return checker.check(_object_lines(r, value))
    if version == 2:
        return checker.check(_padded_lines(r, value))
    tables = _tables(r, value)
    return checker.check(_table_lines(r, *tables)) if tables is not None else ([], [])


def _listed(r: FieldReader, section: dict[str, Any], key: str) -> list[Any] | None:
    value = section.get(key, [])
    if not isinstance(value, list):
        r.fail(f"expenses.{key}", "should be a list")
        return None
    if len(value) > MAX_ROWS:
        r.fail(f"expenses.{key}", f"has {len(value):,} entries, more than {MAX_ROWS:,}")
        return None
    return value


def _section(r: FieldReader, value: object, columns: dict[str, Sequence[str]]) -> dict[str, Any] | None:
    """The section as an object naming `columns` as the app writes them, or None if not."""
    if not isinstance(value, dict):
        r.fail("expenses", "should be an object with columns and rows")
        return None
    for key, wanted in columns.items():
        if value.get(key) != list(wanted):
            r.fail(f"expenses.{key}", f"should be {', '.join(wanted)}")
    return value


def _tables(r: FieldReader, value: object) -> tuple[list[Any], list[Any]] | None:
    if value is None:
        return [], []
    errors = len(r.errors)
    section = _section(
        r, value, {"columns": EXPENSE_COLUMNS, "conversion_columns": (LINE, *CONVERSION_COLUMNS)}
    )
    if section is None:
        return None
    rows, conversions = _listed(r, section, "rows"), _listed(r, section, "conversions")
    return (
        (rows, conversions)
        if rows is not None and conversions is not None and len(r.errors) == errors
        else None
    )


def _table_lines(r: FieldReader, rows: list[Any], conversions: list[Any]) -> list[_Line]:
    width = len(EXPENSE_COLUMNS)
    converted: list[list[_Conversion]] = [[] for _row in rows]
    for k, conversion in enumerate(conversions):
        path = f"expenses.conversions[{k}]"
        if type(conversion) not in (list, tuple) or len(conversion) != 1 + len(CONVERSION_COLUMNS):
            r.fail(path, f"should be a list of {1 + len(CONVERSION_COLUMNS)} values")
            continue
        line, *values = conversion
        if type(line) is not int or not 0 <= line < len(rows):
            which = f"from 0 to {len(rows) - 1}" if rows else "and there are none"
            r.fail(f"{path}.{LINE}", f"{shown(line)} is not the number of a line, {which}")
            continue
        converted[line].append((path, *values))
    lines: list[_Line] = []
    for n, row in enumerate(rows):
        if type(row) not in (list, tuple) or len(row) != width:
            r.fail(f"expenses[{n}]", f"should be a list of {width} values")
            continue
        lines.append((n, row, converted[n]))
    return lines


def _padded_lines(r: FieldReader, value: object) -> list[_Line]:
    """Version 2's lines: one table, each line followed by four values per converted-to currency."""
    if value is None:
        return []
    errors = len(r.errors)
    section = _section(r, value, {"columns": V2_EXPENSE_FIELDS, "conversion_columns": V2_CONVERSION_FIELDS})
    if section is None:
        return []
    currencies = section.get("converted_to", [])
    if (
        not isinstance(currencies, list)
        or len(currencies) > MAX_CONVERSION_CURRENCIES
        or len(set(map(str, currencies))) != len(currencies)
    ):
        r.fail("expenses.converted_to", "should be a list of different currency codes")
        currencies = []
    for n, code in enumerate(currencies):
        r.currency({f"converted_to[{n}]": code}, f"converted_to[{n}]", "expenses")
    rows = _listed(r, section, "rows")
    if rows is None or len(r.errors) != errors:
        return []
    step = len(V2_CONVERSION_FIELDS)
    width = len(V2_EXPENSE_FIELDS) + step * len(currencies)
    lines: list[_Line] = []
    for n, row in enumerate(rows):
        if type(row) is not list or len(row) != width:
            r.fail(f"expenses[{n}]", f"should be a list of {width} values")
            continue
        conversions = []
        for k, code in enumerate(currencies):
            start = len(V2_EXPENSE_FIELDS) + k * step
            values = row[start : start + step]
            if any(v is not None for v in values):
                conversions.append((f"expenses[{n}].{code}", code, *values))
        lines.append((n, row[: len(V2_EXPENSE_FIELDS)], conversions))
    return lines


def _object_lines(r: FieldReader, value: object) -> list[_Line]:
    """Version 1's lines, one object each (missing values as version 1 read them)."""
    lines: list[_Line] = []
    for n, line in enumerate(r.rows({"expenses": value} if value is not None else {}, "expenses", "")):
        values = [line.get(k) for k in V2_EXPENSE_FIELDS]
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
        lines.append((n, values, conversions))
    return lines


class _LineChecker:
    """Checks lines one at a time with the general checks, naming each problem. Amounts are
    minor units (version 3) or text like "1234.50" (earlier versions)."""

    def __init__(
        self, r: FieldReader, categories: frozenset[str], steps: frozenset[str], minor: bool
    ) -> None:
        self.r, self.categories, self.steps = r, categories, steps
        self.amount = r.minor if minor else r.amount
        self.planned, self.actual = ("planned_minor", "actual_minor") if minor else ("planned", "actual")

    def check(self, lines: list[_Line]) -> tuple[list[ExpenseValues], list[ConversionValues]]:
        expenses: list[ExpenseValues] = []
        conversions: list[ConversionValues] = []
        for n, values, converted in lines:
            expenses.append(self.line(values, n))
            seen = set()
            for conversion in converted:
                row = self.conversion(conversion, n)
                conversions.append(row)
                if row[1] in seen:
                    self.r.fail(f"expenses[{n}].conversions", "a currency is listed twice")
                seen.add(row[1])
        return expenses, conversions

    def line(self, values: Sequence[Any], n: int) -> ExpenseValues:
        r = self.r
        category, step, label, planned, actual, currency, paid_on, payee, note = values
        path = f"expenses[{n}]"
        errors = len(r.errors)
        currency = r.currency({"currency": currency}, "currency", path)
        planned = self.amount({self.planned: planned}, self.planned, path, currency)
        actual = self.amount({self.actual: actual}, self.actual, path, currency)
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
            r.text({"label": label}, "label", path, MAX_LABEL_LENGTH, required=True),
            planned,
            actual,
            currency,
            day.isoformat() if day is not None else None,
            r.text({"payee": payee}, "payee", path, MAX_LABEL_LENGTH),
            r.text({"note": note}, "note", path),
        )

    def conversion(self, conversion: _Conversion, n: int) -> ConversionValues:
        r = self.r
        path, currency, planned, actual, rate, rate_date = conversion
        code = r.currency({"currency": currency}, "currency", path)
        day = r.day({"rate_date": rate_date}, "rate_date", path, True)
        return (
            n,
            code,
            self.amount({self.planned: planned}, self.planned, path, code, capped=False),
            self.amount({self.actual: actual}, self.actual, path, code, capped=False),
            r.rate({"rate": rate}, "rate", path),
            day.isoformat() if day is not None else None,
        )


# The whole tables at once

_Minor = Annotated[int, msgspec.Meta(ge=0, le=UNCAPPED_MINOR)]
_Label = Annotated[str, msgspec.Meta(max_length=MAX_LABEL_LENGTH)]
_Note = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]


class QuickTables(msgspec.Struct, forbid_unknown_fields=True):
    """The version 3 tables with every value of the type and within the bounds the app writes."""

    columns: list[str]
    rows: Annotated[
        list[tuple[str, str | None, _Label, _Minor | None, _Minor | None, str, str | None, _Label, _Note]],
        msgspec.Meta(max_length=MAX_ROWS),
    ]
    conversion_columns: list[str]
    conversions: Annotated[
        list[tuple[Annotated[int, msgspec.Meta(ge=0)], str, _Minor | None, _Minor | None, str, str]],
        msgspec.Meta(max_length=MAX_ROWS),
    ]


_QUICK = msgspec.json.Decoder(QuickTables)


def _quick_tables(
    tables: QuickTables, categories: frozenset[str], steps: frozenset[str]
) -> tuple[list[ExpenseValues], list[ConversionValues]] | None:
    """The rows, if every value is in the form the app writes; None means check line by line.

    What msgspec has not checked (known names, dates, rates, the lines the conversions point
    to) is checked column by column with sets, which lets tens of thousands of lines through
    in a fraction of a second.
    """
    if tables.columns != list(EXPENSE_COLUMNS) or tables.conversion_columns != [LINE, *CONVERSION_COLUMNS]:
        return None
    expenses = _quick_lines(tables.rows, categories, steps)
    if expenses is None:
        return None
    converted = _quick_conversions(tables.conversions, len(tables.rows))
    return None if converted is None else (expenses, converted)


def _quick_lines(
    lines: list[ExpenseValues], categories: frozenset[str], steps: frozenset[str]
) -> list[ExpenseValues] | None:
    if not lines:
        return []
    columns = list(zip(*lines, strict=True))
    category, step, label, planned, actual, currency, paid_on, _payee, _note = columns
    codes = set(currency)
    if not all(map(_known_currency, codes)):
        return None
    largest = min(limits(code)[1] for code in codes)  # above it, each line's own currency decides
    if (
        not set(category) <= categories
        or not set(step) <= steps | {None}
        or not all(map(str.strip, label))
        or not _days(set(paid_on) - {None})
        or (None, None) in zip(planned, actual, strict=True)
        or max(_present(planned), default=0) > largest
        or max(_present(actual), default=0) > largest
    ):
        return None
    return list(zip(range(len(lines)), *columns, strict=False))


def _quick_conversions(converted: list[ConversionValues], lines: int) -> list[ConversionValues] | None:
    if not converted:
        return []
    line, currency, _planned, _actual, rate, day = zip(*converted, strict=True)
    if (
        max(line) >= lines
        or not all(map(_known_currency, set(currency)))
        or not _rates(set(rate))
        or not _days(set(day))
    ):
        return None
    if any(map(gt, line, line[1:])):
        if len(set(zip(line, currency, strict=True))) != len(line):
            return None
        return sorted(converted, key=itemgetter(0))  # line by line, as the table's key runs: a quicker write
    # In line order (as the app writes them), each line's currencies must rise: none twice.
    return converted if all(map(or_, map(lt, line, line[1:]), map(lt, currency, currency[1:]))) else None


@cache
def _known_currency(code: str) -> bool:
    try:
        return check_currency(code) == code
    except MoneyError:
        return False


def _present(values: Sequence[Any]) -> list[Any]:
    return list(compress(values, map(is_not, values, repeat(None))))


def _days(days: set[str]) -> bool:
    """Whether each is a date written as 2027-03-01 within the app's limits. (A set: lines share
    few dates.)"""
    try:
        return all(date.fromisoformat(day).isoformat() == day and EARLIEST <= day <= LATEST for day in days)
    except ValueError:
        return False


def _rates(rates: set[str]) -> bool:
    """Whether each is a positive rate written as plain digits. (A set: lines share few rates.)"""
    return (
        PLAIN_RATES.fullmatch("\n".join(rates)) is not None
        and all(map(str.strip, rates, repeat("0.")))
        and all(MIN_RATE <= Decimal(rate) <= MAX_RATE for rate in rates)
    )
