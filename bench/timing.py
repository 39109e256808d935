"""What every benchmark case shares: run an action several times, print the median and worst."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

FRAME_MS = 16.0


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
