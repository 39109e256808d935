"""Processes for the crash tests to kill: each forked from a server that imported the app once, so
that it starts in hundredths of a second instead of a second or two.

Run as ``python tests/fork_server.py FD JOB``, the server imports the module JOB (such as
``tests.crash_writer``) and calls its ``prepare()`` once, which returns the function a process
runs on a data folder (for ever, until killed) and may do first the slow work every process
would repeat, such as deriving a key from a passphrase. Then it starts one process for each
request on the Unix socket FD: a request is a data folder's path, sent with two file descriptors
for the process's standard output and error; the answers are lines on the socket, the process's
id once it has started, then its exit code once it has ended (negative: the signal that ended
it). Each process is forked from the server, which is single-threaded and has no database open:
it opens the data as the job run on its own does, and dies as alone when killed.

`ForkServer` starts such a server from a test, and `run_and_kill` starts a process, waits for its
first line of output and kills it (SIGKILL) a given time later.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# Run as a plain script, sys.path[0] is tests/; make the app and the jobs importable.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

Job = Callable[[Path], None]
"""What a process does with the data folder it is given, until it is killed."""
FIRST_LINE_TIMEOUT = 90.0
"""A start is under a second (the first, which makes the data, the longest); a slow, shared machine
gets plenty more before the run counts as stuck."""
EXIT_TIMEOUT = 30.0


# --- the server, in its own process -----------------------------------------------------------


def serve(channel: socket.socket, job: Job) -> None:
    """Start a process running `job` for each request on `channel`, until it is closed."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    while True:
        request, fds, _flags, _address = socket.recv_fds(channel, 4096, 2)
        if not request:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _be_the_process(channel, job, Path(request.decode()), fds)
        for fd in fds:
            os.close(fd)
        channel.sendall(f"{pid}\n".encode())
        _pid, status = os.waitpid(pid, 0)
        channel.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


def _be_the_process(channel: socket.socket, job: Job, data_dir: Path, fds: list[int]) -> None:
    """In a forked child: run `job` on `data_dir` with the given output and error, until killed."""
    try:
        channel.close()
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        for fd in fds:
            os.close(fd)
        job(data_dir)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)  # never this process's exit handlers: they are the server's


# --- the test's side ----------------------------------------------------------------------------


class ForkServer:
    """A server (see the module's docstring) for the job in module `job`, until closed. `env` is
    added to the server's environment, which every process it forks inherits: the way to give
    them a passphrase, never on a command line."""

    def __init__(self, job: str, log: Path, env: Mapping[str, str] | None = None) -> None:
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.channel, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.channel.settimeout(FIRST_LINE_TIMEOUT)
        with theirs, log.open("wb") as err:
            self.server = subprocess.Popen(
                [sys.executable, __file__, str(theirs.fileno()), job],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=err,
                stderr=err,
                env=environment,
            )
        self.answers = self.channel.makefile("r")

    def start(self, data_dir: Path, stderr: IO[bytes]) -> tuple[int, IO[bytes]]:
        """A process on `data_dir`: its process id and its standard output."""
        read_end, write_end = os.pipe()
        try:
            socket.send_fds(self.channel, [str(data_dir).encode()], [write_end, stderr.fileno()])
        finally:
            os.close(write_end)  # the process holds the only one: its output ends when it does
        output = os.fdopen(read_end, "rb")
        try:
            return int(self.answers.readline()), output
        except BaseException:
            output.close()
            raise

    def exit_code(self) -> int:
        """The exit code of the process started last, once it has ended."""
        return int(self.answers.readline())

    def close(self) -> None:
        self.answers.close()
        self.channel.close()
        try:
            self.server.wait(timeout=EXIT_TIMEOUT)
        finally:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()


@dataclass(frozen=True, slots=True)
class Run:
    """What one started-and-killed process printed."""

    lines: list[bytes]
    """Every line of its output, in order; only the last may be cut short by the kill."""
    returncode: int | None
    stderr: str


def _read_lines(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    """Pass every line (the last one possibly cut short) to `lines`, then None at the end."""
    try:
        for line in iter(stream.readline, b""):
            lines.put(line)
    finally:
        lines.put(None)


def _take(lines: queue.Queue[bytes | None], into: list[bytes], timeout: float) -> bool:
    """Move lines into `into` until one arrives or `timeout` passes; False once the output ended."""
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        return True
    if line is None:
        return False
    into.append(line)
    return True


def run_and_kill(server: ForkServer, data_dir: Path, delay: float, log: Path) -> Run:
    """Start a process on `data_dir`, wait for its first line of output, let it run for `delay` s
    more, SIGKILL it. What was still in the pipe when it died counts as printed."""
    raw: list[bytes] = []
    lines: queue.Queue[bytes | None] = queue.Queue()
    with log.open("wb") as err:
        pid, output = server.start(data_dir, err)
    reader = threading.Thread(target=_read_lines, args=(output, lines), daemon=True)
    reader.start()
    returncode: int | None = None

    def describe() -> str:
        return f"exit {returncode}, stderr:\n{log.read_text(errors='replace')[-3000:]}"

    try:
        deadline = time.monotonic() + FIRST_LINE_TIMEOUT
        while not raw:
            assert time.monotonic() < deadline, f"no output within {FIRST_LINE_TIMEOUT:.0f} s\n{describe()}"
            assert _take(lines, raw, 0.5), f"the process ended before its first line\n{describe()}"
        kill_at = time.monotonic() + delay
        while (left := kill_at - time.monotonic()) > 0:
            assert _take(lines, raw, left), f"the process ended on its own\n{describe()}"
        os.kill(pid, signal.SIGKILL)
        returncode = server.exit_code()
        reader.join(timeout=EXIT_TIMEOUT)
        assert not reader.is_alive(), "the process's output never ended after the kill"
        while _take(lines, raw, 0):
            pass
    finally:
        if returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            returncode = server.exit_code()
        output.close()
    return Run(raw, returncode, log.read_text(errors="replace"))


if __name__ == "__main__":
    serve(socket.socket(fileno=int(sys.argv[1])), importlib.import_module(sys.argv[2]).prepare())
