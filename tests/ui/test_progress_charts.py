"""The progress charts of a recovery: pain over time with the treatment day marked, function from
the baseline, exercise adherence per week, the table of baseline against latest under them, each
empty state in a sentence, and drawing again after a new entry in the same series."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.recovery.chart_series import charts_with_data
from planner.recovery.model import Recovery
from planner.recovery.progress import compared
from planner.ui.recovery.progress_charts import (
    HONEST,
    NO_BASELINE_YET,
    NO_EXERCISES,
    NO_RATINGS_YET,
    NO_TREATMENT_DAY,
    NO_WEEKS_YET,
    NOTHING_YET,
    PAPER_SHARPNESS,
    TABLE_NO_BASELINE,
    ProgressCharts,
    chart_images,
)
from tests.domain.recovery.test_progress import BASELINE, SIX_WEEKS, THREE_MONTHS, TREATMENT, entry, recovery

TODAY = date(2027, 7, 1)


def charts_for(qtbot: QtBot) -> ProgressCharts:
    charts = ProgressCharts()
    qtbot.addWidget(charts)
    charts.resize(1000, 640)
    charts.show()
    qtbot.waitExposed(charts)
    return charts


def recorded() -> Recovery:
    diary = tuple(
        entry(
            TREATMENT + timedelta(days=day),
            pain=7 - day // 10,
            done=frozenset({10}) if day % 2 else frozenset(),
        )
        for day in range(60)
    )
    return recovery((BASELINE, SIX_WEEKS, THREE_MONTHS), diary)


def x_values(series: object) -> list[float]:
    return [point.x() for point in series.points()]  # type: ignore[attr-defined]


def test_nothing_recorded_says_so_in_a_sentence(qtbot: QtBot) -> None:
    charts = charts_for(qtbot)
    charts.show_recovery(recovery(), TODAY)
    assert charts.stack.currentWidget() is charts.nothing and charts.nothing.text() == NOTHING_YET
    assert charts.nothing.isVisible()


def test_pain_function_and_adherence_are_drawn_with_the_treatment_day(qtbot: QtBot) -> None:
    charts = charts_for(qtbot)
    data = recorded()
    charts.show_recovery(data, TODAY)
    assert charts.stack.currentWidget() is charts.scroll_area
    assert charts.diary_pain.count() == 60
    assert [p.y() for p in charts.activity_pain.points()] == [7, 4, 3]
    assert charts.rest_pain.count() == 0  # no check-in asked pain at rest here
    treatment = float(TREATMENT.toordinal())
    for marker in (charts.pain_marker, charts.function_marker):
        assert x_values(marker.line) == [treatment, treatment]
        assert marker.label.text() == "Treatment 10 Mar 2027" and marker.label.isVisible()
    assert charts.pain_x.min() < treatment < charts.pain_x.max()
    assert [p.y() for p in charts.average.points()] == [2.0, 4.0, 4.7]
    assert x_values(charts.average)[0] == float(BASELINE.taken_on.toordinal())
    assert [line.count() for line in charts.activity_lines] == [3, 3, 3]
    assert charts.notice.points()[0].y() == 4.0  # the baseline's 2.0 and the 2 points people notice
    assert charts.weeks == [21, 29] * 4 + [25]  # 3 or 4 of 14 a week; the ninth has four days, 2 of 8
    assert charts.bars.count() == 9
    assert charts.week_x.categoriesLabels() == [str(n) for n in range(1, 10)]
    for stack in (charts.pain_stack, charts.function_stack, charts.adherence_stack):
        assert stack.currentIndex() == 1


def test_the_table_compares_baseline_and_latest_with_the_change_in_words(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    charts = charts_for(qtbot)
    charts.show_recovery(recorded(), TODAY)
    qtmodeltester.check(charts.model)
    model = charts.model
    rows = {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 4)]
        for r in range(model.rowCount())
    }
    assert rows["Pain during activity"] == [
        "7 (1 Mar 2027)",
        "3 (12 Jun 2027)",
        "Down 4 points (57%) since the baseline, better; reaches the change people notice.",
    ]
    assert rows["Knee bend"] == ["Not recorded", "Not recorded", "No baseline yet"]
    tip = model.index(1, 3).data(3)  # Qt.ToolTipRole
    assert "Farrar" in tip
    assert charts.table.isVisible() and not charts.table_empty.isVisible()
    assert charts.table.height() >= charts.table.verticalHeader().length()  # the page scrolls, not the table
    assert charts.honest.text() == HONEST and charts.honest.isVisible()


def test_each_empty_chart_says_why(qtbot: QtBot) -> None:
    charts = charts_for(qtbot)
    diary_only = recovery((), (entry(TREATMENT, pain=5),))
    charts.show_recovery(diary_only, TODAY)
    assert charts.function_stack.currentIndex() == 0 and charts.function_empty.text() == NO_BASELINE_YET
    assert charts.table_empty.isVisible() and charts.table_empty.text() == TABLE_NO_BASELINE
    assert charts.adherence_stack.currentIndex() == 1  # the day is counted, with nothing done

    no_ratings = recovery((replace(BASELINE, activity_ratings={}),))
    charts.show_recovery(no_ratings, TODAY)
    assert charts.function_empty.text() == NO_RATINGS_YET
    assert charts.adherence_stack.currentIndex() == 0 and charts.adherence_empty.text() == NO_WEEKS_YET

    charts.show_recovery(replace(no_ratings, treatment=None, schedule=()), TODAY)
    assert charts.adherence_empty.text() == NO_TREATMENT_DAY
    assert not charts.pain_marker.label.isVisible() and charts.pain_marker.line.count() == 0

    charts.show_recovery(replace(no_ratings, exercises=()), TODAY)
    assert charts.adherence_empty.text() == NO_EXERCISES


def test_a_new_entry_is_drawn_in_the_same_series(qtbot: QtBot) -> None:
    charts = charts_for(qtbot)
    data = recorded()
    charts.show_recovery(data, TODAY)
    series = (charts.diary_pain, charts.average, charts.bars, *charts.activity_lines)
    added = entry(TREATMENT + timedelta(days=60), pain=2, done=frozenset({10, 11}))
    charts.show_recovery(replace(data, diary=(*data.diary, added)), TODAY)
    assert (charts.diary_pain, charts.average, charts.bars, *charts.activity_lines) == series
    assert charts.diary_pain.count() == 61 and charts.diary_pain.points()[-1].y() == 2
    assert charts.weeks[-1] == 40  # the ninth week: 4 of 10 over five days
    fewer = replace(data, activities=data.activities[:2])
    charts.show_recovery(fewer, TODAY)
    assert len(charts.activity_lines) == 2


def test_the_charts_for_paper_are_those_with_something_to_draw(qtbot: QtBot) -> None:
    for data in (recorded(), recovery((), (entry(TREATMENT, pain=5),)), recovery()):
        images = chart_images(data, TODAY, 660, 250)
        assert list(images) == charts_with_data(data, compared(data), TODAY)
        for image in images.values():
            assert (image.width(), image.height()) == (660 * PAPER_SHARPNESS, 250 * PAPER_SHARPNESS)
            assert not image.isNull()


def test_it_fits_in_a_tab_of_the_smallest_window(qtbot: QtBot) -> None:
    charts = charts_for(qtbot)
    charts.show_recovery(recorded(), TODAY)
    hint = charts.minimumSizeHint()
    assert hint.width() <= 900 and hint.height() <= 500
    charts.resize(900, 480)
    qtbot.wait(10)
    assert charts.pain_view.height() >= 240  # each chart keeps its height; the tab scrolls instead
