"""Printouts written as PDF files and read back as a person's PDF reader would: a month-long
itinerary over many pages with "Page N of M" and the plan's name on each, the Korean hotel
address, both paper sizes, each of the five printouts, the budget's chart, and saves that fail
without touching a good PDF already there."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from planner.budget.rules import ExpenseDraft
from planner.budget.service import save_expense
from planner.clinics.service import list_clinics, save_notes
from planner.clinics.shortlist_service import choose_clinic
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import KIND_STEP, AppointmentDraft
from planner.journey.itinerary_service import StayDraft, accept_proposal, load_itinerary, save_appointment
from planner.journey.trip_details_service import TripDetails, save_details
from planner.plans.service import Plan, PlanDraft, create_plan, get_plan
from planner.printouts.document import Printout
from planner.printouts.registry import PRINTOUTS, build_printout
from planner.ui.printing import printing
from planner.ui.printing.printing import PagedDocument, page_layout, write_pdf

TODAY = date(2026, 11, 21)
PLAN_NAME = "Knee, a month in Seoul"
ARRIVAL = date(2027, 3, 2)
STAY_DAYS = 30
KOREAN_ADDRESS = "서울특별시 강남구 테헤란로 123"
HOTEL_ADDRESS = f"{KOREAN_ADDRESS}\n123 Teheran-ro, Gangnam-gu, Seoul"
DAILY = [
    ("consultation", "Morning review with the surgeon"),
    ("imaging", "Ultrasound of the knee"),
    ("physiotherapy", "Physiotherapy and gait training"),
    ("monitoring", "Swelling and pain check"),
    ("follow-up", "Evening call with the coordinator"),
]
"""Five appointments a day, their titles free of digits (see the test of digits below)."""
NOTE = "Bring the scans on a memory stick and the knee brace"
CLINIC_NOTE = "Answered within a day; asked for their laboratory licence"
SIZES = {"a4": (595, 842), "letter": (612, 792)}
"""Paper sizes in PDF points."""


def plain(text: str) -> str:
    """Extracted text with its runs of white space (the PDF's spaces read back as tabs) as one
    space each."""
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [plain(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


@dataclass(frozen=True)
class LongPdf:
    printout: Printout
    pages: int
    texts: list[str]


def new_plan(db: Database, name: str = PLAN_NAME) -> Plan:
    return create_plan(
        db,
        PlanDraft(name, "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), "15000"),
    )


def long_plan(db: Database) -> Plan:
    """A 30-day stay with 150 appointments, five on each day, and the hotel's Korean address."""
    plan = new_plan(db)
    stay = StayDraft(ARRIVAL, STAY_DAYS, date(2027, 3, 5), "same-day", 14)
    accept_proposal(db, plan.id, stay, [])
    for day in range(STAY_DAYS):
        for slot, (kind, title) in enumerate(DAILY):
            start = datetime.combine(ARRIVAL + timedelta(days=day), datetime.min.time()) + timedelta(
                hours=8 + 2 * slot
            )
            note = NOTE if (day, slot) == (3, 0) else ""
            draft = AppointmentDraft(
                KIND_STEP[kind], kind, title, start, start + timedelta(hours=1), SEOUL, "Gangnam", note
            )
            save_appointment(db, plan.id, draft)
    save_details(
        db,
        plan.id,
        TripDetails("Hotel Gangnam Stay", HOTEL_ADDRESS, "+82 2 555 0100", "Acme Travel Cover", "Sam Lee"),
    )
    again = get_plan(db, plan.id)
    assert again is not None
    return again


@pytest.fixture(scope="module")
def long_pdf(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory, fresh_database: Callable[[Path], Database]
) -> Iterator[LongPdf]:
    """The long plan's itinerary written once as an A4 PDF, for the tests that read it."""
    folder = tmp_path_factory.mktemp("long")
    db = fresh_database(folder / "data")
    try:
        plan = long_plan(db)
        assert len(load_itinerary(db, plan.id).appointments) == STAY_DAYS * len(DAILY)
        printout = build_printout(db, plan.id, "itinerary", TODAY)
    finally:
        db.close()
    path = folder / "itinerary.pdf"
    problem, pages = write_pdf(printout, "a4", path)
    assert problem is None
    yield LongPdf(printout, pages, page_texts(path))


def test_a_long_itinerary_is_numbered_and_named_on_every_page(long_pdf: LongPdf) -> None:
    texts, pages = long_pdf.texts, long_pdf.pages
    assert pages == PagedDocument(long_pdf.printout, page_layout("a4")).pages == len(texts)
    assert pages > 5
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text, f"page {number}: {text[:200]}"
        assert PLAN_NAME in text, f"page {number}"
        assert "Itinerary" in text
    everything = " ".join(texts)
    assert "Day by day" in everything
    # The day headings, read word by word (their digits are checked in the test below).
    assert contains_run(words(everything), ["Wed", "Mar", "day", "of", "in", "Korea"])
    assert contains_run(words(everything), ["in", "Korea", "treatment", "day"])
    for _kind, title in DAILY:
        assert title in everything
    assert NOTE in everything
    for part in KOREAN_ADDRESS.split()[:3]:
        assert part in everything
    assert "Teheran-ro, Gangnam-gu, Seoul" in everything
    assert "Hotel Gangnam Stay" in texts[0] and "Acme Travel Cover" in texts[0]
    assert "Still to do" in everything and "Budget summary" in texts[-1]


def test_the_dates_and_the_korean_address_can_be_found_in_the_pdf_text(long_pdf: LongPdf) -> None:
    everything = " ".join(long_pdf.texts)
    assert "Wed 3 Mar 2027 — day 2 of 30 in Korea" in everything
    assert KOREAN_ADDRESS in everything


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_paper_size_gives_pages_of_that_size(
    qapp: QApplication, db: Database, tmp_path: Path, paper: str
) -> None:
    plan = new_plan(db)
    printout = build_printout(db, plan.id, "itinerary", TODAY)
    path = tmp_path / f"{paper}.pdf"
    problem, pages = write_pdf(printout, paper, path)
    assert problem is None
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == pages == PagedDocument(printout, page_layout(paper)).pages
    width, height = SIZES[paper]
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - width) <= 1
        assert abs(float(page.mediabox.height) - height) <= 1


@pytest.fixture
def furnished_plan(qapp: QApplication, db: Database) -> Plan:
    """A plan with a chosen clinic that has a note, and two expense lines."""
    plan = new_plan(db, "Knee, spring")
    clinic = list_clinics(db)[0]
    save_notes(db, clinic.id, CLINIC_NOTE, 4)
    choose_clinic(db, plan.id, clinic.id)
    for label, category, amount in (("Flights to Seoul", "travel", "850"), ("Hotel room", "lodging", "1200")):
        save_expense(db, plan.id, ExpenseDraft(label, category, None, amount, "", "GBP", None), today=TODAY)
    return plan


@pytest.mark.parametrize("kind", list(PRINTOUTS))
def test_each_printout_is_written_with_its_title(
    db: Database, furnished_plan: Plan, tmp_path: Path, kind: str
) -> None:
    title = PRINTOUTS[kind][0]
    printout = build_printout(db, furnished_plan.id, kind, TODAY)
    path = tmp_path / f"{kind}.pdf"
    problem, pages = write_pdf(printout, "a4", path)
    assert problem is None
    assert path.read_bytes().startswith(b"%PDF")
    texts = page_texts(path)
    assert len(texts) == pages >= 1
    assert f"{furnished_plan.name} · {title}" in texts[0]  # the page header
    assert any(re.search(rf"\b{re.escape(title)}\b", text.split("Page 1 of", 1)[-1]) for text in texts)
    if kind == "comparison":
        assert CLINIC_NOTE in " ".join(texts)


def images_in(path: Path) -> int:
    return sum(len(page.images) for page in pypdf.PdfReader(path).pages)


def test_the_budget_printout_carries_its_chart_only_when_there_are_expense_lines(
    qapp: QApplication, db: Database, furnished_plan: Plan, tmp_path: Path
) -> None:
    with_lines = build_printout(db, furnished_plan.id, "budget", TODAY)
    assert [c.name for c in with_lines.charts] == ["budget-by-category.png"]
    assert write_pdf(with_lines, "a4", tmp_path / "budget.pdf")[0] is None
    assert images_in(tmp_path / "budget.pdf") >= 1
    text = " ".join(page_texts(tmp_path / "budget.pdf"))
    assert "Where the money goes" in text and "Flights to Seoul" in text and "Hotel room" in text

    empty = new_plan(db, "No expenses")
    without = build_printout(db, empty.id, "budget", TODAY)
    assert without.charts == ()
    assert write_pdf(without, "a4", tmp_path / "empty.pdf")[0] is None
    assert images_in(tmp_path / "empty.pdf") == 0
    assert "No expense lines yet." in " ".join(page_texts(tmp_path / "empty.pdf"))


@pytest.fixture
def small_printout(qapp: QApplication, db: Database) -> Printout:
    return build_printout(db, new_plan(db).id, "itinerary", TODAY)


@pytest.fixture
def good_pdf(small_printout: Printout, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "good" / "itinerary.pdf"
    path.parent.mkdir()
    assert write_pdf(small_printout, "a4", path)[0] is None
    yield path


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_a_save_that_cannot_start_says_so_and_leaves_other_pdfs_alone(
    small_printout: Printout, good_pdf: Path, tmp_path: Path, where: str
) -> None:
    before = good_pdf.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    if where == "missing-folder":
        target = out / "no such folder" / "itinerary.pdf"
    else:
        target = out / "a folder.pdf"
        target.mkdir()
    problem, pages = write_pdf(small_printout, "a4", target)
    assert problem is not None and problem.startswith(f"Could not write {target.name}: ")
    assert pages == 0
    assert good_pdf.read_bytes() == before
    assert [p.name for p in good_pdf.parent.iterdir()] == [good_pdf.name]
    assert [p.name for p in out.iterdir()] == (["a folder.pdf"] if where == "a-folder" else [])
    assert target.is_dir() == (where == "a-folder")
    assert not target.is_dir() or list(target.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_save_into_a_read_only_folder_fails_and_keeps_the_pdf_there(
    small_printout: Printout, good_pdf: Path
) -> None:
    before = good_pdf.read_bytes()
    good_pdf.parent.chmod(0o500)
    try:
        problem, pages = write_pdf(small_printout, "letter", good_pdf)
    finally:
        good_pdf.parent.chmod(0o700)
    assert problem is not None and pages == 0
    assert good_pdf.read_bytes() == before
    assert [p.name for p in good_pdf.parent.iterdir()] == [good_pdf.name]


def test_a_save_that_fails_while_drawing_keeps_the_pdf_it_would_have_replaced(
    small_printout: Printout, good_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = good_pdf.read_bytes()
    monkeypatch.setattr(PagedDocument, "paint", lambda _self, _device: False)
    problem, pages = write_pdf(small_printout, "letter", good_pdf)
    assert problem is not None and problem.startswith(f"Could not write {good_pdf.name}")
    assert pages == 0
    assert good_pdf.read_bytes() == before
    assert [p.name for p in good_pdf.parent.iterdir()] == [good_pdf.name]  # no temporary file left


def test_a_drawing_failure_is_explained_in_words(
    small_printout: Printout, good_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PagedDocument, "paint", lambda _self, _device: False)
    problem, _pages = write_pdf(small_printout, "a4", good_pdf)
    assert problem == f"Could not write {good_pdf.name}: the page could not be drawn"


def test_a_new_page_the_device_refuses_stops_the_save(
    small_printout: Printout, good_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running out of room half way (newPage fails on the PDF writer) is a failed save too."""
    before = good_pdf.read_bytes()
    long_enough = PagedDocument(small_printout, page_layout("a4")).pages
    assert long_enough > 1
    monkeypatch.setattr(printing.QPdfWriter, "newPage", lambda _self: False)
    problem, pages = write_pdf(small_printout, "a4", good_pdf)
    assert problem is not None and pages == 0
    assert good_pdf.read_bytes() == before


LONG_NAME = (
    "Knee cartilage treatment at the Gangnam clinic with physiotherapy afterwards, spring twenty "
    "twenty-seven, option B"
)
"""A name of 114 characters; a plan's name may have up to 120."""


def first_page_text(path: Path) -> str:
    """Page one's text as PDFium (Qt PDF) reads it: characters in the order they stand on the
    line, so two texts drawn over each other come out interleaved."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    try:
        return " ".join(document.getAllText(0).text().split())
    finally:
        document.close()


def test_the_page_header_shows_the_plan_and_the_app_side_by_side(
    qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    plan = new_plan(db, "Knee, March")
    path = tmp_path / "questions.pdf"
    assert write_pdf(build_printout(db, plan.id, "questions", TODAY), "a4", path)[0] is None
    text = first_page_text(path)
    assert "Knee, March · Consultation questions" in text
    assert "Patient Journey Planner" in text


def test_a_long_plan_name_in_the_page_header_does_not_run_over_the_apps_name(
    qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    assert len(LONG_NAME) <= 120
    plan = new_plan(db, LONG_NAME)
    path = tmp_path / "questions.pdf"
    assert write_pdf(build_printout(db, plan.id, "questions", TODAY), "a4", path)[0] is None
    text = first_page_text(path)
    assert "Patient Journey Planner" in text
    assert LONG_NAME[:60] in text
