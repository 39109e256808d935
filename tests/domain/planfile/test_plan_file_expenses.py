"""A plan file's expense tables (version 3): lines and their conversions read back as written; a
spoiled value is refused naming its line and column; the whole-table check, the quick path for
large plans, never accepts what the line-by-line checks refuse, nor reads a value otherwise; and
version 2's single table, amounts as text, still reads.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from planner.planfile.checks import FieldReader
from planner.planfile.expenses import (
    CONVERSION_COLUMNS,
    EXPENSE_COLUMNS,
    QuickTables,
    _LineChecker,
    _quick_tables,
    _table_lines,
    decode_expenses,
    expense_tables,
    read_expenses,
)
from tests.old_plan_files import version_2_table

CATEGORIES = frozenset({"travel", "lodging", "other"})
STEPS = frozenset({"departure", "treatment"})


def line(n: int = 0, **changes: Any) -> list[Any]:
    values = dict(
        zip(
            EXPENSE_COLUMNS,
            ["travel", "departure", f"Line {n}", 85_000, None, "GBP", "2026-10-01", "", "Seat 42A"],
            strict=True,
        )
    )
    return list((values | changes).values())


def krw(n: int = 0) -> list[Any]:
    return [n, "KRW", 1_487_712, None, "1750.25", "2026-10-01"]


def read(value: object, version: int = 3) -> tuple[list[Any], list[Any], list[str]]:
    """The section read as a file's is: from its JSON, then checked."""
    r = FieldReader()
    expenses, conversions = read_expenses(
        r, decode_expenses(msgspec.json.encode(value)), version, CATEGORIES, STEPS
    )
    return expenses, conversions, r.errors


def quick(rows: list[Any], conversions: list[Any]) -> Any:
    """The whole-table check alone: msgspec's types and bounds, then the sets; None if it fails."""
    decoded = decode_expenses(msgspec.json.encode(expense_tables(rows, conversions)))
    return _quick_tables(decoded, CATEGORIES, STEPS) if isinstance(decoded, QuickTables) else None


def test_lines_and_conversions_read_back_as_rows_for_the_database() -> None:
    expenses, conversions, errors = read(
        expense_tables(
            [line(0), line(1, currency="KRW", planned_minor=1_000_000)],
            [krw(0), [1, "GBP", 57_135, None, "0.0005713", "2026-10-02"]],
        )
    )
    assert errors == []
    assert expenses == [
        (0, "travel", "departure", "Line 0", 85_000, None, "GBP", "2026-10-01", "", "Seat 42A"),
        (1, "travel", "departure", "Line 1", 1_000_000, None, "KRW", "2026-10-01", "", "Seat 42A"),
    ]
    assert conversions == [
        (0, "KRW", 1_487_712, None, "1750.25", "2026-10-01"),
        (1, "GBP", 57_135, None, "0.0005713", "2026-10-02"),
    ]


def test_the_tables_name_their_columns_once_as_the_database_does() -> None:
    written = expense_tables([line(0)], [krw(0)])
    assert written["columns"] == list(EXPENSE_COLUMNS)
    assert written["conversion_columns"] == ["line", *CONVERSION_COLUMNS]
    assert written["rows"] == [line(0)] and written["conversions"] == [krw(0)]


def test_conversions_listed_out_of_line_order_are_read_in_line_order() -> None:
    usd = [0, "USD", 107_950, None, "1.27", "2026-10-01"]
    _expenses, conversions, errors = read(expense_tables([line(0), line(1)], [krw(1), usd, krw(0)]))
    assert errors == []
    assert [(c[0], c[1]) for c in conversions] == [(0, "USD"), (0, "KRW"), (1, "KRW")]


def test_no_lines_at_all() -> None:
    assert read(expense_tables([], [])) == ([], [], [])
    assert read(None) == ([], [], [])


@pytest.mark.parametrize(
    ("spoil", "where", "says"),
    [
        (lambda t: t.update(columns=["label"]), "expenses.columns", "should be category"),
        (
            lambda t: t.update(conversion_columns=["currency"]),
            "expenses.conversion_columns",
            "should be line",
        ),
        (lambda t: t.update(rows={"0": []}), "expenses.rows", "should be a list"),
        (lambda t: t.update(conversions="none"), "expenses.conversions", "should be a list"),
        (lambda t: t["rows"][1].pop(), "expenses[1]", "should be a list of 9 values"),
        (
            lambda t: t["rows"][1].__setitem__(3, "850.00"),
            "expenses[1].planned_minor",
            "not an amount in minor",
        ),
        (lambda t: t["rows"][1].__setitem__(3, 850.5), "expenses[1].planned_minor", "not an amount in minor"),
        (lambda t: t["rows"][1].__setitem__(3, -5), "expenses[1].planned_minor", "not an amount in minor"),
        (lambda t: t["rows"][1].__setitem__(3, True), "expenses[1].planned_minor", "not an amount in minor"),
        (lambda t: t["rows"][1].__setitem__(3, 10**13), "expenses[1].planned_minor", "more than the largest"),
        (lambda t: t["rows"][1].__setitem__(3, None), "expenses[1]", "neither a planned nor a paid"),
        (lambda t: t["rows"][1].__setitem__(5, "XYZ"), "expenses[1].currency", "not a known currency"),
        (
            lambda t: t["rows"][1].__setitem__(0, "sightseeing"),
            "expenses[1].category",
            "not one of the known",
        ),
        (lambda t: t["rows"][1].__setitem__(1, ["x"]), "expenses[1].step_id", "not a journey step"),
        (lambda t: t["rows"][1].__setitem__(2, "  "), "expenses[1].label", "is missing"),
        (lambda t: t["rows"][1].__setitem__(6, "2026-02-30"), "expenses[1].paid_on", "not a date"),
        (lambda t: t["conversions"][0].pop(), "expenses.conversions[0]", "should be a list of 6 values"),
        (lambda t: t["conversions"][0].__setitem__(0, 2), "expenses.conversions[0].line", "not the number"),
        (lambda t: t["conversions"][0].__setitem__(0, "0"), "expenses.conversions[0].line", "not the number"),
        (
            lambda t: t["conversions"][0].__setitem__(1, "XYZ"),
            "expenses.conversions[0].currency",
            "not a known",
        ),
        (
            lambda t: t["conversions"][0].__setitem__(2, "1487712"),
            "expenses.conversions[0].planned_minor",
            "not an amount in minor",
        ),
        (
            lambda t: t["conversions"][0].__setitem__(3, 10**18),
            "expenses.conversions[0].actual_minor",
            "more than the largest",
        ),
        (lambda t: t["conversions"][0].__setitem__(4, "0"), "expenses.conversions[0].rate", "not a positive"),
        (
            lambda t: t["conversions"][0].__setitem__(4, None),
            "expenses.conversions[0].rate",
            "not a positive",
        ),
        (
            lambda t: t["conversions"][0].__setitem__(5, "1 Oct"),
            "expenses.conversions[0].rate_date",
            "not a date",
        ),
        (lambda t: t["conversions"].append(krw(0)), "expenses[0].conversions", "a currency is listed twice"),
    ],
)
def test_a_spoiled_table_is_refused_naming_the_line_and_column(spoil: Any, where: str, says: str) -> None:
    written = expense_tables([line(0), line(1)], [krw(0)])
    spoil(written)
    _expenses, _conversions, errors = read(written)
    assert any(e.startswith(f"{where}:") and says in e for e in errors), errors


def test_a_conversion_without_any_lines_is_refused_saying_so() -> None:
    _expenses, _conversions, errors = read(expense_tables([], [krw(0)]))
    assert errors == ["expenses.conversions[0].line: 0 is not the number of a line, and there are none"]


def test_a_huge_converted_amount_in_won_is_not_held_to_the_forms_cap() -> None:
    _expenses, conversions, errors = read(
        expense_tables([line(0)], [[0, "KRW", 10**15, None, "1750", "2026-10-01"]])
    )
    assert errors == [] and conversions[0][2] == 10**15


# Version 2: one table, conversions padded beside each line, amounts as text


def old_line(n: int = 0, **changes: Any) -> list[Any]:
    values = ["travel", "departure", f"Line {n}", "850.00", None, "GBP", "2026-10-01", "", "Seat 42A"]
    fields = ("category", "step_id", "label", "planned", "actual", "currency", "paid_on", "payee", "note")
    return list((dict(zip(fields, values, strict=True)) | changes).values())


OLD_KRW = ["1487712", None, "1750.25", "2026-10-01"]


def test_a_version_2_table_reads_as_the_same_rows() -> None:
    old = version_2_table([(old_line(0), {"KRW": OLD_KRW}), (old_line(1, planned="12"), {})])
    expenses, conversions, errors = read(old, version=2)
    assert errors == []
    assert expenses == [
        (0, "travel", "departure", "Line 0", 85_000, None, "GBP", "2026-10-01", "", "Seat 42A"),
        (1, "travel", "departure", "Line 1", 1_200, None, "GBP", "2026-10-01", "", "Seat 42A"),
    ]
    assert conversions == [(0, "KRW", 1_487_712, None, "1750.25", "2026-10-01")]


@pytest.mark.parametrize(
    ("spoil", "where", "says"),
    [
        (lambda t: t.update(converted_to=["KRW", "KRW"]), "expenses.converted_to", "different currency"),
        (lambda t: t.update(converted_to=["XYZ"]), "expenses.converted_to[0]", "not a known currency"),
        (lambda t: t["rows"][1].pop(), "expenses[1]", "should be a list of 13 values"),
        (lambda t: t["rows"][1].__setitem__(3, "850.005"), "expenses[1].planned", "at most 2 decimal"),
        (lambda t: t["rows"][1].__setitem__(3, 85_000), "expenses[1].planned", "not an amount like 1234.50"),
        (lambda t: t["rows"][0].__setitem__(11, None), "expenses[0].KRW.rate", "not a positive rate"),
        (lambda t: t["rows"][0].__setitem__(9, "1487712.5"), "expenses[0].KRW.planned", "at most 0 decimal"),
    ],
)
def test_a_spoiled_version_2_table_is_refused_naming_the_line_and_column(
    spoil: Any, where: str, says: str
) -> None:
    old = version_2_table([(old_line(0), {"KRW": OLD_KRW}), (old_line(1), {})])
    spoil(old)
    _expenses, _conversions, errors = read(old, version=2)
    assert any(e.startswith(f"{where}:") and says in e for e in errors), errors


# The whole-table check against the line-by-line checks

good_lines = st.lists(
    st.tuples(
        st.sampled_from(["travel", "other"]),
        st.sampled_from(["departure", None]),
        st.sampled_from(["Flights", "서울 🏥", "x" * 200]),
        st.sampled_from([85_000, 0, 1_000_000_000]),
        st.sampled_from([1_234, None]),
        st.sampled_from(["GBP", "USD", "KRW"]),
        st.sampled_from(["2026-10-01", "2024-02-29", None]),
        st.sampled_from(["", "Korean Air"]),
        st.sampled_from(["", "a" * 20_000]),
    ).map(list),
    min_size=1,
    max_size=6,
)


@st.composite
def good_tables(draw: st.DrawFn) -> tuple[list[Any], list[Any]]:
    """Tables as the app writes them: each line converted to some of three currencies."""
    rows = draw(good_lines)
    conversions = []
    for n in range(len(rows)):
        for code in sorted(draw(st.lists(st.sampled_from(["EUR", "USD", "JPY"]), unique=True, max_size=3))):
            planned = draw(st.sampled_from([107_950, 0, 12_345_678_901_234_599]))
            actual = draw(st.sampled_from([1_200, None]))
            rate = draw(st.sampled_from(["1.27", "0.0000001", "3"]))
            conversions.append(
                [n, code, planned, actual, rate, draw(st.sampled_from(["2027-12-31", "2026-10-01"]))]
            )
    return rows, conversions


TEXTS_SPOILED = ["  ", "a\x00b", "x" * 201, 0, ["x"], None]
AMOUNTS_SPOILED = [850.5, "850.00", -5, 10**13, 10**18, True, [1], None]
DAYS_SPOILED = ["2026-02-30", "2026-W40-1", "20261001", "2026-10-1", 20261001, None]
LINE_SPOILED = [
    ["sightseeing", None, ["travel"]],
    ["beach", 1, ["departure"]],
    TEXTS_SPOILED,
    AMOUNTS_SPOILED,
    AMOUNTS_SPOILED,
    ["JPY", "BHD", "gbp", "XYZ", None, ["GBP"]],
    DAYS_SPOILED,
    TEXTS_SPOILED,
    TEXTS_SPOILED,
]
CONVERSION_SPOILED = [
    [99, -1, "0", True, None, 1.0],
    ["XYZ", "usd", None, ["EUR"]],
    AMOUNTS_SPOILED,
    AMOUNTS_SPOILED,
    ["0", "0.000", "1E-7", "1e-7", "abc", " 3", 3, None],
    DAYS_SPOILED,
]


@st.composite
def spoiled_tables(draw: st.DrawFn) -> tuple[list[Any], list[Any]]:
    """Good tables with up to three changes the app never makes (some of them still acceptable,
    like a date written another way or conversions in another order): a value, a row cut short,
    a conversion repeated or the conversions shuffled."""
    rows, conversions = draw(good_tables())
    for _ in range(draw(st.integers(0, 3))):
        kinds = ["line", "conversion", "short", "repeat", "shuffle"] if conversions else ["line", "short"]
        kind = draw(st.sampled_from(kinds))
        if kind == "line":
            row, column = draw(st.sampled_from(rows)), draw(st.integers(0, 8))
            if column < len(row):  # not one already cut short
                row[column] = draw(st.sampled_from(LINE_SPOILED[column]))
        elif kind == "conversion":
            conversion, column = draw(st.sampled_from(conversions)), draw(st.integers(0, 5))
            if column < len(conversion):  # not one already cut short
                conversion[column] = draw(st.sampled_from(CONVERSION_SPOILED[column]))
        elif kind == "short":
            draw(st.sampled_from(rows + conversions)).pop()
        elif kind == "repeat":
            conversions.insert(
                draw(st.integers(0, len(conversions))), list(draw(st.sampled_from(conversions)))
            )
        else:
            conversions[:] = draw(st.permutations(conversions))
    return rows, conversions


def both_ways(rows: list[Any], conversions: list[Any]) -> tuple[Any, Any, list[str]]:
    """The whole-table check's rows (None if it fails), the line-by-line checks' rows, and
    the problems those found."""
    r = FieldReader()
    slow = _LineChecker(r, CATEGORIES, STEPS, minor=True).check(_table_lines(r, rows, conversions))
    return quick(rows, conversions), slow, r.errors


@settings(max_examples=600, deadline=None)
@given(spoiled_tables())
def test_the_whole_table_check_agrees_with_the_line_by_line_checks(
    tables: tuple[list[Any], list[Any]],
) -> None:
    whole, slow, errors = both_ways(*tables)
    event("whole table passed" if whole is not None else "checked line by line")
    event("line checks found a problem" if errors else "line checks passed")
    if whole is not None:
        assert errors == []
        assert whole == slow


@settings(max_examples=150, deadline=None)
@given(good_tables())
def test_tables_as_the_app_writes_them_pass_whole_and_read_as_line_by_line(
    tables: tuple[list[Any], list[Any]],
) -> None:
    whole, slow, errors = both_ways(*tables)
    assert errors == [] and whole is not None
    assert whole == slow
