"""The recovery's progress drawn with QtCharts: pain over time (the diary's daily pain and the
check-ins' pain at rest and during activity), function (the Patient-Specific Functional Scale's
average and each activity, from the baseline), exercise adherence per week; the treatment day
marked; and under them each measure's baseline against its latest value with the change in words.

The series and axes are made once and given new points on each redraw, so drawing again after a
new entry costs little even with years of daily entries. Values become floats only here, to be
drawn; a day is drawn at its ordinal (days since 1 January of year 1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.core.dates import day_month_year
from planner.recovery.chart_series import ADHERENCE, FUNCTION, PAIN, function_lines, pain_lines
from planner.recovery.measures import Measure
from planner.recovery.model import Recovery
from planner.recovery.progress import (
    Compared,
    Point,
    adherence_by_week,
    change_sentence,
    compared,
    shown_value,
)
from planner.recovery.timeline import date_ticks, week_ticks
from planner.ui.kit.tables import RowTableModel, row_table
from planner.ui.kit.widgets import heading

HONEST = "The charts show what you recorded; they do not show what caused a change."
NOTHING_YET = (
    "No entries yet. Record the baseline check-in before the treatment and a diary entry each day, "
    "and your progress is drawn here."
)
NO_PAIN_YET = "No pain recorded yet: pain from the diary and the check-ins is drawn here."
NO_BASELINE_YET = (
    "No baseline yet: the function chart starts at the baseline check-in, a week before the treatment."
)
NO_RATINGS_YET = "No activities rated yet: rate your activities at a check-in to draw your function here."
NO_TREATMENT_DAY = "Set the treatment day: exercise adherence is counted in weeks from it."
NO_EXERCISES = "Name the exercises of your physiotherapy plan to see how many you did each week."
NO_WEEKS_YET = "No diary entries since the treatment day yet: adherence per week is drawn from them."
TABLE_NO_BASELINE = "No baseline yet: the table compares the baseline check-in with the latest one."

DIARY_COLOUR, REST_COLOUR, ACTIVITY_COLOUR = QColor("#8fb3d9"), QColor("#2a9d8f"), QColor("#1d3557")
TREATMENT_COLOUR, NOTICE_COLOUR, FAINT_COLOUR = QColor("#e76f51"), QColor("#e9c46a"), QColor("#a8b4bf")
BAR_COLOUR = QColor("#457b9d")
CHART_HEIGHT = 250
CELL_PADDING = 16
"""Room beside a cell's text for the item view's margins."""
PAPER_SHARPNESS = 2
"""Pixels drawn for each unit of the printed page: 192 per inch, crisp enough for lines and bars,
and fewer to draw and to write into the PDF than the budget chart's three (two years' report:
0.5 MB instead of 0.8 MB)."""
WIDE_TICKS, NARROW_TICKS = 7, 4
"""The most dates labelled under the full-width pain chart and the half-width function chart."""


def _day(day: date) -> float:
    return float(day.toordinal())


def _points(series: Sequence[Point]) -> list[QPointF]:
    return [QPointF(day.toordinal(), float(value)) for day, value in series]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _line(chart: QChart, name: str, colour: QColor, width: float = 2, points: bool = False) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(colour, width)
    series.setPen(pen)
    series.setPointsVisible(points)
    chart.addSeries(series)
    return series


def _hide_from_legend(chart: QChart, series: QXYSeries) -> None:
    for marker in chart.legend().markers(series):
        marker.setVisible(False)


def _set_ticks(axis: QCategoryAxis, ticks: Sequence[tuple[float, str]], low: float, high: float) -> None:
    for label in axis.categoriesLabels():
        axis.remove(label)
    axis.setStartValue(low)
    for value, label in ticks:
        if low <= value <= high:
            axis.append(label, value)
    axis.setRange(low, high)


def _time_axis() -> QCategoryAxis:
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setGridLineVisible(True)
    return axis


def _value_axis(low: int, high: int, title: str, ticks: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(low, high)
    axis.setTickCount(ticks)
    axis.setLabelFormat("%.0f")
    axis.setTitleText(title)
    return axis


class _Marker:
    """The treatment day on a chart: a dashed vertical line from `low` to `high`, and its label
    at the top, beside the line on the side with room."""

    def __init__(self, chart: QChart, low: float, high: float) -> None:
        self.chart, self.low, self.high = chart, low, high
        self.day: date | None = None
        self.line = _line(chart, "Treatment day", TREATMENT_COLOUR, 1.5)
        pen = self.line.pen()
        pen.setStyle(Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.label = QGraphicsSimpleTextItem(chart)
        self.label.setBrush(TREATMENT_COLOUR)
        self.label.setZValue(10)
        self.label.hide()
        chart.plotAreaChanged.connect(lambda _area: self.follow())

    def attach(self, x_axis: QCategoryAxis, y_axis: QValueAxis) -> None:
        self.line.attachAxis(x_axis)
        self.line.attachAxis(y_axis)
        _hide_from_legend(self.chart, self.line)

    def place(self, day: date | None) -> None:
        self.day = day
        if day is None:
            self.line.clear()
            self.label.hide()
            return
        self.line.replace([QPointF(_day(day), self.low), QPointF(_day(day), self.high)])
        self.label.setText(f"Treatment {day_month_year(day)}")
        self.label.show()
        self.follow()

    def follow(self) -> None:
        if self.day is None:
            return
        area = self.chart.plotArea()
        at = self.chart.mapToPosition(QPointF(_day(self.day), self.high), self.line)
        width = self.label.boundingRect().width()
        x = at.x() + 4 if at.x() + 4 + width <= area.right() else at.x() - 4 - width
        self.label.setPos(x, area.top() + 2)


def _span(days: Sequence[date]) -> tuple[float, float]:
    """The time axis's range: the first to the last day, with a little room either side."""
    first, last = min(days), max(days)
    room = max(2.0, (last - first).days * 0.03)
    return _day(first) - room, _day(last) + room


class BaselineLatestModel(RowTableModel[Compared]):
    HEADERS = ("Measure", "Baseline", "Latest", "Change")

    def cell(self, item: Compared, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and item.measure.change is not None:
            return f"{item.measure.change.wording}\nSource: {item.measure.change.source}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return item.label
        if column == 1:
            return _point_text(item.measure, item.baseline)
        if column == 2:
            return _point_text(item.measure, item.latest)
        if item.change is None:
            return "No baseline yet" if item.baseline is None else "No later check-in yet"
        return change_sentence(item.measure, item.change)


def _point_text(measure: Measure, point: Point | None) -> str:
    if point is None:
        return "Not recorded"
    return f"{shown_value(measure, point[1])} ({day_month_year(point[0])})"


def _stack(view: QChartView) -> tuple[QStackedWidget, QLabel]:
    empty = QLabel()
    empty.setObjectName("hint")
    empty.setWordWrap(True)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    stack = QStackedWidget()
    stack.addWidget(empty)
    stack.addWidget(view)
    stack.setMinimumHeight(CHART_HEIGHT)
    return stack, empty


class ProgressCharts(QWidget):
    """Pain, function and adherence charts over the table of baseline against latest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery: Recovery | None = None
        self.rows: list[Compared] = []
        self._build_pain()
        self._build_function()
        self._build_adherence()
        self.model = BaselineLatestModel()
        self.table = row_table(self.model, "Baseline against the latest check-in")
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)  # the change in words, wrapped
        header.sectionResized.connect(lambda *_args: self._fit_rows())
        self.table_empty = QLabel(TABLE_NO_BASELINE)
        self.table_empty.setObjectName("hint")
        self.table_empty.setWordWrap(True)
        self.honest = QLabel(HONEST)
        self.honest.setObjectName("adviceNote")
        self.honest.setWordWrap(True)
        self.nothing = QLabel(NOTHING_YET)
        self.nothing.setObjectName("hint")
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.pain_stack)
        pair = QHBoxLayout()
        pair.addWidget(self.function_stack, 1)
        pair.addWidget(self.adherence_stack, 1)
        column.addLayout(pair)
        column.addWidget(heading("Baseline against the latest check-in", 3))
        column.addWidget(self.table_empty)
        column.addWidget(self.table)
        column.addWidget(self.honest)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.scroll_area.setAccessibleName("Progress charts")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.nothing)
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # The charts, made once

    def _build_pain(self) -> None:
        chart = self.pain_chart = _chart("Pain over time (0 no pain, 10 the worst)")
        self.diary_pain = _line(chart, "Pain in the diary (daily)", DIARY_COLOUR, 1.5)
        self.rest_pain = _line(chart, "Pain at rest (check-ins)", REST_COLOUR, 2, points=True)
        self.activity_pain = _line(chart, "Pain during activity (check-ins)", ACTIVITY_COLOUR, 2, points=True)
        self.pain_marker = _Marker(chart, 0, 10)
        self.pain_x = _time_axis()
        self.pain_y = _value_axis(0, 10, "Pain", 6)
        chart.addAxis(self.pain_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.pain_y, Qt.AlignmentFlag.AlignLeft)
        for series in (self.diary_pain, self.rest_pain, self.activity_pain):
            series.attachAxis(self.pain_x)
            series.attachAxis(self.pain_y)
        self.pain_marker.attach(self.pain_x, self.pain_y)
        self.pain_view = self._view(chart, "Pain over time")
        self.pain_stack, self.pain_empty = _stack(self.pain_view)

    def _build_function(self) -> None:
        chart = self.function_chart = _chart("Function: your activities (10 = as before the injury)")
        self.activity_lines: list[QLineSeries] = []
        self.notice = _line(chart, "Baseline + 2", NOTICE_COLOUR, 1.5)
        pen = self.notice.pen()
        pen.setStyle(Qt.PenStyle.DotLine)
        self.notice.setPen(pen)
        self.average = _line(chart, "Average", ACTIVITY_COLOUR, 3, points=True)
        self.function_marker = _Marker(chart, 0, 10)
        self.function_x = _time_axis()
        self.function_y = _value_axis(0, 10, "Ability", 6)
        chart.addAxis(self.function_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.function_y, Qt.AlignmentFlag.AlignLeft)
        for series in (self.notice, self.average):
            series.attachAxis(self.function_x)
            series.attachAxis(self.function_y)
        self.function_marker.attach(self.function_x, self.function_y)
        self.function_view = self._view(chart, "Function from the baseline")
        self.function_stack, self.function_empty = _stack(self.function_view)

    def _build_adherence(self) -> None:
        chart = self.adherence_chart = _chart("Exercises done per week (% of your plan)")
        self.bars = QBarSet("Exercises done")
        self.bars.setColor(BAR_COLOUR)
        self.bars.setPen(QPen(Qt.PenStyle.NoPen))  # flat bars: no outline to draw (and print) on each
        self.bar_series = QBarSeries()
        self.bar_series.append(self.bars)
        self.bar_series.setBarWidth(0.8)
        chart.addSeries(self.bar_series)
        self.week_x = QCategoryAxis()
        self.week_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.week_x.setTitleText("Week after the treatment")
        self.week_y = _value_axis(0, 100, "%", 6)
        chart.addAxis(self.week_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.week_y, Qt.AlignmentFlag.AlignLeft)
        self.bar_series.attachAxis(self.week_x)
        self.bar_series.attachAxis(self.week_y)
        chart.legend().hide()
        self.weeks: list[int] = []
        self.adherence_view = self._view(chart, "Exercise adherence per week")
        self.adherence_stack, self.adherence_empty = _stack(self.adherence_view)

    @staticmethod
    def _view(chart: QChart, name: str) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAccessibleName(name)
        view.setMinimumHeight(CHART_HEIGHT)
        return view

    # Drawing

    def show_recovery(self, recovery: Recovery, today: date) -> None:
        """Draw the recovery as it is now; called again after every change."""
        self._draw_charts(recovery, today)
        self._fill_table()

    def _draw_charts(self, recovery: Recovery, today: date) -> None:
        self.recovery = recovery
        anything = bool(recovery.check_ins or recovery.diary)
        self.stack.setCurrentIndex(1 if anything else 0)
        self.rows = compared(recovery) if anything else []
        self._draw_pain(recovery)
        self._draw_function(recovery)
        self._draw_adherence(recovery, today)

    def _draw_pain(self, recovery: Recovery) -> None:
        lines = pain_lines(recovery)
        days = lines.days
        self.pain_stack.setCurrentIndex(1 if days else 0)
        self.pain_empty.setText(NO_PAIN_YET)
        self.diary_pain.replace(_points(lines.diary))
        self.rest_pain.replace(_points(lines.rest))
        self.activity_pain.replace(_points(lines.activity))
        if recovery.treatment is not None:
            days.append(recovery.treatment)
        self._time_range(self.pain_x, days, WIDE_TICKS)
        self.pain_marker.place(recovery.treatment)

    def _time_range(self, axis: QCategoryAxis, days: list[date], most: int) -> None:
        if not days:
            return
        low, high = _span(days)
        ticks = [(_day(day), label) for day, label in date_ticks(min(days), max(days), most)]
        _set_ticks(axis, ticks, low, high)

    def _draw_function(self, recovery: Recovery) -> None:
        lines = function_lines(recovery, self.rows)
        average = lines.average
        self.function_empty.setText(NO_RATINGS_YET if lines.has_baseline else NO_BASELINE_YET)
        self.function_stack.setCurrentIndex(1 if average else 0)
        self.average.replace(_points(average))
        self._activity_lines([name for name, _points in lines.activities])
        for (_name, points), line in zip(lines.activities, self.activity_lines, strict=True):
            line.replace(_points(points))
        days = [day for day, _value in average]
        psfs = lines.measure
        if average and psfs is not None and psfs.change is not None:
            top = min(Decimal(psfs.high), average[0][1] + psfs.change.points)
            self.notice.setName(f"Baseline + {psfs.change.points} (noticeable)")
            self.notice.replace([QPointF(_day(days[0]), float(top)), QPointF(_day(days[-1]), float(top))])
        else:
            self.notice.clear()
        treatment = recovery.treatment
        if treatment is not None and days:
            days.append(treatment)
        self._time_range(self.function_x, days, NARROW_TICKS)
        self.function_marker.place(treatment if days else None)

    def _has_baseline(self) -> bool:
        return any(row.baseline is not None for row in self.rows)

    def _activity_lines(self, names: list[str]) -> None:
        """One faint line per activity; made again only when their number changes."""
        if len(names) != len(self.activity_lines):
            for line in self.activity_lines:
                self.function_chart.removeSeries(line)
            self.activity_lines = []
            for index in range(len(names)):
                line = _line(self.function_chart, "", FAINT_COLOUR, 1, points=True)
                line.attachAxis(self.function_x)
                line.attachAxis(self.function_y)
                if index:
                    _hide_from_legend(self.function_chart, line)
                self.activity_lines.append(line)
        for index, (name, line) in enumerate(zip(names, self.activity_lines, strict=True)):
            line.setName("Each activity" if index == 0 else name)

    def _draw_adherence(self, recovery: Recovery, today: date) -> None:
        weeks = adherence_by_week(recovery, today)
        if recovery.treatment is None:
            self.adherence_empty.setText(NO_TREATMENT_DAY)
        elif not recovery.exercises:
            self.adherence_empty.setText(NO_EXERCISES)
        else:
            self.adherence_empty.setText(NO_WEEKS_YET)
        self.adherence_stack.setCurrentIndex(1 if weeks else 0)
        values = [float(w.percent) for w in weeks]
        if len(values) == self.bars.count():
            for index, value in enumerate(values):
                if self.bars.at(index) != value:
                    self.bars.replace(index, value)
        else:
            self.bars.remove(0, self.bars.count())
            self.bars.append(values)
        self.weeks = [w.percent for w in weeks]
        ticks = [(float(week - 1), str(week)) for week in week_ticks(len(weeks))]
        _set_ticks(self.week_x, ticks, -0.5, max(len(weeks), 1) - 0.5)

    def _fill_table(self) -> None:
        self.model.replace_rows(self.rows)
        has_rows = self._has_baseline()
        self.table_empty.setVisible(not has_rows)
        self.table.setVisible(has_rows)
        self._fit_columns()
        self._fit_rows()

    def _fit_columns(self) -> None:
        """The measure, baseline and latest columns as wide as their longest text, on one line
        (Qt sizes a word-wrapped column to contents a few pixels short of it)."""
        header, metrics, model = self.table.horizontalHeader(), self.table.fontMetrics(), self.model
        for column in range(len(model.HEADERS) - 1):
            texts = (model.index(row, column).data() for row in range(model.rowCount()))
            widest = max((metrics.horizontalAdvance(text) for text in texts if text), default=0)
            header.resizeSection(
                column, max(widest + CELL_PADDING, header.sectionSizeFromContents(column).width())
            )

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped change, and the table as tall as its rows, so the
        page scrolls instead of the table; again whenever the columns' widths change."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += self.table.verticalHeader().length()
        self.table.setFixedHeight(height)

    # Paper

    def paper_images(self, width: int, height: int, sharpness: int = PAPER_SHARPNESS) -> dict[str, QImage]:
        """Each chart that has something to show, drawn at `width` by `height` (the units the
        printed page is laid out in) with `sharpness` times as many pixels, by name. The charts
        are resized for it: meant for a ProgressCharts made for the paper (see `chart_images`)."""
        images: dict[str, QImage] = {}
        for name, chart, stack in (
            (PAIN, self.pain_chart, self.pain_stack),
            (FUNCTION, self.function_chart, self.function_stack),
            (ADHERENCE, self.adherence_chart, self.adherence_stack),
        ):
            if stack.currentIndex() == 1 and self.stack.currentIndex() == 1:
                images[name] = _chart_picture(chart, width, height, sharpness)
        return images


def chart_images(recovery: Recovery, today: date, width: int, height: int) -> dict[str, QImage]:
    """The recovery's charts as a printed page shows them, by name ("pain", "function",
    "adherence"); a chart with nothing to show is left out."""
    charts = ProgressCharts()
    charts.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    try:
        charts._draw_charts(recovery, today)  # the table under them is not printed from here
        return charts.paper_images(width, height)
    finally:
        charts.close()
        charts.deleteLater()


def _chart_picture(chart: QChart, width: int, height: int, sharpness: int) -> QImage:
    legend = chart.legend()
    small = QFont(legend.font())
    small.setPixelSize(10)
    legend.setFont(small)
    chart.resize(QSizeF(width, height))
    if (layout := chart.layout()) is not None:
        layout.activate()
    image = QImage(width * sharpness, height * sharpness, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(sharpness)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene = chart.scene()
    scene.render(painter, QRectF(0, 0, width, height), QRectF(chart.pos(), QSizeF(width, height)))
    painter.end()
    return image
