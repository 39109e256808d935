"""The item form's rules without storage: what validate_item refuses, and what it keeps."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.checklist.rules import (
    ANCHORS,
    DOCUMENTS,
    KINDS,
    MAX_TEXT_LENGTH,
    Due,
    ItemDraft,
    TripDates,
    validate_item,
)
from planner.core.validation import ValidationError

STEPS = {"virtual-consultation", "booking-preparation", "treatment", "rehabilitation-home"}
TRIP = TripDates(date(2027, 3, 1), date(2027, 3, 11), date(2027, 3, 3))


def draft(**changes: str) -> ItemDraft:
    values = {"step_id": "booking-preparation", "text": "Book the flights"}
    values.update(changes)
    return ItemDraft(**values)


def refused(item: ItemDraft, locale: str | None = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as error:
        validate_item(item, STEPS, locale)
    return error.value.errors


def test_a_plain_item_is_accepted_with_its_text_tidied() -> None:
    clean = validate_item(draft(text="  Book   the\tflights  "), STEPS)
    assert clean.step_id == "booking-preparation"
    assert clean.text == "Book the flights"
    assert clean.kind == "task"
    assert clean.due == Due()
    assert (clean.note, clean.document, clean.expires_on) == ("", "", None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": "x" * (MAX_TEXT_LENGTH + 1)}, "text"),
        ({"step_id": "no-such-step"}, "step"),
        ({"step_id": ""}, "step"),
        ({"kind": "chore"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"due_mode": "date", "due_text": "next week"}, "due"),
        ({"due_mode": "date", "due_text": "2027-02-30"}, "due"),
        ({"due_mode": "date", "due_text": "   "}, "due"),
        ({"due_mode": "sometime"}, "due"),
        ({"due_mode": "departure", "offset_text": "400"}, "offset"),
        ({"due_mode": "treatment", "offset_text": "-366"}, "offset"),
        ({"due_mode": "return", "offset_text": "soon"}, "offset"),
        ({"due_mode": "departure", "offset_text": ""}, "offset"),
        ({"kind": "document", "document": "birth-certificate"}, "document"),
        ({"kind": "document", "document": "passport", "expires_text": "whenever"}, "expires"),
        ({"note": "n" * 20_001}, "note"),
    ],
)
def test_bad_fields_are_refused_at_their_key(changes: dict[str, str], field: str) -> None:
    errors = refused(draft(**changes))
    assert list(errors) == [field]
    assert errors[field]


def test_every_bad_field_is_reported_at_once() -> None:
    errors = refused(draft(text="", step_id="nowhere", kind="chore", due_mode="departure", offset_text="400"))
    assert set(errors) == {"text", "step", "kind", "offset"}


def test_exactly_max_text_length_is_accepted() -> None:
    assert validate_item(draft(text="x" * MAX_TEXT_LENGTH), STEPS).text == "x" * MAX_TEXT_LENGTH


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_accepted(kind: str) -> None:
    assert validate_item(draft(kind=kind), STEPS).kind == kind


def test_a_relative_due_date_is_kept_as_anchor_and_days() -> None:
    clean = validate_item(draft(due_mode="departure", offset_text="-30"), STEPS)
    assert clean.due == Due(anchor="departure", days=-30)
    assert clean.due.resolve(TRIP) == date(2027, 1, 30)


@pytest.mark.parametrize("anchor", ANCHORS)
def test_each_anchor_can_be_counted_from(anchor: str) -> None:
    assert validate_item(draft(due_mode=anchor, offset_text="+3"), STEPS).due == Due(anchor=anchor, days=3)


def test_a_fixed_due_date_is_kept_as_a_date() -> None:
    clean = validate_item(draft(due_mode="date", due_text="2027-01-15"), STEPS)
    assert clean.due == Due(on=date(2027, 1, 15))
    assert clean.due.resolve(TRIP) == date(2027, 1, 15)


def test_a_fixed_due_date_in_the_locales_short_form() -> None:
    clean = validate_item(draft(due_mode="date", due_text="1/15/27"), STEPS, "en_US")
    assert clean.due == Due(on=date(2027, 1, 15))


def test_the_unused_due_fields_are_ignored() -> None:
    # Switching the mode back to "none" leaves stale text in the other fields; it is not read.
    clean = validate_item(draft(due_mode="none", due_text="garbage", offset_text="9999"), STEPS)
    assert clean.due == Due()
    fixed = validate_item(draft(due_mode="date", due_text="2027-01-15", offset_text="9999"), STEPS)
    assert fixed.due == Due(on=date(2027, 1, 15))
    relative = validate_item(draft(due_mode="return", offset_text="2", due_text="garbage"), STEPS)
    assert relative.due == Due(anchor="return", days=2)


@pytest.mark.parametrize("document", list(DOCUMENTS))
def test_a_document_keeps_its_kind_and_expiry(document: str) -> None:
    clean = validate_item(
        draft(kind="document", document=document, expires_text="2030-05-01", text="Passport"), STEPS
    )
    assert (clean.kind, clean.document, clean.expires_on) == ("document", document, date(2030, 5, 1))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "document"])
def test_only_a_document_keeps_a_document_kind_and_expiry(kind: str) -> None:
    clean = validate_item(draft(kind=kind, document="passport", expires_text="2030-05-01"), STEPS)
    assert (clean.document, clean.expires_on) == ("", None)
    # Nor is a stale expiry or document kind checked once the item is no longer a document.
    stale = validate_item(draft(kind=kind, document="birth-certificate", expires_text="never"), STEPS)
    assert (stale.document, stale.expires_on) == ("", None)


def test_a_document_without_an_expiry() -> None:
    clean = validate_item(draft(kind="document", document="visa", expires_text="  "), STEPS)
    assert (clean.document, clean.expires_on) == ("visa", None)


def test_a_long_note_in_hangul_and_emoji_is_kept_exactly() -> None:
    unit = "무릎 치료 🦵 서울 — 줄기세포 💉\n"
    note = (unit * (10_000 // len(unit) + 1))[:9_999] + "끝"
    assert len(note) == 10_000
    clean = validate_item(draft(note=note), STEPS)
    assert clean.note == note


@given(
    days=st.integers(min_value=-365, max_value=365),
    anchor=st.sampled_from(ANCHORS),
    style=st.sampled_from(["plain", "signed", "padded", "unicode-minus"]),
    departure=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
)
def test_any_offset_within_a_year_is_accepted_and_counts_from_its_anchor(
    days: int, anchor: str, style: str, departure: date
) -> None:
    text = {
        "plain": str(days),
        "signed": f"{days:+d}",
        "padded": f"  {days}\t",
        "unicode-minus": str(days).replace("-", "\u2212"),
    }[style]
    clean = validate_item(draft(due_mode=anchor, offset_text=text), STEPS)
    assert clean.due == Due(anchor=anchor, days=days)
    trip = TripDates(departure, departure + timedelta(days=10), departure + timedelta(days=2))
    base = trip.anchor(anchor)
    resolved = clean.due.resolve(trip)
    assert base is not None and resolved is not None
    assert (resolved - base).days == days
