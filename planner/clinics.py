"""Clinics as the app shows them, and how the Clinics page searches and filters them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from planner.search import matches

CONDITION_GROUPS = {"soft-tissue": "Soft-tissue injuries", "knee-cartilage": "Knee cartilage"}


@dataclass(frozen=True, slots=True)
class Technique:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Clinic:
    """A clinic with what the user wrote about it. `catalogue_id` is None for the user's own."""

    id: int
    catalogue_id: str | None
    name: str
    city: str = ""
    district: str = ""
    location: str = ""
    focus: str = ""
    lead_doctors: tuple[str, ...] = ()
    key_features: tuple[str, ...] = ()
    special_techniques: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()
    condition_groups: tuple[str, ...] = ()
    techniques: tuple[Technique, ...] = ()
    approvals: tuple[str, ...] = ()
    government_approved: bool = False
    claims: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """Titles of the articles that describe the clinic."""
    note: str = ""
    rating: int | None = None
    hidden: bool = False
    search_text: str = field(default="", compare=False)

    @property
    def own(self) -> bool:
        return self.catalogue_id is None

    @property
    def technique_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.techniques)

    def with_search_text(self) -> Clinic:
        parts = [
            self.name,
            self.city,
            self.district,
            self.location,
            self.focus,
            *self.lead_doctors,
            *self.key_features,
            *self.special_techniques,
            *self.treatments,
            *(t.name for t in self.techniques),
            self.note,
        ]
        return replace(self, search_text="\n".join(parts).casefold())


@dataclass(frozen=True, slots=True)
class ClinicQuery:
    """What the Clinics page is asked to show. None means "any" for a facet."""

    text: str = ""
    condition_group: str | None = None
    technique: str | None = None
    district: str | None = None
    approved_only: bool = False
    shortlist_only: bool = False
    show_hidden: bool = False

    @property
    def narrowed(self) -> bool:
        """True when anything beyond the default view is asked for."""
        return replace(self, text=self.text.strip()) != ClinicQuery(show_hidden=self.show_hidden)


FACETS = ("text", "condition", "technique", "district", "approved", "shortlist")


def _failed_facets(clinic: Clinic, query: ClinicQuery, shortlisted: frozenset[int]) -> set[str] | None:
    """The facets this clinic fails, or None when it is hidden from view altogether."""
    if clinic.hidden and not query.show_hidden:
        return None
    failed = set()
    if query.text.strip() and not matches(clinic.search_text, query.text):
        failed.add("text")
    if query.condition_group and query.condition_group not in clinic.condition_groups:
        failed.add("condition")
    if query.technique and query.technique not in clinic.technique_ids:
        failed.add("technique")
    if query.district and clinic.district != query.district:
        failed.add("district")
    if query.approved_only and not clinic.government_approved:
        failed.add("approved")
    if query.shortlist_only and clinic.id not in shortlisted:
        failed.add("shortlist")
    return failed


def accepts(clinic: Clinic, query: ClinicQuery, shortlisted: frozenset[int] = frozenset()) -> bool:
    return _failed_facets(clinic, query, shortlisted) == set()


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """For each filter option, how many clinics would show if it were picked (the other filters
    staying as they are), plus how many show now."""

    shown: int
    conditions: Counter[str]
    techniques: Counter[str]
    districts: Counter[str]
    approved: int
    shortlisted: int
    any_condition: int
    any_technique: int
    any_district: int


def filter_clinics(
    clinics: Iterable[Clinic], query: ClinicQuery, shortlisted: frozenset[int] = frozenset()
) -> tuple[list[int], FacetCounts]:
    """The ids of the clinics to show, and the counts every filter option displays. One pass."""
    shown: list[int] = []
    conditions: Counter[str] = Counter()
    techniques: Counter[str] = Counter()
    districts: Counter[str] = Counter()
    approved = on_shortlist = any_condition = any_technique = any_district = 0
    for clinic in clinics:
        failed = _failed_facets(clinic, query, shortlisted)
        if failed is None or len(failed) > 1:
            continue
        if not failed:
            shown.append(clinic.id)
        # A clinic that fails only facet F counts for F's options: picking another would show it.
        if not failed - {"condition"}:
            any_condition += 1
            conditions.update(clinic.condition_groups)
        if not failed - {"technique"}:
            any_technique += 1
            techniques.update(clinic.technique_ids)
        if not failed - {"district"}:
            any_district += 1
            if clinic.district:
                districts[clinic.district] += 1
        if not failed - {"approved"} and clinic.government_approved:
            approved += 1
        if not failed - {"shortlist"} and clinic.id in shortlisted:
            on_shortlist += 1
    counts = FacetCounts(
        len(shown),
        conditions,
        techniques,
        districts,
        approved,
        on_shortlist,
        any_condition,
        any_technique,
        any_district,
    )
    return shown, counts


def why_empty(query: ClinicQuery, techniques: Sequence[Technique] = ()) -> str:
    """A plain sentence saying what the person asked for, for an empty result."""
    names = {t.id: t.name for t in techniques}
    asked = []
    if query.text.strip():
        asked.append(f"mentions “{query.text.strip()}”")
    if query.condition_group:
        asked.append(f"treats {CONDITION_GROUPS.get(query.condition_group, query.condition_group).lower()}")
    if query.technique:
        asked.append(f"offers {names.get(query.technique, query.technique)}")
    if query.district:
        asked.append(f"is in {query.district}")
    if query.approved_only:
        asked.append("is government-approved")
    if query.shortlist_only:
        asked.append("is on this plan's shortlist")
    if not asked:
        return "There are no clinics to show."
    joined = asked[0] if len(asked) == 1 else ", ".join(asked[:-1]) + " and " + asked[-1]
    return f"No clinic {joined}."
