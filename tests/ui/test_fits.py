"""The window at its own default size shows every button's text and every table header whole, on
every page and in the quote dialog, with a plan that fills the tables (a chosen clinic, quotes,
appointments, expense lines)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner.core.paths import resources_dir
from planner.db.database import Database
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import CLINICS, JOURNEY, PAGES
from tests.db.planfile.test_plan_transfer import OWN_CLINIC, rich_plan
from tests.ui.test_clinics_page import select_names

DEFAULT_SIZE = (1200, 760)


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The app's own look (Fusion and its style sheet), which sets the buttons' padding."""
    style, sheet = qapp.style().name(), qapp.styleSheet()
    qapp.setStyle("Fusion")
    qapp.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


def shown_text(text: str) -> str:
    """A label as drawn: '&&' is an ampersand, a single '&' only underlines the next letter."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button_needs(button: QPushButton) -> int:
    """The width the text (and icon) takes, with the style's margins either side."""
    style = button.style()
    text = button.fontMetrics().horizontalAdvance(shown_text(button.text()))
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    margins = 2 * (
        style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        + style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
    )
    return text + icon + margins


def cut_parts(top: QWidget) -> list[str]:
    """What a person would see cut in `top`: buttons, plain one-line labels, table headers."""
    cut = []
    for button in top.findChildren(QPushButton):
        if button.isVisibleTo(top) and button.text() and button.width() < button_needs(button):
            cut.append(f"button {shown_text(button.text())!r}: {button.width()} < {button_needs(button)}")
    for label in top.findChildren(QLabel):
        plain = label.textFormat() == Qt.TextFormat.PlainText or not GuiQt.mightBeRichText(label.text())
        if not label.isVisibleTo(top) or label.wordWrap() or not plain or not label.text():
            continue
        needs = label.fontMetrics().horizontalAdvance(shown_text(label.text())) + 2 * label.margin()
        if label.contentsRect().width() < needs:
            cut.append(f"label {label.text()!r}: {label.contentsRect().width()} < {needs}")
    for table in top.findChildren(QTableView):
        header = table.horizontalHeader()
        if not table.isVisibleTo(top) or header.isHidden():
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            needs = header.sectionSizeFromContents(section).width()
            if header.sectionSize(section) < needs:
                title = table.model().headerData(section, Qt.Orientation.Horizontal)
                cut.append(
                    f"{table.accessibleName() or type(table).__name__} header {title!r}: "
                    f"{header.sectionSize(section)} < {needs}"
                )
        cut += cut_cells(table)
    return cut


CELL_MARGINS = 8
"""Qt's item delegate leaves a few pixels of margin either side of a cell's text."""


def cell_fits(table: QTableView, column: int) -> list[tuple[str, bool]]:
    """Each cell's text in `column`, and whether it fits its one-line cell."""
    model, metrics = table.model(), table.fontMetrics()
    return [
        (text, metrics.horizontalAdvance(text) + CELL_MARGINS <= table.columnWidth(column))
        for row in range(model.rowCount())
        if isinstance(text := model.index(row, column).data(), str)
    ]


def cut_cells(table: QTableView) -> list[str]:
    """Cells whose text does not fit and whose tooltip does not give it whole either."""
    model, cut = table.model(), []
    for row in range(min(model.rowCount(), 40)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            rect = table.visualRect(index)
            if not isinstance(text, str) or not text or rect.width() <= 0:
                continue
            metrics = table.fontMetrics()
            font = index.data(Qt.ItemDataRole.FontRole)
            if isinstance(font, QFont):
                metrics = QFontMetrics(font)
            if table.wordWrap():
                space = QRect(0, 0, rect.width() - CELL_MARGINS, 100_000)
                fits = metrics.boundingRect(space, Qt.TextFlag.TextWordWrap, text).height() <= rect.height()
            else:
                fits = all(
                    metrics.horizontalAdvance(line) + CELL_MARGINS <= rect.width()
                    for line in text.splitlines()
                )
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if not fits and not (isinstance(tip, str) and text in tip):
                cut.append(f"{table.accessibleName() or type(table).__name__} cell {text!r}")
    return sorted(set(cut))


@pytest.fixture
def window(styled: None, qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]) -> MainWindow:
    rich_plan(db)
    shown = make_window()
    assert (shown.width(), shown.height()) == DEFAULT_SIZE
    return shown


def settle(qtbot: QtBot) -> None:
    qtbot.wait(20)
    QApplication.processEvents()


def test_every_page_shows_its_buttons_and_headers_whole_at_the_default_size(
    qtbot: QtBot, window: MainWindow
) -> None:
    cut: dict[str, list[str]] = {}
    for row, key in enumerate(spec.key for spec in PAGES):
        window.nav.setCurrentRow(row)
        settle(qtbot)
        page = window.stack.currentWidget()
        assert page is not None
        if row == JOURNEY.row:
            # The step with the most in it: treatment, with its appointments and costs.
            for index in range(window.journey.steps.count()):
                item = window.journey.steps.item(index)
                if item.text().endswith("Treatment"):
                    window.journey.steps.setCurrentItem(item)
            settle(qtbot)
            # Short texts are shown whole, not left to a tooltip.
            table = window.journey.view.appointments_table
            assert [text for text, fits in cell_fits(table, 3) if fits] == ["Cell harvest", "Injection"]
        if row == CLINICS.row:
            select_names(window.clinics, OWN_CLINIC)
            settle(qtbot)
        if found := cut_parts(window):
            cut[key] = found
    assert cut == {}


def test_the_quote_dialog_shows_its_total_and_buttons_whole(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    window.nav.setCurrentRow(CLINICS.row)
    select_names(window.clinics, OWN_CLINIC)
    detail = window.clinics.detail
    detail.tabs.setCurrentWidget(detail.quotes)
    quotes = detail.quotes
    quotes.table.selectRow(0)
    qtbot.mouseClick(quotes.edit_button, Qt.MouseButton.LeftButton)
    dialog = quotes.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    settle(qtbot)
    assert "₩" in dialog.total.text()  # the accepted quote, in won: the longest total
    assert cut_parts(dialog) == []
    dialog.reject()
