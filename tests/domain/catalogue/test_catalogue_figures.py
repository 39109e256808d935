"""The built-in catalogue keeps every key figure of the two source articles, exactly.

Plain pytest: reads the TOML files with tomllib, imports nothing from the app.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

CATALOGUE = Path(__file__).resolve().parents[3] / "resources" / "catalogue"
FILES = (
    "sources",
    "conditions",
    "clinics",
    "prices",
    "countries",
    "reference",
    "journey",
    "checklist",
    "questions",
)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load(name: str) -> dict[str, Any]:
    with (CATALOGUE / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in entries}


@pytest.mark.parametrize("name", FILES)
def test_every_file_parses(name: str) -> None:
    assert load(name)


@pytest.mark.parametrize("name", FILES)
def test_ids_are_well_formed_and_unique(name: str) -> None:
    for key, value in load(name).items():
        if not isinstance(value, list):
            continue
        ids = [entry["id"] for entry in value]
        assert len(ids) == len(set(ids)), f"{name}.{key}: duplicate ids"
        for entry_id in ids:
            assert ID_RE.match(entry_id), f"{name}.{key}: bad id {entry_id!r}"


def test_sources() -> None:
    sources = by_id(load("sources")["source"])
    assert sources["soft-tissue"]["file"] == "000_3048628f2362e3db.txt"
    assert sources["knee-cartilage"]["file"] == "001_9e39d11a2c86be33.txt"


# ---------------------------------------------------------------- conditions

INJURY_TYPES = {
    "contusion": "Contusion (Bruise)",
    "sprain": "Sprain",
    "strain": "Strain",
    "tendonitis": "Tendonitis",
    "bursitis": "Bursitis",
    "stress-injuries": "Stress Injuries",
}
COLUMNS = ("name", "definition", "causes", "symptoms", "traditional_treatment")


def test_condition_groups() -> None:
    data = load("conditions")
    assert {g["id"] for g in data["group"]} >= {"soft-tissue", "knee-cartilage"}
    conditions = by_id(data["condition"])
    assert conditions["knee-cartilage-damage"]["group"] == "knee-cartilage"


def test_six_injury_types_with_five_columns() -> None:
    conditions = by_id(load("conditions")["condition"])
    soft = [c for c in conditions.values() if c["group"] == "soft-tissue"]
    assert len(soft) == 6
    for cid, name in INJURY_TYPES.items():
        condition = conditions[cid]
        assert condition["name"] == name
        for column in COLUMNS:
            assert condition[column].strip(), f"{cid}: empty {column}"
        assert condition["summary"].strip()
    assert conditions["sprain"]["traditional_treatment"] == (
        "R.I.C.E., anti-inflammatories; surgery for Grade 3 tears"
    )
    assert conditions["contusion"]["causes"] == "Kick, fall, blow"


# ---------------------------------------------------------------- clinics

CLINICS = {
    "cellinique": ("Cellinique Clinic", "Gangnam"),
    "sh-clinic": ("SH Clinic", "Sinsa"),
    "theplus": ("THEPLUS Plastic Surgery", "Garosu-gil"),
    "lydian": ("Lydian Plastic Surgery Clinic", "Cheongdam, Gangnam"),
}


def test_four_clinics_with_districts() -> None:
    clinics = by_id(load("clinics")["clinic"])
    assert set(clinics) == set(CLINICS)
    for cid, (name, district) in CLINICS.items():
        assert clinics[cid]["name"] == name
        assert clinics[cid]["district"] == district
        assert clinics[cid]["city"] == "Seoul"


def test_clinic_doctors_sources_and_approvals() -> None:
    clinics = by_id(load("clinics")["clinic"])
    assert clinics["cellinique"]["lead_doctors"] == ["Dr. Chris Gunwoo Kim"]
    assert clinics["sh-clinic"]["lead_doctors"] == []
    assert clinics["lydian"]["lead_doctors"] == ["Dr. An Kyung Chun"]
    theplus_doctors = " ".join(clinics["theplus"]["lead_doctors"])
    for doctor in ("Dr. Kim", "Dr. Jeong", "Dr. Lee"):
        assert doctor in theplus_doctors
    assert set(clinics["cellinique"]["sources"]) == {"soft-tissue", "knee-cartilage"}
    assert set(clinics["sh-clinic"]["sources"]) == {"soft-tissue", "knee-cartilage"}
    assert clinics["theplus"]["sources"] == ["soft-tissue"]
    assert clinics["lydian"]["sources"] == ["knee-cartilage"]
    lydian_approvals = " ".join(clinics["lydian"]["approvals"])
    assert "Advanced Regenerative Medicine Provider" in lydian_approvals
    assert "Clean Class 10,000" in lydian_approvals


def test_marketing_statements_are_claims_not_facts() -> None:
    clinics = by_id(load("clinics")["clinic"])
    for clinic in clinics.values():
        facts = " ".join(clinic["approvals"] + clinic["key_features"])
        assert "FDA" not in facts
        assert "premier" not in facts
    theplus_claims = " ".join(clinics["theplus"]["claims"])
    for phrase in ("FDA-approved", "over 10% of sampled blood", "only 60cc of blood"):
        assert phrase in theplus_claims
    assert "premier destination" in " ".join(clinics["cellinique"]["claims"])


def test_clinic_references_resolve() -> None:
    data = load("clinics")
    techniques = {t["id"] for t in data["technique"]}
    assert techniques >= {
        "stem-cells",
        "prp",
        "exosomes",
        "nk-cells",
        "fat-grafting",
        "blood-purification",
        "gene-therapy",
    }
    groups = {g["id"] for g in load("conditions")["group"]}
    for clinic in data["clinic"]:
        assert set(clinic["techniques"]) <= techniques, clinic["id"]
        assert set(clinic["conditions"]) <= groups, clinic["id"]


# ---------------------------------------------------------------- prices

KNEE_PACKAGES = {
    "Single Injection (Autologous MSCs)": ("$7,000–$9,000", "7000", "9000"),
    "Allogeneic Cell Therapy + Rehab": ("$9,000–$12,000", "9000", "12000"),
    "Stem Cell + PRP Combo Package": ("$10,000–$14,000", "10000", "14000"),
    "Orthopedic Stem Cell Therapy": ("$7,000–$15,000", "7000", "15000"),
    "Stem Cell Therapy for Knees": ("~$20,000", "20000", "20000"),
    "Stem Cell Therapy for Arthritis": ("~$9,900", "9900", "9900"),
}


def test_knee_package_table() -> None:
    packages = load("prices")["package"]
    rows = {p["name"]: p for p in packages if p.get("table")}
    assert len(rows) == 6
    for name, (text, low, high) in KNEE_PACKAGES.items():
        price = rows[name]["price"]
        assert price["text"] == text
        assert price["low"] == low
        assert price["high"] == high
        assert price["currency"] == "USD"
        assert rows[name]["notes"]
    assert rows["Stem Cell Therapy for Knees"]["price"]["qualifier"] == "approx"
    assert rows["Stem Cell Therapy for Arthritis"]["price"]["qualifier"] == "approx"


def test_price_points() -> None:
    packages = by_id(load("prices")["package"])
    knee = packages["soft-tissue-knee-cartilage-regeneration"]["price"]
    assert (knee["text"], knee["low"], knee["high"]) == (
        "$5,000 to $15,000 USD",
        "5000",
        "15000",
    )
    general = packages["soft-tissue-general-stem-cell-therapy"]["price"]
    assert "~$16,665" in general["text"]
    assert (general["low"], general["high"], general["average"]) == ("330", "33000", "16665")
    inclusive = packages["soft-tissue-all-inclusive-program"]["price"]
    assert "$8,000 and up" in inclusive["text"]
    assert "$25,000" in inclusive["text"]
    assert inclusive["low"] == "8000"
    assert inclusive["qualifier"] == "open-high"
    overall = packages["knee-overall-range"]["price"]
    assert (overall["text"], overall["low"], overall["high"]) == ("$7,000–$30,000", "7000", "30000")


FEES = {
    "Surgeon’s Fees": "$2,000 - $5,000",
    "Anesthesia": "$1,000 - $2,000",
    "Facility Fees": "$1,500 - $3,000",
    "Pre-Op Tests": "$500 - $1,000",
    "Post-Op Care": "$1,000 - $2,000",
    "Medications": "$300 - $800",
    "Medical Supplies": "$200 - $500",
}


def test_fee_breakdown() -> None:
    fees = {f["name"]: f["price"] for f in load("prices")["fee"]}
    assert {name: price["text"] for name, price in fees.items()} == FEES
    for price in fees.values():
        low, high = (p.replace("$", "").replace(",", "") for p in price["text"].split(" - "))
        assert (price["low"], price["high"]) == (low, high)


def test_travel_stay_deposit() -> None:
    prices = load("prices")
    travel = by_id(prices["travel"])
    expected = {
        "medical-visa": ("$50–$100", "per-trip"),
        "flights": ("$500–$2,000", "per-trip"),
        "hotel": ("$50–$300", "per-night"),
        "daily-living": ("$20–$50", "per-day"),
    }
    for tid, (text, unit) in expected.items():
        assert travel[tid]["price"]["text"] == text
        assert travel[tid]["unit"] == unit
    stay = prices["stay"]
    assert (stay["low_days"], stay["high_days"], stay["text"]) == (7, 10, "7–10 days")
    deposit = prices["deposit"]
    assert deposit["percent"] == "10"
    assert "10%" in deposit["text"]
    assert len(prices["cost_factor"]) >= 5
    assert len(prices["cost_component"]) == 8


# ---------------------------------------------------------------- countries

SOFT_TISSUE_COUNTRIES = {
    "KR": (
        "$5,000 - $15,000 (Knee), $330–$33,000",
        "Regulatory standards, expertise, patient support, 10% deposit typical",
    ),
    "US": (
        "$3,000–$12,000 (Knee), $20,000+ (Gen.)",
        "Higher due to technology, limited insurance for experimental therapies",
    ),
    "GB": ("$6,810–$10,890 (Knee), $15,000–$25,000", "Importation costs, similar to Canada"),
    "CA": ("$15,000–$25,000", "Comparable to UK"),
    "DE": ("$4,270–$7,480", "Some insurance for experimental therapies"),
    "MX": ("$2,000–$5,000 (Knee)", "Often includes ancillary services, less regulatory oversight"),
    "TH": ("$294–$18,000 (Knee)", "Wide price variation, potential risks vary by facility"),
    "TR": ("$800–$17,500", "Varies with service inclusions"),
    "ES": ("~$10,922", "Consistent pricing"),
    "AU": ("~$6,200", "Concerns over proven efficacy/adverse effects"),
    "CO": ("$5,000–$9,000", ""),
    "CH": ("$5,000–$11,000", "Reflects higher living/medical standards"),
}
KNEE_COUNTRIES = {
    "KR": ("$7,000–$20,000+", "Highly regulated, advanced facilities; knee-specific costs"),
    "US": ("$5,000–$50,000", "Wide disparity and mixes regulated/unregulated clinics"),
    "MX": ("$5,000–$15,000", "Less regulatory oversight"),
    "TR": ("$5,000–$15,000", "Varies clinic by clinic"),
}


def _country_rows(table: str) -> dict[str, dict[str, Any]]:
    data = load("countries")
    assert table in {t["id"] for t in data["table"]}
    return {c["country_code"]: c for c in data["country_cost"] if c["table"] == table}


@pytest.mark.parametrize(
    ("table", "expected"),
    [("soft-tissue-country-costs", SOFT_TISSUE_COUNTRIES), ("knee-country-costs", KNEE_COUNTRIES)],
)
def test_country_tables(table: str, expected: dict[str, tuple[str, str]]) -> None:
    rows = _country_rows(table)
    assert len(rows) == len(expected)
    for code, (text, notes) in expected.items():
        assert rows[code]["text"] == text, code
        assert rows[code]["notes"] == notes, code
        assert rows[code]["ranges"], code
        for part in rows[code]["ranges"]:
            assert part["price"]["text"] in text, code


def test_country_row_ids() -> None:
    ids = {c["id"] for c in load("countries")["country_cost"]}
    assert {"soft-tissue-usa", "knee-usa", "soft-tissue-colombia"} <= ids


def test_savings() -> None:
    savings = {tuple(s["countries"]): s for s in load("countries")["savings"]}
    assert savings[("US",)]["text"] == "Up to 75%"
    assert savings[("US",)]["high_percent"] == "75"
    assert savings[("US",)]["qualifier"] == "up-to"
    assert savings[("GB", "CA")]["text"] == "50-70%"
    assert (savings[("GB", "CA")]["low_percent"], savings[("GB", "CA")]["high_percent"]) == ("50", "70")
    assert savings[("DE",)]["text"] == "40-60%"
    assert (savings[("DE",)]["low_percent"], savings[("DE",)]["high_percent"]) == ("40", "60")


# ---------------------------------------------------------------- journey and checklist

STEPS = [
    ("virtual-consultation", "consultation"),
    ("booking-preparation", "booking"),
    ("arrival-intake", "treatment"),
    ("treatment", "treatment"),
    ("after-treatment", "treatment"),
    ("recovery-follow-up", "recovery"),
    ("departure", "recovery"),
    ("rehabilitation-home", "recovery"),
]


def test_phases() -> None:
    phases = sorted(load("journey")["phase"], key=lambda p: p["order"])
    assert [p["id"] for p in phases] == ["consultation", "booking", "treatment", "recovery"]


def test_eight_steps_in_order() -> None:
    steps = sorted(load("journey")["step"], key=lambda s: s["order"])
    assert [(s["id"], s["phase"]) for s in steps] == STEPS
    assert [s["order"] for s in steps] == list(range(1, 9))
    treatment = by_id(steps)["treatment"]
    procedure = [p["id"] for p in treatment["procedure"]]
    assert procedure[0] == "initial-assessment"
    assert {"harvest", "processing", "injection", "post-injection-monitoring"} <= set(procedure)
    assert "6 months" in by_id(steps)["rehabilitation-home"]["duration"]


def test_every_step_has_checklist_items() -> None:
    items = load("checklist")["item"]
    step_ids = {sid for sid, _ in STEPS}
    for item in items:
        assert item["step"] in step_ids, item["id"]
        assert item["kind"] in {"task", "document", "bring", "ask", "keep"}, item["id"]
        if item["kind"] == "document":
            assert item.get("document"), item["id"]
        else:
            assert "document" not in item, item["id"]
        if "due" in item:
            assert item["due"]["anchor"] in {"departure", "treatment", "return"}, item["id"]
    for sid in step_ids:
        assert sum(1 for item in items if item["step"] == sid) >= 3, sid


def test_questions() -> None:
    questions = load("questions")["question"]
    assert len(questions) >= 10
    for question in questions:
        assert question["text"].strip()
        assert question["why"].strip()


# ---------------------------------------------------------------- reference


def test_reference_sections() -> None:
    data = load("reference")
    sections = {s["id"] for s in data["section"]}
    assert sections >= {
        "terms",
        "cartilage-procedures",
        "stem-cell-sources",
        "mechanisms",
        "injection-procedure",
        "why-korea",
        "regulation",
        "advantages",
        "expectations-risks",
        "logistics",
    }
    for entry in data["entry"]:
        assert entry["section"] in sections, entry["id"]
    counts = {s: sum(1 for e in data["entry"] if e["section"] == s) for s in sections}
    assert counts["cartilage-procedures"] >= 6
    assert counts["mechanisms"] >= 9
