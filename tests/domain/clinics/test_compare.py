"""Clinics side by side: the rows, which of them differ, and the user's own findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from planner.clinics.compare import NOT_GIVEN, ComparedFact, build_comparison, quote_summary, stars
from planner.clinics.quotes import Quote, QuoteLine
from planner.clinics.rules import Clinic, Technique

STEM = Technique("stem-cells", "Stem cell therapy")
GENE = Technique("gene-therapy", "Gene therapy")


@dataclass(frozen=True)
class Asked:
    key: str
    text: str


CELLINIQUE = Clinic(
    1,
    "cellinique",
    "Cellinique Clinic",
    city="Seoul",
    district="Gangnam",
    lead_doctors=("Dr. Chris Gunwoo Kim",),
    focus="One doctor, regenerative care",
    condition_groups=("soft-tissue", "knee-cartilage"),
    techniques=(STEM,),
    claims=("Korea's premier destination", "100% individualised"),
    rating=4,
    note="Answered within a day",
)
LYDIAN = Clinic(
    4,
    "lydian",
    "Lydian Plastic Surgery Clinic",
    city="Seoul",
    district="Cheongdam, Gangnam",
    condition_groups=("knee-cartilage",),
    techniques=(STEM, GENE),
    approvals=("Advanced Regenerative Medicine Provider",),
    government_approved=True,
)
OWN = Clinic(9, None, "Busan Knee Centre", city="", district="", techniques=(STEM,))

QUESTIONS = (
    Asked("builtin:lab-standards", "Where are the cells processed?"),
    Asked("builtin:certifications", "Which approvals does the clinic hold?"),
    Asked("own:1", "Is a translator included?"),
)


def quote(total: str, accepted: bool = False, deposit: str | None = None, currency: str = "USD") -> Quote:
    return Quote(
        id=1,
        plan_id=1,
        clinic_id=1,
        clinic_name="Cellinique Clinic",
        currency=currency,
        received_on=date(2027, 1, 10),
        valid_until=None,
        deposit_percent=Decimal(deposit) if deposit else None,
        refund_terms="",
        note="",
        accepted=accepted,
        lines=(QuoteLine(None, "All in", Decimal(total)),),
    )


def by_label(rows: list[ComparedFact]) -> dict[str, ComparedFact]:
    return {row.label: row for row in rows}


def test_one_column_per_clinic_facts_first_then_the_users_findings() -> None:
    rows = build_comparison([CELLINIQUE, LYDIAN, OWN], {}, {}, QUESTIONS)
    assert all(len(row.values) == 3 for row in rows)
    assert [row.label for row in rows] == [
        "District",
        "Lead doctors",
        "Focus",
        "Treats",
        "Techniques",
        "Government-approved",
        "Approvals and certifications",
        "Claims to verify",
        "Your quote total",
        "Deposit",
        "Your rating",
        "Your note",
    ]
    groups = [row.group for row in rows]
    assert groups == ["Facts"] * 8 + ["Yours"] * 4


def test_the_facts_read_as_a_person_would_say_them() -> None:
    rows = by_label(build_comparison([CELLINIQUE, LYDIAN, OWN], {}, {}, ()))
    assert rows["District"].values == ("Gangnam, Seoul", "Cheongdam, Gangnam, Seoul", NOT_GIVEN)
    assert rows["Lead doctors"].values == ("Dr. Chris Gunwoo Kim", NOT_GIVEN, NOT_GIVEN)
    assert rows["Treats"].values == ("Soft-tissue injuries\nKnee cartilage", "Knee cartilage", NOT_GIVEN)
    assert rows["Techniques"].values == (
        "Stem cell therapy",
        "Stem cell therapy\nGene therapy",
        "Stem cell therapy",
    )
    assert rows["Government-approved"].values == ("Not stated", "Yes", "Not stated")
    assert rows["Approvals and certifications"].values == (
        NOT_GIVEN,
        "Advanced Regenerative Medicine Provider",
        NOT_GIVEN,
    )
    assert rows["Claims to verify"].values == ("2 claims", "None recorded", "None recorded")
    assert rows["Your rating"].values == ("★★★★☆  4/5", "Not rated", "Not rated")
    assert rows["Your note"].values == ("Answered within a day", NOT_GIVEN, NOT_GIVEN)


def test_rows_whose_values_differ_are_marked() -> None:
    twin = Clinic(2, None, "Twin", city="Seoul", district="Gangnam", techniques=(STEM,))
    rows = by_label(build_comparison([CELLINIQUE, twin], {}, {}, ()))
    assert not rows["District"].differs
    assert not rows["Techniques"].differs
    assert not rows["Government-approved"].differs
    assert rows["Lead doctors"].differs
    assert rows["Your rating"].differs


def test_quotes_show_their_total_status_and_deposit() -> None:
    quotes = {1: quote("2500", accepted=True, deposit="10"), 4: quote("3000000")}
    rows = by_label(build_comparison([CELLINIQUE, LYDIAN, OWN], quotes, {}, ()))
    assert rows["Your quote total"].values == (
        "$2,500.00 (accepted)",
        "$3,000,000.00 (received 10 Jan 2027)",
        "No quote yet",
    )
    assert rows["Deposit"].values == ("10 % = $250.00", NOT_GIVEN, NOT_GIVEN)
    assert rows["Your quote total"].differs


def test_a_fractional_deposit_in_won_is_shown_in_whole_won() -> None:
    won = quote("1005", deposit="12.5", currency="KRW")
    rows = by_label(build_comparison([CELLINIQUE, LYDIAN], {1: won}, {}, ()))
    assert rows["Deposit"].values[0] == "12.5 % = ₩126"


def test_only_questions_some_clinic_has_answered_are_shown() -> None:
    answers = {
        1: {"builtin:lab-standards": "A GMP-certified lab on site", "builtin:certifications": ""},
        4: {"own:1": "Yes, free of charge"},
    }
    rows = build_comparison([CELLINIQUE, LYDIAN, OWN], {}, answers, QUESTIONS)
    asked = [row for row in rows if row.group == "Answers"]
    assert [(row.label, row.values) for row in asked] == [
        (
            "Where are the cells processed?",
            ("A GMP-certified lab on site", "Not asked yet", "Not asked yet"),
        ),
        ("Is a translator included?", ("Not asked yet", "Yes, free of charge", "Not asked yet")),
    ]
    assert all(row.differs for row in asked)


def test_no_answers_means_no_answer_rows() -> None:
    rows = build_comparison([CELLINIQUE, LYDIAN], {}, {1: {}, 4: {}}, QUESTIONS)
    assert not any(row.group == "Answers" for row in rows)


@pytest.mark.parametrize(
    ("rating", "shown"),
    [(None, "Not rated"), (1, "★☆☆☆☆  1/5"), (3, "★★★☆☆  3/5"), (5, "★★★★★  5/5")],
)
def test_stars(rating: int | None, shown: str) -> None:
    assert stars(rating) == shown


def test_quote_summary_without_a_quote() -> None:
    assert quote_summary(None) == "No quote yet"
    assert quote_summary(quote("0")) == "$0.00 (received 10 Jan 2027)"
