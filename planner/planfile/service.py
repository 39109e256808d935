"""Whole plans to and from plan files (see `planner.planfile.format` for the format and its checks).

Export writes everything the plan holds: its own clinics (catalogue clinics by their catalogue
id), shortlist, quotes, rates, expenses with their kept conversions, the estimate's settings and
changes, the deposit, the checklist, the journey, the appointments, the trip details, and the
person's notes and answers for the plan's clinics (see `export_store`). Import checks the whole
file first, then writes it in one transaction: all of it, or nothing (see `import_store`).
"""

from __future__ import annotations

import msgspec

from planner.changes import Change, changes
from planner.core.collector import collector_paused
from planner.db.database import Database
from planner.planfile.export_store import exported_plan
from planner.planfile.format import PlanFile, PlanFileError, parse_plan_file
from planner.planfile.import_store import known_references, plan_write_refusals, write_plan
from planner.planfile.rules import NameClash, OnClash, name_for_import
from planner.plans.rules import Plan
from planner.plans.store import plan_from_row, taken_plan_names

__all__ = ["NameClash", "OnClash", "PlanFileError", "export_plan", "import_plan", "read_plan_file"]


def export_plan(db: Database, plan_id: int) -> bytes:
    """The plan as UTF-8 JSON bytes in the current plan-file version."""
    with collector_paused(), db.transaction() as session:
        return msgspec.json.encode(exported_plan(session, plan_id))


def read_plan_file(db: Database, data: bytes) -> PlanFile:
    """Check a plan file against this database; raises PlanFileError saying what is wrong."""
    with db.transaction() as session:
        return parse_plan_file(data, known_references(session))


@changes(Change.PLAN | Change.CLINICS)
def import_plan(
    db: Database, file: PlanFile, on_clash: OnClash = OnClash.ASK, name: str | None = None
) -> Plan:
    """Write a checked plan file as a new plan, in one transaction.

    When a plan already has the name: ASK raises NameClash (nothing written), RENAME imports it
    under `name` or the next free "(copy)" name, REPLACE deletes that plan in the same
    transaction. Raises PlanFileError if the database refuses any part; nothing is then written.
    The data is backed up first.
    """
    requested = file.name if name is None else name
    if on_clash is OnClash.ASK:
        with db.transaction() as session:
            name_for_import(requested, taken_plan_names(session), on_clash)  # asks before any backup
    db.back_up("before-import")
    with plan_write_refusals(), collector_paused(), db.transaction() as session:
        wanted, replaces = name_for_import(requested, taken_plan_names(session), on_clash)
        return plan_from_row(session, write_plan(session, file, wanted, replaces))
