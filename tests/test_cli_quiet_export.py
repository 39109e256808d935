"""A successful export writes its PDF and says so on standard output, with nothing on standard
error (the budget's charts once made Qt's screenless platform warn there). Run as a process of its
own: a warning Qt gives once per process would be missed in one that has already given it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from planner.budget.rules import ExpenseDraft
from planner.budget.service import save_expense
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan
from tests.cli_runner import run_process


@pytest.mark.parametrize("printout", ["budget", "itinerary"])
def test_an_export_with_charts_prints_nothing_to_standard_error(
    tmp_path: Path, printout: str, fresh_database: Callable[[Path], Database]
) -> None:
    data = tmp_path / "data"
    db = fresh_database(data)
    plan = create_plan(
        db,
        PlanDraft("Knee, March", "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11)),
    )
    save_expense(
        db,
        plan.id,
        ExpenseDraft("Flights", "travel", None, "850.00", "", "GBP", None),
        today=date(2026, 11, 20),
    )
    db.close()
    pdf = tmp_path / "out.pdf"
    result = run_process(
        "export", "Knee, March", "--pdf", str(pdf), "--printout", printout, "--data-dir", str(data)
    )
    assert result.returncode == 0 and pdf.exists()
    assert result.stderr == ""
