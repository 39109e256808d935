"""Writes a small plan file with a Korean name, for checking a built app: `sample_plan.py FILE`.

The bundle must import it, list it, and print it to a PDF whose Korean text survives (so the fonts
travel with the app).
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from planner.planfile.service import export_plan
from planner.plans.rules import PlanDraft
from planner.plans.service import create_plan
from planner.startup import open_synced_database

PLAN_NAME = "무릎 치료, Seoul"


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_synced_database(Path(folder))
        try:
            draft = PlanDraft(
                name=PLAN_NAME,
                condition_id="knee-cartilage-damage",
                home_country="GB",
                home_currency="GBP",
                departure=date(2027, 3, 1),
                return_=date(2027, 3, 15),
                budget_limit="12000",
            )
            plan = create_plan(db, draft)
            target.write_bytes(export_plan(db, plan.id))
        finally:
            db.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
