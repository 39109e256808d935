"""A plan file's expense table (version 2): lines and their conversions read back as written; a
spoiled value is refused naming its line and column; and the whole-table check, the quick path
for large plans, never accepts what the line-by-line checks refuse, nor reads a value otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from planner.plan_file_checks import FieldReader
from planner.plan_file_expenses import (
    CONVERSION_FIELDS,
    EXPENSE_FIELDS,
    _LineChecker,
    _quick_table,
    _table_lines,
    expense_table,
    read_expenses,
)

CATEGORIES = frozenset({"travel", "lodging", "other"})
STEPS = frozenset({"departure", "treatment"})


def line(n: int = 0, **changes: Any) -> list[Any]:
    values = dict(
        zip(
            EXPENSE_FIELDS,
            ["travel", "departure", f"Line {n}", "850.00", None, "GBP", "2026-10-01", "", "Seat 42A"],
            strict=True,
        )
    )
    return list((values | changes).values())


KRW = ["1487712", None, "1750.25", "2026-10-01"]


def table(*lines: tuple[list[Any], dict[str, list[Any]]]) -> dict[str, Any]:
    return expense_table(lines)


def read(value: object) -> tuple[list[Any], list[Any], list[str]]:
    r = FieldReader()
    expenses, conversions = read_expenses(r, value, 2, CATEGORIES, STEPS)
    return expenses, conversions, r.errors


def test_lines_and_conversions_read_back_as_rows_for_the_database() -> None:
    expenses, conversions, errors = read(
        table(
            (line(0), {"KRW": KRW}),
            (
                line(1, currency="KRW", planned="1000000"),
                {"GBP": ["571.35", None, "0.0005713", "2026-10-02"]},
            ),
        )
    )
    assert errors == []
    assert expenses == [
        (0, "travel", "departure", "Line 0", 85_000, None, "GBP", "2026-10-01", "", "Seat 42A"),
        (1, "travel", "departure", "Line 1", 1_000_000, None, "KRW", "2026-10-01", "", "Seat 42A"),
    ]
    assert sorted(conversions) == [
        (0, "KRW", 1_487_712, None, "1750.25", "2026-10-01"),
        (1, "GBP", 57_135, None, "0.0005713", "2026-10-02"),
    ]


def test_the_table_names_its_columns_and_currencies() -> None:
    written = table((line(0), {"KRW": KRW, "USD": ["1079.50", None, "1.27", "2026-10-01"]}), (line(1), {}))
    assert written["columns"] == list(EXPENSE_FIELDS)
    assert written["conversion_columns"] == list(CONVERSION_FIELDS)
    assert written["converted_to"] == ["KRW", "USD"]
    assert written["rows"][1][len(EXPENSE_FIELDS) :] == [None] * 8


def test_an_amount_written_by_hand_in_another_accepted_form_still_reads() -> None:
    expenses, _conversions, errors = read(table((line(0, planned="850.5"), {}), (line(1, planned="12"), {})))
    assert errors == []
    assert [e[4] for e in expenses] == [85_050, 1_200]


@pytest.mark.parametrize(
    ("spoil", "where", "says"),
    [
        (lambda t: t.update(columns=["label"]), "expenses.columns", "should be category"),
        (lambda t: t.update(converted_to=["KRW", "KRW"]), "expenses.converted_to", "different currency"),
        (lambda t: t.update(converted_to=["XYZ"]), "expenses.converted_to[0]", "not a known currency"),
        (lambda t: t.update(rows={"0": []}), "expenses.rows", "should be a list"),
        (lambda t: t["rows"][1].pop(), "expenses[1]", "should be a list of 13 values"),
        (lambda t: t["rows"][1].__setitem__(3, "1,850.00"), "expenses[1].planned", "is not an amount"),
        (lambda t: t["rows"][1].__setitem__(3, "850.005"), "expenses[1].planned", "at most 2 decimal"),
        (lambda t: t["rows"][1].__setitem__(3, None), "expenses[1]", "neither a planned nor a paid"),
        (
            lambda t: t["rows"][1].__setitem__(0, "sightseeing"),
            "expenses[1].category",
            "not one of the known",
        ),
        (lambda t: t["rows"][1].__setitem__(1, ["x"]), "expenses[1].step_id", "not a journey step"),
        (lambda t: t["rows"][1].__setitem__(2, "  "), "expenses[1].label", "is missing"),
        (lambda t: t["rows"][1].__setitem__(8, "a\x00b"), "expenses[1].note", "NUL"),
        (lambda t: t["rows"][1].__setitem__(6, "2026-02-30"), "expenses[1].paid_on", "not a date"),
        (lambda t: t["rows"][0].__setitem__(11, "0"), "expenses[0].KRW.rate", "not a positive rate"),
        (lambda t: t["rows"][0].__setitem__(11, None), "expenses[0].KRW.rate", "not a positive rate"),
        (lambda t: t["rows"][0].__setitem__(12, "1 Oct"), "expenses[0].KRW.rate_date", "not a date"),
        (lambda t: t["rows"][0].__setitem__(9, "1487712.5"), "expenses[0].KRW.planned", "at most 0 decimal"),
    ],
)
def test_a_spoiled_table_is_refused_naming_the_line_and_column(spoil: Any, where: str, says: str) -> None:
    written = table((line(0), {"KRW": KRW}), (line(1), {}))
    spoil(written)
    _expenses, _conversions, errors = read(written)
    assert any(e.startswith(f"{where}:") and says in e for e in errors), errors


# The whole-table check against the line-by-line checks


def mostly(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
    """Good values nine times in ten, so whole tables often pass; bad ones the rest."""
    return st.one_of(*[st.sampled_from(good)] * 9, st.sampled_from(bad))


amounts = mostly(
    ["850.00", "0.00", "12", None], ["850.5", "1,000.00", "-5.00", "99999999.99", "1e3", "", 850]
)
texts = mostly(["Flights", "", "서울 🏥"], ["  ", "a\x00b", "x" * 201, 0, ["x"], None])
days = mostly(["2026-10-01", None], ["2026-02-30", "2026-W40-1", "20261001", "2026-10-1", 20261001])
currencies = mostly(["GBP", "USD"], ["KRW", "JPY", "BHD", "gbp", "XYZ", None, ["GBP"]])
rates = mostly(["1750.25", "3", None], ["0", "0.000", "1E-7", "abc", 3])


table_lines = st.lists(
    st.tuples(
        st.tuples(
            mostly(["travel", "other"], ["sightseeing", None, ["travel"]]),
            mostly(["departure", None], ["beach", 1]),
            texts,
            amounts,
            amounts,
            currencies,
            days,
            texts,
            texts,
        ),
        st.lists(
            st.just((None, None, None, None)) | st.tuples(amounts, amounts, rates, days),
            min_size=2,
            max_size=2,
        ),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=400, deadline=None)
@given(table_lines)
def test_the_whole_table_check_agrees_with_the_line_by_line_checks(generated: list[Any]) -> None:
    converted_to = ["EUR", "USD"]
    rows = [[*values, *conversions[0], *conversions[1]] for values, conversions in generated]
    r = FieldReader()
    slow = _LineChecker(r, CATEGORIES, STEPS).check(_table_lines(r, rows, converted_to))
    try:
        quick = _quick_table(rows, converted_to, CATEGORIES, STEPS)
    except TypeError:
        quick = None
    event("whole table passed" if quick is not None else "checked line by line")
    if quick is not None:
        assert r.errors == []
        assert quick[0] == slow[0]
        assert sorted(quick[1], key=lambda c: c[0]) == slow[1]


good_lines = st.lists(
    st.tuples(
        st.tuples(
            st.sampled_from(["travel", "other"]),
            st.sampled_from(["departure", None]),
            st.sampled_from(["Flights", "서울 🏥", "x" * 200]),
            st.sampled_from(["850.00", "0.00", "99999.99"]),
            st.sampled_from(["12.34", None]),
            st.sampled_from(["GBP", "USD"]),
            st.sampled_from(["2026-10-01", "2024-02-29", None]),
            st.sampled_from(["", "Korean Air"]),
            st.sampled_from(["", "a" * 20_000]),
        ),
        st.lists(
            st.just((None, None, None, None))
            | st.tuples(
                st.sampled_from(["1079.50", "0.00", "123456789012345.99"]),
                st.sampled_from(["12.00", None]),
                st.sampled_from(["1.27", "0.0000001", "3"]),
                st.sampled_from(["2026-10-01", "2027-12-31"]),
            ),
            min_size=2,
            max_size=2,
        ),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(good_lines)
def test_a_table_as_the_app_writes_it_passes_whole_and_reads_as_line_by_line(generated: list[Any]) -> None:
    converted_to = ["EUR", "USD"]
    rows = [[*values, *conversions[0], *conversions[1]] for values, conversions in generated]
    r = FieldReader()
    slow = _LineChecker(r, CATEGORIES, STEPS).check(_table_lines(r, rows, converted_to))
    quick = _quick_table(rows, converted_to, CATEGORIES, STEPS)
    assert r.errors == [] and quick is not None
    assert quick[0] == slow[0]
    assert sorted(quick[1], key=lambda c: c[0]) == slow[1]
