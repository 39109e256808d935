"""The app-level signal pages refresh from after a write."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Emitted after a service call changed data; `kind` names what changed (e.g. "plans")."""

    changed = Signal(str)
    plan_selected = Signal(object)
    """The plan now shown (a `Plan`), or None when there is none."""
