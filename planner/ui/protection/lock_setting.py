"""How long the app waits, with nobody using it, before it locks: kept in the window settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LOCK_KEY = "protection/lock-minutes"
LOCK_CHOICES = (5, 15, 30, 60, 0)
"""The minutes offered; 0 is never."""
DEFAULT_LOCK_MINUTES = 15


def lock_choice_text(minutes: int) -> str:
    return f"{minutes} minutes" if minutes else "Never"


def lock_minutes(settings: QSettings) -> int:
    """The minutes chosen (0: never), or the default when none was, or what is there is not one
    of the choices."""
    value = settings.value(LOCK_KEY, DEFAULT_LOCK_MINUTES)
    try:
        minutes = int(str(value))
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    return minutes if minutes in LOCK_CHOICES else DEFAULT_LOCK_MINUTES


def save_lock_minutes(settings: QSettings, minutes: int) -> None:
    if minutes not in LOCK_CHOICES:
        raise ValueError(f"{minutes} is not one of {LOCK_CHOICES}")
    settings.setValue(LOCK_KEY, minutes)
    settings.sync()
