"""Build the Learn page's items from the catalogue (only when the catalogue is synced)."""

from __future__ import annotations

from planner.catalogue.learn import LearnEntry
from planner.catalogue.model import Catalogue, PriceRange
from planner.core.countries import country_name

INJURY_SECTION = ("injury-types", "Injury types", 0)
PRICE_SECTIONS = {
    "packages": ("Packages and prices", 1000),
    "fee-breakdown": ("Fee breakdown", 1010),
    "travel-costs": ("Travel, stay and deposit", 1020),
    "costs-by-country": ("Costs by country", 1030),
    "savings": ("Savings by country", 1040),
}
QUALIFIER_WORDS = {"approx": "approximate", "open-high": "or more", "up-to": "at most"}


def describe_price(price: PriceRange) -> str:
    """The article's figure, with its currency when the text does not already show it."""
    text = price.text
    if price.currency == "USD" and "$" not in text and "USD" not in text:
        text = f"{text} USD"
    elif price.currency != "USD" and price.currency not in text:
        text = f"{text} {price.currency}"
    return text


def build_learn_entries(catalogue: Catalogue) -> list[LearnEntry]:
    entries: list[LearnEntry] = []
    sid, sname, sorder = INJURY_SECTION
    group_names = {g.id: g.name for g in catalogue.groups}
    for i, c in enumerate(catalogue.conditions):
        entries.append(
            LearnEntry(
                f"condition:{c.id}",
                sid,
                sname,
                sorder,
                i,
                c.name,
                c.summary,
                (
                    ("Kind", group_names.get(c.group, c.group)),
                    ("Definition", c.definition),
                    ("Common causes / mechanism", c.causes),
                    ("Key symptoms", c.symptoms),
                    ("Typical traditional treatment", c.traditional_treatment),
                ),
                sources=(c.source,),
            )
        )
    sections = {s.id: s for s in catalogue.sections}
    for i, e in enumerate(catalogue.entries):
        s = sections[e.section]
        entries.append(
            LearnEntry(
                f"entry:{e.id}", s.id, s.name, 10 + s.order, i, e.title, e.body, (), e.points, e.sources
            )
        )
    entries += _price_entries(catalogue, group_names)
    return entries


def _section(key: str) -> tuple[str, str, int]:
    name, order = PRICE_SECTIONS[key]
    return key, name, order


def _price_entries(catalogue: Catalogue, group_names: dict[str, str]) -> list[LearnEntry]:
    entries: list[LearnEntry] = []
    group_names = {**group_names, "any": "Any condition"}
    tables = {t.id: t.title for t in catalogue.country_tables}
    for i, p in enumerate(catalogue.packages):
        facts = [("Price", describe_price(p.price)), ("For", group_names[p.condition_group])]
        if p.price.average is not None:
            facts.append(("Average", f"${p.price.average:,}"))
        if p.table:
            facts.append(("Listed in", p.table))
        entries.append(
            LearnEntry(
                f"package:{p.id}",
                *_section("packages"),
                i,
                p.name,
                p.notes,
                tuple(facts),
                sources=(p.source,),
            )
        )
    for i, f in enumerate(catalogue.fees):
        entries.append(
            LearnEntry(
                f"fee:{f.id}",
                *_section("fee-breakdown"),
                i,
                f.name,
                "",
                (("Price", describe_price(f.price)),),
                sources=(f.source,),
            )
        )
    units = {"per-trip": "per trip", "per-night": "per night", "per-day": "per day"}
    for i, t in enumerate(catalogue.travel):
        entries.append(
            LearnEntry(
                f"travel:{t.id}",
                *_section("travel-costs"),
                i,
                t.name,
                t.notes,
                (("Price", describe_price(t.price)), ("Counted", units[t.unit])),
                sources=(t.source,),
            )
        )
    n = len(catalogue.travel)
    stay, deposit = catalogue.stay, catalogue.deposit
    fixed = (
        (
            "stay",
            "Recommended stay in Korea",
            "How long to plan to stay for treatment, recovery and follow-up.",
            ("Length", stay.text),
            stay.source,
        ),
        (
            "deposit",
            "Usual deposit",
            "The share of the price clinics commonly ask for up front when booking.",
            ("Deposit", deposit.text),
            deposit.source,
        ),
    )
    for offset, (key, title, body, fact, source) in enumerate(fixed):
        entries.append(
            LearnEntry(
                f"travel:{key}",
                *_section("travel-costs"),
                n + offset,
                title,
                body,
                (fact,),
                sources=(source,),
            )
        )
    lists = (
        ("cost-factors", "What drives the price", catalogue.cost_factors),
        ("cost-components", "What a price usually includes", catalogue.cost_components),
    )
    for offset, (key, title, notes) in enumerate(lists):
        entries.append(
            LearnEntry(
                f"travel:{key}",
                *_section("packages"),
                len(catalogue.packages) + offset,
                title,
                "",
                (),
                tuple(note.text for note in notes),
                tuple(dict.fromkeys(note.source for note in notes)),
            )
        )
    for i, c in enumerate(catalogue.country_costs):
        facts = [("Cost (USD)", c.text)]
        facts += [(r.label or "Range", describe_price(r.price)) for r in c.ranges if len(c.ranges) > 1]
        if c.notes:
            facts.append(("Notes", c.notes))
        facts.append(("Table", tables[c.table]))
        entries.append(
            LearnEntry(
                f"country:{c.id}",
                *_section("costs-by-country"),
                i,
                c.country,
                "",
                tuple(facts),
                sources=(c.source,),
            )
        )
    for i, s in enumerate(catalogue.savings):
        entries.append(
            LearnEntry(
                f"savings:{s.id}",
                *_section("savings"),
                i,
                " & ".join(_country(c) for c in s.countries),
                "Typical saving when choosing South Korea over treatment at home.",
                (("Saving", s.text),),
                sources=(s.source,),
            )
        )
    return entries


def _country(code: str) -> str:
    return {"US": "USA", "GB": "UK"}.get(code, country_name(code))
