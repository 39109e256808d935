"""The app's icon as Qt wants it: the hand-drawn SVG, with the PNGs rendered from it for the
small sizes where exact pixels look sharper than a scaled drawing."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from planner.identity import ICON_SIZES, icon_png, icon_svg


def app_icon() -> QIcon:
    """The SVG first (so sizes without a PNG are drawn from it), then every rendered PNG."""
    icon = QIcon(str(icon_svg())) if icon_svg().exists() else QIcon()
    for size in ICON_SIZES:
        png = icon_png(size)
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    return icon
