"""What every benchmark case shares: run an action several times, print the median and worst; and
the data it runs on, plain or, given `--protected`, protected with a passphrase."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FRAME_MS = 16.0
PROTECTED = "--protected"
"""Given on a benchmark's command line, it runs on data protected with a passphrase."""
PASSPHRASE = "a passphrase for the benchmarks"


def protected() -> bool:
    return PROTECTED in sys.argv[1:]


def open_data(folder: Path) -> Any:
    """The data in `folder`, opened as the app opens it; with `--protected`, protected first, so
    that every page the benchmark reads or writes goes through SQLCipher, as for someone who
    protected their data (the key is derived once, when protecting, as when unlocking)."""
    from planner.protection.service import protect_data
    from planner.startup import open_synced_database

    db = open_synced_database(folder)
    if protected():
        protect_data(db, PASSPHRASE)
    return db


def seed_engine(db: Any) -> Any:
    """An engine on `db`'s file keyed as its own connections are, to write rows straight in."""
    from planner.db.engine import make_engine

    return make_engine(db.path, lambda: db.key)


def median_ms(
    action: Callable[[int], None], runs: int, between: Callable[[], None] | None = None
) -> tuple[float, float]:
    """The median and worst of `runs` timed runs; `between` runs untimed before each one."""
    times = []
    for n in range(runs):
        if between is not None:
            between()
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def report(name: str, median: float, worst: float, target: float | None = FRAME_MS) -> None:
    if target is None:
        verdict = ""
    else:
        verdict = f"  within {target:.0f} ms" if median < target else f"  OVER {target:.0f} ms"
    print(f"{name:<48} median {median:7.1f} ms  (max {worst:.1f}){verdict}")


def bench_plan(db: Any, budget_limit: str = "") -> Any:
    """The plan every page benchmark fills: a knee plan from the UK, 1-11 March 2027."""
    from datetime import date

    from planner.plans.service import PlanDraft, create_plan

    return create_plan(
        db,
        PlanDraft(
            "Bench", "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), budget_limit
        ),
    )


def show_filled(page: Any, plan: Any, app: Any) -> float:
    """Show `page` at a desktop size, then give it the plan; returns how long filling it took (ms)."""
    page.resize(1200, 760)
    page.show()
    app.processEvents()
    start = time.perf_counter()
    page.set_plan(plan)
    app.processEvents()
    return (time.perf_counter() - start) * 1000


STEPS = (  # the journey's steps, by id, in order
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
)
