"""The planner run in a terminal, for the tests of what a person types at its prompts: a process
of its own whose standard input and output are a pseudo-terminal that is also its controlling
terminal (getpass reads and writes there, echo turned off), and whose standard error is a pipe,
kept apart. The test waits for each prompt before typing, as a person does; text typed before
getpass has turned echo off would be shown, and getpass throws away what was typed before it.
POSIX only."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import select
import subprocess
import termios
import time
from collections.abc import Mapping

from tests.cli_runner import PLANNER

TIMEOUT = 60.0
"""Seconds to wait for a prompt or for the end, far more than a start and a key's derivation take."""


class Terminal:
    """`planner ARGS...` started in a pseudo-terminal with the environment `env`."""

    def __init__(self, *args: str, env: Mapping[str, str]) -> None:
        self.shown = ""
        """Everything the terminal has shown so far (its line ends are "\\r\\n")."""
        self._seen = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._master, slave = pty.openpty()
        try:
            self._process = subprocess.Popen(
                [*PLANNER, *args],
                stdin=slave,
                stdout=slave,
                stderr=subprocess.PIPE,
                env=dict(env),
                start_new_session=True,
                preexec_fn=_take_terminal,
            )
        finally:
            os.close(slave)

    def expect(self, text: str) -> None:
        """Wait until the terminal shows `text` after what an earlier expect matched."""
        deadline = time.monotonic() + TIMEOUT
        while text not in self.shown[self._seen :]:
            if not self._read(deadline - time.monotonic()):
                raise AssertionError(f"the terminal never showed {text!r}; it showed {self.shown!r}")
        self._seen = self.shown.index(text, self._seen) + len(text)

    def type(self, line: str) -> None:
        """Type `line` and press Enter."""
        os.write(self._master, f"{line}\r".encode())

    def press(self, key: str) -> None:
        """Press `key` alone: "\x03" is Ctrl-C, "\x04" Ctrl-D."""
        os.write(self._master, key.encode())

    def finish(self) -> tuple[int, str, str]:
        """Wait for the process to end: its exit code, what the terminal showed, its stderr."""
        deadline = time.monotonic() + TIMEOUT
        while self._read(deadline - time.monotonic()):
            pass
        try:
            code = self._process.wait(timeout=max(deadline - time.monotonic(), 1))
            assert self._process.stderr is not None
            stderr = self._process.stderr.read().decode("utf-8")
        finally:
            self.close()
        return code, self.shown, stderr

    def close(self) -> None:
        """Stop the process if it is still running, and close the terminal."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._process.stderr is not None:
            self._process.stderr.close()
        if self._master >= 0:
            os.close(self._master)
            self._master = -1

    def _read(self, seconds: float) -> bool:
        """Read what the terminal shows within `seconds`; False once it is closed or time is up."""
        if seconds <= 0:
            return False
        ready, _, _ = select.select([self._master], [], [], seconds)
        if not ready:
            return False
        try:
            chunk = os.read(self._master, 4096)
        except OSError:  # EIO: the process ended and closed its side
            return False
        self.shown += self._decoder.decode(chunk)
        return bool(chunk)


def _take_terminal() -> None:
    """In the new process, after it has left the test's session: make its standard input, the
    pseudo-terminal, its controlling terminal (what getpass opens as /dev/tty)."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
