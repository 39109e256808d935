"""Keep each printed table row on one page. Qt's text layout breaks a table row between two pages
line by line, so a long row starts at the foot of one page and ends under the repeated header of
the next. Here, once the document is laid out on its pages, a row that would be cut is pushed
whole onto the next page: the row above it is given room at its foot (Qt then starts the row on
the next page), or, for a table's first row, the table starts a new page together with the
heading above it. A heading left alone at the foot of a page goes to the next page with its
table. A row taller than a page is left to run over, as it must.

Each row moved makes Qt lay the document out again up to that row, so a printout of more than
MOST_PAGES pages (hundreds of appointments or expense lines) is printed as Qt breaks it."""

from __future__ import annotations

import math

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

MOST_PAGES = 40
"""Beyond this, moving rows would take longer than the printout itself (at the limits, a 141-page
itinerary took 40 s instead of 1.5 s)."""
MOST_OF_A_PAGE = 0.8
"""A row taller than this share of a page is left to break: on its own page it would still not
fit under the repeated header."""


def _row_extent(document: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row:
            continue
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return min(tops), max(bottoms)


def _lead_in(table: QTextTable) -> QTextBlock:
    """The block to start the new page at when a table moves: the heading above it (and the
    line under the heading) go with it."""
    block = table.document().findBlock(table.firstPosition() - 1)
    candidate = block
    for _step in range(2):
        if not candidate.isValid():
            break
        if candidate.blockFormat().headingLevel() > 0:
            return candidate
        candidate = candidate.previous()
    return block


def _heading_left_behind(document: QTextDocument, table: QTextTable, page_height: float) -> bool:
    """Whether the heading just above the table sits on an earlier page than the table's start
    (alone at the foot of a page)."""
    lead = _lead_in(table)
    if not lead.isValid() or lead.blockFormat().headingLevel() == 0:
        return False
    layout = document.documentLayout()
    first = table.cellAt(0, 0).firstCursorPosition().block()
    # Qt places blocks in 1/64 px steps: a block at the top of a page may start a hair above it.
    above = math.floor((layout.blockBoundingRect(lead).top() + 0.5) / page_height)
    return above < math.floor((layout.blockBoundingRect(first).top() + 0.5) / page_height)


def _break_before(table: QTextTable) -> None:
    block = _lead_in(table)
    if block.isValid() and block.layout().lineCount() and block.text().strip():
        paragraph = block.blockFormat()
        paragraph.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).setBlockFormat(paragraph)
    else:
        whole = table.frameFormat().toTableFormat()
        whole.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(whole)


def _room_below(table: QTextTable, row: int, room: float) -> None:
    edit = QTextCursor(table.document())
    edit.beginEditBlock()  # one layout for the row's cells, not one each
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue
        form = cell.format().toTableCellFormat()
        form.setBottomPadding(form.bottomPadding() + room)
        cell.setFormat(form)
    edit.endEditBlock()


def keep_rows_whole(document: QTextDocument, page_height: float) -> int:
    """Push every table row that would be cut by a page break onto the next page; `document` is
    already laid out with `page_height`. Returns how many rows were moved."""
    moved = 0
    if document.pageCount() > MOST_PAGES:
        return moved
    tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    for table in tables:
        if _heading_left_behind(document, table, page_height):
            _break_before(table)
            moved += 1
        form = table.frameFormat().toTableFormat()
        first = form.headerRowCount()
        padding = max(form.cellPadding(), 0.0)
        row, tries = first, 0
        while row < table.rows():
            top, bottom = _row_extent(document, table, row)
            page = math.floor(top / page_height)
            cut = math.floor((bottom - 0.5) / page_height) != page
            if not cut or bottom - top > MOST_OF_A_PAGE * page_height or tries == 2:
                row, tries = row + 1, 0
                continue
            moved, tries = moved + 1, tries + 1
            if row == first:
                _break_before(table)
                continue
            # Qt starts a row on the next page when the row would begin below the page's foot
            # (its end less the table's bottom margin).
            foot = (page + 1) * page_height - form.bottomMargin()
            _room_below(table, row - 1, foot - (top - padding) + 1)
    return moved
