"""The baseline and check-ins beside the checklist's items: under their steps after the step's own
items, shown by the same filters, and printed with their due days; never counted in the progress."""

from __future__ import annotations

import re
from datetime import date, datetime

from planner.checklist.rules import Filter, Item, TripDates, check_in_matches, tally, with_check_ins
from planner.checklist.service import ChecklistData
from planner.printouts.checklist import checklist_printout
from planner.recovery.checkins import Scheduled, schedule
from tests.domain.printouts.test_printouts_html import a_plan

TREATMENT = date(2026, 9, 4)
TODAY = date(2026, 11, 20)
STEPS = {"treatment": "Treatment", "departure": "Departure", "rehabilitation-home": "Rehabilitation at home"}
TAKEN = {"baseline": date(2026, 8, 27), "2-weeks": date(2026, 9, 19)}


def points() -> list[Scheduled]:
    return schedule(TREATMENT, TAKEN)


def items() -> list[Item]:
    return [
        Item(1, "treatment", "Bring your scans", "bring"),
        Item(2, "departure", "Get the clinic's clearance", "task"),
        Item(3, "rehabilitation-home", "Keep up physical therapy", "task", done_at=datetime(2026, 10, 1, 9)),
    ]


def test_each_steps_check_ins_follow_its_own_items_in_the_journeys_order() -> None:
    rows = with_check_ins(items(), points(), list(STEPS))
    assert [r.text if isinstance(r, Item) else r.point.id for r in rows] == [
        "Bring your scans",
        "baseline",
        "Get the clinic's clearance",
        "Keep up physical therapy",
        "2-weeks",
        "6-weeks",
        "3-months",
        "6-months",
        "12-months",
    ]
    only_home = [s for s in points() if s.point.step_id == "rehabilitation-home"]
    assert [getattr(r, "text", "") for r in with_check_ins([], only_home, list(STEPS))] == [""] * 5
    assert with_check_ins(items(), points(), ["departure"]) == [items()[1], items()[0], items()[2]]


def test_the_filters_show_check_ins_as_they_would_items_due_that_day() -> None:
    by_id = {s.point.id: s for s in points()}

    def shown(chosen: Filter) -> list[str]:
        return [p for p, s in by_id.items() if check_in_matches(s, chosen, TODAY)]

    assert shown(Filter.ALL) == list(by_id)
    assert shown(Filter.DONE) == ["baseline", "2-weeks"]
    assert shown(Filter.OPEN) == ["6-weeks", "3-months", "6-months", "12-months"]
    assert shown(Filter.OVERDUE) == ["6-weeks"]  # due 16 Oct 2026
    assert shown(Filter.DUE_SOON) == []
    assert [p for p, s in by_id.items() if check_in_matches(s, Filter.DUE_SOON, date(2026, 11, 30))] == [
        "3-months"  # due 4 Dec 2026
    ]


def test_the_checklists_tally_counts_the_items_only() -> None:
    counted = tally(items(), {}, list(STEPS), TODAY)
    assert (counted.overall.done, counted.overall.total) == (1, 3)
    assert counted.by_step["rehabilitation-home"].total == 1


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def test_the_printout_lists_the_check_ins_under_their_steps_with_their_due_days() -> None:
    trip = TripDates(date(2026, 9, 1), date(2026, 9, 12), TREATMENT)
    data = ChecklistData(1, trip, dict(STEPS), items(), 0, tuple(points()))
    plan = a_plan(departure=date(2026, 9, 1), return_=date(2026, 9, 12), treatment_date=TREATMENT)
    text = _text(checklist_printout(plan, data, TODAY).html)

    assert "1 of 3 done (33%)" in text, "the check-ins are not counted"
    assert "recorded on the Recovery page; they are not counted above" in text
    treatment = text.index("Treatment (0 of 1 done)")
    departure = text.index("Departure (0 of 1 done)")
    home = text.index("Rehabilitation at home (1 of 1 done)")
    assert treatment < text.index("Baseline check-in") < departure
    assert home < text.index("2-week check-in") < text.index("12-month check-in")
    assert "☑ Baseline check-in Done on 27 Aug 2026 Check-in 28 Aug 2026" in text
    assert "☑ 2-week check-in Done on 19 Sep 2026 Check-in 18 Sep 2026" in text
    assert "☐ 6-week check-in Check-in 16 Oct 2026 (overdue)" in text
    assert "☐ 3-month check-in Check-in 4 Dec 2026 " in text
    assert "☐ 12-month check-in Check-in 4 Sep 2027" in text


def test_a_step_with_check_ins_only_is_printed_and_a_plan_without_a_treatment_day_has_none() -> None:
    trip = TripDates(date(2026, 9, 1), date(2026, 9, 12), TREATMENT)
    plan = a_plan(departure=date(2026, 9, 1), return_=date(2026, 9, 12), treatment_date=TREATMENT)
    data = ChecklistData(1, trip, dict(STEPS), [], 0, tuple(points()))
    text = _text(checklist_printout(plan, data, TODAY).html)
    assert text.index("Treatment ") < text.index("Baseline check-in")
    assert text.index("Rehabilitation at home ") < text.index("2-week check-in")
    assert "Departure" not in text and "(0 of 0 done)" not in text
    assert "The checklist is empty." not in text
    bare = ChecklistData(1, TripDates(date(2026, 9, 1), date(2026, 9, 12)), dict(STEPS), items())
    assert "check-in" not in _text(checklist_printout(plan, bare, TODAY).html)
