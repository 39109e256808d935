"""The parts every printout shares: its style, escaped building blocks, and the words of its
page header and footer. A printout is HTML that Qt lays out on pages; every piece of the
person's text is escaped here, so a clinic named "<b>x</b>" prints as those characters."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

from planner.budget.rules import CategoryTotal
from planner.core.advice import NOT_MEDICAL_ADVICE
from planner.core.dates import day_month_year
from planner.recovery.model import Recovery

PRINT_FONTS = ("Noto Sans", "DejaVu Sans", "Noto Sans CJK KR", "sans-serif")
"""Latin text in Noto Sans or DejaVu Sans, Korean in Noto Sans CJK. A CJK font must not come
first: Qt's PDF writer then leaves the digits and spaces it sets in it unreadable by search and
copy."""
FONT_LIST = ", ".join(f"'{f}'" if " " in f else f for f in PRINT_FONTS)
PRINT_CSS = (
    f"body {{ font-family: {FONT_LIST}; font-size: 10pt; color: #1b1b1b; }}"
    + """
h1 { font-size: 18pt; color: #1d3557; margin-top: 0; margin-bottom: 2pt; }
h2 { font-size: 13pt; color: #1d3557; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 11pt; margin-top: 10pt; margin-bottom: 2pt; }
p { margin-top: 2pt; margin-bottom: 4pt; }
table.grid { margin-top: 4pt; margin-bottom: 8pt; }
td, th { border-bottom: 1px solid #b9c3cf; }
th { background-color: #e8eef5; font-weight: bold; }
td.caption { background-color: #dfe7f1; color: #1d3557; font-weight: bold; font-size: 11pt; }
.subtitle { color: #444444; font-size: 11pt; }
.hint { color: #555555; }
.advice { color: #555555; font-style: italic; }
.blank { color: #8a8a8a; }
.done { color: #666666; text-decoration: line-through; }
.overdue { color: #b00020; }
.day { background-color: #f1f4f8; font-weight: bold; }
.newpage { page-break-before: always; }
"""
)


class Markup(str):
    """Text that is already HTML built by the app, so it is not escaped a second time."""

    __slots__ = ()


def text_html(text: str) -> Markup:
    """The person's text, escaped, its line breaks kept."""
    return Markup("<br>".join(escape(line) for line in text.strip().splitlines()))


def cell_html(value: str) -> str:
    return value if isinstance(value, Markup) else text_html(value)


GRID_ROWS = 500
"""The most rows one printed table holds; a longer grid continues in another."""


NARROWEST_PAGE_PT = 504
"""The width a printed table has on A4 with 16 mm margins, the narrower of the two papers."""
HEADER_CHAR_PT = 7.5
"""What a character of a bold 10 pt header takes at most on average (DejaVu Sans is wide)."""
CELL_PADDING_PT = 8


def header_percent(header: str) -> int:
    """The share of the page's width a column needs so its header's longest word is not broken."""
    longest = max((len(word) for word in header.split()), default=0)
    return math.ceil(100 * (longest * HEADER_CHAR_PT + CELL_PADDING_PT) / NARROWEST_PAGE_PT)


def fitted_widths(headers: Sequence[str], widths: Sequence[int]) -> list[int]:
    """`widths` (percentages), each raised to what its header's longest word needs, the share
    taken from the columns with the most to spare, so a header breaks only between words."""
    if len(widths) != len(headers):
        return list(widths)
    needs = [header_percent(h) for h in headers]
    fitted = list(widths)
    for column, need in enumerate(needs):
        while fitted[column] < need:
            spare = max(range(len(fitted)), key=lambda n: fitted[n] - needs[n])
            if spare == column or fitted[spare] <= needs[spare]:
                return fitted  # nothing left to take from: Qt breaks the word, as it must
            fitted[spare] -= 1
            fitted[column] += 1
    return fitted


def grid(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int] = (),
    row_classes: Sequence[str] = (),
    caption: str = "",
) -> Markup:
    """A ruled table with a header row that Qt repeats on every page the table runs over, under
    the `caption` when there is one (so a section's name is never cut off from its rows).
    `widths` are percentages; plain strings are escaped, `Markup` is kept."""
    if not rows:
        return Markup("")
    widths = fitted_widths(headers, widths)
    sizes = [f' width="{widths[n]}%"' if n < len(widths) else "" for n in range(len(headers))]
    head = "".join(
        f'<th align="left" valign="top"{size}>{escape(h)}</th>'
        for h, size in zip(headers, sizes, strict=True)
    )
    top = (
        f'<tr><td class="caption" colspan="{len(headers)}">{cell_html(caption)}</td></tr>' if caption else ""
    )
    body = []
    for index, row in enumerate(rows):
        css = row_classes[index] if index < len(row_classes) and row_classes[index] else ""
        attribute = f' class="{css}"' if css else ""
        body.append(
            f"<tr{attribute}>" + "".join(f'<td valign="top">{cell_html(v)}</td>' for v in row) + "</tr>"
        )
    # Qt lays a table out in time that grows faster than its rows, so a long one is written as
    # several tables of GRID_ROWS rows each, the later ones under the same header.
    tables = [
        f"{TABLE}<thead>{top if not start else ''}<tr>{head}</tr></thead>"
        f"<tbody>{''.join(body[start : start + GRID_ROWS])}</tbody></table>"
        for start in range(0, len(body), GRID_ROWS)
    ]
    return Markup("".join(tables))


def facts(rows: Sequence[tuple[str, str]]) -> Markup:
    """Label and value pairs; an empty value prints as a line to write on."""
    cells = "".join(
        f'<tr><th align="left" valign="top" width="28%">{escape(label)}</th>'
        f'<td valign="top">{cell_html(value) if value.strip() else BLANK}</td></tr>'
        for label, value in rows
    )
    return Markup(f"{TABLE}{cells}</table>")


TABLE = '<table class="grid" border="0" cellspacing="0" cellpadding="4" width="100%">'
"""How every printed table starts; the style sheet rules a line under each row. (Ruling every
cell, with collapsed borders, made Qt lay out and paint a long table three times as slowly.)"""
BLANK = '<span class="blank">Not filled in: write it here ______________________</span>'


def heading(level: int, text: str, new_page: bool = False) -> Markup:
    css = ' class="newpage"' if new_page else ""
    return Markup(f"<h{level}{css}>{escape(text)}</h{level}>")


def paragraph(text: str, css: str = "") -> Markup:
    attribute = f' class="{css}"' if css else ""
    return Markup(f"<p{attribute}>{text_html(text)}</p>")


def page_header(plan_name: str, title: str) -> str:
    return f"{plan_name} · {title}"


def page_footer(printed_on: date, page: int, pages: int) -> str:
    return f"Printed {day_month_year(printed_on)} · Page {page} of {pages}"


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """A chart the printout shows as `<img src="{name}">`; the UI draws it with QtCharts."""

    name: str
    totals: tuple[CategoryTotal, ...]
    names: dict[str, str]
    currency: str


@dataclass(frozen=True, slots=True)
class ProgressChartRequest:
    """The recovery's charts a printout shows, each as `<img src="{name}">` at `width` by
    `height`: `names` maps a chart ("pain", "function", "adherence") to its image's name. The
    UI draws them with QtCharts, as the Recovery page does."""

    names: dict[str, str]
    recovery: Recovery
    today: date
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Printout:
    kind: str
    title: str
    plan_name: str
    printed_on: date
    body: str
    charts: tuple[ChartRequest | ProgressChartRequest, ...] = field(default=())

    @property
    def header(self) -> str:
        return page_header(self.plan_name, self.title)

    def footer(self, page: int, pages: int) -> str:
        return page_footer(self.printed_on, page, pages)

    @property
    def html(self) -> str:
        return (
            f'<html><head><meta charset="utf-8"><title>{escape(self.header)}</title>'
            f"<style>{PRINT_CSS}</style></head><body>{self.body}"
            f'<p class="advice">{escape(NOT_MEDICAL_ADVICE)}</p></body></html>'
        )
