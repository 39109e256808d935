"""The pinned Qt binding must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every Qt call that returns nothing;
after a few minutes of clicking the app died with "Fatal Python error: none_dealloc".
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 1_000
"""Two calls each round: enough to see the fault, too few to kill the test run when it is there."""


def test_qt_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    holder = QObject()
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText("a")
        holder.setObjectName(f"n{n % 7}")
    after = sys.getrefcount(None)
    # Other code may take or drop a handful of references meanwhile; the fault lost one per call.
    assert abs(after - before) < CALLS // 10, f"None's reference count moved by {after - before}"
