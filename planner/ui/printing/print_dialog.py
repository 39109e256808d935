"""Print, preview or save as PDF any printout of the plan, on A4 or Letter."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner.core import clock
from planner.db.database import Database
from planner.plans.service import Plan
from planner.printouts.document import Printout
from planner.printouts.paper import PAPERS, default_paper
from planner.printouts.registry import PRINTOUTS, build_printout
from planner.ui.app.trip_details_dialog import TripDetailsDialog
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.widgets import action_button, heading
from planner.ui.printing.printing import PagedDocument, page_layout, write_pdf

PAPER_KEY = "print/paper"
HINTS = {
    "itinerary": "The plan at a glance with your hotel and emergency details, then every day in "
    "Seoul and home time, what is still to do, and the budget.",
    "checklist": "Every checklist item by step, with a box to tick on paper.",
    "budget": "Totals, the chart of where the money goes, the estimate and every expense line.",
    "comparison": "Your shortlisted clinics side by side, with your quotes, notes and answers.",
    "questions": "The questions to ask each shortlisted clinic, with the answers you have so far "
    "and room to write the rest.",
    "recovery": "For your home doctor: the treatment as recorded, each measure's baseline against the "
    "latest check-in, the charts, side effects, exercise adherence and your notes.",
}


def saved_paper(settings: QSettings) -> str:
    value = str(settings.value(PAPER_KEY, "") or "")
    return value if value in PAPERS else default_paper(QLocale.system().name())


class PrintDialog(QDialog):
    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        settings: QSettings,
        plan: Plan,
        kind: str = "itinerary",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.prompter, self.settings, self.plan = db, prompter, settings, plan
        self.today = clock.today()
        self.setWindowTitle("Print")
        self.what = QComboBox()
        self.what.setAccessibleName("What to print")
        for key, (title, _build) in PRINTOUTS.items():
            self.what.addItem(title, key)
        self.what.setCurrentIndex(max(self.what.findData(kind), 0))
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        for key, name in PAPERS.items():
            self.paper.addItem(name, key)
        self.paper.setCurrentIndex(max(self.paper.findData(saved_paper(settings)), 0))
        self.paper.currentIndexChanged.connect(
            lambda _i: self.settings.setValue(PAPER_KEY, self.paper.currentData())
        )
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.details_button = action_button(
            "Trip &details…", self.edit_details, "Hotel, travel insurance and emergency contact for page one"
        )
        self.what.currentIndexChanged.connect(lambda _i: self._update())
        form = QFormLayout()
        what_label, paper_label = QLabel("P&rint:"), QLabel("P&aper:")
        what_label.setBuddy(self.what)
        paper_label.setBuddy(self.paper)
        form.addRow(what_label, self.what)
        form.addRow(paper_label, self.paper)
        self.preview_button = action_button("Pre&view…", self.preview)
        self.print_button = action_button("&Print…", self.print_document, primary=True)
        self.pdf_button = action_button("&Save as PDF…", self.save_pdf)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.hide()
        row = QHBoxLayout()
        row.addWidget(self.details_button)
        row.addStretch(1)
        for button in (self.preview_button, self.pdf_button, self.print_button):
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Print “{plan.name}”", 2))
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.setMinimumWidth(560)
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.printer_dialog: QPrintDialog | None = None
        self.printer: QPrinter | None = None
        self._update()

    @property
    def kind(self) -> str:
        return str(self.what.currentData())

    @property
    def paper_name(self) -> str:
        return str(self.paper.currentData())

    def _update(self) -> None:
        self.hint.setText(HINTS.get(self.kind, ""))
        self.details_button.setVisible(self.kind == "itinerary")
        self.adjustSize()

    def _tell(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()
        self.adjustSize()

    def printout(self) -> Printout:
        return build_printout(self.db, self.plan.id, self.kind, self.today)

    def edit_details(self) -> None:
        dialog = TripDetailsDialog(self.db, self.plan, self)
        dialog.open()
        self.details_dialog = dialog

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.paper_name))
        printer.setDocName(self.printout_title())
        return printer

    def printout_title(self) -> str:
        return f"{self.plan.name} - {PRINTOUTS[self.kind][0]}"

    def preview(self) -> None:
        """Open Qt's print preview (not waiting for it); it lays the pages out again when the
        person changes the paper there."""
        printout = self.printout()
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"Print preview: {self.printout_title()}")
        dialog.paintRequested.connect(
            lambda device: PagedDocument(printout, device.pageLayout()).paint(device)
        )
        dialog.resize(900, 800)
        self.preview_dialog = dialog
        self.printer = printer  # the dialogs only point at it: it must live as long as they do
        dialog.open()

    def print_document(self) -> None:
        printout = self.printout()
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self._print_on(printout, printer))
        self.printer_dialog = dialog
        self.printer = printer
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _print_on(self, printout: Printout, printer: QPrinter) -> None:
        paged = PagedDocument(printout, printer.pageLayout())
        if paged.paint(printer):
            self._tell(f"Sent {paged.pages} page{'s' if paged.pages != 1 else ''} to the printer.")
        else:
            self.prompter.error(self, "Print", "The printer could not be started. Check it and try again.")

    def save_pdf(self) -> None:
        path = self.prompter.ask_save_path(
            self, "Save as PDF", f"{self.printout_title()}.pdf", "PDF files (*.pdf)"
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        printout = self.printout()
        problem, pages = write_pdf(printout, self.paper_name, path)
        if problem:
            self.prompter.error(self, "Save as PDF", problem)
            return
        self._tell(f"Saved {pages} page{'s' if pages != 1 else ''} to {path.name}.")
