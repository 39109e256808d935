"""The app-level signal pages refresh from after a write."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    changed = Signal(str, object)
    """Emitted after a service call changed data: what changed (e.g. "plans") and the id of the
    item to show afterwards, or None."""
    print_requested = Signal(str)
    """A page's Print button: which printout (see `services.printouts.PRINTOUTS`) to offer."""
