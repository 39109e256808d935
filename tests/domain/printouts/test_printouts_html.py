"""What the printouts put on paper, built from plain values without a database: the person's text
printed as the characters they typed (never as markup the page would obey), the itinerary's
sections and times, the page header and footer, and which paper a locale expects."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

import pytest

from planner.checklist.rules import Due, Item, TripDates
from planner.checklist.service import ChecklistData
from planner.clinics.questions_service import Question
from planner.clinics.rules import Clinic
from planner.journey.itinerary import Appointment, AppointmentDraft, appointment
from planner.journey.rules import Stay
from planner.journey.trip_details_service import TripDetails
from planner.plans.service import Plan
from planner.printouts.checklist import checklist_printout
from planner.printouts.clinics import comparison_printout, questions_printout
from planner.printouts.document import Printout, page_footer, page_header
from planner.printouts.itinerary import ItineraryPrint, itinerary_printout
from planner.printouts.paper import PAPERS, default_paper, environment_locale

TODAY = date(2026, 11, 21)
SCRIPT = "<script>alert(1)</script>"
BOLD_NOTE = '<b>bold</b> & "quotes"'
IMAGE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</td></table><h1>x"
HANGUL_ADDRESS = "서울특별시 강남구 테헤란로 123"
BLANK_LINE = "Not filled in: write it here"
STEPS = {"booking-preparation": "Booking and preparation", "treatment": "Treatment"}


class _Page(HTMLParser):
    """The tags a browser (or Qt) would build from the HTML, and the text it would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.starts: Counter[str] = Counter()
        self.ends: Counter[str] = Counter()
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts[tag] += 1
        if tag in ("style", "title"):
            self._skip += 1
        if tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        self.ends[tag] += 1
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == self._heading:
            self._heading = None
        if tag in ("td", "th", "p", "tr", "br", "h1", "h2", "h3"):
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.chunks.append(data)
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def page(printout: Printout) -> _Page:
    parser = _Page()
    parser.feed(printout.html)
    parser.close()
    return parser


def assert_no_injected_markup(printout: Printout) -> _Page:
    """Only the app's own structure: no script or image, one title, tables closed as opened."""
    shown = page(printout)
    assert "script" not in shown.starts
    assert "img" not in shown.starts
    assert shown.starts["h1"] == 1
    assert shown.starts["table"] == shown.ends["table"]
    assert shown.starts["td"] == shown.ends["td"]
    lowered = printout.html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    return shown


# Building blocks


def a_plan(**changes: Any) -> Plan:
    values: dict[str, Any] = {
        "id": 1,
        "name": "Knee, March",
        "condition_id": "knee-cartilage-damage",
        "condition_name": "Knee cartilage damage",
        "condition_group": "Knee cartilage",
        "home_country": "US",
        "home_country_name": "United States",
        "home_currency": "USD",
        "departure": date(2027, 3, 1),
        "return_": date(2027, 3, 11),
        "budget_limit": None,
        "created_at": datetime(2026, 10, 1, 9),
        "clinic_id": 10,
        "clinic_name": "SH Clinic",
        "condition_group_id": "knee-cartilage",
        "treatment_date": date(2027, 3, 4),
        "home_zone": "America/New_York",
    }
    values.update(changes)
    return Plan(**values)


def a_clinic(**changes: Any) -> Clinic:
    values: dict[str, Any] = {
        "id": 10,
        "catalogue_id": None,
        "name": "SH Clinic",
        "city": "Seoul",
        "district": "Gangnam",
        "location": "3F, 12 Teheran-ro",
        "lead_doctors": ("Dr. Kim", "Dr. Lee"),
    }
    values.update(changes)
    return Clinic(**values)


def an_appointment(**changes: Any) -> Appointment:
    values: dict[str, Any] = {
        "step_id": "treatment",
        "kind": "injection",
        "title": "Injection",
        "start": datetime(2027, 3, 4, 14),
        "end": datetime(2027, 3, 4, 15, 30),
        "zone": "Asia/Seoul",
        "location": "SH Clinic, Gangnam",
        "note": "Fast from midnight",
    }
    values.update(changes)
    return appointment(7, AppointmentDraft(**values))


def a_checklist(*items: Item) -> ChecklistData:
    trip = TripDates(date(2027, 3, 1), date(2027, 3, 11), date(2027, 3, 4))
    return ChecklistData(1, trip, dict(STEPS), list(items))


def itinerary(**changes: Any) -> ItineraryPrint:
    values: dict[str, Any] = {
        "plan": a_plan(),
        "clinic": a_clinic(),
        "details": TripDetails(
            "Hotel Gangnam", HANGUL_ADDRESS, "+82 2 555 0101", "Aviva, policy 123", "Sam, +1 555 0100"
        ),
        "stay": Stay(date(2027, 3, 2), date(2027, 3, 11), date(2027, 3, 4)),
        "home_zone": "America/New_York",
        "steps": dict(STEPS),
        "appointments": [an_appointment()],
        "checklist": a_checklist(Item(1, "booking-preparation", "Book the flights", "task")),
        "budget": [("Planned costs", "$1,200.00"), ("Paid so far", "Nothing yet")],
        "today": TODAY,
    }
    values.update(changes)
    return ItineraryPrint(**values)


def questions() -> list[Question]:
    return [
        Question("builtin:certifications", "Which certifications does the clinic hold?", "", "Safety"),
        Question("own:1", "Do you have an English-speaking nurse?", "Your own question.", "yours"),
    ]


# The person's text is printed as typed, never obeyed as markup


def test_the_itinerary_prints_hostile_text_as_the_characters_typed() -> None:
    data = itinerary(
        clinic=a_clinic(name=SCRIPT, lead_doctors=(IMAGE,)),
        details=TripDetails(hotel_name=SCRIPT, hotel_address=BREAKOUT, insurance=BOLD_NOTE),
        appointments=[an_appointment(title=SCRIPT, location=IMAGE, note=BOLD_NOTE)],
        checklist=a_checklist(Item(1, "treatment", BREAKOUT, "bring", note=BOLD_NOTE)),
        plan=a_plan(name="A & B <i>"),
    )
    printout = itinerary_printout(data)

    shown = assert_no_injected_markup(printout)
    html = printout.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;" in html
    assert "&lt;/td&gt;&lt;/table&gt;&lt;h1&gt;x" in html
    assert "<title>A &amp; B &lt;i&gt; · Itinerary</title>" in html
    assert shown.starts["b"] == 1  # the appointment's title, in bold by the app
    assert "i" not in shown.starts
    for typed in (SCRIPT, IMAGE, BOLD_NOTE, BREAKOUT):
        assert typed in shown.text


def test_hostile_trip_details_cannot_close_the_table_they_are_printed_in() -> None:
    printout = itinerary_printout(
        itinerary(details=TripDetails(BREAKOUT, BREAKOUT, BREAKOUT, BREAKOUT, BREAKOUT))
    )
    shown = assert_no_injected_markup(printout)
    assert shown.text.count(BREAKOUT) == 5
    assert [text for level, text in shown.headings if level == "h1"] == ["Itinerary"]


def test_the_checklist_prints_hostile_items_and_notes_escaped() -> None:
    data = a_checklist(
        Item(1, "booking-preparation", SCRIPT, "task", note=BOLD_NOTE),
        Item(2, "treatment", IMAGE, "bring", done_at=datetime(2026, 11, 1, 9)),
    )
    printout = checklist_printout(a_plan(name=BREAKOUT), data, TODAY)

    shown = assert_no_injected_markup(printout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in printout.html
    for typed in (SCRIPT, BOLD_NOTE, IMAGE, BREAKOUT):
        assert typed in shown.text
    assert "☐" in shown.text and "☑" in shown.text


def test_the_comparison_prints_hostile_clinic_names_and_notes_escaped() -> None:
    clinics = [
        a_clinic(id=10, name=SCRIPT, note=BOLD_NOTE, lead_doctors=(BREAKOUT,)),
        a_clinic(id=11, name="Busan Knee Centre", note=IMAGE),
    ]
    answers = {10: {"builtin:certifications": IMAGE}, 11: {}}
    printout = comparison_printout(a_plan(), clinics, "Your shortlist.", {}, answers, questions(), TODAY)

    shown = assert_no_injected_markup(printout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; (chosen)" in printout.html
    for typed in (SCRIPT, BOLD_NOTE, IMAGE, BREAKOUT):
        assert typed in shown.text


def test_the_questions_printout_prints_hostile_answers_escaped() -> None:
    clinics = [a_clinic(id=10, name=SCRIPT), a_clinic(id=11, name="Busan Knee Centre")]
    answers = {10: {"builtin:certifications": IMAGE}, 11: {"own:1": BOLD_NOTE}}
    printout = questions_printout(a_plan(), clinics, "Your shortlist.", answers, questions(), TODAY)

    shown = assert_no_injected_markup(printout)
    assert "&lt;img src=x onerror=alert(1)&gt;" in printout.html
    assert [text for level, text in shown.headings if level == "h2"] == [SCRIPT, "Busan Knee Centre"]
    for typed in (SCRIPT, IMAGE, BOLD_NOTE):
        assert typed in shown.text
    assert shown.text.count("1 of 2 questions answered.") == 2
    assert shown.starts["tr"] == 2 * (1 + 2)  # per clinic: the column names and both questions
    assert shown.text.count(IMAGE) == 1 and shown.text.count(BOLD_NOTE) == 1


# The itinerary


def test_the_itinerary_has_its_sections_in_order() -> None:
    shown = page(itinerary_printout(itinerary()))
    assert [text for level, text in shown.headings if level == "h2"] == [
        "At a glance",
        "Clinic",
        "Where you stay",
        "In an emergency",
        "Day by day",
        "Still to do",
        "Budget summary",
    ]
    assert [text for level, text in shown.headings if level == "h1"] == ["Itinerary"]
    text = shown.text
    assert "Knee, March · Knee cartilage damage" in text
    assert "Mon 1 Mar 2027 to Thu 11 Mar 2027 (10 nights)" in text
    assert "Thu 4 Mar 2027. Cells: used the same day" in text
    assert "119: Ambulance and fire service; 112: Police; 1330: Korea Travel Hotline" in text
    assert "Book the flights" in text
    assert "$1,200.00" in text


def test_an_appointment_prints_in_seoul_and_home_time() -> None:
    # 14:00 in Seoul on 4 Mar is 05:00 UTC, midnight in New York (UTC-5 in March before DST).
    shown = page(itinerary_printout(itinerary()))
    text = shown.text
    assert "Seoul (UTC+9) and home, New York (UTC−5)" in text
    assert "Thu 4 Mar 2027 — day 3 of 10 in Korea · treatment day" in text
    assert "14:00–15:30\n00:00–01:30\nInjection" in text
    assert "Injection · Treatment" in text
    assert "SH Clinic, Gangnam" in text and "Fast from midnight" in text


def test_a_home_time_on_another_day_is_printed_with_its_date() -> None:
    morning = an_appointment(title="Intake", start=datetime(2027, 3, 3, 9), end=datetime(2027, 3, 3, 10))
    text = page(itinerary_printout(itinerary(appointments=[morning]))).text
    # 09:00 in Seoul on Wednesday is 19:00 on Tuesday in New York.
    assert "09:00–10:00\nTue 2 Mar 19:00–20:00\nIntake" in text


def test_a_plan_at_home_in_seoul_prints_no_second_time() -> None:
    data = itinerary(home_zone="Asia/Seoul", plan=a_plan(home_zone="Asia/Seoul"))
    text = page(itinerary_printout(data)).text
    assert "14:00–15:30\n\nInjection" in text
    assert "00:00–01:30" not in text


def test_empty_trip_details_print_a_line_to_write_on() -> None:
    shown = page(itinerary_printout(itinerary(details=TripDetails())))
    assert shown.text.count(BLANK_LINE) == 5  # hotel, address, phone, insurance, emergency contact

    filled = page(itinerary_printout(itinerary()))
    assert BLANK_LINE not in filled.text


def test_whitespace_only_details_count_as_empty() -> None:
    details = TripDetails(hotel_name="   ", hotel_address="\n\n")
    text = page(itinerary_printout(itinerary(details=details))).text
    assert text.count(BLANK_LINE) == 5


def test_korean_text_and_line_breaks_are_kept() -> None:
    details = TripDetails(
        hotel_name="호텔 그랜드", hotel_address=HANGUL_ADDRESS, emergency_contact="Sam\n+1 555 0100"
    )
    printout = itinerary_printout(itinerary(details=details))
    assert HANGUL_ADDRESS in printout.html  # as characters, not as numeric entities
    assert "호텔 그랜드" in printout.html
    assert "Sam<br>+1 555 0100" in printout.html
    assert '<meta charset="utf-8">' in printout.html


def test_an_itinerary_without_clinic_or_appointments_says_what_to_do() -> None:
    data = itinerary(clinic=None, appointments=[], checklist=a_checklist())
    text = page(itinerary_printout(data)).text
    assert "No clinic chosen yet. Choose one on the Clinics page." in text
    assert "No appointments yet. Propose a schedule on the Itinerary page." in text
    assert "Everything on the checklist is done." in text


def test_still_to_do_lists_only_open_items_and_marks_the_overdue() -> None:
    checklist = a_checklist(
        Item(1, "booking-preparation", "Book the flights", "task", due=Due(on=date(2026, 11, 1))),
        Item(2, "booking-preparation", "Renew the passport", "task", done_at=datetime(2026, 10, 1)),
        Item(3, "treatment", "Bring the scans", "bring", due=Due(anchor="treatment", days=0)),
    )
    text = page(itinerary_printout(itinerary(checklist=checklist))).text
    assert "Book the flights" in text and "1 Nov 2026 (overdue)" in text
    assert "Bring the scans" in text and "4 Mar 2027" in text
    assert "Renew the passport" not in text


# Header, footer and title


def test_page_header_and_footer_wording() -> None:
    printout = itinerary_printout(itinerary())
    assert printout.header == "Knee, March · Itinerary"
    assert printout.footer(2, 7) == "Printed 21 Nov 2026 · Page 2 of 7"
    assert page_footer(date(2027, 3, 5), 1, 1) == "Printed 5 Mar 2027 · Page 1 of 1"
    assert page_header("무릎, 3월", "Checklist") == "무릎, 3월 · Checklist"
    assert "<title>Knee, March · Itinerary</title>" in printout.html


def test_each_printout_names_itself() -> None:
    plan, clinics = a_plan(), [a_clinic()]
    made = [
        itinerary_printout(itinerary()),
        checklist_printout(plan, a_checklist(), TODAY),
        comparison_printout(plan, clinics, "Your shortlist.", {}, {}, questions(), TODAY),
        questions_printout(plan, clinics, "Your shortlist.", {}, questions(), TODAY),
    ]
    assert [(p.kind, p.header) for p in made] == [
        ("itinerary", "Knee, March · Itinerary"),
        ("checklist", "Knee, March · Checklist"),
        ("comparison", "Knee, March · Clinic comparison"),
        ("questions", "Knee, March · Consultation questions"),
    ]
    assert all(p.printed_on == TODAY and p.footer(1, 3) == "Printed 21 Nov 2026 · Page 1 of 3" for p in made)


def test_a_renamed_plan_prints_its_new_name_in_the_header() -> None:
    printout = itinerary_printout(itinerary(plan=replace(a_plan(), name="Knee, April")))
    assert printout.header == "Knee, April · Itinerary"


# Paper


@pytest.mark.parametrize(
    ("locale_name", "paper"),
    [
        ("en_US", "letter"),
        ("en_US.UTF-8", "letter"),
        ("es-MX", "letter"),
        ("fr_CA.UTF-8", "letter"),
        ("en_GB", "a4"),
        ("en_GB.UTF-8", "a4"),
        ("de_DE", "a4"),
        ("de_DE@euro", "a4"),
        ("ko_KR", "a4"),
        ("ko_KR.UTF-8", "a4"),
        ("", "a4"),
        ("C", "a4"),
        ("C.UTF-8", "a4"),
        ("POSIX", "a4"),
        ("en", "a4"),
    ],
)
def test_default_paper_follows_the_locale(locale_name: str, paper: str) -> None:
    assert default_paper(locale_name) == paper
    assert paper in PAPERS


def test_environment_locale_prefers_lc_all_then_lc_paper_then_lang() -> None:
    every = {"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8", "LANG": "ko_KR.UTF-8"}
    assert environment_locale(every) == "en_US.UTF-8"
    assert environment_locale({**every, "LC_ALL": ""}) == "de_DE.UTF-8"
    assert environment_locale({"LC_PAPER": "", "LANG": "ko_KR.UTF-8"}) == "ko_KR.UTF-8"
    assert environment_locale({}) == ""
    # So an American with a German paper setting prints on A4, unless LC_ALL overrides it.
    assert default_paper(environment_locale({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"})) == "a4"
    assert default_paper(environment_locale({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"})) == "letter"


def test_environment_locale_reads_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert environment_locale() == "es_MX.UTF-8"
    monkeypatch.setenv("LC_PAPER", "en_GB.UTF-8")
    assert environment_locale() == "en_GB.UTF-8"


def test_a_long_grid_is_printed_as_several_tables_under_the_same_header() -> None:
    from planner.printouts.document import GRID_ROWS, grid

    html = str(
        grid(["Item", "Paid"], [[f"Line {n}", "1"] for n in range(2 * GRID_ROWS + 1)], caption="Expenses")
    )
    assert html.count("<table") == 3
    assert html.count(">Item</th>") == 3
    assert html.count("Expenses") == 1
    assert html.count("<tr><td valign") == 2 * GRID_ROWS + 1


def test_the_home_offset_is_given_per_date_when_the_clocks_change_during_the_plan() -> None:
    # London moves from UTC+0 to UTC+1 on 28 Mar 2027; Seoul keeps UTC+9.
    plan = a_plan(home_zone="Europe/London", departure=date(2027, 3, 20), return_=date(2027, 4, 2))
    data = itinerary(
        plan=plan,
        home_zone="Europe/London",
        stay=Stay(date(2027, 3, 21), date(2027, 4, 1), date(2027, 3, 24)),
    )
    text = page(itinerary_printout(data)).text
    assert "Seoul (UTC+9) and home, London (UTC+0 until 28 Mar 2027, then UTC+1)" in text
