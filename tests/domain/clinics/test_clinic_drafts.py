"""The own-clinic form's rules, notes and ratings, without storage."""

from __future__ import annotations

import pytest

from planner.clinics.drafts import (
    MAX_CLINIC_NAME,
    MAX_NOTE,
    ClinicDraft,
    check_note,
    check_rating,
    lines_of,
    validate_clinic,
)
from planner.core.validation import ValidationError

GROUPS = ("soft-tissue", "knee-cartilage")
TECHNIQUES = {"stem-cells", "prp"}


def test_lines_are_tidied_and_typed_bullets_dropped() -> None:
    typed = "  Dr. Kim \n\n- Dr.   Park\n• Dr. Lee\n   \n"
    assert lines_of(typed) == ("Dr. Kim", "Dr. Park", "Dr. Lee")
    assert lines_of("") == ()


def test_a_clean_clinic_keeps_what_was_typed_tidied() -> None:
    clean = validate_clinic(
        ClinicDraft(
            name="  Busan   Knee  Centre ",
            district=" Haeundae ",
            lead_doctors="Dr. Kim\nDr. Park",
            condition_groups=("knee-cartilage", "soft-tissue"),
            technique_ids=("prp", "stem-cells", "prp"),
            government_approved=True,
        ),
        taken=set(),
        groups=GROUPS,
        techniques=TECHNIQUES,
    )
    assert clean.name == "Busan Knee Centre"
    assert clean.district == "Haeundae"
    assert clean.lead_doctors == ("Dr. Kim", "Dr. Park")
    assert clean.condition_groups == ("soft-tissue", "knee-cartilage")  # the app's usual order
    assert clean.technique_ids == ("prp", "stem-cells")  # each once, in the order picked
    assert clean.government_approved


@pytest.mark.parametrize(
    ("draft", "field", "message"),
    [
        (ClinicDraft(name="  "), "name", "needs a name"),
        (ClinicDraft(name="x" * (MAX_CLINIC_NAME + 1)), "name", "under"),
        (ClinicDraft(name="sh   CLINIC"), "name", "already a clinic called “sh CLINIC”"),
        (ClinicDraft(name="New", condition_groups=("elbow",)), "conditions", "elbow"),
        (ClinicDraft(name="New", technique_ids=("laser",)), "techniques", "laser"),
    ],
)
def test_bad_clinic_drafts_are_refused_per_field(draft: ClinicDraft, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_clinic(draft, {"sh clinic"}, GROUPS, TECHNIQUES)
    assert message in refused.value.errors[field]


def test_ratings_are_one_to_five_stars_or_none() -> None:
    assert [check_rating(r) for r in (None, 1, 5)] == [None, None, None]
    assert check_rating(0) == check_rating(6) == "A rating is from 1 to 5 stars."


def test_notes_have_a_generous_limit() -> None:
    assert check_note("x" * MAX_NOTE) is None
    assert check_note("x" * (MAX_NOTE + 1)) == "Keep the note under 20,000 characters."
