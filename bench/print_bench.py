"""Print and export: the itinerary PDF of a 30-day stay with 150 appointments, and a plan file
export and import with as many expense lines as a plan may hold (5,000).

Run through `make bench` (or `python bench/print_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from budget_bench import LINES, seed_budget
from timing import bench_plan, median_ms, open_data, report

TARGET_MS = 500.0
APPOINTMENTS = 150
DAYS = 30


def seed_stay(db: object, plan_id: int) -> None:
    """A 30-day stay from 1 March 2027 with five appointments a day in Seoul."""
    from planner.journey.itinerary import AppointmentDraft
    from planner.journey.itinerary_service import save_appointment
    from planner.plans.service import change_dates

    change_dates(db, plan_id, date(2027, 2, 28), date(2027, 3, 31), date(2027, 3, 4))  # type: ignore[arg-type]
    first = datetime(2027, 3, 1, 9)
    for n in range(APPOINTMENTS):
        start = first + timedelta(days=n % DAYS, hours=2 * (n // DAYS))
        save_appointment(
            db,  # type: ignore[arg-type]
            plan_id,
            AppointmentDraft(
                "recovery-follow-up",
                "physiotherapy",
                f"Physiotherapy session {n + 1}",
                start,
                start + timedelta(hours=1),
                "Asia/Seoul",
                "Rehabilitation centre, Gangnam-gu, Seoul",
                "Bring the exercise sheet." if n % 3 == 0 else "",
            ),
        )


def main() -> None:
    from planner.planfile.service import OnClash, export_plan, import_plan, read_plan_file
    from planner.plans.service import delete_plan
    from planner.printouts.registry import build_printout
    from planner.ui.app.application import make_application
    from planner.ui.printing.printing import write_pdf

    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data(Path(tmp) / "data")
        plan = bench_plan(db)
        seed_stay(db, plan.id)
        pdf = Path(tmp) / "itinerary.pdf"

        def make_pdf(_n: int) -> None:
            problem, _pages = write_pdf(build_printout(db, plan.id, "itinerary"), "a4", pdf)
            assert problem is None

        make_pdf(0)
        _problem, pages = write_pdf(build_printout(db, plan.id, "itinerary"), "a4", pdf)
        report(
            f"itinerary PDF: {APPOINTMENTS} appointments, {pages} pages", *median_ms(make_pdf, 7), TARGET_MS
        )

        seed_budget(db, plan.id)
        data = export_plan(db, plan.id)
        report(
            f"plan file export: {LINES:,} expense lines ({len(data) // 1024:,} KB)",
            *median_ms(lambda _n: export_plan(db, plan.id), 5),
            TARGET_MS,
        )
        target = open_data(Path(tmp) / "other")
        imported: list[int] = []

        def import_file(_n: int) -> None:
            imported.append(import_plan(target, read_plan_file(target, data), OnClash.RENAME).id)

        def delete_imported() -> None:
            while imported:
                delete_plan(target, imported.pop())

        report(
            "plan file import: check the whole file, then write",
            *median_ms(import_file, 7, between=delete_imported),
            TARGET_MS,
        )
        report(
            "  of which checking the file", *median_ms(lambda _n: read_plan_file(target, data), 7), TARGET_MS
        )
        import_file(0)

        def replace_plan(_n: int) -> None:
            import_plan(target, read_plan_file(target, data), OnClash.REPLACE)

        report(
            "plan file import replacing a plan of that size",
            *median_ms(replace_plan, 5),
            None,
        )
        target.close()
        db.close()


if __name__ == "__main__":
    main()
