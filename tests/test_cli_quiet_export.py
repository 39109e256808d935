"""A successful export writes its PDF and says so on standard output, with nothing on standard
error (the budget's charts once made Qt's screenless platform warn there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.budget.rules import ExpenseDraft
from planner.budget.service import save_expense
from planner.plans.service import PlanDraft, create_plan
from planner.startup import open_synced_database
from tests.cli_runner import run


@pytest.mark.parametrize("printout", ["budget", "itinerary"])
def test_an_export_with_charts_prints_nothing_to_standard_error(tmp_path: Path, printout: str) -> None:
    data = tmp_path / "data"
    db = open_synced_database(data)
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
    result = run("export", "Knee, March", "--pdf", str(pdf), "--printout", printout, "--data-dir", str(data))
    assert result.returncode == 0 and pdf.exists()
    assert result.stderr == ""
