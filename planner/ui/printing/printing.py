"""Lay a printout out on pages and paint it, with the plan's name, the date printed and "Page X
of Y" on every page, for the printer, the print preview and PDF files.

The document is laid out once in 96-per-inch units (the unit its image sizes and table padding
are written in) and painted scaled to the device's resolution, as Qt's own QTextDocument.print
does, so the preview, the paper and the PDF break their pages at the same places."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QPointF, QRectF, QSaveFile, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QRegion,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from planner import APP_NAME
from planner.platform.files import open_private
from planner.printouts.budget import CHART_HEIGHT, CHART_WIDTH
from planner.printouts.document import PRINT_FONTS, ChartRequest, Printout, ProgressChartRequest
from planner.ui.printing.print_rows import keep_rows_whole

LAYOUT_DPI = 96
MARGIN_MM = 16
HEADER_HEIGHT = 30
"""Room above and below the body for the header and the footer, in layout units."""
PDF_RESOLUTION = 300
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def page_layout(paper: str) -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        QPageSize(PAGE_SIZES[paper]), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
    )


def _layout_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def chart_image(request: ChartRequest, width: int, height: int, sharpness: int = 3) -> QImage:
    """The budget's charts laid out at the size they take on the page, drawn with `sharpness`
    times as many pixels so they print crisp."""
    from planner.ui.budget.budget_charts import BudgetCharts

    charts = BudgetCharts()
    charts.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    charts.show_totals(list(request.totals), request.names, request.currency)
    charts.lay_out_for_paper()
    charts.resize(width, height)
    if (layout := charts.layout()) is not None:
        layout.activate()  # laid out without being shown, which Qt's screenless platform warns about
    image = QImage(width * sharpness, height * sharpness, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(sharpness)
    image.fill(QColor("white"))
    charts.render(image, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
    charts.close()
    charts.deleteLater()
    return image


def progress_images(request: ProgressChartRequest) -> dict[str, QImage]:
    """The recovery's charts the printout names, by image name (a chart with nothing to draw is
    left out, as the printout leaves out its image)."""
    from planner.ui.recovery.progress_charts import chart_images

    drawn = chart_images(request.recovery, request.today, request.width, request.height)
    return {request.names[chart]: image for chart, image in drawn.items() if chart in request.names}


class PagedDocument:
    """A printout laid out for one page layout: its pages counted, ready to paint."""

    def __init__(self, printout: Printout, layout: QPageLayout) -> None:
        self.printout = printout
        self.layout_device = _layout_device()
        self.document = QTextDocument()
        self.document.documentLayout().setPaintDevice(self.layout_device)
        self.document.setDocumentMargin(0)
        for request in printout.charts:
            if isinstance(request, ChartRequest):
                images = {request.name: chart_image(request, CHART_WIDTH, CHART_HEIGHT)}
            else:
                images = progress_images(request)
            for name, image in images.items():
                self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        self.document.setHtml(printout.html)
        points = layout.paintRect(QPageLayout.Unit.Point)
        scale = LAYOUT_DPI / 72
        self.width = points.width() * scale
        self.body_height = points.height() * scale - 2 * HEADER_HEIGHT
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        keep_rows_whole(self.document, self.body_height)

    @property
    def pages(self) -> int:
        return self.document.pageCount()

    def paint(self, device: QPagedPaintDevice) -> bool:
        """Paint every page on `device`, which already has this document's page layout."""
        painter = QPainter()
        if not painter.begin(device):
            return False
        try:
            scale = device.logicalDpiX() / LAYOUT_DPI
            painter.scale(scale, device.logicalDpiY() / LAYOUT_DPI)
            for page in range(self.pages):
                if page and not device.newPage():
                    return False
                self._paint_page(painter, page)
        finally:
            painter.end()
        return True

    def _paint_page(self, painter: QPainter, page: int) -> None:
        font = QFont()
        font.setFamilies(list(PRINT_FONTS))
        font.setPixelSize(11)
        painter.setFont(font)
        painter.setPen(QColor("#444444"))
        top = QRectF(0, 0, self.width, HEADER_HEIGHT - 10)
        metrics = painter.fontMetrics()
        room = int(self.width - metrics.horizontalAdvance(APP_NAME) - 24)
        header = metrics.elidedText(self.printout.header, Qt.TextElideMode.ElideMiddle, room)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, header)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, APP_NAME)
        painter.setPen(QPen(QColor("#b9c3cf"), 1))
        painter.drawLine(QPointF(0, HEADER_HEIGHT - 6), QPointF(self.width, HEADER_HEIGHT - 6))
        bottom_y = HEADER_HEIGHT + self.body_height
        painter.drawLine(QPointF(0, bottom_y + 6), QPointF(self.width, bottom_y + 6))
        painter.setPen(QColor("#444444"))
        bottom = QRectF(0, bottom_y + 10, self.width, HEADER_HEIGHT - 10)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            self.printout.footer(page + 1, self.pages),
        )
        painter.save()
        painter.translate(0, HEADER_HEIGHT - page * self.body_height)
        self.document.drawContents(painter, QRectF(0, page * self.body_height, self.width, self.body_height))
        painter.restore()


def write_pdf(printout: Printout, paper: str, path: Path) -> tuple[str | None, int]:
    """Write the printout as a PDF at `path`, atomically. Returns a message when it failed (and
    then whatever was at `path` before is still there, untouched), and the number of pages."""
    layout = page_layout(paper)
    paged = PagedDocument(printout, layout)
    target = QSaveFile(str(path))
    if not open_private(target):
        return f"Could not write {path.name}: {target.errorString()}", 0
    writer = QPdfWriter(target)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(layout)
    writer.setTitle(printout.header)
    writer.setCreator(APP_NAME)
    painted = paged.paint(writer)
    del writer
    if not painted or target.error() != QSaveFile.FileError.NoError:
        reason = "the page could not be drawn" if not painted else target.errorString()
        target.cancelWriting()
        return f"Could not write {path.name}: {reason}", 0
    if not target.commit():
        return f"Could not finish writing {path.name}: {target.errorString()}", 0
    return None, paged.pages


def write_pdf_without_window(printout: Printout, paper: str, path: Path) -> tuple[str | None, int]:
    """`write_pdf` for the command line: starts Qt without a screen when it is not running."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        application = QApplication(["planner"])
        application.setApplicationName(APP_NAME)
    return write_pdf(printout, paper, path)
