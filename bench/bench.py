"""Benchmarks (run with `make bench`). Figures are printed, never asserted: machines are noisy.

start-up: `planner --smoke` (start, open and migrate the database, load the catalogue, paint
the main window, exit) against a bare PySide6 window doing the same paint-and-exit, each run
several times in the same session; medians, their ratio, and each process's peak memory.

interactions: each page with a large database (5,000 clinics): median time of a keystroke or a
filter change, against one frame (16 ms); the recovery's charts and the doctor's report with two
years of daily entries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = "import sqlalchemy.orm, PySide6.QtWidgets"
ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def timed_run(command: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss // 1024


def measure(name: str, command: list[str], runs: int) -> tuple[float, int]:
    times, peaks = zip(*(timed_run(command) for _ in range(runs)), strict=True)
    median = statistics.median(times)
    print(
        f"{name:<34} median {median * 1000:7.0f} ms"
        f"  (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
        f"  peak memory {max(peaks)} MiB"
    )
    return median, max(peaks)


def startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        planner = [sys.executable, "-m", "planner.app", "--smoke", "--data-dir", str(data)]
        first, _ = timed_run(planner)
        print(
            f"{'planner --smoke, first start':<34} {first * 1000:7.0f} ms"
            "  (creates the database, loads the catalogue)"
        )
        bare, _ = measure("bare PySide6 window", [sys.executable, str(HERE / "bare_window.py")], runs)
        ours, _ = measure("planner --smoke, later starts", planner, runs)
        print(f"{'start-up ratio':<34} {ours / bare:7.2f} x the bare window (target: at most 3x)")
        floor, _ = measure("floor: import sqlalchemy.orm + Qt", [sys.executable, "-c", FLOOR], runs)
        print(f"{'floor ratio':<34} {floor / bare:7.2f} x the bare window (SQLAlchemy + Qt only)")


def interactions() -> None:
    """Each large-data case runs in its own process and prints its own figures."""
    for script in (
        "clinics_bench.py",
        "budget_bench.py",
        "checklist_bench.py",
        "journey_bench.py",
        "print_bench.py",
        "recovery_bench.py",
    ):
        result = subprocess.run(
            [sys.executable, str(HERE / script)], env=ENV, capture_output=True, text=True, check=False
        )
        print(result.stdout, end="")
        noise = ("propagateSizeHints",)  # the offscreen platform's harmless warning
        problems = [line for line in result.stderr.splitlines() if not any(n in line for n in noise)]
        if result.returncode != 0 or problems:
            print("\n".join(problems))
            raise SystemExit(f"{script} failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", choices=("startup", "interactions"))
    args = parser.parse_args()
    if args.only != "interactions":
        startup(max(5, args.runs))
    if args.only != "startup":
        interactions()


if __name__ == "__main__":
    main()
