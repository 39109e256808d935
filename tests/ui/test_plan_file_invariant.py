"""The import invariant, end to end: a plan file the reader accepts can be shown on every page,
printed as every printout, exported to every format and started with; a file it refuses leaves
the database file byte for byte as it was. Hypothesis moves a rich plan's dates, rates, amounts,
package and checklist within and past the limits; the inputs that once broke the app are kept as
named examples."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner import commands
from planner.core import limits
from planner.db.database import Database
from planner.exit_codes import EXIT_OK
from planner.planfile.service import OnClash, PlanFileError, import_plan, read_plan_file
from planner.printouts.registry import PRINTOUTS
from planner.ui.app.main_window import MainWindow, settings_for
from tests.cli_runner import run
from tests.db.planfile.test_plan_file_limits_property import CHANGES, _source, mutate
from tests.db.planfile.test_plan_transfer import dump
from tests.ui.conftest import FakePrompter

CHECKLIST_SIZES = st.sampled_from([limits.CHECKLIST_ITEMS.most, limits.CHECKLIST_ITEMS.most + 1, 199_000])
ALL_CHANGES = st.one_of(
    CHANGES, st.lists(st.tuples(st.just("checklist_items"), CHECKLIST_SIZES), min_size=1, max_size=1)
)
PAGES = 7
"""The navigation's rows: overview, journey, itinerary, clinics, budget, checklist, learn."""


def changed(source: bytes, changes: list[tuple[str, Any]]) -> bytes:
    file = json.loads(source)
    for what, value in changes:
        if what == "checklist_items":
            item = {"step_id": "treatment", "text": "An item", "kind": "task"}
            file["checklist"] = [dict(item, text=f"Item {n}") for n in range(value)]
        else:
            mutate(file, what, value)
    return json.dumps(file).encode()


def file_bytes(db: Database) -> str:
    return hashlib.sha256(Path(db.path).read_bytes()).hexdigest()


def copy_of_data(db: Database, folder: Path) -> Path:
    """The data folder copied for another process to start on: the app allows one process per
    folder (the lock), and this test's connection stays open."""
    copy = folder / "data"
    copy.mkdir()
    with sqlite3.connect(db.path) as source, sqlite3.connect(copy / db.path.name) as target:
        source.backup(target)
    shutil.copy2(db.settings_path(), copy / db.settings_path().name)
    return copy


def works_everywhere(qtbot: QtBot, db: Database, plan_id: int, name: str, folder: Path) -> None:
    """Every printout and export is written, every page shows the plan, and the app starts on it."""
    for kind in PRINTOUTS:
        assert commands.export(db, name, {"pdf": folder / f"{kind}.pdf"}, "a4", kind) == EXIT_OK
    targets: dict[str, Path | None] = {k: folder / f"plan.{k}" for k in ("ics", "csv", "json")}
    assert commands.export(db, name, targets, "a4") == EXIT_OK
    window = MainWindow(db, FakePrompter(), settings_for(db))
    qtbot.addWidget(window)
    window.show()
    window.plan_combo.setCurrentIndex(window.plans.row_of(plan_id))
    for row in range(PAGES):
        window.nav.setCurrentRow(row)
        assert window.unshown is None, f"page {row}: {window.unshown}"
    window.close()  # remembers the plan, which the app then starts on
    started = run("--smoke", "--data-dir", str(copy_of_data(db, folder)))
    assert started.returncode == 0, started.stderr


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(changes=[("departure", date(9999, 12, 31))]).via("a stay starting on 31 December 9999")
@example(changes=[("departure", date(1752, 9, 14))]).via("a stay starting in 1752")
@example(changes=[("basis", "package:nope")]).via("a treatment basis naming no package")
@example(changes=[("rate", "9E+99")]).via("a rate of 9E+99")
@example(changes=[("conversion_rate", "1E-40")]).via("a conversion at 1E-40")
@example(changes=[("appointment", datetime(9998, 6, 1, 9))]).via("an appointment in the year 9998")
@example(changes=[("appointment", datetime(1, 1, 1, 0))]).via("an appointment at 0001-01-01T00:00")
@example(changes=[("appointment", datetime(9999, 12, 31, 22))]).via("an appointment at 9999-12-31T22:00")
@example(changes=[("checklist_items", 199_000)]).via("199,000 checklist items")
@example(changes=[("checklist_items", limits.CHECKLIST_ITEMS.most)]).via("a checklist at its limit")
@example(changes=[("departure", limits.LATEST_DAY)]).via("a stay starting on the last day kept")
@given(changes=ALL_CHANGES)
def test_a_file_the_reader_accepts_works_everywhere_and_one_it_refuses_changes_no_byte(
    qtbot: QtBot, db: Database, tmp_path: Path, changes: list[tuple[str, Any]]
) -> None:
    data = changed(_source(db), changes)
    before, before_bytes = dump(db), file_bytes(db)
    try:
        plan = import_plan(db, read_plan_file(db, data), OnClash.RENAME)
    except PlanFileError:
        assert file_bytes(db) == before_bytes and dump(db) == before
        return
    folder = tmp_path / f"exports-{plan.id}"
    folder.mkdir()
    works_everywhere(qtbot, db, plan.id, plan.name, folder)
