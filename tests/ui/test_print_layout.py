"""How printouts lie on the page: a table row is never cut in two by a page break, and a pie of
one slice is one unbroken disc."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QColor, QTextBlock, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication

from planner.budget.rules import CategoryTotal
from planner.db.database import Database
from planner.printouts.document import ChartRequest, Printout, grid, heading, paragraph
from planner.printouts.registry import PRINTOUTS, build_printout
from planner.ui.budget.budget_charts import SLICE_COLOURS
from planner.ui.printing.printing import PagedDocument, chart_image, page_layout, write_pdf
from tests.db.planfile.test_plan_transfer import rich_plan

TODAY = date(2026, 11, 21)


def test_a_long_row_near_the_foot_of_a_page_moves_whole_to_the_next(
    qapp: QApplication, tmp_path: Path
) -> None:
    rows = []
    for number in range(60):
        lines = 12 if number % 9 == 4 else 1
        text = "\n".join([f"Start of row {number}", *(["more of it"] * lines), f"End of row {number}"])
        rows.append((f"Item {number}", text))
    printout = Printout(
        "test", "Rows", "Plan", TODAY, heading(1, "Rows") + grid(["Item", "Note"], rows, (30, 70))
    )
    path = tmp_path / "rows.pdf"
    problem, pages = write_pdf(printout, "a4", path)
    assert problem is None and pages > 2
    texts = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]
    for number in range(60):
        starts = [n for n, text in enumerate(texts) if f"Start of row {number} " in text]
        ends = [
            n
            for n, text in enumerate(texts)
            if f"End of row {number} " in text or text.endswith(f"End of row {number}")
        ]
        assert starts and starts == ends, f"row {number} runs from page {starts} to page {ends}"


def test_a_pie_of_one_slice_has_no_seam(qapp: QApplication) -> None:
    request = ChartRequest(
        "chart", (CategoryTotal("travel", Decimal(400), Decimal(0)),), {"travel": "Travel"}, "GBP"
    )
    image = chart_image(request, 640, 300)  # as printed: three pixels to each point
    colour = QColor(SLICE_COLOURS[0]).rgb()
    disc = [
        (x, y)
        for x in range(0, image.width() // 2, 3)
        for y in range(0, image.height(), 3)
        if image.pixel(x, y) == colour
    ]
    top = min(y for _, y in disc)  # the top of the disc: the legend's marker is lower down
    on_top = [x for x, y in disc if y == top]
    middle_x = (min(on_top) + max(on_top)) // 2
    middle_y = (top + max(y for x, y in disc if x == middle_x - middle_x % 3)) // 2
    # The first slice starts at twelve o'clock: the line from the centre up is where a seam shows.
    seam = [(x, y) for x in range(middle_x - 6, middle_x + 7) for y in range(top + 12, middle_y - 6)]
    assert all(image.pixel(x, y) == colour for x, y in seam)


def header_breaks(document: QTextDocument) -> list[str]:
    """Each header cell's line break that falls inside a word, as 'Sourc / e'."""
    found = []
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for row in range(frame.format().headerRowCount()):
            for column in range(frame.columns()):
                block = frame.cellAt(row, column).firstCursorPosition().block()
                text, layout = block.text(), block.layout()
                for number in range(layout.lineCount() - 1):
                    end = layout.lineAt(number).textStart() + layout.lineAt(number).textLength()
                    if not (text[end - 1 : end].isspace() or text[end : end + 1].isspace()):
                        found.append(f"{text[:end]} / {text[end:]}")
    return found


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("kind", list(PRINTOUTS))
def test_column_headers_break_only_between_words(
    qapp: QApplication, db: Database, kind: str, paper: str
) -> None:
    plan_id = rich_plan(db)
    document = PagedDocument(build_printout(db, plan_id, kind, TODAY), page_layout(paper)).document
    assert header_breaks(document) == []


def page_of(document: QTextDocument, block: QTextBlock, page_height: float) -> int:
    # Qt places blocks in 1/64 px steps: one at the top of a page may start a hair above it.
    return math.floor((document.documentLayout().blockBoundingRect(block).top() + 0.5) / page_height)


def test_a_heading_never_stays_at_the_foot_of_a_page_without_its_table(qapp: QApplication) -> None:
    alone = []
    for lines in range(30, 75, 3):  # moves the heading down the page, past the foot
        body = (
            heading(1, "Budget")
            + "".join(paragraph(f"Line {n}") for n in range(lines))
            + heading(2, "Expense lines")
            + grid(["Paid on", "Item"], [("1 Mar 2027", f"Item {n}") for n in range(8)], (30, 70))
        )
        paged = PagedDocument(Printout("budget", "Budget", "Plan", TODAY, body), page_layout("a4"))
        document = paged.document
        title = next(
            b
            for b in (document.findBlockByNumber(n) for n in range(document.blockCount()))
            if b.text() == "Expense lines"
        )
        [table] = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
        first = table.cellAt(1, 0).firstCursorPosition().block()
        if page_of(document, title, paged.body_height) != page_of(document, first, paged.body_height):
            alone.append(lines)
    assert alone == []
