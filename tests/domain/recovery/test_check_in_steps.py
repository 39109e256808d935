"""Each point of the check-in schedule belongs to a step of the journey: the baseline to the
treatment, every check-in after it to rehabilitation at home."""

from __future__ import annotations

from datetime import date

from planner.catalogue.loader import load_catalogue
from planner.core.paths import catalogue_dir
from planner.recovery.checkins import CHECK_IN_STEPS, POINTS, of_step, schedule
from planner.step_page.text import OVERDUE_STYLE, check_ins_html


def test_the_baseline_belongs_to_the_treatment_and_every_later_check_in_to_rehabilitation_at_home() -> None:
    assert [(p.id, p.step_id) for p in POINTS] == [
        ("baseline", "treatment"),
        ("2-weeks", "rehabilitation-home"),
        ("6-weeks", "rehabilitation-home"),
        ("3-months", "rehabilitation-home"),
        ("6-months", "rehabilitation-home"),
        ("12-months", "rehabilitation-home"),
    ]
    assert {"treatment", "rehabilitation-home"} == CHECK_IN_STEPS


def test_the_steps_are_steps_of_the_shipped_journey() -> None:
    journey = {s.id for s in load_catalogue(catalogue_dir()).steps}
    assert journey >= CHECK_IN_STEPS


def test_each_point_has_a_title_for_a_list_of_things_to_do() -> None:
    assert [p.title for p in POINTS] == [
        "Baseline check-in",
        "2-week check-in",
        "6-week check-in",
        "3-month check-in",
        "6-month check-in",
        "12-month check-in",
    ]


def test_a_steps_points_keep_the_schedules_order_and_move_with_the_treatment_day() -> None:
    taken = {"2-weeks": date(2027, 3, 25)}
    treatment = of_step(schedule(date(2027, 3, 10), taken), "treatment")
    home = of_step(schedule(date(2027, 3, 10), taken), "rehabilitation-home")
    assert [(s.point.id, s.due) for s in treatment] == [("baseline", date(2027, 3, 3))]
    assert [s.point.id for s in home] == ["2-weeks", "6-weeks", "3-months", "6-months", "12-months"]
    assert home[0].taken_on == date(2027, 3, 25) and not home[1].done
    later = of_step(schedule(date(2027, 4, 10), taken), "rehabilitation-home")
    assert [s.due for s in later][:2] == [date(2027, 4, 24), date(2027, 5, 22)]
    assert of_step(schedule(date(2027, 3, 10), {}), "departure") == []


def test_a_steps_page_says_each_check_in_is_done_or_not_yet_and_marks_the_overdue_ones() -> None:
    home = of_step(schedule(date(2026, 9, 4), {"2-weeks": date(2026, 9, 19)}), "rehabilitation-home")
    text = check_ins_html(home, date(2026, 9, 4), date(2026, 11, 20))
    rows = text.split("<tr>")[1:]
    assert "2-week check-in" in rows[0] and "due Fri 18 Sep 2026" in rows[0]
    assert "done on 19 Sep 2026" in rows[0] and OVERDUE_STYLE not in rows[0]
    assert "6-week check-in" in rows[1] and "not yet (overdue)" in rows[1] and OVERDUE_STYLE in rows[1]
    assert "3-month check-in" in rows[2] and "due Fri 4 Dec 2026" in rows[2]
    assert "not yet" in rows[2] and "overdue" not in rows[2]
    assert "They are recorded on the Recovery page (Ctrl+7)." in text
    baseline = of_step(schedule(date(2026, 9, 4), {}), "treatment")
    alone = check_ins_html(baseline, date(2026, 9, 4), date(2026, 9, 1))
    assert "Baseline check-in" in alone and "It is recorded on the Recovery page" in alone


def test_without_a_treatment_day_a_steps_page_says_the_check_ins_follow_from_it() -> None:
    text = check_ins_html([], None, date(2026, 11, 20))
    assert text.count("<p>") == 1 and "<tr>" not in text
    assert "follow from the treatment day" in text and "Trip dates" in text
