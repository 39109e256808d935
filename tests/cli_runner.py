"""The planner command run as a person runs it, in its own process, for the command-line tests:
offscreen, its output captured as text, never left waiting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLANNER = (sys.executable, "-m", "planner.app")


def run_command(
    argv: list[str], umask: int | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `argv` (the planner, or a wrapper that starts it) with an optional umask and folder."""
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=cwd,
        timeout=120,
        check=False,
        preexec_fn=None if umask is None else (lambda: os.umask(umask)),
    )


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`planner ARGS...`."""
    return run_command([*PLANNER, *args])
