"""A plan's recovery as a FHIR R4 (4.0.1) Bundle, for the home doctor's systems.

The bundle is a `collection`. Each check-in gives a QuestionnaireResponse (every answer, the
activity ratings and the note) and one Observation per measure answered; each diary entry gives a
QuestionnaireResponse and Observations of its pain, swelling, painkillers and side effects. Side
effects go in as the patient recorded them, never graded or interpreted.

Codes only where a published code fits exactly: LOINC 72514-3 on every 0-10 pain score, the
Observation category `survey`, and the UCUM units `min` and `deg`. Everything else is named in
`code.text` (see the README, "FHIR export").

The app holds no identity of the patient (a plan has a name only), so there is no Patient
resource and no `subject`: both are optional in R4. Ids are UUIDs made from the plan and the
record (`uuid5`), so exporting the same data again gives the same ids, and the plan's creation
moment keeps two people's plans with the same id apart at the doctor's.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime
from typing import Any

from planner.core.dates import iso_date, stored_timestamp, utc_instant
from planner.identity import APP_ID
from planner.recovery.checkins import point_named
from planner.recovery.measures import Measure
from planner.recovery.model import CheckIn, DiaryEntry, Recovery
from planner.recovery.progress import DIARY_PAIN_LABEL
from planner.recovery.rules import SIDE_EFFECTS
from planner.recovery.scoring import score

Json = dict[str, Any]

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN_LOINC = "72514-3"
PAIN_LOINC_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
UCUM_UNITS = {"degrees": ("degrees", "deg")}
"""A measure's unit to its display and UCUM code; another unit goes in as text only."""
MINUTES = ("min", "min")
DIARY_SWELLING = "swelling"
"""The measure whose levels the diary's swelling uses."""
OWN_CHECK_IN = "The patient's own check-in (not one of the schedule)"
PAINKILLERS_TEXT = "Painkiller doses in the last 24 hours"
SIDE_EFFECTS_TEXT = "Side effects the patient recorded (as recorded, not assessed)"
OTHER_SIDE_EFFECT = "Other side effect, in the patient's words"
SURVEY = {
    "coding": [{"system": CATEGORIES, "code": "survey", "display": "Survey"}],
    "text": "Patient-reported",
}
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, APP_ID)

_NOT_IN_STRINGS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The control characters a FHIR string may not hold (tab, line feed and carriage return may)."""


def plan_namespace(plan_id: int, created_at: datetime) -> uuid.UUID:
    """The namespace of a plan's ids: the same at every export of the plan, and another for a
    plan with the same id in someone else's data (created at another moment)."""
    return uuid.uuid5(NAMESPACE, f"plan/{plan_id}/{stored_timestamp(created_at)}")


def recovery_bundle(recovery: Recovery, namespace: uuid.UUID, now: datetime) -> Json:
    """The bundle as plain JSON data; `now` (naive UTC, from the app's clock) is its timestamp."""
    entries = _Entries(recovery, namespace)
    for check_in in recovery.check_ins:
        entries.add_check_in(check_in)
    for entry in recovery.diary:
        entries.add_diary_entry(entry)
    bundle: Json = {"resourceType": "Bundle", "type": "collection", "timestamp": utc_instant(now)}
    if entries.all:  # FHIR has no empty lists: without records, no `entry` at all
        bundle["entry"] = entries.all
    return bundle


def bundle_json(bundle: Json) -> bytes:
    """The bundle as UTF-8 JSON, indented, ending with a new line."""
    return (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def fhir_text(text: str) -> str:
    """`text` without the control characters a FHIR string may not hold."""
    return _NOT_IN_STRINGS.sub("", text)


class _Entries:
    """The bundle's entries, each resource under a `urn:uuid` full URL made from its name."""

    def __init__(self, recovery: Recovery, namespace: uuid.UUID) -> None:
        self.recovery = recovery
        self.namespace = namespace
        self.all: list[Json] = []
        self.swelling = next((m for m in recovery.measures if m.id == DIARY_SWELLING), None)

    def _add(self, name: str, resource_type: str, content: Json) -> str:
        """Add a resource named `name` (unique in the plan); returns its full URL."""
        resource_id = str(uuid.uuid5(self.namespace, name))
        url = f"urn:uuid:{resource_id}"
        resource = {"resourceType": resource_type, "id": resource_id, **content}
        self.all.append({"fullUrl": url, "resource": resource})
        return url

    def _response(self, name: str, day: date, items: list[Json]) -> str:
        content: Json = {"status": "completed", "authored": iso_date(day)}
        if items:
            content["item"] = items
        return self._add(name, "QuestionnaireResponse", content)

    def _observation(self, name: str, code: Json, day: date, source: str, value: Json) -> None:
        content = {
            "status": "final",
            "category": [SURVEY],
            "code": code,
            "effectiveDateTime": iso_date(day),
            **value,
            "derivedFrom": [{"reference": source}],
        }
        self._add(name, "Observation", content)

    # --- check-ins ------------------------------------------------------------------------
    def add_check_in(self, check_in: CheckIn) -> None:
        name = f"check-in/{check_in.id}"
        source = self._response(name, check_in.taken_on, self._check_in_items(check_in))
        for measure in self.recovery.measures:
            if measure.kind == "activities":
                if rated := self._rated(check_in):
                    scale = f"{measure.low}-{measure.high}"
                    code = _text_code(f"{measure.name}: the mean of the activities' ratings ({scale})")
                    scored = _activities_value(measure, rated)
                    self._observation(f"{name}/{measure.id}", code, check_in.taken_on, source, scored)
                continue
            recorded = check_in.values.get(measure.id)
            value = None if recorded is None else _observed(measure, recorded)
            if value is not None:
                code = _pain_code(measure.name) if measure.loinc == PAIN_LOINC else _text_code(measure.name)
                self._observation(f"{name}/{measure.id}", code, check_in.taken_on, source, value)

    def _rated(self, check_in: CheckIn) -> list[tuple[int, str, int]]:
        """(activity id, its name, its rating) for each activity rated, in the activities' order."""
        return [
            (activity.id, fhir_text(activity.name), rating)
            for activity in self.recovery.activities
            if (rating := check_in.activity_ratings.get(activity.id)) is not None
        ]

    def _check_in_items(self, check_in: CheckIn) -> list[Json]:
        which = point_named(check_in.point_id).label if check_in.point_id else OWN_CHECK_IN
        items = [_answered("check-in", "Check-in", {"valueString": which})]
        if self.recovery.treatment is not None:
            treated = {"valueDate": iso_date(self.recovery.treatment)}
            items.append(_answered("treatment-day", "Treatment day", treated))
        for measure in self.recovery.measures:
            if measure.kind == "activities":
                ratings = [
                    _answered(f"{measure.id}-{activity_id}", activity, {"valueInteger": rating})
                    for activity_id, activity, rating in self._rated(check_in)
                ]
                if ratings:  # a group: its answers are in the nested items
                    items.append({"linkId": measure.id, "text": measure.name, "item": ratings})
                continue
            recorded = check_in.values.get(measure.id)
            answer = None if recorded is None else _answer(measure, recorded)
            if answer is not None:
                items.append(_answered(measure.id, measure.question, answer))
        if note := fhir_text(check_in.note):
            items.append(_answered("note", "Note", {"valueString": note}))
        return items

    # --- the diary ------------------------------------------------------------------------
    def add_diary_entry(self, entry: DiaryEntry) -> None:
        name, day = f"diary/{entry.id}", entry.entry_on
        source = self._response(name, day, self._diary_items(entry))
        if entry.pain is not None:
            code = _pain_code(DIARY_PAIN_LABEL)
            self._observation(f"{name}/pain", code, day, source, {"valueInteger": entry.pain})
        if entry.swelling is not None and self.swelling is not None:
            value = _observed(self.swelling, entry.swelling)
            if value is not None:
                code = _text_code(f"{self.swelling.name} (diary)")
                self._observation(f"{name}/swelling", code, day, source, value)
        if entry.painkillers is not None:
            code = _text_code(f"{PAINKILLERS_TEXT} (diary)")
            self._observation(f"{name}/painkillers", code, day, source, {"valueInteger": entry.painkillers})
        if components := _side_effect_components(entry):
            code = _text_code(SIDE_EFFECTS_TEXT)
            self._observation(f"{name}/side-effects", code, day, source, {"component": components})

    def _diary_items(self, entry: DiaryEntry) -> list[Json]:
        items: list[Json] = []
        if entry.pain is not None:
            items.append(_answered("pain", DIARY_PAIN_LABEL, {"valueInteger": entry.pain}))
        if entry.swelling is not None and self.swelling is not None:
            answer = _answer(self.swelling, entry.swelling)
            if answer is not None:
                items.append(_answered("swelling", self.swelling.name, answer))
        if entry.painkillers is not None:
            items.append(_answered("painkillers", PAINKILLERS_TEXT, {"valueInteger": entry.painkillers}))
        done = [fhir_text(e.name) for e in self.recovery.exercises if e.id in entry.exercises_done]
        if done:
            answers = [{"valueString": exercise} for exercise in done]
            text = "Exercises done from the physiotherapy plan"
            items.append({"linkId": "exercises", "text": text, "answer": answers})
        if listed := [label for kind, label in SIDE_EFFECTS if kind in entry.side_effects]:
            answers = [{"valueString": label} for label in listed]
            items.append({"linkId": "side-effects", "text": "Side effects", "answer": answers})
        if other := fhir_text(entry.side_effect_other):
            items.append(_answered("side-effect-other", OTHER_SIDE_EFFECT, {"valueString": other}))
        if note := fhir_text(entry.note):
            items.append(_answered("note", "Note", {"valueString": note}))
        return items


def _answered(link_id: str, text: str, answer: Json) -> Json:
    """A QuestionnaireResponse item with its one answer."""
    return {"linkId": link_id, "text": text, "answer": [answer]}


def _text_code(text: str) -> Json:
    return {"text": text}


def _pain_code(text: str) -> Json:
    """LOINC's 0-10 pain score, with `text` saying which pain (at rest, during activity, diary)."""
    return {"coding": [{"system": LOINC, "code": PAIN_LOINC, "display": PAIN_LOINC_DISPLAY}], "text": text}


def _quantity(measure: Measure, value: int) -> Json:
    """Minutes and degrees with their UCUM code; another unit as its text alone."""
    known = MINUTES if measure.kind == "minutes" else UCUM_UNITS.get(measure.unit)
    if known is not None:
        return {"value": value, "unit": known[0], "system": UCUM, "code": known[1]}
    return {"value": value, "unit": measure.unit} if measure.unit else {"value": value}


def _level_name(measure: Measure, value: int) -> str | None:
    return measure.levels[value] if 0 <= value < len(measure.levels) else None


def _answer(measure: Measure, value: int) -> Json | None:
    """The QuestionnaireResponse answer to `measure` (None for a level it does not have)."""
    if measure.kind in ("minutes", "number"):
        return {"valueQuantity": _quantity(measure, value)}
    if measure.kind == "level":
        level = _level_name(measure, value)
        return None if level is None else {"valueCoding": {"display": level}}
    return {"valueInteger": value}


def _observed(measure: Measure, value: int) -> Json | None:
    """The Observation's value[x] for `measure` (None for a level it does not have)."""
    if measure.kind in ("minutes", "number"):
        return {"valueQuantity": _quantity(measure, value)}
    if measure.kind == "level":
        level = _level_name(measure, value)
        return None if level is None else {"valueCodeableConcept": {"text": level}}
    return {"valueInteger": value}


def _activities_value(measure: Measure, rated: list[tuple[int, str, int]]) -> Json:
    """The functional scale's score (the mean, once enough activities are rated) as the value,
    and each activity's rating as a component named by the activity."""
    components = [{"code": _text_code(activity), "valueInteger": rating} for _, activity, rating in rated]
    mean = score(measure, [rating for _, _, rating in rated])
    if mean is None:
        return {"component": components}
    return {"valueQuantity": {"value": float(mean)}, "component": components}


def _side_effect_components(entry: DiaryEntry) -> list[Json]:
    """One component per side effect ticked, then the patient's own words."""
    components: list[Json] = [
        {"code": _text_code(label), "valueBoolean": True}
        for kind, label in SIDE_EFFECTS
        if kind in entry.side_effects
    ]
    if other := fhir_text(entry.side_effect_other):
        components.append({"code": _text_code(OTHER_SIDE_EFFECT), "valueString": other})
    return components
