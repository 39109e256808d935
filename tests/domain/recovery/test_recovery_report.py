"""The recovery report for the home doctor, built from plain values without a database: the
treatment as recorded (and "Not recorded" where it is not), every measure's baseline against its
latest value with the change and its source, the charts only where there is something to draw, the
side effects with their dates, adherence per week, the notes as typed (escaped, a 10,000-character
Hangul note whole), and the sentence that it is not advice and claims no cause."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from planner.clinics.quotes import Quote, QuoteLine
from planner.journey.itinerary import AppointmentDraft, appointment
from planner.printouts.document import Printout, ProgressChartRequest
from planner.printouts.recovery import (
    NO_CLAIMS,
    NOT_RECORDED,
    SIDE_EFFECTS_AS_RECORDED,
    RecoveryReport,
    TreatmentRecord,
    recovery_printout,
)
from planner.recovery.model import CheckIn
from planner.recovery.rules import NOTE_MOST
from tests.domain.printouts.test_printouts_html import _Page, a_plan, page
from tests.domain.recovery.test_progress import BASELINE, SIX_WEEKS, THREE_MONTHS, TREATMENT, entry, recovery

TODAY = date(2027, 7, 1)
SCRIPT = "<script>alert(1)</script>"
HANGUL_NOTE = ("무릎이아프다" * 2000)[:NOTE_MOST]
"""A note at the longest a note may be, in Hangul without a space to break at."""
FARRAR = "Farrar JT, Young JP Jr"
STRATFORD = "Stratford P, Gill C"


def injection() -> tuple:  # type: ignore[type-arg]
    start = datetime(2027, 3, 10, 10)
    draft = AppointmentDraft(
        "treatment",
        "injection",
        "Knee injection",
        start,
        start + timedelta(hours=1),
        "Asia/Seoul",
        note="Left knee",
    )
    return (appointment(7, draft),)


def a_quote() -> Quote:
    return Quote(
        3,
        1,
        10,
        "SH Clinic",
        "USD",
        date(2027, 1, 15),
        None,
        None,
        "",
        "Adipose cells, same day.",
        True,
        (QuoteLine(None, "Fat harvest", Decimal(2000)), QuoteLine(None, "Injection", Decimal(9000))),
    )


def record(**changes: object) -> TreatmentRecord:
    values: dict[str, object] = {
        "clinic": "SH Clinic",
        "clinic_place": "Gangnam, Seoul",
        "day": TREATMENT,
        "cells": ("cultured", 21),
        "procedure": injection(),
        "quote": a_quote(),
        "techniques": ("Adipose-derived stem cells", "PRP"),
    }
    values.update(changes)
    return TreatmentRecord(**values)  # type: ignore[arg-type]


def full_recovery():  # type: ignore[no-untyped-def]
    noted = replace(SIX_WEEKS, note=f"Stairs easier. {SCRIPT}")
    diary = (
        entry(TREATMENT, pain=6, done=frozenset({10, 11}), side_effects=frozenset({"fever", "redness"})),
        entry(
            TREATMENT + timedelta(days=1), pain=5, done=frozenset({10}), side_effect_other="Itchy <b>skin</b>"
        ),
        entry(TREATMENT + timedelta(days=9), pain=4),
    )
    diary = (
        replace(diary[0], note=HANGUL_NOTE),
        diary[1],
        replace(diary[2], note="Walked to the park.\nSecond line."),
    )
    return recovery((BASELINE, noted, THREE_MONTHS), diary)


def report(**changes: object) -> RecoveryReport:
    values: dict[str, object] = {
        "plan": a_plan(name="Knee, March"),
        "treatment": record(),
        "recovery": full_recovery(),
        "today": TODAY,
    }
    values.update(changes)
    return RecoveryReport(**values)  # type: ignore[arg-type]


def shown(printout: Printout) -> _Page:
    """The page as `page` reads it, a line break ending its line."""
    return page(replace(printout, body=printout.body.replace("<br>", "<br/>")))


def text_of(data: RecoveryReport) -> str:
    return " ".join(shown(recovery_printout(data)).text.split())


def test_the_treatment_is_shown_as_recorded() -> None:
    text = text_of(report())
    for fact in (
        "Knee cartilage damage",
        "SH Clinic, Gangnam, Seoul",
        "Wed 10 Mar 2027",
        "Injection, Wed 10 Mar 2027: Knee injection (Left knee)",
        "Cultured in the lab first, for 21 days",
        "Not recorded. The clinic's catalogue entry lists: Adipose-derived stem cells, PRP",
        "From SH Clinic, received 15 Jan 2027. Quoted: Fat harvest; Injection.",
        "Note on the quote: Adipose cells, same day.",
        "3 entries, 10 Mar 2027 to 19 Mar 2027",
    ):
        assert fact in text, fact


def test_what_is_not_recorded_says_so() -> None:
    bare = record(clinic="", clinic_place="", day=None, cells=None, procedure=(), quote=None, techniques=())
    nothing = replace(recovery(), treatment=None, schedule=())
    text = text_of(report(treatment=bare, recovery=nothing))
    for label in (
        "Clinic chosen",
        "Treatment day",
        "Procedure on the itinerary",
        "Cells",
        "Technique",
        "Accepted quote",
    ):
        assert f"{label} {NOT_RECORDED}" in text, label
    assert "No treatment day recorded, so no check-ins are scheduled." in text
    assert "No baseline recorded yet, so there is nothing to compare." in text
    assert "Nothing recorded to draw yet." in text
    assert "No side effects recorded." in text and "No notes in the diary." in text


def test_same_day_cells_have_no_culturing_days() -> None:
    assert "Used the same day (no culturing)" in text_of(report(treatment=record(cells=("same-day", 14))))


def test_every_measure_baseline_against_latest_with_the_change_and_its_source() -> None:
    text = text_of(report())
    assert "Pain during activity 7 1 Mar 2027 3 12 Jun 2027" in text
    assert "Down 4 points (57%) since the baseline, better; reaches the change people notice. [1]" in text
    assert "Patient-Specific Functional Scale (average) 2 1 Mar 2027 4.7 12 Jun 2027 Up 2.7 points" in text
    assert "Running 0 1 Mar 2027 2 12 Jun 2027 Up 2 points since the baseline, better; does not reach" in text
    assert (
        "Walking time 10 min 1 Mar 2027 35 min 22 Apr 2027 "
        "Up 25 minutes since the baseline, better. None published" in text
    )
    assert "Knee bend Not recorded Not recorded No baseline None published" in text
    # Each published change once, numbered in the order the table first uses it, with its wording.
    assert text.count(FARRAR) == 1 and text.count(STRATFORD) == 1
    assert "[1] A fall of 2 points, or of 30%, is a change people notice. Farrar JT" in text
    assert "[2] A rise of 2 points in the average" in text and text.index(FARRAR) < text.index(STRATFORD)


def test_a_measure_without_a_later_check_in_says_so() -> None:
    only_baseline = recovery((BASELINE,))
    text = text_of(report(recovery=only_baseline))
    assert "Pain during activity 7 1 Mar 2027 Not recorded No check-in after the baseline" in text


def test_the_charts_are_asked_for_only_where_there_is_something_to_draw() -> None:
    printout = recovery_printout(report())
    (request,) = printout.charts
    assert isinstance(request, ProgressChartRequest)
    assert list(request.names) == ["pain", "function", "adherence"]
    assert all(f'<img src="{name}"' in printout.html for name in request.names.values())
    assert request.recovery == report().recovery and request.today == TODAY

    diary_only = recovery((), (entry(TREATMENT, pain=4),))
    (no_function,) = recovery_printout(report(recovery=diary_only)).charts
    assert isinstance(no_function, ProgressChartRequest) and list(no_function.names) == ["pain", "adherence"]
    assert recovery_printout(report(recovery=recovery())).charts == ()


def test_side_effects_are_listed_by_date_as_recorded() -> None:
    text = text_of(report())
    assert "10 Mar 2027 Redness Fever 11 Mar 2027" in text
    assert "11 Mar 2027 Itchy <b>skin</b>" in text  # the patient's own words, as characters
    assert SIDE_EFFECTS_AS_RECORDED in text


def test_adherence_per_week_from_the_treatment() -> None:
    text = text_of(report())
    assert "The physiotherapy plan's exercises: Straight-leg raises, Heel slides." in text
    assert "1 10 Mar 2027 3 14 21%" in text  # two days ticked of seven, two exercises a day
    assert "2 17 Mar 2027 0 6 0%" in text  # to the last entry, 19 March: three days


def test_notes_print_whole_and_as_typed() -> None:
    printout = recovery_printout(report())
    parsed = shown(printout)
    assert "script" not in parsed.starts and "<b>skin" not in printout.html
    text = parsed.text
    assert HANGUL_NOTE in text and len(HANGUL_NOTE) == NOTE_MOST
    assert f"Stairs easier. {SCRIPT}" in text
    assert "6 weeks" in text
    assert "Walked to the park.\nSecond line." in text  # the line break kept


def test_it_says_it_is_not_advice_and_claims_no_cause() -> None:
    printout = recovery_printout(report())
    text = " ".join(shown(printout).text.split())
    assert (
        "does not give medical advice" in NO_CLAIMS
        and "does not claim that the treatment caused" in NO_CLAIMS
    )
    assert text.count(NO_CLAIMS) == 2  # under the title and at the end
    assert printout.kind == "recovery" and printout.title == "Recovery report"
    assert printout.header == "Knee, March · Recovery report"


def test_an_own_check_in_is_listed_with_the_schedule() -> None:
    own = CheckIn(8, "", date(2027, 5, 2), {"pain-rest": 3}, {}, "My own")
    text = text_of(report(recovery=recovery((BASELINE, own))))
    assert "Patient's own check-in 2 May 2027" in text
    assert "2 May 2027 Patient's own My own" in text
