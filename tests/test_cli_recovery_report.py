"""`planner export PLAN --pdf FILE --printout recovery`: the doctor's report from the command line,
its charts drawn without a screen and nothing said on standard error."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest

from planner.app import build_parser, main
from planner.db.database import Database
from planner.printouts.registry import PRINTOUTS
from tests.fixed_time import TEST_NOW
from tests.recovery_plan import recovery_plan

PLAN = "Knee, recovery"


def test_every_printout_can_be_asked_for_on_the_command_line() -> None:
    export = build_parser().parse_args(["export", PLAN, "--printout", "recovery"])
    assert export.printout == "recovery"
    for kind in PRINTOUTS:
        assert build_parser().parse_args(["export", PLAN, "--printout", kind]).printout == kind
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", PLAN, "--printout", "diary"])


def test_export_writes_the_recovery_report(
    tmp_path: Path, fresh_database: Callable[[Path], Database], capfd: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    db = fresh_database(data)
    recovery_plan(db, TEST_NOW.date(), days=30, name=PLAN)
    db.close()
    pdf = tmp_path / "report.pdf"
    code = main(["export", PLAN, "--pdf", str(pdf), "--printout", "recovery", "--data-dir", str(data)])
    assert code == 0
    written = capfd.readouterr()
    assert written.out.strip() == f"Wrote {pdf}"
    assert written.err == ""  # drawing the charts without a screen makes Qt say nothing
    reader = pypdf.PdfReader(pdf)
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    words = " ".join(text.split())
    assert f"{PLAN} · Recovery report" in words and f"Page 1 of {len(reader.pages)}" in words
    assert "The treatment, as recorded" in words and "30 entries" in words
    assert "Baseline against the latest check-in" in words and "Exercise adherence per week" in words
    assert "does not claim that the treatment caused any change" in words
