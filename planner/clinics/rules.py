"""Clinics as the app shows them, and how the Clinics page searches and filters them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

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
    technique_ids: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "technique_ids", frozenset(t.id for t in self.techniques))

    @property
    def own(self) -> bool:
        return self.catalogue_id is None

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


def accepts(clinic: Clinic, query: ClinicQuery, shortlisted: frozenset[int] = frozenset()) -> bool:
    return filter_clinics([clinic], query, shortlisted)[0] == [clinic.id]


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
    """The ids of the clinics to show, in list order, and the counts every filter option shows."""
    return ClinicIndex(clinics).filter(query, shortlisted)


def _counts(options: dict[str, set[int]], within: frozenset[int]) -> Counter[str]:
    return Counter({key: n for key, ids in options.items() if (n := len(within & ids))})


def _narrows(old: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether every clinic matching `new` also matches `old` (each old word is inside the new
    word typed in its place), as when a person keeps typing."""
    return len(new) >= len(old) and all(o in n for o, n in zip(old, new, strict=False))


class ClinicIndex:
    """The clinics' ids by every filter option, built once per list, so that each keystroke or
    filter change is a few set operations instead of a pass over every clinic.

    A facet's option counts are taken with that facet left out and the others applied: the count
    says how many clinics picking the option would show.
    """

    def __init__(self, clinics: Iterable[Clinic]) -> None:
        self.clinics = list(clinics)
        self.order = [c.id for c in self.clinics]
        self.hidden = frozenset(c.id for c in self.clinics if c.hidden)
        self.everyone = frozenset(self.order)
        self.groups: dict[str, set[int]] = {}
        self.techniques: dict[str, set[int]] = {}
        self.districts: dict[str, set[int]] = {}
        for c in self.clinics:
            for group in c.condition_groups:
                self.groups.setdefault(group, set()).add(c.id)
            for technique in c.technique_ids:
                self.techniques.setdefault(technique, set()).add(c.id)
            if c.district:
                self.districts.setdefault(c.district, set()).add(c.id)
        self.approved = frozenset(c.id for c in self.clinics if c.government_approved)
        self._last_words: tuple[str, ...] = ()
        self._last_text_match = self.everyone

    def text_matches(self, words: tuple[str, ...]) -> frozenset[int]:
        candidates = self.everyone
        if _narrows(self._last_words, words):
            candidates = self._last_text_match
        found = frozenset(
            c.id for c in self.clinics if c.id in candidates and all(w in c.search_text for w in words)
        )
        self._last_words, self._last_text_match = words, found
        return found

    def filter(
        self, query: ClinicQuery, shortlisted: frozenset[int] = frozenset()
    ) -> tuple[list[int], FacetCounts]:
        words = tuple(query.text.casefold().split())
        visible = self.everyone if query.show_hidden else self.everyone - self.hidden
        facets: dict[str, frozenset[int] | set[int]] = {}
        if words:
            facets["text"] = self.text_matches(words)
        if query.condition_group:
            facets["condition"] = self.groups.get(query.condition_group, set())
        if query.technique:
            facets["technique"] = self.techniques.get(query.technique, set())
        if query.district:
            facets["district"] = self.districts.get(query.district, set())
        if query.approved_only:
            facets["approved"] = self.approved
        if query.shortlist_only:
            facets["shortlist"] = shortlisted

        def without(facet: str) -> frozenset[int]:
            result = visible
            for name, ids in facets.items():
                if name != facet:
                    result = result & ids
            return result

        shown_ids = without("")
        shown = (
            [i for i in self.order if i in shown_ids]
            if len(shown_ids) < len(self.order)
            else list(self.order)
        )
        for_conditions, for_techniques = without("condition"), without("technique")
        for_districts = without("district")
        counts = FacetCounts(
            len(shown_ids),
            _counts(self.groups, for_conditions),
            _counts(self.techniques, for_techniques),
            _counts(self.districts, for_districts),
            len(without("approved") & self.approved),
            len(without("shortlist") & shortlisted),
            len(for_conditions),
            len(for_techniques),
            len(for_districts),
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
