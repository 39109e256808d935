"""Read and validate the catalogue files into a `Catalogue`.

Each file is read once; every entry is checked (types, ids, references between files,
figures) and the first problem stops loading with a message naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from planner.catalogue.errors import CatalogueError
from planner.catalogue.fields import EntryReader, entries, single, unique_ids
from planner.catalogue.files import FILES, fingerprint_of, read_file
from planner.catalogue.model import (
    Catalogue,
    CatalogueClinic,
    CatalogueDeposit,
    CatalogueQuestion,
    CatalogueSavings,
    CatalogueSource,
    CatalogueStay,
    CatalogueTechnique,
    ChecklistTemplate,
    Condition,
    ConditionGroup,
    CountryCost,
    CountryTable,
    Fee,
    JourneyStep,
    LabelledPrice,
    Note,
    Package,
    Phase,
    ProcedureStep,
    ReferenceEntry,
    Section,
    TravelCost,
)
from planner.core.money import active_currencies

CHECKLIST_KINDS = ("task", "document", "bring", "ask", "keep")
DOCUMENT_KINDS = (
    "",
    "passport",
    "visa",
    "medical-records",
    "imaging",
    "quote",
    "insurance",
    "discharge-summary",
)
DUE_ANCHORS = ("departure", "treatment", "return")
TRAVEL_UNITS = ("per-trip", "per-night", "per-day")

T = TypeVar("T")

__all__ = ["CatalogueError", "load_catalogue"]


def _parse(name: str, raw: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError(f"{name}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(f"{name}: is not valid TOML ({error})") from None


def _all(
    file: str, doc: Mapping[str, Any], table: str, build: Callable[[EntryReader], T], required: bool = True
) -> tuple[T, ...]:
    items = []
    for reader in entries(file, doc, table, required):
        items.append(build(reader))
        reader.finish()
    ids = [item.id for item in items if hasattr(item, "id")]
    unique_ids(file, table, ids)
    return tuple(items)


def _check_tables(file: str, doc: Mapping[str, Any], allowed: set[str]) -> None:
    unknown = set(doc) - allowed
    if unknown:
        raise CatalogueError(f"{file}: unknown table(s): {', '.join(sorted(unknown))}")


def load_catalogue(directory: Path) -> Catalogue:
    docs: dict[str, dict[str, Any]] = {}
    contents: dict[str, bytes] = {}
    for name in FILES:
        contents[name] = read_file(directory, name)
        docs[name] = _parse(name, contents[name])
    money = active_currencies()

    f = "sources.toml"
    _check_tables(f, docs[f], {"source"})
    sources = _all(
        f,
        docs[f],
        "source",
        lambda r: CatalogueSource(
            r.id(), r.text("file"), r.text("title"), r.text("published", required=False)
        ),
    )
    src = [s.id for s in sources]

    f = "conditions.toml"
    _check_tables(f, docs[f], {"group", "condition"})
    groups = _all(f, docs[f], "group", lambda r: ConditionGroup(r.id(), r.text("name"), r.ref("source", src)))
    group_ids = [g.id for g in groups]
    conditions = _all(
        f,
        docs[f],
        "condition",
        lambda r: Condition(
            r.id(),
            r.ref("group", group_ids),
            r.text("name"),
            r.text("definition"),
            r.text("causes"),
            r.text("symptoms"),
            r.text("traditional_treatment"),
            r.text("summary"),
            r.ref("source", src),
        ),
    )

    f = "clinics.toml"
    _check_tables(f, docs[f], {"technique", "clinic"})
    techniques = _all(f, docs[f], "technique", lambda r: CatalogueTechnique(r.id(), r.text("name")))
    technique_ids = [t.id for t in techniques]
    clinics = _all(
        f,
        docs[f],
        "clinic",
        lambda r: CatalogueClinic(
            r.id(),
            r.text("name"),
            r.text("city"),
            r.text("district"),
            r.text("location"),
            r.texts("lead_doctors"),
            r.text("focus"),
            r.texts("key_features"),
            r.texts("special_techniques"),
            r.texts("treatments"),
            r.refs("conditions", group_ids),
            r.refs("techniques", technique_ids),
            r.texts("approvals"),
            r.flag("government_approved"),
            r.texts("claims"),
            r.sources(src),
        ),
    )

    f = "prices.toml"
    _check_tables(
        f, docs[f], {"package", "fee", "travel", "stay", "deposit", "cost_factor", "cost_component"}
    )
    packages = _all(
        f,
        docs[f],
        "package",
        lambda r: Package(
            r.id(),
            r.text("name"),
            r.ref("condition_group", [*group_ids, "any"]),
            r.price("price", money),
            r.text("notes", required=False),
            r.text("table", required=False),
            r.ref("source", src),
        ),
    )
    fees = _all(
        f,
        docs[f],
        "fee",
        lambda r: Fee(r.id(), r.text("name"), r.price("price", money), r.ref("source", src)),
    )
    travel = _all(
        f,
        docs[f],
        "travel",
        lambda r: TravelCost(
            r.id(),
            r.text("name"),
            r.price("price", money),
            r.choice("unit", TRAVEL_UNITS),
            r.text("notes", required=False),
            r.ref("source", src),
        ),
    )
    stay = _one(
        f,
        docs[f],
        "stay",
        lambda r: CatalogueStay(
            _int(r, "low_days"), _int(r, "high_days"), r.text("text"), r.ref("source", src)
        ),
    )
    if stay.low_days > stay.high_days:
        raise CatalogueError(f"{f}, stay: low_days is above high_days")
    deposit = _one(
        f,
        docs[f],
        "deposit",
        lambda r: CatalogueDeposit(
            _dec(r, "percent"),
            r.text("text"),
            r.choice("qualifier", ("", "approx"), required=False),
            r.ref("source", src),
        ),
    )
    cost_factors = _all(
        f, docs[f], "cost_factor", lambda r: Note(r.id(), r.text("text"), r.ref("source", src))
    )
    cost_components = _all(
        f, docs[f], "cost_component", lambda r: Note(r.id(), r.text("text"), r.ref("source", src))
    )

    f = "countries.toml"
    _check_tables(f, docs[f], {"table", "country_cost", "savings"})
    tables = _all(f, docs[f], "table", lambda r: CountryTable(r.id(), r.text("title"), r.ref("source", src)))
    table_ids = [t.id for t in tables]
    country_costs = _all(
        f,
        docs[f],
        "country_cost",
        lambda r: CountryCost(
            r.id(),
            r.ref("table", table_ids),
            r.text("country"),
            _country_code(r, "country_code"),
            r.text("text"),
            _ranges(r, money),
            r.text("notes", required=False),
            r.ref("source", src),
        ),
    )
    savings = _all(
        f,
        docs[f],
        "savings",
        lambda r: CatalogueSavings(
            r.id(),
            tuple(_country_codes(r)),
            r.text("text"),
            r.decimal("low_percent", required=False),
            r.decimal("high_percent", required=False),
            r.choice("qualifier", ("", "approx", "up-to"), required=False),
            r.ref("source", src),
        ),
    )

    f = "reference.toml"
    _check_tables(f, docs[f], {"section", "entry"})
    sections = _all(f, docs[f], "section", lambda r: Section(r.id(), r.text("name"), _int(r, "order")))
    section_ids = [s.id for s in sections]
    ref_entries = _all(
        f,
        docs[f],
        "entry",
        lambda r: ReferenceEntry(
            r.id(),
            r.ref("section", section_ids),
            r.text("title"),
            r.text("body"),
            r.texts("points", required=False),
            r.sources(src),
        ),
    )

    f = "journey.toml"
    _check_tables(f, docs[f], {"phase", "step"})
    phases = _all(f, docs[f], "phase", lambda r: Phase(r.id(), r.text("name"), _int(r, "order")))
    phase_ids = [p.id for p in phases]
    steps = _all(
        f,
        docs[f],
        "step",
        lambda r: JourneyStep(
            r.id(),
            r.ref("phase", phase_ids),
            _int(r, "order"),
            r.text("name"),
            r.text("summary"),
            r.texts("activities"),
            r.text("duration", required=False),
            r.sources(src),
            _procedures(r),
        ),
    )
    step_ids = [s.id for s in steps]

    f = "checklist.toml"
    _check_tables(f, docs[f], {"item"})
    checklist = _all(f, docs[f], "item", lambda r: _checklist_item(r, step_ids, src))

    f = "questions.toml"
    _check_tables(f, docs[f], {"question"})
    questions = _all(
        f,
        docs[f],
        "question",
        lambda r: CatalogueQuestion(
            r.id(), r.text("topic"), r.text("text"), r.text("why"), r.ref("source", src)
        ),
    )

    return Catalogue(
        sources=sources,
        groups=groups,
        conditions=conditions,
        techniques=techniques,
        clinics=clinics,
        packages=packages,
        fees=fees,
        travel=travel,
        stay=stay,
        deposit=deposit,
        cost_factors=cost_factors,
        cost_components=cost_components,
        country_tables=tables,
        country_costs=country_costs,
        savings=savings,
        sections=sections,
        entries=ref_entries,
        phases=phases,
        steps=tuple(sorted(steps, key=lambda s: s.order)),
        checklist=checklist,
        questions=questions,
        fingerprint=fingerprint_of(contents),
    )


def _one(file: str, doc: Mapping[str, Any], table: str, build: Callable[[EntryReader], T]) -> T:
    reader = single(file, doc, table)
    item = build(reader)
    reader.finish()
    return item


def _int(r: EntryReader, key: str) -> int:
    value = r.integer(key)
    assert value is not None
    return value


def _dec(r: EntryReader, key: str) -> Any:
    value = r.decimal(key)
    assert value is not None
    return value


def _country_code(r: EntryReader, key: str) -> str:
    code = r.text(key)
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise r.fail(f'"{key}" must be a two-letter ISO country code, not "{code}"')
    return code


def _country_codes(r: EntryReader) -> list[str]:
    codes = list(r.texts("countries"))
    for code in codes:
        if len(code) != 2 or not code.isalpha() or not code.isupper():
            raise r.fail(f'"countries" must hold two-letter ISO country codes, not "{code}"')
    return codes


def _ranges(r: EntryReader, currencies: frozenset[str]) -> tuple[LabelledPrice, ...]:
    r.used.add("ranges")
    raw = r.data.get("ranges")
    if not isinstance(raw, list) or not raw:
        raise r.fail('"ranges" must be a non-empty list of { label, price }')
    result = []
    for item in raw:
        if not isinstance(item, Mapping) or set(item) - {"label", "price"}:
            raise r.fail('each of "ranges" must be { label = "...", price = { ... } }')
        label = item.get("label", "")
        if not isinstance(label, str):
            raise r.fail('a "ranges" label must be text')
        result.append(LabelledPrice(label, r.price("ranges", currencies, item.get("price"))))
    return tuple(result)


def _procedures(r: EntryReader) -> tuple[ProcedureStep, ...]:
    r.used.add("procedure")
    raw = r.data.get("procedure", [])
    if not isinstance(raw, list):
        raise r.fail('"procedure" must be a list of [[step.procedure]] tables')
    result = []
    for i, item in enumerate(raw):
        sub = EntryReader(r.file, f"{r.label} procedure", item, i + 1)
        result.append(ProcedureStep(sub.id(), sub.text("name"), sub.text("summary")))
        sub.finish()
    unique_ids(r.file, f"{r.label} procedure", (p.id for p in result))
    return tuple(result)


def _checklist_item(r: EntryReader, step_ids: list[str], src: list[str]) -> ChecklistTemplate:
    kind = r.choice("kind", CHECKLIST_KINDS)
    document = r.choice("document", DOCUMENT_KINDS, required=False)
    if document and kind != "document":
        raise r.fail('"document" is only for items of kind "document"')
    r.used.add("due")
    due = r.data.get("due")
    anchor, days = "", None
    if due is not None:
        if (
            not isinstance(due, Mapping)
            or set(due) != {"anchor", "days"}
            or due["anchor"] not in DUE_ANCHORS
            or not isinstance(due["days"], int)
            or isinstance(due["days"], bool)
            or abs(due["days"]) > 366
        ):
            raise r.fail(
                '"due" must be { anchor = "departure"|"treatment"|"return", days = N } with N within a year'
            )
        anchor, days = str(due["anchor"]), int(due["days"])
    return ChecklistTemplate(
        r.id(), r.ref("step", step_ids), r.text("text"), kind, document, anchor, days, r.ref("source", src)
    )
