"""The expense lines as CSV: each line in its own currency, then in each report currency with
the rate and its date that converted it (blank where the line has no conversion yet)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from planner.budget.rules import Expense

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp")
"""What a spreadsheet may pass over before it sees a formula: spaces of every width (the no-break
space, the ideographic space), control characters and NUL, invisible marks."""


def _text(value: str) -> str:
    """User text that a spreadsheet could run as a formula is kept as text (a `'` before it):
    text whose first visible character, once full-width forms are read as their plain ones
    (`＝` as `=`), is `=`, `+`, `-` or `@`, or that starts with a tab or a line break."""
    return "'" + value if _could_start_formula(value) else value


def _could_start_formula(value: str) -> bool:
    if value.startswith(FORMULA_STARTS):
        return True
    visible = unicodedata.normalize("NFKC", value).lstrip()
    while visible and unicodedata.category(visible[0]) in _SKIPPED:
        visible = visible[1:]
    return visible.startswith(FORMULA_STARTS[:4])


def _amount(value: object) -> str:
    return "" if value is None else str(value)


RATE_DIGITS = 10
"""Significant digits a rate is written with: a rate as typed (1.27, 1,752.6) is written as it
is; a factor worked out from one (1 / 1.27) is cut to this, never 28 digits long."""


def rate_text(value: Decimal) -> str:
    """A rate as a plain decimal with a dot and no exponent, at most `RATE_DIGITS` significant."""
    rounded = Decimal(f"{value:.{RATE_DIGITS}g}")
    return f"{rounded.normalize():f}"


def expenses_csv(
    expenses: Sequence[Expense],
    categories: dict[str, str],
    steps: dict[str, str],
    currencies: Sequence[str],
) -> str:
    """Amounts are plain decimals with a dot (as spreadsheets read them in any locale), never
    neutralised, so a spreadsheet reads -12.50 as a number; every text cell is neutralised (see
    `_text`). A line's amounts in its own currency carry rate 1."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["Description", "Category", "Journey step", "Planned", "Paid", "Currency", "Paid on", "Payee"]
    for code in currencies:
        header += [f"Planned ({code})", f"Paid ({code})", f"Rate to {code}", f"Rate date ({code})"]
    header.append("Note")
    writer.writerow(header)
    for expense in expenses:
        row = [
            _text(expense.label),
            _text(categories.get(expense.category, expense.category)),
            _text(steps.get(expense.step_id, "") if expense.step_id else ""),
            _amount(expense.planned),
            _amount(expense.actual),
            _text(expense.currency),
            expense.paid_on.isoformat() if expense.paid_on else "",
            _text(expense.payee),
        ]
        for code in currencies:
            if code == expense.currency:
                row += [_amount(expense.planned), _amount(expense.actual), "1", ""]
            elif (conversion := expense.conversion_to(code)) is not None:
                row += [
                    _amount(conversion.planned),
                    _amount(conversion.actual),
                    rate_text(conversion.rate),
                    conversion.rate_date.isoformat(),
                ]
            else:
                row += ["", "", "", ""]
        row.append(_text(expense.note))
        writer.writerow(row)
    return out.getvalue()


def spreadsheet_text(
    expenses: Sequence[Expense], categories: dict[str, str], steps: dict[str, str], currencies: Sequence[str]
) -> str:
    """`expenses_csv` with the byte-order mark that lets spreadsheets see UTF-8, as it is saved."""
    return "\ufeff" + expenses_csv(expenses, categories, steps, currencies)
