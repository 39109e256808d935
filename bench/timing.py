"""What every benchmark case shares: run an action several times, print the median and worst."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

FRAME_MS = 16.0


def median_ms(action: Callable[[int], None], runs: int) -> tuple[float, float]:
    times = []
    for n in range(runs):
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
