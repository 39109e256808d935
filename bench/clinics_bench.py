"""Clinics page with 5,000 clinics: load them, apply a search keystroke, apply a filter.

Run through `make bench` (or `python bench/clinics_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import median_ms, open_data, report, seed_engine

CLINICS = 5_000
DISTRICTS = ("Gangnam", "Sinsa", "Jamsil", "Mapo", "Itaewon", "Jongno", "Yeouido", "Seocho")
WORDS = ("knee", "tendon", "sports", "cartilage", "spine", "shoulder", "ligament", "rehab")


def seed_clinics(db: Any) -> None:
    """5,000 of the user's own clinics, written straight into the table (fast, like an import)."""
    from sqlalchemy import insert

    from planner.db.models import ClinicAnnotationRow, ClinicRow

    engine = seed_engine(db)
    techniques = ["stem-cells", "prp", "exosomes", "nk-cells", "fat-grafting", "gene-therapy"]
    rows = [
        {
            "catalogue_id": None,
            "name": f"{WORDS[i % len(WORDS)].title()} Clinic {i:04d}",
            "city": "Seoul",
            "district": DISTRICTS[i % len(DISTRICTS)],
            "location": f"{i} Teheran-ro",
            "focus": f"Regenerative care for {WORDS[(i * 3) % len(WORDS)]} injuries",
            "lead_doctors": [f"Dr. Kim {i}"],
            "key_features": ["Clean-room lab", f"Feature {i % 97}"],
            "special_techniques": [],
            "treatments": ["Stem cell therapy"],
            "conditions": ["soft-tissue"] if i % 2 else ["soft-tissue", "knee-cartilage"],
            "techniques": techniques[: 1 + i % len(techniques)],
            "approvals": [],
            "government_approved": i % 10 == 0,
            "claims": [],
            "sources": [],
            "retired": False,
        }
        for i in range(CLINICS)
    ]
    with engine.begin() as connection:
        connection.execute(insert(ClinicRow), rows)
        ids = [r[0] for r in connection.exec_driver_sql("SELECT id FROM clinic ORDER BY id DESC LIMIT 500")]
        now = datetime.now(UTC).replace(tzinfo=None)
        connection.execute(
            insert(ClinicAnnotationRow),
            [
                {"clinic_id": i, "note": "", "rating": 1 + i % 5, "hidden": i % 50 == 0, "updated_at": now}
                for i in ids
            ],
        )
    engine.dispose()


def main() -> None:
    from planner.ui.app.application import make_application
    from planner.ui.clinics.clinics_page import ClinicsPage
    from planner.ui.kit.events import AppEvents
    from planner.ui.kit.prompter import Prompter

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data(Path(tmp))
        seed_clinics(db)
        page = ClinicsPage(db, Prompter(), AppEvents())
        page.resize(1200, 760)
        page.show()
        start = time.perf_counter()
        page.reload()
        app.processEvents()
        load = (time.perf_counter() - start) * 1000
        print(f"{'clinics page: load ' + format(page.model.rowCount(), ',') + ' clinics':<44} {load:7.1f} ms")

        queries = ["k", "kn", "kne", "knee", "knee c", "knee cl", "knee cli", "knee clin"]

        def keystroke(n: int) -> None:
            page.filters.search.setText(queries[n % len(queries)])
            app.processEvents()

        report("search keystroke (filter + counts + repaint)", *median_ms(keystroke, 40))
        page.filters.search.clear()
        techniques = [page.filters.technique.findData(t) for t in ("prp", "exosomes", "nk-cells", None)]

        def pick_filter(n: int) -> None:
            page.filters.technique.setCurrentIndex(max(techniques[n % len(techniques)], 0))
            app.processEvents()

        report("technique filter change", *median_ms(pick_filter, 40))

        def toggle_approved(n: int) -> None:
            page.filters.approved.setChecked(n % 2 == 0)
            app.processEvents()

        report("government-approved filter toggle", *median_ms(toggle_approved, 40))
        page.close()
        db.close()


if __name__ == "__main__":
    main()
