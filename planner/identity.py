"""Who the app is to the desktop: its id, name, licence, summary and icon files.

The id names the desktop entry, the AppStream metainfo and the icon in
`packaging/linux/`, and Qt's desktop file name; a test checks that they all agree.
"""

from __future__ import annotations

from pathlib import Path

from planner import APP_NAME
from planner.core.paths import resources_dir

__all__ = ["APP_ID", "APP_NAME", "ICON_SIZES", "LICENCE", "SUMMARY", "icon_png", "icon_svg"]

APP_ID = "org.patientjourneyplanner.Planner"
"""Reverse-DNS id: the desktop entry's and the icon's file name, the metainfo's <id>."""
LICENCE = "MIT"
SUMMARY = "Plan a trip to South Korea for stem-cell treatment of a knee or soft-tissue injury, offline"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The square sizes, in pixels, the icon is rendered at (freedesktop hicolor folders)."""


def icon_svg() -> Path:
    """The scalable icon, drawn by hand for this app."""
    return resources_dir() / "icons" / "patient-journey-planner.svg"


def icon_png(size: int) -> Path:
    """The icon rendered at `size` x `size` pixels, where a freedesktop icon theme keeps it."""
    return resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
