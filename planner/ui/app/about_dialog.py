"""Help › About: what the app is, its version and licence, where the data is, and the two
articles its built-in catalogue comes from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from planner import __version__
from planner.db.database import Database
from planner.identity import APP_NAME, LICENCE, SUMMARY
from planner.reference.service import list_sources
from planner.ui.kit.app_icon import app_icon
from planner.ui.kit.widgets import heading

ICON_PX = 64
TEXT_WIDTH = 460
"""Pixels the text column is wide: the articles' long titles wrap once, not in narrow strips."""
OFFLINE = "Works offline: the catalogue is built in, and nothing you enter leaves this computer."


def _text(text: str, object_name: str = "") -> QLabel:
    """A label a person can select and copy from, by mouse or keyboard; never read as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if object_name:
        label.setObjectName(object_name)
    return label


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setWindowIcon(app_icon())

        icon = QLabel()
        icon.setPixmap(self.windowIcon().pixmap(ICON_PX, ICON_PX))
        icon.setAccessibleName(f"{APP_NAME} icon")
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = heading(APP_NAME)
        title.setIndent(0)
        self.version = _text(f"Version {__version__}", "hint")
        intro = QVBoxLayout()
        intro.addWidget(title)
        intro.addWidget(self.version)
        summary = _text(f"{SUMMARY}.")
        summary.setMinimumWidth(TEXT_WIDTH)
        intro.addWidget(summary)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(intro, 1)

        self.licence = _text(f"{LICENCE} licence")
        self.data_folder = _text(str(db.data_dir))
        self.data_folder.setAccessibleName("Data folder")
        titles = [f"• {source.title}" for source in list_sources(db)]
        self.sources = _text("\n".join(["The built-in clinics, prices and steps come from:", *titles]))
        self.sources.setAccessibleName("Source articles")
        self.sources.setMinimumWidth(TEXT_WIDTH)
        facts = QFormLayout()
        facts.addRow("Licence:", self.licence)
        facts.addRow("Your data:", self.data_folder)
        facts.addRow("Catalogue:", self.sources)
        self.offline = _text(OFFLINE)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()

        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # as tall as the wrapped text
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(facts)
        layout.addSpacing(8)
        layout.addWidget(self.offline)
        layout.addWidget(self.buttons)

    def shown_text(self) -> str:
        """Every label's text, top to bottom: what a person can read in the box."""
        return "\n".join(label.text() for label in self.findChildren(QLabel) if label.text())
