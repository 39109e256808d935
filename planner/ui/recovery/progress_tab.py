"""The Progress tab: the charts of planner/ui/recovery/progress_charts.py (`ProgressCharts`, a
QWidget with `show_recovery(recovery, today)`) once that module exists; until then a table of each
measure at the baseline and at the latest check-in, with the change in words."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from planner.core.dates import day_month_year
from planner.recovery.model import Recovery
from planner.recovery.progress import Compared, Point, change_sentence, compared, shown_value
from planner.ui.kit.tables import RowTableModel, row_table

CHARTS_MODULE = "planner.ui.recovery.progress_charts"
HONEST = (
    "What you recorded at the baseline and at your latest check-in, and how far it moved against the "
    "change people notice, where one is published. It shows what you recorded; it does not say what "
    "caused a change."
)


def _point(compared_row: Compared, point: Point | None) -> str:
    if point is None:
        return ""
    return f"{shown_value(compared_row.measure, point[1])} ({day_month_year(point[0])})"


class ComparedModel(RowTableModel[Compared]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Measure", "Baseline", "Latest", "Change")

    def cell(self, item: Compared, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return item.label
        if column == 1:
            return _point(item, item.baseline)
        if column == 2:
            return _point(item, item.latest)
        if item.change is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        text = change_sentence(item.measure, item.change)
        if role == Qt.ItemDataRole.ToolTipRole and item.measure.change is not None:
            return f"{text}\n{item.measure.change.wording}\n{item.measure.change.source}"
        return text


class ComparedTable(QWidget):
    """Baseline against latest for every measure, until the charts take this place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(HONEST)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.model = ComparedModel()
        self.table = row_table(self.model, "Baseline and latest check-in")
        header = self.table.horizontalHeader()
        for column, width in enumerate((240, 170, 180)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)  # the change in words, whole
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def show_recovery(self, recovery: Recovery, today: date) -> None:
        rows = compared(recovery)
        self.model.replace_rows(rows)
        if not any(row.baseline for row in rows):
            self.hint.setText(
                HONEST + " Record the baseline (and a check-in after it) to see the change here."
            )
        else:
            self.hint.setText(HONEST)


class ProgressTab(QWidget):
    """The one place the page shows progress: it knows only `show_recovery`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        view: QWidget
        show: Callable[[Recovery, date], None]
        try:
            charts = importlib.import_module(CHARTS_MODULE)
        except ModuleNotFoundError as missing:
            if missing.name != CHARTS_MODULE:
                raise  # the charts are there but something they need is not
            table = ComparedTable()
            view, show = table, table.show_recovery
        else:
            made = charts.ProgressCharts()
            view, show = made, made.show_recovery
        self.view, self._show = view, show
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)

    def show_recovery(self, recovery: Recovery, today: date) -> None:
        self._show(recovery, today)
