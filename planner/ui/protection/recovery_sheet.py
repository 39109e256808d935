"""The recovery sheet: one page with the passphrase in large type, the data folder it opens and
where to keep the sheet. It is only ever sent to a printer through Qt's print dialog (which
offers no "print to file" here): the passphrase is never written to a file by the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QTextDocument, QTextOption
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from planner import APP_NAME
from planner.core.dates import day_month_year
from planner.printouts.document import PRINT_CSS
from planner.printouts.paper import default_paper
from planner.ui.printing.printing import page_layout

SPACE_MARK = "\u2423"
"""How a space in the passphrase is printed (␣), so it is not missed on paper."""
BREAK = "\u200b"
"""A zero-width space after each space mark: a long passphrase of words wraps between them."""
MONO_FONTS = "'DejaVu Sans Mono', 'Noto Sans Mono', 'Liberation Mono', 'Courier New', monospace"
SHEET_CSS = (
    PRINT_CSS
    + f"""
.passphrase {{ font-family: {MONO_FONTS}; font-size: 24pt; white-space: pre-wrap; }}
td.box {{ border: 2px solid #1d3557; }}
li {{ margin-bottom: 4pt; }}
"""
)
PrintSheet = Callable[[QWidget, QTextDocument], str | None]
"""Sends the sheet to a printer the person chooses: what to tell them, or None if they cancelled."""
PRINTED = "The recovery sheet was sent to the printer."
NO_PRINTER = (
    "No printer is set up on this computer. Write the passphrase down instead, and keep it somewhere safe."
)


def recovery_sheet_html(passphrase: str, data_dir: Path, today: date) -> str:
    shown = escape(passphrase.replace(" ", SPACE_MARK + BREAK))
    count = len(passphrase)
    spaces = f" {SPACE_MARK} marks a space." if " " in passphrase else ""
    return (
        f"<html><head><style>{SHEET_CSS}</style></head><body>"
        f"<h1>{escape(APP_NAME)}</h1>"
        f'<p class="subtitle">Recovery sheet for your passphrase, printed {day_month_year(today)}</p>'
        "<h2>Your data folder</h2>"
        f"<p>{escape(str(data_dir))}</p>"
        "<h2>Your passphrase</h2>"
        '<table cellpadding="14" cellspacing="0" width="100%"><tr><td class="box">'
        f'<span class="passphrase">{shown}</span></td></tr></table>'
        f'<p class="hint">{count:,} character{"s" if count != 1 else ""}, exactly as shown.{spaces}</p>'
        "<h2>Keep this sheet safe</h2><ul>"
        "<li>Keep it somewhere private, away from this computer: with your passport or other "
        "important papers at home.</li>"
        "<li>Anyone who has this sheet and your computer, or a copy of your data folder, can read "
        "your plans.</li>"
        "<li>If you forget the passphrase, this sheet is the only way back into your data: nobody "
        f"can recover it, not even the makers of {escape(APP_NAME)}.</li>"
        "<li>If you change the passphrase, print a new sheet and destroy this one.</li>"
        "</ul></body></html>"
    )


def recovery_sheet(passphrase: str, data_dir: Path, today: date) -> QTextDocument:
    """The sheet as a document to print; a passphrase with no spaces still wraps at the margin."""
    document = QTextDocument()
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setHtml(recovery_sheet_html(passphrase, data_dir, today))
    return document


def print_recovery_sheet(parent: QWidget, document: QTextDocument) -> str | None:
    """Ask which printer with Qt's print dialog, then print the sheet on it."""
    if not QPrinterInfo.availablePrinterNames():
        return NO_PRINTER
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(default_paper(QLocale.system().name())))
    printer.setDocName(f"{APP_NAME} recovery sheet")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the recovery sheet")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted or printer.outputFileName():
        return None  # (a file chosen after all: the passphrase is not written to one)
    document.print_(printer)
    return PRINTED
