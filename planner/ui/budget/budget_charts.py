"""Charts of the expense lines in the home currency: the share of each category, and planned
against paid per category (QtCharts). Amounts become floats only here, to be drawn."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QWidget

from planner.budget.rules import CategoryTotal

PIE_SLICES = 6
"""More categories than this are gathered into one "Everything else" slice."""
PLANNED_COLOUR, PAID_COLOUR = QColor("#8fb3d9"), QColor("#1d3557")
SLICE_COLOURS = ("#1d3557", "#457b9d", "#8fb3d9", "#e9c46a", "#f4a261", "#e76f51", "#a8b4bf")


def _view(chart: QChart, name: str) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(name)
    view.setMinimumHeight(260)
    return view


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class BudgetCharts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share_chart = _chart("")
        self.compare_chart = _chart("")
        self.share_view = _view(self.share_chart, "Spending by category")
        self.compare_view = _view(self.compare_chart, "Planned against paid by category")
        self.empty = QLabel("Add expense lines to see where the money goes.")
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        charts = QWidget()
        self.row = QHBoxLayout(charts)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.share_view, 2)
        self.row.addWidget(self.compare_view, 3)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(charts)
        self.slices: list[tuple[str, Decimal]] = []
        self.bars: list[tuple[str, Decimal, Decimal]] = []
        self._bar_sets: tuple[QBarSet, QBarSet] | None = None
        self._values: QValueAxis | None = None

    def lay_out_for_paper(self) -> None:
        """Half the width each, and the pie's legend beside it in a smaller type, so its names
        are not cut short on a printed page."""
        self.row.setStretch(0, 1)
        self.row.setStretch(1, 1)
        legend = self.share_chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        small = QFont(legend.font())
        small.setPixelSize(10)
        legend.setFont(small)

    def show_totals(self, totals: list[CategoryTotal], names: dict[str, str], currency: str) -> None:
        shown = [t for t in totals if t.planned or t.actual]
        self.stack.setCurrentIndex(1 if shown else 0)
        self._share(shown, names, currency)
        self._compare(shown, names, currency)

    def _share(self, totals: list[CategoryTotal], names: dict[str, str], currency: str) -> None:
        paid = any(t.actual for t in totals)
        amounts = [(names.get(t.category, t.category), t.actual if paid else t.planned) for t in totals]
        amounts = sorted((a for a in amounts if a[1] > 0), key=lambda a: -a[1])
        if len(amounts) > PIE_SLICES:
            rest = sum((a for _n, a in amounts[PIE_SLICES - 1 :]), Decimal(0))
            amounts = [*amounts[: PIE_SLICES - 1], ("Everything else", rest)]
        title = f"{'Paid' if paid else 'Planned'} by category ({currency})"
        whole = sum((a for _n, a in amounts), Decimal(0)) or Decimal(1)
        labels = [f"{name} {amount / whole * 100:.0f}%" for name, amount in amounts]
        series = self.share_chart.series()
        if series and isinstance(pie := series[0], QPieSeries) and pie.count() == len(amounts):
            for part, label, (_name, amount) in zip(pie.slices(), labels, amounts, strict=True):
                part.setLabel(label)
                part.setValue(float(amount))
        else:
            self.share_chart.removeAllSeries()
            pie = QPieSeries()
            for index, (label, (_name, amount)) in enumerate(zip(labels, amounts, strict=True)):
                part = pie.append(label, float(amount))
                part.setColor(QColor(SLICE_COLOURS[index % len(SLICE_COLOURS)]))
            pie.setPieSize(0.75)
            self.share_chart.addSeries(pie)
        # The line between slices would show as a seam in a pie of one slice.
        for part in pie.slices():
            part.setBorderColor(part.color() if pie.count() == 1 else QColor("white"))
        self.slices = amounts
        self.share_chart.setTitle(title)

    def _compare(self, totals: list[CategoryTotal], names: dict[str, str], currency: str) -> None:
        rows = list(reversed(totals[:10]))  # a horizontal bar chart draws its first category at the bottom
        bars = [(names.get(t.category, t.category), t.planned, t.actual) for t in rows]
        same_categories = [b[0] for b in bars] == [b[0] for b in self.bars] and self._bar_sets is not None
        self.bars = bars
        self.compare_chart.setTitle(f"Planned against paid ({currency})")
        top = max((max(p, a) for _n, p, a in bars), default=Decimal(1))
        if same_categories and self._bar_sets is not None and self._values is not None:
            planned, paid = self._bar_sets
            for index, (_name, plan_amount, paid_amount) in enumerate(bars):
                planned.replace(index, float(plan_amount))
                paid.replace(index, float(paid_amount))
            self._values.setTitleText(currency)
            self._values.setRange(0, float(top) * 1.1 or 1)
            self._values.applyNiceNumbers()
            return
        self.compare_chart.removeAllSeries()
        for axis in self.compare_chart.axes():
            self.compare_chart.removeAxis(axis)
        planned, paid = QBarSet("Planned"), QBarSet("Paid")
        planned.setColor(PLANNED_COLOUR)
        paid.setColor(PAID_COLOUR)
        for _name, plan_amount, paid_amount in bars:
            planned.append(float(plan_amount))
            paid.append(float(paid_amount))
        series = QHorizontalBarSeries()
        series.append(planned)
        series.append(paid)
        self.compare_chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([name for name, _p, _a in bars])
        values = QValueAxis()
        values.setLabelFormat("%.0f")
        values.setTitleText(currency)
        values.setRange(0, float(top) * 1.1 or 1)
        values.applyNiceNumbers()
        self.compare_chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.compare_chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        self._bar_sets = (planned, paid)
        self._values = values
