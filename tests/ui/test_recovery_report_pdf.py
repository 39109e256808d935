"""The doctor's report of six months of recovery written as a PDF and read back as a PDF reader
would: the key facts on its pages, its charts, a 10,000-character Hangul note printed whole, the
plan's name and "Page N of M" on every page, and a sane number of pages."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
from PySide6.QtWidgets import QApplication

from planner.db.database import Database
from planner.printouts.recovery import NO_CLAIMS, build_recovery_printout
from planner.recovery.rules import NOTE_MOST
from planner.ui.printing.printing import write_pdf
from tests.fixed_time import TEST_NOW
from tests.recovery_plan import CHECK_IN_NOTE, QUOTE_ITEMS, recovery_plan

TODAY = TEST_NOW.date()
HANGUL_NOTE = ("무릎이 계단에서 아팠다 " * 1000)[:NOTE_MOST]


def hangul(text: str) -> str:
    return "".join(c for c in text if "\uac00" <= c <= "\ud7a3")


def test_six_months_of_recovery_print_with_every_key_fact(
    qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    plan_id = recovery_plan(db, TODAY, days=183, diary_note=HANGUL_NOTE)
    printout = build_recovery_printout(db, plan_id, TODAY)
    path = tmp_path / "recovery.pdf"
    problem, pages = write_pdf(printout, "a4", path)
    assert problem is None
    reader = pypdf.PdfReader(path)
    # NFKC reads the typeface's ligatures (ﬁ, ﬀ) back as their letters.
    texts = [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in reader.pages]
    assert len(texts) == pages and 5 <= pages <= 15
    for number, text in enumerate(texts, start=1):
        assert text.startswith("Knee, recovery · Recovery report"), number
        assert f"Page {number} of {pages}" in text
    whole = " ".join(texts)
    for fact in (
        "Recovery report",
        "Treatment day Thu 21 May 2026",
        "Cultured in the lab first, for 14 days",
        "Cell harvest, Tue 19 May 2026",
        f"Quoted: {QUOTE_ITEMS[0]}; {QUOTE_ITEMS[1]}",
        "183 entries, 21 May 2026 to 19 Nov 2026",
        "Pain during activity 7 14 May 2026 4 21 Aug 2026 Down 3 points (43%) since the baseline",
        "Farrar JT",
        "Stratford P",
        "Itchy at the injection site",
        "23 May 2026 More swelling Warmth",
        CHECK_IN_NOTE,
        "Day 180: walked to the shop and back.",
        NO_CLAIMS,
    ):
        assert fact in whole, fact
    assert re.search(r"27 19 Nov 2026 2 3 67%", whole)  # the last week of adherence: one day so far
    assert sum(len(page.images) for page in reader.pages) == 3  # pain, function and adherence
    # Every syllable of the note, in order, over the pages it runs to (the only Hangul printed).
    # Where a table cell runs over a page break, Qt's PDF holds the last line of the page once more
    # on the next, clipped out of sight, so the text read back has that line twice: the note is
    # read as a subsequence of what was printed.
    printed = iter(hangul(whole))
    assert all(syllable in printed for syllable in hangul(HANGUL_NOTE))
    assert len(hangul(HANGUL_NOTE)) > 7_000
