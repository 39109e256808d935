"""Tells the window when a new day begins, so that what depends on "today" (overdue items, days
to go, "you are here") is read again in a window left open past midnight or over a laptop's
sleep."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from planner.core import clock

AFTER_MIDNIGHT_MS = 1_000
"""How long after midnight to look, so the clock is surely in the new day."""


class NewDayTimer(QObject):
    """Emits `new_day` once the app's clock shows a later day than when it last looked."""

    new_day = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._look)
        self._day = clock.today()
        self._arm()

    def _arm(self) -> None:
        now = clock.local_now()
        midnight = datetime.combine(now.date() + timedelta(days=1), time())
        wait = (midnight - now) // timedelta(milliseconds=1) + AFTER_MIDNIGHT_MS
        self._timer.start(max(wait, AFTER_MIDNIGHT_MS))

    def _look(self) -> None:
        today = clock.today()
        if today != self._day:
            self._day = today
            self.new_day.emit()
        self._arm()
