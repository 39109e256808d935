"""The expenses CSV keeps every text cell a spreadsheet could run as a formula as text, and every
amount the app writes as a number; checked by reading the file with a real spreadsheet program."""

from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.budget.csv_file import expenses_csv
from planner.budget.rules import Expense

HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\u00a0=1+1",  # no-break space
    "\u3000=1+1",  # ideographic space
    "\x00=1+1",
    "\x01+1+1",
    "\u200b=1+1",  # zero-width space
    "\ufeff@SUM(1,1)",
    "＝1+1",  # full-width equals
    "＋1+1",
    "－1+1",
    "＠SUM(1,1)",
    " \u3000\x00＝1+1",
]
HARMLESS = ["Flights to Seoul", "무릎 주사", "1+1=2", "e-mail: a@b", "☺ =1+1"]
CATEGORIES = {"travel": "Travel", "evil": "=1+1", "odd": "\u3000＠x"}


def line(label: str, n: int = 0, category: str = "travel") -> Expense:
    return Expense(
        n,
        label,
        category,
        None,
        Decimal("-12.50"),
        Decimal("1234.56"),
        "GBP",
        date(2027, 3, 1),
        f"\u00a0{label}",
        f"＝{label}",
    )


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("label", HOSTILE, ids=[repr(h) for h in HOSTILE])
def test_text_that_could_start_a_formula_is_kept_as_text(label: str) -> None:
    [_header, row] = rows(expenses_csv([line(label)], CATEGORIES, {}, ["GBP"]))
    assert row[0] == "'" + label
    assert row[7] == "'\u00a0" + label  # payee
    assert row[-1] == "'＝" + label  # note


@pytest.mark.parametrize("label", HARMLESS)
def test_other_text_is_left_as_it_is(label: str) -> None:
    [_header, row] = rows(expenses_csv([line(label)], CATEGORIES, {}, ["GBP"]))
    assert row[0] == label


def test_category_and_step_names_are_neutralised_and_amounts_stay_numbers() -> None:
    expense = replace(line("Taxi", category="evil"), step_id="arrival-intake")
    steps = {"arrival-intake": "-step"}
    [header, row] = rows(expenses_csv([expense], CATEGORIES, steps, ["GBP"]))
    cells = dict(zip(header, row, strict=True))
    assert cells["Category"] == "'=1+1" and cells["Journey step"] == "'-step"
    assert cells["Planned"] == "-12.50" and cells["Paid"] == "1234.56"
    assert cells["Planned (GBP)"] == "-12.50"


SSCONVERT = shutil.which("ssconvert")


@pytest.mark.skipif(
    SSCONVERT is None, reason="Gnumeric's ssconvert is not installed (Debian package: gnumeric)"
)
def test_a_spreadsheet_reads_the_hostile_cells_as_text_and_the_amounts_as_numbers(tmp_path: Path) -> None:
    # Tabs, line breaks and NUL inside cells make Gnumeric guess the separator wrong; the unit
    # tests above cover them.
    hostile = [label for label in HOSTILE if not {"\t", "\r", "\x00"} & set(label)]
    # Many cells starting with ' make Gnumeric guess ' as the quoting character: one hostile text
    # cell a line here; the unit tests above cover the others.
    expenses = [replace(line(label, n), payee="Clinic", note="") for n, label in enumerate(hostile)]
    source = tmp_path / "expenses.csv"
    source.write_bytes(expenses_csv(expenses, CATEGORIES, {}, ["GBP"]).encode("utf-8"))
    target = tmp_path / "expenses.gnumeric"
    subprocess.run([str(SSCONVERT), str(source), str(target)], check=True, capture_output=True, timeout=120)
    xml = gzip.decompress(target.read_bytes()).decode("utf-8")
    cells = re.findall(r'<gnm:Cell Row="(\d+)" Col="(\d+)"([^>]*)>([^<]*)</gnm:Cell>', xml)
    assert len(cells) > len(hostile) * 8
    formulas = [(row, col, value) for row, col, kind, value in cells if "ValueType" not in kind]
    assert formulas == []  # a cell without a value type is an expression Gnumeric evaluated
    by_place = {(int(row), int(col)): (kind, value) for row, col, kind, value in cells}
    for n, label in enumerate(hostile, start=1):
        kind, value = by_place[(n, 0)]
        assert 'ValueType="60"' in kind  # a string, with the leading ' taken as "text" and dropped
        assert value == "".join(c for c in label if c >= " ")  # the XML cannot hold \x01
        for col, amount in ((3, -12.5), (4, 1234.56)):  # Planned, Paid
            kind, value = by_place[(n, col)]
            assert 'ValueType="40"' in kind and float(value) == pytest.approx(amount)  # numbers


def test_rates_are_written_as_typed_or_to_ten_significant_digits() -> None:
    from planner.budget.rules import ExpenseConversion

    inverse = Decimal(1) / Decimal("1.27")  # a USD line converted to pounds at 1 GBP = 1.27 USD
    conversions = (
        ExpenseConversion("GBP", Decimal("8740.16"), None, inverse, date(2026, 11, 15)),
        ExpenseConversion("KRW", Decimal("15540000"), None, Decimal("1400.00"), date(2026, 11, 15)),
    )
    expense = Expense(1, "Quote", "treatment", None, Decimal("11100"), None, "USD", None, "", "", conversions)
    [row] = list(csv.DictReader(io.StringIO(expenses_csv([expense], CATEGORIES, {}, ("GBP", "USD", "KRW")))))
    assert row["Rate to GBP"] == "0.7874015748"
    assert row["Rate to KRW"] == "1400"
    assert row["Rate to USD"] == "1"
