"""Read-only rich-text views sharing one document style."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

DOCUMENT_CSS = """
h1 { color: #1d3557; font-size: 20pt; }
h2 { color: #1d3557; font-size: 14pt; margin-top: 14px; }
th { color: #33414d; }
.section { color: #5c6770; font-size: 9pt; text-transform: uppercase; }
.source { color: #5c6770; font-style: italic; }
.hint { color: #5c6770; }
.phase { color: #ffffff; background-color: #1d3557; font-weight: bold; }
.num { color: #1d3557; font-weight: bold; }
h3 { color: #33414d; font-size: 11pt; margin-top: 12px; }
.claims { color: #7a4b00; }
.overdue { color: #b00020; font-weight: bold; }
"""


def rich_text_view(accessible_name: str, parent: QWidget | None = None) -> QTextBrowser:
    view = QTextBrowser(parent)
    view.setAccessibleName(accessible_name)
    view.setOpenLinks(False)
    view.document().setDefaultStyleSheet(DOCUMENT_CSS)
    return view
