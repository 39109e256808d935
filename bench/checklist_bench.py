"""Checklist page with 5,000 items: tick one and see the progress, and apply a filter.

Run through `make bench` (or `python bench/checklist_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import STEPS, bench_plan, median_ms, open_data, report, seed_engine, show_filled

ITEMS = 5_000


def seed_items(db: Any, plan_id: int) -> None:
    from sqlalchemy import insert

    from planner.db.models import ChecklistItemRow

    engine = seed_engine(db)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "plan_id": plan_id,
            "step_id": STEPS[i % len(STEPS)],
            "position": 1000 + i,
            "template_id": None,
            "text": f"Item {i}: {'book' if i % 3 else 'ask'} something {i % 97}",
            "kind": "task",
            "document": "",
            "note": "",
            "done_at": now if i % 4 == 0 else None,
            "due_on": None,
            "due_anchor": "departure" if i % 2 else "",
            "due_days": (i % 200) - 150 if i % 2 else None,
            "expires_on": None,
            "created_at": now,
        }
        for i in range(ITEMS)
    ]
    with engine.begin() as connection:
        connection.execute(insert(ChecklistItemRow), rows)
    engine.dispose()


def main() -> None:
    from planner.checklist.rules import Filter
    from planner.ui.app.application import make_application
    from planner.ui.checklist.checklist_page import ChecklistPage
    from planner.ui.kit.events import AppEvents
    from planner.ui.kit.prompter import Prompter

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data(Path(tmp))
        plan = bench_plan(db)
        seed_items(db, plan.id)
        page = ChecklistPage(db, Prompter(), AppEvents())
        load = show_filled(page, plan, app)
        print(f"{f'checklist page: load {page.model.rowCount():,} items':<48} {load:7.1f} ms")
        page.table.selectRow(10)

        def tick(_n: int) -> None:
            page.toggle_current()
            app.processEvents()

        report("tick one item (save + progress + repaint)", *median_ms(tick, 30))
        filters = [page.filter.findData(f) for f in (Filter.OPEN, Filter.OVERDUE, Filter.DONE, Filter.ALL)]

        def pick_filter(n: int) -> None:
            page.filter.setCurrentIndex(filters[n % len(filters)])
            app.processEvents()

        report("apply a filter", *median_ms(pick_filter, 30))
        page.close()
        db.close()


if __name__ == "__main__":
    main()
