"""Journey and itinerary with 2,000 appointments: open a step page, and redraw the day-by-day view.

Run through `make bench` (or `python bench/journey_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import STEPS, bench_plan, median_ms, open_data, report, seed_engine, show_filled

APPOINTMENTS = 2_000
TARGET_MS = 50.0
ZONES = ("Asia/Seoul", "Europe/London")


def seed_appointments(db: Any, plan_id: int) -> None:
    """2,000 appointments, 1 hour each, four a day from 2026-12-01 (over about 500 days)."""
    from sqlalchemy import insert

    from planner.core.zones import to_utc
    from planner.db.models import AppointmentRow

    engine = seed_engine(db)
    now = datetime.now(UTC).replace(tzinfo=None)
    first = datetime(2026, 12, 1, 9)
    rows = []
    for i in range(APPOINTMENTS):
        start = first + timedelta(days=i // 4, hours=2 * (i % 4))
        zone = ZONES[i % 2]
        end = start + timedelta(hours=1)
        rows.append(
            {
                "plan_id": plan_id,
                "step_id": STEPS[i % len(STEPS)],
                "kind": "consultation",
                "title": f"Appointment {i}",
                "start_local": start,
                "end_local": end,
                "zone": zone,
                "start_utc": to_utc(start, zone),
                "end_utc": to_utc(end, zone),
                "location": "Clinic, Gangnam" if i % 3 else "",
                "note": "",
                "proposal_key": None,
                "created_at": now,
                "updated_at": now,
            }
        )
    with engine.begin() as connection:
        connection.execute(insert(AppointmentRow), rows)
    engine.dispose()


def main() -> None:
    from datetime import date

    from planner.ui.app.application import make_application
    from planner.ui.journey.itinerary_page import ItineraryPage
    from planner.ui.journey.journey_page import JourneyPage
    from planner.ui.kit.events import AppEvents
    from planner.ui.kit.prompter import Prompter

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data(Path(tmp))
        plan = bench_plan(db)
        seed_appointments(db, plan.id)
        journey = JourneyPage(db, Prompter(), AppEvents(), today=date(2027, 3, 3))
        load = show_filled(journey, plan, app)
        print(f"{'journey page: first load, 2,000 appointments':<48} {load:7.1f} ms")

        def open_step(n: int) -> None:
            journey.show_step(STEPS[n % len(STEPS)])
            app.processEvents()

        report("journey: open a step page (250 appointments)", *median_ms(open_step, 40), TARGET_MS)

        def reload_journey(_n: int) -> None:
            journey.load()
            app.processEvents()

        report("journey: whole page after a change", *median_ms(reload_journey, 20), TARGET_MS)
        journey.hide()

        itinerary = ItineraryPage(db, Prompter(), AppEvents())
        load = show_filled(itinerary, plan, app)
        print(f"{'itinerary: first load, 2,000 appointments':<48} {load:7.1f} ms")

        def redraw(_n: int) -> None:
            itinerary.load()
            app.processEvents()

        report("itinerary: redraw the day-by-day view", *median_ms(redraw, 20), TARGET_MS)
        db.close()


if __name__ == "__main__":
    main()
