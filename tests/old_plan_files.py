"""Expense lines as earlier versions of the app wrote them in plan files, for the tests that
such files still import. Amounts here are text like "1234.50", as those versions wrote them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from planner.planfile.expenses import V2_CONVERSION_FIELDS, V2_EXPENSE_FIELDS

OldLine = tuple[Sequence[Any], Mapping[str, Sequence[Any]]]
"""A line's own values (V2_EXPENSE_FIELDS order) and its conversions by currency
(V2_CONVERSION_FIELDS order)."""


def version_1_expense(values: Sequence[Any], conversions: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """A line as version 1 wrote it: an object, with a list of conversion objects."""
    return dict(zip(V2_EXPENSE_FIELDS, values, strict=True)) | {
        "conversions": [
            {"currency": code} | dict(zip(V2_CONVERSION_FIELDS, converted, strict=True))
            for code, converted in conversions.items()
        ]
    }


def version_2_table(lines: Sequence[OldLine]) -> dict[str, Any]:
    """Lines as version 2 wrote them: one table, each line followed by four values for each
    currency any line is converted to, all null where it has no conversion to it."""
    currencies = sorted({code for _values, conversions in lines for code in conversions})
    empty = [None] * len(V2_CONVERSION_FIELDS)
    return {
        "columns": list(V2_EXPENSE_FIELDS),
        "converted_to": currencies,
        "conversion_columns": list(V2_CONVERSION_FIELDS),
        "rows": [
            [*values, *chain.from_iterable(conversions.get(code, empty) for code in currencies)]
            for values, conversions in lines
        ],
    }
