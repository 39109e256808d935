"""Time `--smoke` of the bundled app against the source install, in one run, interleaved.

`startup_compare.py BUNDLED_PLANNER SOURCE_PLANNER [ROUNDS]` prints each one's median and range.
A measurement for the README, not a test: the machines are shared and noisy.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def smoke_seconds(planner: str, data: Path) -> float:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(data), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    started = time.perf_counter()
    subprocess.run([planner, "--data-dir", str(data / "data"), "--smoke"], env=env, check=True)
    return time.perf_counter() - started


def main() -> None:
    bundled, source = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    times: dict[str, list[float]] = {"bundle": [], "source": []}
    with tempfile.TemporaryDirectory() as folder:
        for name, planner in (("bundle", bundled), ("source", source)):
            os.makedirs(Path(folder) / name, exist_ok=True)
            smoke_seconds(planner, Path(folder) / name)  # first start: creates the data
        for _ in range(rounds):
            for name, planner in (("bundle", bundled), ("source", source)):
                times[name].append(smoke_seconds(planner, Path(folder) / name))
    for name, values in times.items():
        print(
            f"dist-check: --smoke from the {name}: median {statistics.median(values):.2f} s "
            f"({min(values):.2f}-{max(values):.2f} s, {rounds} runs)"
        )


if __name__ == "__main__":
    main()
