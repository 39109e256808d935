"""Help › User guide: a short guide inside the app (what each page is for, the keyboard
shortcuts, where the data lives, how to restore), read from a shipped resource file."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from planner.core.advice import NOT_MEDICAL_ADVICE
from planner.core.paths import resources_dir

GUIDE_FILE = "guide.html"


def guide_html(data_dir: Path) -> str:
    """The guide, with this computer's data folder and the advice sentence filled in."""
    text = (resources_dir() / GUIDE_FILE).read_text(encoding="utf-8")
    return text.replace("$DATA_DIR", escape(str(data_dir))).replace("$ADVICE", escape(NOT_MEDICAL_ADVICE))


class GuideDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenLinks(False)  # nothing leaves the app
        self.browser.setHtml(guide_html(data_dir))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(680, 640)
        self.browser.setFocus()
