"""The Learn page's entries and search, without Qt or a database."""

from __future__ import annotations

import dataclasses

from planner.catalogue.learn import matches, searchable
from planner.catalogue.learn_builder import build_learn_entries
from planner.catalogue.loader import load_catalogue
from planner.core.paths import catalogue_dir
from planner.printouts.html import learn_entry_html


def _entries() -> list:  # type: ignore[type-arg]
    entries = build_learn_entries(load_catalogue(catalogue_dir()))
    return [dataclasses.replace(e, search_text=searchable(e)) for e in entries]


def test_every_injury_type_shows_all_five_columns() -> None:
    injuries = [e for e in _entries() if e.section_id == "injury-types"]
    names = {e.title for e in injuries}
    for expected in ("Contusion", "Sprain", "Strain", "Tendonitis", "Bursitis", "Stress"):
        assert any(expected in name for name in names), expected
    for entry in injuries:
        labels = [label for label, value in entry.fields if value]
        assert {
            "Definition",
            "Common causes / mechanism",
            "Key symptoms",
            "Typical traditional treatment",
        } <= set(labels)


def test_the_sections_a_patient_needs_are_all_there() -> None:
    sections = {e.section_name for e in _entries()}
    for needed in (
        "Injury types",
        "Packages and prices",
        "Fee breakdown",
        "Travel, stay and deposit",
        "Costs by country",
        "Savings by country",
    ):
        assert needed in sections


def test_search_finds_tendonitis_and_needs_every_word() -> None:
    entries = _entries()
    found = [e for e in entries if matches(e.search_text, "TENDONITIS")]
    assert any(e.title.startswith("Tendonitis") for e in found)
    assert not [e for e in entries if matches(e.search_text, "tendonitis zzzqqq")]


def test_country_rows_keep_the_article_figures() -> None:
    rows = [(e.title, dict(e.fields)) for e in _entries() if e.section_id == "costs-by-country"]
    assert len(rows) == 16
    costs = {(title, fields["Cost (USD)"]) for title, fields in rows}
    assert ("USA", "$3,000–$12,000 (Knee), $20,000+ (Gen.)") in costs
    assert ("USA", "$5,000–$50,000") in costs
    assert ("Australia", "~$6,200") in costs


def test_entry_html_escapes_text() -> None:
    entry = dataclasses.replace(_entries()[0], title="<script>alert(1)</script>", body="a & b")
    html = learn_entry_html(entry)
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html
