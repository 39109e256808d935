"""Plain, immutable records of the catalogue. Figures are Decimal, never float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CatalogueSource:
    id: str
    file: str
    title: str
    published: str


@dataclass(frozen=True, slots=True)
class PriceRange:
    """A figure as the article gives it: `text` verbatim, bounds exact, either bound optional."""

    text: str
    currency: str
    low: Decimal | None
    high: Decimal | None
    qualifier: str = ""
    average: Decimal | None = None


@dataclass(frozen=True, slots=True)
class LabelledPrice:
    label: str
    price: PriceRange


@dataclass(frozen=True, slots=True)
class ConditionGroup:
    id: str
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    group: str
    name: str
    definition: str
    causes: str
    symptoms: str
    traditional_treatment: str
    summary: str
    source: str


CLINIC_LIST_FIELDS = (
    "lead_doctors",
    "key_features",
    "special_techniques",
    "treatments",
    "conditions",
    "techniques",
    "approvals",
    "claims",
)
"""A clinic's list columns, as the catalogue and plan files carry them (with `sources` besides
for the catalogue's)."""


@dataclass(frozen=True, slots=True)
class CatalogueTechnique:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class CatalogueClinic:
    id: str
    name: str
    city: str
    district: str
    location: str
    lead_doctors: tuple[str, ...]
    focus: str
    key_features: tuple[str, ...]
    special_techniques: tuple[str, ...]
    treatments: tuple[str, ...]
    conditions: tuple[str, ...]
    techniques: tuple[str, ...]
    approvals: tuple[str, ...]
    government_approved: bool
    claims: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Package:
    id: str
    name: str
    condition_group: str
    price: PriceRange
    notes: str
    table: str
    source: str


@dataclass(frozen=True, slots=True)
class Fee:
    id: str
    name: str
    price: PriceRange
    source: str


@dataclass(frozen=True, slots=True)
class TravelCost:
    id: str
    name: str
    price: PriceRange
    unit: str
    notes: str
    source: str


@dataclass(frozen=True, slots=True)
class CatalogueStay:
    low_days: int
    high_days: int
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class CatalogueDeposit:
    percent: Decimal
    text: str
    qualifier: str
    source: str


@dataclass(frozen=True, slots=True)
class Note:
    """A short sourced statement: a cost factor or a cost component."""

    id: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class CountryTable:
    id: str
    title: str
    source: str


@dataclass(frozen=True, slots=True)
class CountryCost:
    id: str
    table: str
    country: str
    country_code: str
    text: str
    ranges: tuple[LabelledPrice, ...]
    notes: str
    source: str


@dataclass(frozen=True, slots=True)
class CatalogueSavings:
    id: str
    countries: tuple[str, ...]
    text: str
    low_percent: Decimal | None
    high_percent: Decimal | None
    qualifier: str
    source: str


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    name: str
    order: int


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    id: str
    section: str
    title: str
    body: str
    points: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    name: str
    order: int


@dataclass(frozen=True, slots=True)
class ProcedureStep:
    id: str
    name: str
    summary: str


@dataclass(frozen=True, slots=True)
class JourneyStep:
    id: str
    phase: str
    order: int
    name: str
    summary: str
    activities: tuple[str, ...]
    duration: str
    sources: tuple[str, ...]
    procedures: tuple[ProcedureStep, ...]


@dataclass(frozen=True, slots=True)
class ChecklistTemplate:
    id: str
    step: str
    text: str
    kind: str
    document: str
    due_anchor: str
    due_days: int | None
    source: str


@dataclass(frozen=True, slots=True)
class CatalogueQuestion:
    id: str
    topic: str
    text: str
    why: str
    source: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    sources: tuple[CatalogueSource, ...]
    groups: tuple[ConditionGroup, ...]
    conditions: tuple[Condition, ...]
    techniques: tuple[CatalogueTechnique, ...]
    clinics: tuple[CatalogueClinic, ...]
    packages: tuple[Package, ...]
    fees: tuple[Fee, ...]
    travel: tuple[TravelCost, ...]
    stay: CatalogueStay
    deposit: CatalogueDeposit
    cost_factors: tuple[Note, ...]
    cost_components: tuple[Note, ...]
    country_tables: tuple[CountryTable, ...]
    country_costs: tuple[CountryCost, ...]
    savings: tuple[CatalogueSavings, ...]
    sections: tuple[Section, ...]
    entries: tuple[ReferenceEntry, ...]
    phases: tuple[Phase, ...]
    steps: tuple[JourneyStep, ...]
    checklist: tuple[ChecklistTemplate, ...]
    questions: tuple[CatalogueQuestion, ...]
    fingerprint: str
    """A hash of the files' bytes: a changed fingerprint means the catalogue needs syncing."""
