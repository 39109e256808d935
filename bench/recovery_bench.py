"""Recovery with two years of daily diary entries and every check-in: open the Recovery page on
its Progress tab, draw the charts again after a new diary entry, and write the report for the
home doctor as a PDF.

Run through `make bench` (or `python bench/recovery_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import bench_plan, median_ms, open_data, report, show_filled

TODAY = date(2029, 3, 5)
TREATMENT = date(2027, 3, 5)
DAYS = (TODAY - TREATMENT).days
"""Every day from the treatment to the day before TODAY, the last day the diary takes: two years."""
REDRAW_MS = 50.0
PDF_MS = 500.0
ACTIVITIES = ("Climbing stairs", "Kneeling", "Running", "Squatting", "Walking for 30 minutes")
EXERCISES = ("Straight-leg raises", "Heel slides", "Bridges", "Clamshells", "Calf raises", "Wall squats")


def seed_recovery(db: object, plan_id: int) -> None:
    """The treatment day, five activities, six exercises, the baseline and the five check-ins,
    and a diary entry every day (a note on every ninth, a side effect on every thirtieth),
    through the services as the page saves them."""
    from planner.checklist.service import set_treatment_date
    from planner.recovery.checkins import POINTS
    from planner.recovery.rules import CheckInDraft, DiaryDraft
    from planner.recovery.service import (
        load_recovery,
        save_activities,
        save_check_in,
        save_diary_entry,
        save_exercises,
    )

    set_treatment_date(db, plan_id, TREATMENT)  # type: ignore[arg-type]
    save_activities(db, plan_id, ACTIVITIES)  # type: ignore[arg-type]
    save_exercises(db, plan_id, EXERCISES)  # type: ignore[arg-type]
    recovery = load_recovery(db, plan_id)  # type: ignore[arg-type]
    activities = [a.id for a in recovery.activities]
    exercises = [e.id for e in recovery.exercises]
    for step, point in enumerate(POINTS):
        values = {
            "pain-rest": str(5 - step),
            "pain-activity": str(7 - step),
            "walking-time": str(10 * step + 5),
        }
        ratings = {a: str(min(10, 2 + step + n % 2)) for n, a in enumerate(activities)}
        draft = CheckInDraft(point.id, point.due(TREATMENT), values, ratings, f"Check-in {point.label}.")
        save_check_in(db, plan_id, None, draft)  # type: ignore[arg-type]
    for day in range(DAYS):
        save_diary_entry(
            db,  # type: ignore[arg-type]
            plan_id,
            None,
            DiaryDraft(
                TREATMENT + timedelta(days=day),
                str(max(0, 7 - day // 100 + day % 3 - 1)),
                "Mild",
                str(day % 3),
                frozenset(e for n, e in enumerate(exercises) if (day + n) % 4),
                frozenset({"swelling"}) if day % 30 == 2 else frozenset(),
                "",
                f"Day {day}: walked to the shop and back." if day % 9 == 0 else "",
            ),
        )


def main() -> None:
    from planner.core import clock
    from planner.printouts.registry import build_printout
    from planner.recovery.rules import DiaryDraft
    from planner.recovery.service import delete_diary_entry, load_recovery, save_diary_entry
    from planner.ui.app.application import make_application
    from planner.ui.kit.events import AppEvents
    from planner.ui.kit.prompter import Prompter
    from planner.ui.printing.printing import write_pdf
    from planner.ui.recovery.recovery_page import TAB_PROGRESS, RecoveryPage

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp, clock.pinned(datetime.combine(TODAY, datetime.min.time())):
        db = open_data(Path(tmp) / "data")
        plan = bench_plan(db)
        start = time.perf_counter()
        seed_recovery(db, plan.id)
        seeded = (time.perf_counter() - start) * 1000
        print(f"{f'seed: {DAYS} diary entries and 6 check-ins':<48} {seeded:7.0f} ms (through the services)")

        page = RecoveryPage(db, Prompter(), AppEvents())
        page.tabs.setCurrentIndex(TAB_PROGRESS)
        load = show_filled(page, plan, app)
        print(f"{'open the Recovery page on Progress, first time':<48} {load:7.1f} ms")

        def reload_page(_n: int) -> None:
            page.load()
            app.processEvents()

        report("the Recovery page again (every tab's data, charts)", *median_ms(reload_page, 15), None)
        report("  of which reading the recovery", *median_ms(lambda _n: load_recovery(db, plan.id), 15), None)
        recovery = load_recovery(db, plan.id)

        def redraw(_n: int) -> None:
            page.progress.show_recovery(recovery, TODAY)
            app.processEvents()

        report("redraw the charts (show_recovery, repaint)", *median_ms(redraw, 30), REDRAW_MS)

        added: list[int] = []

        def new_entry(_n: int) -> None:
            draft = DiaryDraft(TODAY, "3", "Mild", "0", frozenset(), frozenset(), "", "Today's entry.")
            added.append(save_diary_entry(db, plan.id, None, draft))
            page.progress.show_recovery(load_recovery(db, plan.id), TODAY)
            app.processEvents()

        def new_entry_whole_page(_n: int) -> None:
            draft = DiaryDraft(TODAY, "3", "Mild", "0", frozenset(), frozenset(), "", "Today's entry.")
            added.append(save_diary_entry(db, plan.id, None, draft))
            page.reload()
            app.processEvents()

        def remove_entry() -> None:
            while added:
                delete_diary_entry(db, added.pop())

        report(
            "new diary entry: save, read, redraw the charts",
            *median_ms(new_entry, 15, between=remove_entry),
            None,
        )
        report(
            "new diary entry: save, the whole page again",
            *median_ms(new_entry_whole_page, 15, between=remove_entry),
            None,
        )
        remove_entry()
        page.close()

        pdf = Path(tmp) / "recovery.pdf"

        def report_pdf(_n: int) -> None:
            problem, _pages = write_pdf(build_printout(db, plan.id, "recovery", TODAY), "a4", pdf)
            assert problem is None

        report_pdf(0)
        _problem, pages = write_pdf(build_printout(db, plan.id, "recovery", TODAY), "a4", pdf)
        report(f"doctor's report PDF ({pages} A4 pages)", *median_ms(report_pdf, 7), PDF_MS)
        report(
            "  of which building it (read, compare, HTML)",
            *median_ms(lambda _n: build_printout(db, plan.id, "recovery", TODAY), 7),
            None,
        )
        db.close()


if __name__ == "__main__":
    main()
