"""The Clinics page's search, filters, option counts and empty-result message, without Qt or storage."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.clinics.rules import Clinic, ClinicQuery, Technique, accepts, filter_clinics, why_empty

STEM = Technique("stem-cells", "Stem cell therapy")
PRP = Technique("prp", "PRP")
WA = Technique("wa-program", "WA Program")
BUFFY = Technique("buffy-coat-extraction", "Buffy Coat extraction")
GENE = Technique("gene-therapy", "Gene therapy")
TECHNIQUES = (STEM, PRP, WA, BUFFY, GENE)

CELLINIQUE = Clinic(
    1,
    "cellinique",
    "Cellinique Clinic",
    city="Seoul",
    district="Gangnam",
    lead_doctors=("Dr. Chris Gunwoo Kim",),
    key_features=("One-on-one consultations",),
    condition_groups=("soft-tissue", "knee-cartilage"),
    techniques=(STEM, PRP),
).with_search_text()
SH = Clinic(
    2,
    "sh-clinic",
    "SH Clinic",
    city="Seoul",
    district="Sinsa",
    key_features=("Gynecology, dermatology and plastic surgery under one roof",),
    condition_groups=("soft-tissue", "knee-cartilage"),
    techniques=(STEM, WA),
).with_search_text()
THEPLUS = Clinic(
    3,
    "theplus",
    "THEPLUS Plastic Surgery",
    city="Seoul",
    district="Garosu-gil",
    condition_groups=("soft-tissue",),
    techniques=(STEM, BUFFY),
).with_search_text()
LYDIAN = Clinic(
    4,
    "lydian",
    "Lydian Plastic Surgery Clinic",
    city="Seoul",
    district="Cheongdam, Gangnam",
    lead_doctors=("Dr. Lee",),
    condition_groups=("knee-cartilage",),
    techniques=(STEM, GENE),
    government_approved=True,
).with_search_text()
HIDDEN_OWN = Clinic(
    5,
    None,
    "Busan Knee Centre",
    city="Busan",
    district="Haeundae",
    condition_groups=("knee-cartilage",),
    techniques=(PRP,),
    note="Friend recommended it",
    hidden=True,
).with_search_text()
CLINICS = (CELLINIQUE, SH, THEPLUS, LYDIAN, HIDDEN_OWN)


def shown(query: ClinicQuery, shortlisted: frozenset[int] = frozenset()) -> list[int]:
    return filter_clinics(CLINICS, query, shortlisted)[0]


def test_the_default_view_shows_every_clinic_but_the_hidden_ones() -> None:
    assert shown(ClinicQuery()) == [1, 2, 3, 4]
    assert shown(ClinicQuery(show_hidden=True)) == [1, 2, 3, 4, 5]
    assert not accepts(HIDDEN_OWN, ClinicQuery())
    assert accepts(HIDDEN_OWN, ClinicQuery(show_hidden=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cellinique", [1]),  # name
        ("SINSA", [2]),  # district, any case
        ("gangnam", [1, 4]),  # "Gangnam" and "Cheongdam, Gangnam"
        ("gunwoo kim", [1]),  # lead doctor
        ("Kim  GUNWOO", [1]),  # every word, any order, extra spaces
        ("buffy coat", [3]),  # technique name
        ("gene therapy", [4]),
        ("one-on-one", [1]),  # key feature
        ("dermatology", [2]),
        ("plastic surgery", [2, 3, 4]),  # SH's feature, the others' names
        ("lydian sinsa", []),  # every word must match the same clinic
        ("   ", [1, 2, 3, 4]),  # blank text is no search
    ],
)
def test_search_matches_every_word_in_any_case(text: str, expected: list[int]) -> None:
    assert shown(ClinicQuery(text=text)) == expected


def test_search_finds_hidden_clinics_and_notes_only_when_hidden_ones_are_shown() -> None:
    assert shown(ClinicQuery(text="friend recommended")) == []
    assert shown(ClinicQuery(text="friend recommended", show_hidden=True)) == [5]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ClinicQuery(condition_group="knee-cartilage"), [1, 2, 4]),
        (ClinicQuery(condition_group="soft-tissue"), [1, 2, 3]),
        (ClinicQuery(technique="gene-therapy"), [4]),
        (ClinicQuery(technique="prp"), [1]),
        (ClinicQuery(technique="prp", show_hidden=True), [1, 5]),
        (ClinicQuery(technique="stem-cells"), [1, 2, 3, 4]),
        (ClinicQuery(district="Gangnam"), [1]),  # exact district, not a part of one
        (ClinicQuery(district="Cheongdam, Gangnam"), [4]),
        (ClinicQuery(approved_only=True), [4]),
        (ClinicQuery(condition_group="soft-tissue", technique="wa-program"), [2]),
        (ClinicQuery(condition_group="soft-tissue", approved_only=True), []),
        (ClinicQuery(text="clinic", condition_group="knee-cartilage"), [1, 2, 4]),
    ],
)
def test_each_filter_narrows_and_filters_combine(query: ClinicQuery, expected: list[int]) -> None:
    assert shown(query) == expected


def test_shortlist_filter_shows_only_the_plans_shortlist() -> None:
    shortlisted = frozenset({2, 4, 5})
    assert shown(ClinicQuery(shortlist_only=True), shortlisted) == [2, 4]
    assert shown(ClinicQuery(shortlist_only=True, show_hidden=True), shortlisted) == [2, 4, 5]
    assert shown(ClinicQuery(shortlist_only=True)) == []


def test_option_counts_say_what_picking_each_option_would_show() -> None:
    # Knee cartilage is picked: Cellinique, SH and Lydian show.
    ids, counts = filter_clinics(CLINICS, ClinicQuery(condition_group="knee-cartilage"), frozenset({1, 3}))
    assert ids == [1, 2, 4]
    assert counts.shown == 3
    # Switching the condition ignores the current condition choice...
    assert counts.conditions == {"soft-tissue": 3, "knee-cartilage": 3}
    assert counts.any_condition == 4
    # ...while every other facet is counted within knee cartilage.
    assert counts.techniques == {"stem-cells": 3, "prp": 1, "wa-program": 1, "gene-therapy": 1}
    assert counts.techniques["buffy-coat-extraction"] == 0  # THEPLUS treats only soft tissue
    assert counts.any_technique == 3
    assert counts.districts == {"Gangnam": 1, "Sinsa": 1, "Cheongdam, Gangnam": 1}
    assert counts.any_district == 3
    assert counts.approved == 1
    assert counts.shortlisted == 1  # THEPLUS is on the shortlist but does not treat knees


def test_a_picked_option_keeps_its_siblings_counts() -> None:
    _, counts = filter_clinics(CLINICS, ClinicQuery(district="Sinsa"))
    assert counts.shown == 1
    assert counts.districts == {
        "Gangnam": 1,
        "Sinsa": 1,
        "Garosu-gil": 1,
        "Cheongdam, Gangnam": 1,
    }
    assert counts.techniques == {"stem-cells": 1, "wa-program": 1}  # only SH is in Sinsa


def test_hidden_clinics_are_not_counted_unless_shown() -> None:
    _, counts = filter_clinics(CLINICS, ClinicQuery())
    assert "Haeundae" not in counts.districts
    assert counts.techniques["prp"] == 1
    _, with_hidden = filter_clinics(CLINICS, ClinicQuery(show_hidden=True))
    assert with_hidden.districts["Haeundae"] == 1
    assert with_hidden.techniques["prp"] == 2


# A small world, so that random queries often hit and often miss.
WORDS = ("alpha", "bravo", "charlie")
DISTRICTS = ("Gangnam", "Sinsa", "")
GROUPS = ("soft-tissue", "knee-cartilage")
TECH_POOL = (STEM, PRP, GENE)


@st.composite
def clinic_lists(draw: st.DrawFn) -> list[Clinic]:
    count = draw(st.integers(min_value=0, max_value=8))
    clinics = []
    for number in range(1, count + 1):
        clinics.append(
            Clinic(
                number,
                draw(st.sampled_from([None, f"cat-{number}"])),
                " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=2))) or f"Clinic {number}",
                district=draw(st.sampled_from(DISTRICTS)),
                lead_doctors=tuple(draw(st.lists(st.sampled_from(WORDS), max_size=1))),
                condition_groups=tuple(draw(st.sets(st.sampled_from(GROUPS)))),
                techniques=tuple(draw(st.sets(st.sampled_from(TECH_POOL)))),
                government_approved=draw(st.booleans()),
                hidden=draw(st.booleans()),
            ).with_search_text()
        )
    return clinics


queries = st.builds(
    ClinicQuery,
    text=st.sampled_from(["", *WORDS, "ALPHA bravo"]),
    condition_group=st.sampled_from([None, *GROUPS]),
    technique=st.sampled_from([None, *(t.id for t in TECH_POOL)]),
    district=st.sampled_from([None, "Gangnam", "Sinsa"]),
    approved_only=st.booleans(),
    shortlist_only=st.booleans(),
    show_hidden=st.booleans(),
)


@settings(deadline=None)
@given(clinic_lists(), queries, st.sets(st.integers(min_value=1, max_value=8)))
def test_each_count_equals_what_picking_that_option_would_show(
    clinics: list[Clinic], query: ClinicQuery, shortlist: set[int]
) -> None:
    shortlisted = frozenset(shortlist)

    def how_many(picked: ClinicQuery) -> int:
        return sum(accepts(c, picked, shortlisted) for c in clinics)

    ids, counts = filter_clinics(clinics, query, shortlisted)
    assert ids == [c.id for c in clinics if accepts(c, query, shortlisted)]
    assert counts.shown == len(ids)
    for group in GROUPS:
        assert counts.conditions[group] == how_many(replace(query, condition_group=group))
    for technique in TECH_POOL:
        assert counts.techniques[technique.id] == how_many(replace(query, technique=technique.id))
    for district in ("Gangnam", "Sinsa"):
        assert counts.districts[district] == how_many(replace(query, district=district))
    assert counts.any_condition == how_many(replace(query, condition_group=None))
    assert counts.any_technique == how_many(replace(query, technique=None))
    assert counts.any_district == how_many(replace(query, district=None))
    assert counts.approved == how_many(replace(query, approved_only=True))
    assert counts.shortlisted == how_many(replace(query, shortlist_only=True))


def test_nothing_asked_for_gets_a_plain_message() -> None:
    assert why_empty(ClinicQuery()) == "There are no clinics to show."
    assert why_empty(ClinicQuery(text="  ", show_hidden=True)) == "There are no clinics to show."


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ClinicQuery(text=" novastem "), "No clinic mentions “novastem”."),
        (ClinicQuery(condition_group="knee-cartilage"), "No clinic treats knee cartilage."),
        (ClinicQuery(condition_group="soft-tissue"), "No clinic treats soft-tissue injuries."),
        (ClinicQuery(technique="gene-therapy"), "No clinic offers Gene therapy."),
        (ClinicQuery(technique="laser"), "No clinic offers laser."),  # unknown id shown as it is
        (ClinicQuery(district="Sinsa"), "No clinic is in Sinsa."),
        (ClinicQuery(approved_only=True), "No clinic is government-approved."),
        (ClinicQuery(shortlist_only=True), "No clinic is on this plan's shortlist."),
        (
            ClinicQuery(district="Sinsa", approved_only=True),
            "No clinic is in Sinsa and is government-approved.",
        ),
        (
            ClinicQuery(
                text="lab",
                condition_group="soft-tissue",
                technique="prp",
                district="Gangnam",
                approved_only=True,
                shortlist_only=True,
            ),
            "No clinic mentions “lab”, treats soft-tissue injuries, offers PRP, is in Gangnam,"
            " is government-approved and is on this plan's shortlist.",
        ),
    ],
)
def test_an_empty_result_says_what_was_asked_for(query: ClinicQuery, message: str) -> None:
    assert why_empty(query, TECHNIQUES) == message


def test_narrowed_means_more_than_the_default_view() -> None:
    assert not ClinicQuery().narrowed
    assert not ClinicQuery(show_hidden=True).narrowed
    assert ClinicQuery(technique="prp").narrowed
    assert ClinicQuery(shortlist_only=True, show_hidden=True).narrowed
