"""The user's own clinics, notes and ratings: drafts as typed and their rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planner.core.validation import ValidationError, control_character_problem, raise_if_any

MAX_CLINIC_NAME = 120
MAX_NOTE = 20_000
MAX_PLACE = 200
"""The city and the district."""
MAX_LOCATION = 1_000
MAX_ITEMS = 200
"""Items in each list field (one per line), each up to MAX_LOCATION characters."""
TEXT_LISTS = ("lead_doctors", "key_features", "special_techniques", "treatments", "approvals", "claims")
"""The fields typed one item per line."""
RATINGS = range(1, 6)


@dataclass(frozen=True, slots=True)
class ClinicDraft:
    """The clinic form's fields; list fields hold one item per line as typed."""

    name: str
    city: str = "Seoul"
    district: str = ""
    location: str = ""
    focus: str = ""
    lead_doctors: str = ""
    key_features: str = ""
    special_techniques: str = ""
    treatments: str = ""
    condition_groups: tuple[str, ...] = ()
    technique_ids: tuple[str, ...] = ()
    approvals: str = ""
    government_approved: bool = False
    claims: str = ""


@dataclass(frozen=True, slots=True)
class CleanClinic:
    name: str
    city: str
    district: str
    location: str
    focus: str
    lead_doctors: tuple[str, ...]
    key_features: tuple[str, ...]
    special_techniques: tuple[str, ...]
    treatments: tuple[str, ...]
    condition_groups: tuple[str, ...]
    technique_ids: tuple[str, ...]
    approvals: tuple[str, ...]
    government_approved: bool
    claims: tuple[str, ...]


def one_line(text: str) -> str:
    return " ".join(text.split())


def lines_of(text: str) -> tuple[str, ...]:
    """Each non-blank line, tidied; "- " or "• " bullets typed by habit are dropped."""
    items = (one_line(line).removeprefix("- ").removeprefix("• ") for line in text.splitlines())
    return tuple(item for item in items if item)


def _list_problem(items: tuple[str, ...]) -> str | None:
    if len(items) > MAX_ITEMS:
        return f"List at most {MAX_ITEMS} items, one per line."
    if any(len(item) > MAX_LOCATION for item in items):
        return f"Keep each line under {MAX_LOCATION:,} characters."
    return None


def check_clinic_name(name: str, taken: set[str]) -> str | None:
    """A message for a bad clinic name, or None. `taken` holds other clinics' names, casefolded."""
    cleaned = one_line(name)
    if not cleaned:
        return "A clinic needs a name."
    if len(cleaned) > MAX_CLINIC_NAME:
        return f"Keep the name under {MAX_CLINIC_NAME} characters."
    if problem := control_character_problem(cleaned):
        return problem
    if cleaned.casefold() in taken:
        return f"There is already a clinic called “{cleaned}”."
    return None


def validate_clinic(
    draft: ClinicDraft, taken: set[str], groups: Sequence[str], techniques: set[str]
) -> CleanClinic:
    """`groups` are the condition groups in the order the clinic should list them."""
    errors: dict[str, str] = {}
    if problem := check_clinic_name(draft.name, taken):
        errors["name"] = problem
    if unknown := set(draft.condition_groups) - set(groups):
        errors["conditions"] = f"Unknown condition group: {', '.join(sorted(unknown))}."
    if unknown := set(draft.technique_ids) - techniques:
        errors["techniques"] = f"Unknown technique: {', '.join(sorted(unknown))}."
    for field, text, limit in (
        ("city", one_line(draft.city), MAX_PLACE),
        ("district", one_line(draft.district), MAX_PLACE),
        ("location", one_line(draft.location), MAX_LOCATION),
        ("focus", draft.focus.strip(), MAX_NOTE),
    ):
        if len(text) > limit:
            errors[field] = f"Keep it under {limit:,} characters."
    for field in TEXT_LISTS:
        if problem := _list_problem(lines_of(getattr(draft, field))):
            errors[field] = problem
    raise_if_any(errors)
    return CleanClinic(
        one_line(draft.name),
        one_line(draft.city),
        one_line(draft.district),
        one_line(draft.location),
        draft.focus.strip(),
        lines_of(draft.lead_doctors),
        lines_of(draft.key_features),
        lines_of(draft.special_techniques),
        lines_of(draft.treatments),
        tuple(g for g in groups if g in draft.condition_groups),
        tuple(dict.fromkeys(draft.technique_ids)),
        lines_of(draft.approvals),
        draft.government_approved,
        lines_of(draft.claims),
    )


def check_rating(rating: int | None) -> str | None:
    if rating is None or rating in RATINGS:
        return None
    return "A rating is from 1 to 5 stars."


def check_note(note: str) -> str | None:
    if len(note) > MAX_NOTE:
        return f"Keep the note under {MAX_NOTE:,} characters."
    return None


def ensure_own_clinic(catalogue_id: str | None) -> None:
    """Raise ValidationError for a clinic from the articles (`catalogue_id` set): only the user's
    own clinics can be changed or deleted."""
    if catalogue_id is not None:
        raise ValidationError.single(
            "clinic", "Clinics from the articles cannot be changed or deleted; hide it or add a note instead."
        )
