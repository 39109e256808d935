"""Render the app icon's SVG to the PNG sizes a desktop and a window want.

    python scripts/render_icons.py

Reads resources/icons/patient-journey-planner.svg and writes
resources/icons/hicolor/<N>x<N>/apps/<APP_ID>.png for every size in planner.identity.ICON_SIZES,
drawn by Qt's own SVG renderer onto a transparent image. Run it again after changing the SVG
and commit the PNGs with it.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.identity import ICON_SIZES, icon_png, icon_svg


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(icon_svg()))
    if not renderer.isValid():
        print(f"render_icons: cannot read {icon_svg().name}", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        target = icon_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target)):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(f"{size:>4} px  {target.relative_to(icon_svg().parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
