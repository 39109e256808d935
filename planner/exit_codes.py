"""Every exit code of `planner`, the window's start included. README.md "Command line" lists the
same codes, each meaning starting with the docstring here (tests/test_exit_codes.py holds it)."""

from __future__ import annotations

EXIT_OK = 0
"""Done."""
EXIT_FAILURE = 1
"""A file could not be read or written, or the data could not be opened or saved."""
EXIT_USAGE = 2
"""The command line is wrong."""
EXIT_NO_PLAN = 3
"""No plan has that name."""
EXIT_CLASH = 4
"""`import`: a plan already has the file's name, and neither `--rename` nor `--replace` was given."""
EXIT_BAD_FILE = 5
"""`import`: the file is not a plan file this version can read."""
EXIT_IN_USE = 6
"""The app is already open with this data."""
EXIT_DAMAGED = 7
"""The data file is damaged."""
EXIT_LOCKED = 8
"""The data is protected with a passphrase, and none was given."""
EXIT_WRONG_PASSPHRASE = 9
"""The passphrase given does not open the data."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl+C."""
