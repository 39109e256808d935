"""Plan files: a whole plan as versioned JSON, and the checks a file must pass before anything
of it is written.

The reader checks every value of the file against the same limits the app's forms keep, and
collects what is wrong with the path to it ("expenses[3].planned: ..."), so a damaged,
truncated, wrong-version or hostile file is refused as a whole with a message that says why.
What it returns is clean: dates are dates, amounts are integer minor units, references to
clinics are keys into the file's own clinic list or catalogue ids the database knows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import msgspec

from planner.budget.estimate import HOTEL_TIERS
from planner.catalogue.model import CLINIC_LIST_FIELDS
from planner.checklist.rules import ANCHORS, DOCUMENTS, MAX_OFFSET_DAYS
from planner.checklist.rules import KINDS as ITEM_KINDS
from planner.checklist.rules import MAX_TEXT_LENGTH as ITEM_TEXT_LENGTH
from planner.clinics.drafts import MAX_CLINIC_NAME
from planner.clinics.quotes import MAX_LABEL_LENGTH as QUOTE_LABEL_LENGTH
from planner.core import limits
from planner.core.collector import collector_paused
from planner.core.limits import check_dates
from planner.core.validation import ValidationError, control_character_problem
from planner.core.zones import zone_problem
from planner.journey.itinerary import KINDS as APPOINTMENT_KINDS
from planner.journey.itinerary import MAX_TITLE_LENGTH, AppointmentDraft, PlanSpan, validate_appointment
from planner.journey.rules import CELL_MODES, MAX_CULTURE_DAYS, STATUSES
from planner.planfile.checks import AMOUNT, FieldReader, shown
from planner.planfile.expenses import ConversionValues, ExpenseValues, decode_expenses, read_expenses
from planner.planfile.recovery_section import read_recovery
from planner.plans.rules import MAX_NAME_LENGTH
from planner.recovery.measures_loader import shipped_measures
from planner.recovery.model import RecoveryRecord

FORMAT = "patient-journey-planner/plan"
VERSION = 4
"""The version this app writes; it reads every version up to it. A file from a newer app is
refused, not guessed at. Versions 2 and later write expense lines as tables (see expenses.py);
version 4 adds the recovery section (see recovery_section.py)."""
MAX_FILE_BYTES = 64 * 1024 * 1024
_JSON = msgspec.json.Decoder()
_SECTIONS = msgspec.json.Decoder(dict[str, msgspec.Raw])
"""The top level, each section still as its raw JSON (checked to be well formed)."""
MAX_ERRORS_SHOWN = 8
OWN_PREFIX, CATALOGUE_PREFIX = "own:", "catalogue:"


class PlanFileError(ValueError):
    """The file cannot be imported; the message says what is wrong, for the person to read."""


@dataclass(frozen=True, slots=True)
class Known:
    """What the file's references must name in this database."""

    conditions: frozenset[str]
    steps: frozenset[str]
    catalogue_clinics: frozenset[str]
    fee_categories: frozenset[str]
    expense_categories: frozenset[str]
    question_templates: frozenset[str]
    packages: frozenset[str] = frozenset()
    """The catalogue's treatment packages, which `budget_settings.treatment_basis` may name."""
    own_clinic_names: frozenset[str] = frozenset()
    """The person's own clinics here, by name folded to lower case: a file's clinic of the same
    name is that clinic, any other is added, and the two together must keep to the limit."""
    own_questions: frozenset[str] = frozenset()
    """The person's own consultation questions here, by text, likewise."""
    knee_conditions: frozenset[str] = frozenset()
    """The conditions of the knee, whose plans are also asked the knee's bend."""


@dataclass(slots=True)
class PlanFile:
    """A checked plan file. Each section is a list of column values ready for its table, with
    clinics named by `clinic` keys ("own:<n>" into `own_clinics`, or "catalogue:<id>"). Expense
    lines and their conversions are rows for their tables (see plan_file_expenses)."""

    plan: dict[str, Any]
    own_clinics: dict[str, dict[str, Any]] = field(default_factory=dict)
    shortlist: list[str] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    rates: list[dict[str, Any]] = field(default_factory=list)
    expenses: list[ExpenseValues] = field(default_factory=list)
    conversions: list[ConversionValues] = field(default_factory=list)
    budget_settings: dict[str, Any] | None = None
    estimate_overrides: list[dict[str, Any]] = field(default_factory=list)
    checklist: list[dict[str, Any]] = field(default_factory=list)
    journey_settings: dict[str, Any] | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    appointments: list[dict[str, Any]] = field(default_factory=list)
    trip_details: dict[str, Any] | None = None
    clinic_notes: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    recovery: RecoveryRecord = field(default_factory=RecoveryRecord)

    @property
    def name(self) -> str:
        return str(self.plan["name"])


def amount_text(minor: int | None, decimals: int) -> str | None:
    """Minor units (never negative) as the file writes them: plain digits with a dot, "1234.50"."""
    if minor is None:
        return None
    if not decimals:
        return str(minor)
    whole, part = divmod(minor, 10**decimals)
    return f"{whole}.{part:0{decimals}d}"


def parse_plan_file(data: bytes, known: Known) -> PlanFile:
    """Check a whole plan file; raises PlanFileError listing what is wrong."""
    with collector_paused():
        return _parse(data, known)


def _parse(data: bytes, known: Known) -> PlanFile:
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError(
            f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; it is not a plan file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError("The file is not text (UTF-8); it is not a plan file.") from None
    try:
        parsed = _decode(text)  # NaN, Infinity and numbers beyond a float's range are damage too
    except (msgspec.DecodeError, RecursionError):
        raise PlanFileError(
            f"The file is damaged or cut short: it is not complete JSON{_where_damaged(text)}."
        ) from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise PlanFileError("This is not a Patient Journey Planner plan file.")
    version = parsed.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise PlanFileError("The plan file does not say which version it is.")
    if version > VERSION:
        raise PlanFileError(
            f"The plan file is version {version}, made by a newer Patient Journey Planner; "
            f"this one reads version {VERSION}. Update the app to import it."
        )
    if version < 1:
        raise PlanFileError(f"The plan file's version {version} is not one this app knows.")
    reader = FieldReader()
    result = _read(reader, parsed, version, known)
    if reader.errors:
        shown = reader.errors[:MAX_ERRORS_SHOWN]
        more = len(reader.errors) - len(shown)
        listing = "\n".join(f"• {e}" for e in shown) + (f"\n• and {more:,} more" if more else "")
        raise PlanFileError(
            f"The plan file has {len(reader.errors):,} problem(s) and was not imported:\n{listing}"
        )
    return result


def _decode(text: str) -> object:
    """The file's JSON, with the expense tables typed when they are in the app's form."""
    try:
        sections = _SECTIONS.decode(text)
    except msgspec.ValidationError:  # JSON, but not an object
        return _JSON.decode(text)
    return {
        key: decode_expenses(raw) if key == "expenses" else _JSON.decode(raw) for key, raw in sections.items()
    }


def _where_damaged(text: str) -> str:
    """Where Python's own JSON reader stops in `text`, as " (line L, column C)", for the message
    (msgspec, quicker, counts bytes); nothing when that reader finds no place."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f" (line {error.lineno}, column {error.colno})"
    except (RecursionError, ValueError):
        pass
    return ""


def _read(r: FieldReader, root: dict[str, Any], version: int, known: Known) -> PlanFile:
    plan_in = r.mapping(root.get("plan"), "plan")
    own = _own_clinics(r, root)
    clinic_keys = set(own) | {CATALOGUE_PREFIX + c for c in known.catalogue_clinics}

    def clinic(row: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
        value = row.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or value not in clinic_keys:
            r.fail(f"{path}.{key}", f"{shown(value)} names no clinic in the file or the catalogue")
            return None
        return value

    plan = _plan(r, plan_in, known, clinic)
    file = PlanFile(plan, own)
    departure, return_ = plan["departure_date"], plan["return_date"]
    span = PlanSpan(departure, return_) if departure and return_ else None
    shortlist = root.get("shortlist", [])
    if not isinstance(shortlist, list):
        r.fail("shortlist", "should be a list")
        shortlist = []
    if len(shortlist) > limits.SHORTLIST.most:
        r.fail("shortlist", limits.SHORTLIST.over_message(len(shortlist)))
        shortlist = []
    for n, value in enumerate(shortlist):
        if clinic({"clinic": value}, "clinic", f"shortlist[{n}]") is not None:
            file.shortlist.append(value)
    file.quotes = [
        _quote(r, q, f"quotes[{n}]", known, clinic)
        for n, q in enumerate(r.rows(root, "quotes", "", limits.QUOTES))
    ]
    if sum(1 for q in file.quotes if q["accepted"]) > 1:
        r.fail("quotes", "more than one quote is marked accepted")
    file.rates = [_rate(r, x, f"rates[{n}]") for n, x in enumerate(r.rows(root, "rates", "", limits.RATES))]
    if len({(x["base"], x["quote"], x["on_date"]) for x in file.rates}) != len(file.rates):
        r.fail("rates", "two rates are for the same currencies and day")
    file.expenses, file.conversions = read_expenses(
        r, root.get("expenses"), version, known.expense_categories, known.steps
    )
    if root.get("budget_settings") is not None:
        file.budget_settings = _budget_settings(
            r, r.mapping(root["budget_settings"], "budget_settings"), known.packages
        )
    file.estimate_overrides = [
        _override(r, o, f"estimate_overrides[{n}]")
        for n, o in enumerate(r.rows(root, "estimate_overrides", "", limits.ESTIMATE_OVERRIDES))
    ]
    file.checklist = [
        _item(r, i, f"checklist[{n}]", known)
        for n, i in enumerate(r.rows(root, "checklist", "", limits.CHECKLIST_ITEMS))
    ]
    templates = [i["template_id"] for i in file.checklist if i["template_id"]]
    if len(set(templates)) != len(templates):
        r.fail("checklist", "two items come from the same template")
    if root.get("journey_settings") is not None:
        file.journey_settings = _journey_settings(
            r, r.mapping(root["journey_settings"], "journey_settings"), span
        )
    file.steps = [
        _step(r, s, f"steps[{n}]", known, span) for n, s in enumerate(r.rows(root, "steps", "", limits.STEPS))
    ]
    if len({s["step_id"] for s in file.steps}) != len(file.steps):
        r.fail("steps", "a step is listed twice")
    file.appointments = [
        _appointment(r, a, f"appointments[{n}]", known, span)
        for n, a in enumerate(r.rows(root, "appointments", "", limits.APPOINTMENTS))
    ]
    keys = [a["proposal_key"] for a in file.appointments if a["proposal_key"]]
    if len(set(keys)) != len(keys):
        r.fail("appointments", "two appointments come from the same proposed one")
    uids = [a["uid"] for a in file.appointments]
    if len(set(uids)) != len(uids):
        r.fail("appointments", "two appointments have the same uid")
    if root.get("trip_details") is not None:
        details = r.mapping(root["trip_details"], "trip_details")
        file.trip_details = {
            k: r.text(details, k, "trip_details", 1_000)
            for k in ("hotel_name", "hotel_address", "hotel_phone", "insurance", "emergency_contact")
        }
    for n, note in enumerate(r.rows(root, "clinic_notes", "", limits.CLINIC_NOTES)):
        path = f"clinic_notes[{n}]"
        file.clinic_notes.append(
            {
                "clinic": clinic(note, "clinic", path),
                "note": r.text(note, "note", path),
                "rating": r.integer(note, "rating", path, 1, 5),
            }
        )
    answered: set[tuple[str | None, str]] = set()
    for n, answer in enumerate(r.rows(root, "answers", "")):
        path = f"answers[{n}]"
        question = r.text(answer, "question", path, 500, required=True)
        if (
            question.startswith("builtin:")
            and question.removeprefix("builtin:") not in known.question_templates
        ):
            r.fail(f"{path}.question", f"{shown(question)} is not a question this app knows")
        entry = {
            "clinic": clinic(answer, "clinic", path),
            "question": question,
            "answer": r.text(answer, "answer", path, 5_000, required=True),
        }
        if (entry["clinic"], question) in answered:
            r.fail(path, "answers the same clinic's question a second time")
        answered.add((entry["clinic"], question))
        file.answers.append(entry)
    knee = plan["condition_id"] in known.knee_conditions
    file.recovery = read_recovery(r, root.get("recovery"), shipped_measures(), knee, plan["treatment_date"])
    _check_room_for_own(r, file, known)
    return file


def _check_room_for_own(r: FieldReader, file: PlanFile, known: Known) -> None:
    """The file's own clinics and questions that are new here, added to those here, must keep to
    the limits on them (they belong to no one plan, so every import adds to the same count)."""
    names = {values["name"].casefold() for values in file.own_clinics.values()}
    clinics = len(known.own_clinic_names | names)
    if clinics > limits.OWN_CLINICS.most:
        r.fail("own_clinics", limits.OWN_CLINICS.together_message(clinics))
    asked = {a["question"] for a in file.answers if not a["question"].startswith("builtin:")}
    questions = len(known.own_questions | asked)
    if questions > limits.OWN_QUESTIONS.most:
        r.fail("answers", limits.OWN_QUESTIONS.together_message(questions))


def _plan(
    r: FieldReader, row: dict[str, Any], known: Known, clinic: Callable[..., str | None]
) -> dict[str, Any]:
    currency = r.currency(row, "home_currency", "plan")
    departure = r.day(row, "departure", "plan", required=True)
    return_ = r.day(row, "return", "plan", required=True)
    if departure and return_ and return_ < departure:
        r.fail("plan.return", "is before the departure")
    elif departure and return_ and (message := check_dates(departure, return_)):
        r.fail("plan.return", message)
    treatment = r.day(row, "treatment_date", "plan")
    if treatment and departure and return_ and not departure <= treatment <= return_:
        r.fail("plan.treatment_date", "is outside the trip: it should be between departure and return")
    home_zone = r.text(row, "home_zone", "plan", 64)
    if home_zone and zone_problem(home_zone):
        r.fail("plan.home_zone", f"{shown(home_zone)} is not a known time zone")
    country = r.text(row, "home_country", "plan", 2, required=True)
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        r.fail("plan.home_country", f"{shown(country)} is not a two-letter country code")
    return {
        "name": _name(r, row, "plan", MAX_NAME_LENGTH),
        "condition_id": r.choice(row, "condition_id", "plan", known.conditions),
        "home_country": country,
        "home_currency": currency,
        "departure_date": departure,
        "return_date": return_,
        "budget_limit_minor": r.amount(row, "budget_limit", "plan", currency),
        "treatment_date": treatment,
        "home_zone": home_zone,
        "clinic": clinic(row, "clinic", "plan", required=False),
    }


def _name(r: FieldReader, row: dict[str, Any], path: str, limit: int) -> str:
    """A plan's or clinic's name, refused as the forms refuse it when it holds control characters."""
    name = r.text(row, "name", path, limit, required=True).strip()
    if problem := control_character_problem(name):
        r.fail(f"{path}.name", problem)
    return name


def _own_clinics(r: FieldReader, root: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for n, row in enumerate(r.rows(root, "own_clinics", "", limits.OWN_CLINICS)):
        path = f"own_clinics[{n}]"
        key = r.text(row, "key", path, 64, required=True)
        if not key.startswith(OWN_PREFIX) or key in result:
            r.fail(f"{path}.key", f"{shown(key)} should be a unique key starting with “{OWN_PREFIX}”")
        result[key] = {
            "name": _name(r, row, path, MAX_CLINIC_NAME),
            "government_approved": r.flag(row, "government_approved", path),
            **{k: r.text(row, k, path) for k in ("city", "district", "location", "focus")},
            **{k: r.strings(row, k, path) for k in CLINIC_LIST_FIELDS},
        }
    return result


def _quote(
    r: FieldReader, row: dict[str, Any], path: str, known: Known, clinic: Callable[..., str | None]
) -> dict[str, Any]:
    currency = r.currency(row, "currency", path)
    received = r.day(row, "received_on", path, required=True)
    valid = r.day(row, "valid_until", path)
    if received and valid and valid < received:
        r.fail(f"{path}.valid_until", "is before the day the quote was received")
    deposit = row.get("deposit_percent")
    basis_points = None
    if deposit is not None:
        if not isinstance(deposit, str) or not AMOUNT.fullmatch(deposit) or Decimal(deposit) > 100:
            r.fail(f"{path}.deposit_percent", f"{shown(deposit)} is not a percentage from 0 to 100")
        else:
            scaled = Decimal(deposit) * 100
            if scaled != scaled.to_integral_value():
                r.fail(f"{path}.deposit_percent", "has more than two decimal places")
            basis_points = int(scaled)
    lines = []
    for n, line in enumerate(r.rows(row, "lines", f"{path}.", limits.QUOTE_LINES)):
        line_path = f"{path}.lines[{n}]"
        category = line.get("fee_category")
        if category is not None and (not isinstance(category, str) or category not in known.fee_categories):
            r.fail(f"{line_path}.fee_category", f"{shown(category)} is not a fee category")
            category = None
        lines.append(
            {
                "position": n,
                "fee_category_id": category,
                "label": r.text(line, "label", line_path, QUOTE_LABEL_LENGTH, required=True),
                "amount_minor": r.amount(line, "amount", line_path, currency, required=True) or 0,
            }
        )
    if not lines:
        r.fail(f"{path}.lines", "a quote needs at least one line")
    return {
        "clinic": clinic(row, "clinic", path),
        "currency": currency,
        "received_on": received,
        "valid_until": valid,
        "deposit_basis_points": basis_points,
        "refund_terms": r.text(row, "refund_terms", path),
        "note": r.text(row, "note", path),
        "accepted": r.flag(row, "accepted", path),
        "lines": lines,
    }


def _rate(r: FieldReader, row: dict[str, Any], path: str) -> dict[str, Any]:
    base, quote = r.currency(row, "base", path), r.currency(row, "quote", path)
    if base == quote:
        r.fail(path, "a rate needs two different currencies")
    return {
        "base": base,
        "quote": quote,
        "rate": r.rate(row, "rate", path),
        "on_date": r.day(row, "on_date", path, True),
    }


def _budget_settings(r: FieldReader, row: dict[str, Any], packages: frozenset[str]) -> dict[str, Any]:
    path = "budget_settings"
    basis = r.text(row, "treatment_basis", path, 200) or "auto"
    if basis not in ("auto", "quote", "fees") and basis.removeprefix("package:") not in (
        packages if basis.startswith("package:") else ()
    ):
        r.fail(f"{path}.treatment_basis", f"{shown(basis)} is not a known basis or package")
    currency = row.get("deposit_currency") or ""
    if currency:
        currency = r.currency(row, "deposit_currency", path)
    return {
        "treatment_basis": basis,
        "stay_low": r.integer(row, "stay_low", path, 1, 366),
        "stay_high": r.integer(row, "stay_high", path, 1, 366),
        "hotel_tier": r.choice(row, "hotel_tier", path, HOTEL_TIERS, "standard"),
        "flights": r.flag(row, "flights", path, True),
        "visa": r.flag(row, "visa", path, True),
        "deposit_basis_points": r.integer(row, "deposit_basis_points", path, 0, 10_000),
        "deposit_amount_minor": r.amount(row, "deposit_amount", path, currency) if currency else None,
        "deposit_currency": currency,
        "deposit_due_on": r.day(row, "deposit_due_on", path),
        "deposit_paid_on": r.day(row, "deposit_paid_on", path),
    }


def _override(r: FieldReader, row: dict[str, Any], path: str) -> dict[str, Any]:
    currency = r.currency(row, "currency", path)
    low = r.amount(row, "low", path, currency, required=True) or 0
    high = r.amount(row, "high", path, currency, required=True) or 0
    if high < low:
        r.fail(f"{path}.high", "is below the low figure")
    return {
        "key": r.text(row, "key", path, 160, required=True),
        "low_minor": low,
        "high_minor": high,
        "currency": currency,
        "removed": r.flag(row, "removed", path),
    }


def _item(r: FieldReader, row: dict[str, Any], path: str, known: Known) -> dict[str, Any]:
    due_on = r.day(row, "due_on", path)
    anchor = row.get("due_anchor", "") or ""
    if anchor and (not isinstance(anchor, str) or anchor not in ANCHORS):
        r.fail(f"{path}.due_anchor", f"{shown(anchor)} is not departure, treatment or return")
        anchor = ""
    if due_on is not None and anchor:
        r.fail(path, "has both a fixed due date and one counted from the trip")
    document = row.get("document", "") or ""
    if document and (not isinstance(document, str) or document not in DOCUMENTS):
        r.fail(f"{path}.document", f"{shown(document)} is not a known document")
        document = ""
    template = row.get("template_id")
    if template is not None and (not isinstance(template, str) or len(template) > 64):
        r.fail(f"{path}.template_id", "should be short text")
        template = None
    return {
        "step_id": r.choice(row, "step_id", path, known.steps),
        "text": r.text(row, "text", path, ITEM_TEXT_LENGTH, required=True),
        "kind": r.choice(row, "kind", path, ITEM_KINDS, "task"),
        "document": document,
        "note": r.text(row, "note", path),
        "done_at": r.moment(row, "done_at", path) if row.get("done_at") is not None else None,
        "due_on": due_on,
        "due_anchor": anchor,
        "due_days": r.integer(row, "due_days", path, -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS),
        "expires_on": r.day(row, "expires_on", path),
        "template_id": template,
    }


def _journey_settings(r: FieldReader, row: dict[str, Any], span: PlanSpan | None) -> dict[str, Any]:
    path = "journey_settings"
    arrival = r.day(row, "arrival_date", path)
    if arrival and span and (far := span.problem(arrival)):
        r.fail(f"{path}.arrival_date", far)
    return {
        "arrival_date": arrival,
        "cells": r.choice(row, "cells", path, CELL_MODES, "same-day"),
        "culture_days": r.integer(row, "culture_days", path, 1, MAX_CULTURE_DAYS, required=True) or 14,
    }


def _step(
    r: FieldReader, row: dict[str, Any], path: str, known: Known, span: PlanSpan | None
) -> dict[str, Any]:
    start, end = r.day(row, "start_date", path), r.day(row, "end_date", path)
    for key, day in (("start_date", start), ("end_date", end)):
        if day and span and (far := span.problem(day)):
            r.fail(f"{path}.{key}", far)
    if start and end and end < start:
        r.fail(f"{path}.end_date", "is before the start date")
    return {
        "step_id": r.choice(row, "step_id", path, known.steps),
        "status": r.choice(row, "status", path, STATUSES, "not-started"),
        "start_date": start,
        "end_date": end,
        "note": r.text(row, "note", path),
    }


def _appointment(
    r: FieldReader, row: dict[str, Any], path: str, known: Known, span: PlanSpan | None
) -> dict[str, Any]:
    zone_name = r.text(row, "zone", path, 64, required=True)
    if zone_name and zone_problem(zone_name):
        r.fail(f"{path}.zone", f"{shown(zone_name)} is not a known time zone")
        zone_name = ""
    start, end = r.moment(row, "start", path), r.moment(row, "end", path)
    if start and end and end < start:
        r.fail(f"{path}.end", "is before the start")
    elif start and end and zone_name and span:
        try:  # the form's rules for the times: near the trip, on the clock there, at most a week
            validate_appointment(AppointmentDraft("", "free", "", start, end, zone_name), ("",), span)
        except ValidationError as error:
            for end_of in ("start", "end"):
                if end_of in error.errors:
                    r.fail(f"{path}.{end_of}", error.errors[end_of])
    uid = r.text(row, "uid", path, 36, required=True)
    if uid and not re.fullmatch(r"[0-9A-Za-z-]{8,36}", uid):
        r.fail(f"{path}.uid", f"{shown(uid)} is not an identifier")
    key = row.get("proposal_key")
    if key is not None and (not isinstance(key, str) or len(key) > 64):
        r.fail(f"{path}.proposal_key", "should be short text")
        key = None
    return {
        "uid": uid,
        "step_id": r.choice(row, "step_id", path, known.steps),
        "kind": r.choice(row, "kind", path, APPOINTMENT_KINDS, "free"),
        "title": r.text(row, "title", path, MAX_TITLE_LENGTH, required=True),
        "start": start,
        "end": end,
        "zone": zone_name,
        "location": r.text(row, "location", path),
        "note": r.text(row, "note", path),
        "proposal_key": key or None,
    }
