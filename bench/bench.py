"""Benchmarks (run with `make bench`). Figures are printed, never asserted: machines are noisy.

start-up: `planner --smoke` (start, open and migrate the database, load the catalogue, paint
the main window, exit) against a bare PySide6 window doing the same paint-and-exit, each run
several times in the same session; medians, their ratio, and each process's peak memory. Then
what protecting the data adds: `planner plans` on the same data plain and protected (the
passphrase in PLANNER_PASSPHRASE), and the unlock alone (`unlock_key`: the key derived from the
passphrase, then checked against the data file), in a process of its own.

interactions: each page with a large database (5,000 clinics): median time of a keystroke or a
filter change, against one frame (16 ms); the recovery's charts and the doctor's report with two
years of daily entries. On plain data, then on protected data (`--data` chooses).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = "import sqlalchemy.orm, PySide6.QtWidgets"
ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
PASSPHRASE = "a passphrase for the benchmarks"
UNLOCKED = {**ENV, "PLANNER_PASSPHRASE": PASSPHRASE}
"""The environment a command on protected data takes its passphrase from (never an argument)."""
UNLOCK = """
import os, statistics, sys, time
from pathlib import Path
from planner.db.cipher import unlock_key
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    unlock_key(Path(sys.argv[1]), os.environ["PLANNER_PASSPHRASE"])
    times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000, min(times) * 1000, max(times) * 1000)
"""
"""Times `unlock_key` on the data file, in a process of its own, after its imports."""


def timed_run(command: list[str], env: dict[str, str] = ENV) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in MiB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss // 1024


def measure(name: str, command: list[str], runs: int, env: dict[str, str] = ENV) -> tuple[float, int]:
    times, peaks = zip(*(timed_run(command, env) for _ in range(runs)), strict=True)
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
        protected_startup(Path(tmp), data, runs)


def protected_startup(tmp: Path, plain: Path, runs: int) -> None:
    """The same data plain and protected, in turns: `planner plans` on each, the unlock alone, and
    `planner --smoke` on each (the window's start takes the passphrase from the environment then)."""
    protected = tmp / "protected"
    shutil.copytree(plain, protected)
    subprocess.run(
        [sys.executable, "-m", "planner.app", "protect", "--data-dir", str(protected)],
        env={**ENV, "PLANNER_NEW_PASSPHRASE": PASSPHRASE},
        capture_output=True,
        check=True,
    )
    plans = [sys.executable, "-m", "planner.app", "plans", "--data-dir"]
    timed_run([*plans, str(plain)])  # the start-up backup of the copy, outside the timed runs
    timed_run([*plans, str(protected)], UNLOCKED)
    # In turns, so that the shared machine's changing load weighs on both alike.
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(2 * runs):
        for locked in (False, True):
            command = [*plans, str(protected if locked else plain)]
            times[locked].append(timed_run(command, UNLOCKED if locked else ENV)[0])
    for locked in (False, True):
        spread = [t * 1000 for t in sorted(times[locked])]
        name = f"planner plans, {'protected' if locked else 'plain'} data"
        median = statistics.median(spread)
        print(f"{name:<34} median {median:7.0f} ms  (min {spread[0]:.0f}, max {spread[-1]:.0f})")
    added = statistics.median(times[True]) - statistics.median(times[False])
    print(f"{'protection adds to a start':<34} {added * 1000:7.0f} ms")
    unlocked = subprocess.run(
        [sys.executable, "-c", UNLOCK, str(protected / "planner.sqlite3"), str(runs)],
        env=UNLOCKED,
        capture_output=True,
        text=True,
        check=True,
    )
    median, low, high = (float(figure) for figure in unlocked.stdout.split())
    print(
        f"{'unlock (unlock_key: derive, check)':<34} median {median:7.0f} ms  (min {low:.0f}, max {high:.0f})"
        "  PBKDF2-HMAC-SHA512, 256,000 rounds"
    )
    smoke = [sys.executable, "-m", "planner.app", "--smoke", "--data-dir"]
    for _ in range(runs):  # in turns too
        for locked in (False, True):
            command = [*smoke, str(protected if locked else plain)]
            times[locked].append(timed_run(command, UNLOCKED if locked else ENV)[0])
    for locked in (False, True):
        spread = [t * 1000 for t in sorted(times[locked][-runs:])]
        name = f"planner --smoke, {'protected' if locked else 'plain'} data"
        median = statistics.median(spread)
        print(f"{name:<34} median {median:7.0f} ms  (min {spread[0]:.0f}, max {spread[-1]:.0f})")


def interactions(protected: bool) -> None:
    """Each large-data case runs in its own process and prints its own figures."""
    print(f"\ninteractions, {'protected' if protected else 'plain'} data:")
    for script in (
        "clinics_bench.py",
        "budget_bench.py",
        "checklist_bench.py",
        "journey_bench.py",
        "print_bench.py",
        "recovery_bench.py",
    ):
        command = [sys.executable, str(HERE / script), *(["--protected"] if protected else [])]
        result = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
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
    parser.add_argument(
        "--data", choices=("plain", "protected", "both"), default="both", help="the interactions' data"
    )
    args = parser.parse_args()
    if args.only != "interactions":
        startup(max(5, args.runs))
    if args.only != "startup":
        for protected in (False, True):
            if args.data in ("both", "protected" if protected else "plain"):
                interactions(protected)


if __name__ == "__main__":
    main()
