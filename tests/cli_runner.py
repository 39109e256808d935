"""The planner command as a person runs it, for the command-line tests, its output captured as
text and its exit code kept, never left waiting.

`run` calls the command's entry (`planner.app.main`) in the test's own process: what it writes
to the standard output and error, from Python or from Qt and other native code, is taken at the
file descriptors, as from a process of its own; leaving through `sys.exit` gives its code, and an
error nothing caught gives its traceback on stderr and exit 1, as Python does. What the command
changes in the process for its own run (sys.excepthook, the number locale, a window left open by
`--smoke`) is put back. It takes a fraction of a second where starting Python, Qt and the app
takes one or two.

`run_process` and `run_command` start a process of its own, for what only one shows: the real
start-up (`python -m planner.app`), a umask, a signal, a wrapper that starts the planner.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PLANNER = (sys.executable, "-m", "planner.app")

_application: Any = None
"""The QApplication `run` made when none was running yet (kept alive, as pytest-qt keeps its)."""


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
        stdin=subprocess.DEVNULL,  # never a terminal to be asked on, even when the tests run in one
        timeout=120,
        check=False,
        preexec_fn=None if umask is None else (lambda: os.umask(umask)),
    )


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`planner ARGS...` started as a process of its own: `python -m planner.app ARGS...`."""
    return run_command([*PLANNER, *args])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`planner ARGS...` run in this process (see the module's docstring)."""
    _qt_running()
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        with _process_state_kept(), _output_to(stdout, stderr):
            code = _exit_code(list(args))
        stdout.seek(0)
        stderr.seek(0)
        return subprocess.CompletedProcess(
            [*PLANNER, *args], code, stdout.read().decode("utf-8"), stderr.read().decode("utf-8")
        )


def _exit_code(argv: list[str]) -> int:
    from planner.app import main

    try:
        return main(argv)
    except SystemExit as leaving:
        if leaving.code is None or isinstance(leaving.code, int):
            return leaving.code or 0
        print(leaving.code, file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1


def _qt_running() -> None:
    """A QApplication as the tests' own (pytest-qt's), so that the command does not make one of
    its own that the later tests would then share."""
    global _application
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        _application = QApplication(["pytest-qt-qapp"])
        _application.setApplicationName("pytest-qt-qapp")


@contextmanager
def _output_to(stdout: IO[bytes], stderr: IO[bytes]) -> Iterator[None]:
    """Standard output and error, at the file descriptors and as sys.stdout and sys.stderr, go to
    the two files; Qt's messages go to standard error, as Qt writes them when nobody handles
    them."""
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def to_stderr(kind: Any, context: Any, message: str) -> None:
        print(qFormatLogMessage(kind, context, message), file=sys.stderr)

    python_streams = sys.stdout, sys.stderr
    for stream in python_streams:
        stream.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    try:
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True
        )
        previous_handler = qInstallMessageHandler(to_stderr)
        try:
            yield
        finally:
            qInstallMessageHandler(previous_handler)
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        sys.stdout, sys.stderr = python_streams
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)


@contextmanager
def _process_state_kept() -> Iterator[None]:
    """Put back what the command sets for the whole process, and free the windows it left open."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from planner.core.money import number_locale, set_number_locale

    hook, locale = sys.excepthook, number_locale()
    windows = set(QApplication.topLevelWidgets())
    try:
        yield
    finally:
        sys.excepthook = hook
        set_number_locale(locale)
        for window in QApplication.topLevelWidgets():
            if window not in windows:
                window.hide()  # not closed: closing saves the window's state, as a run never does
                window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
