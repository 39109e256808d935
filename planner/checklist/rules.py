"""Checklist items and their rules: due dates fixed or relative to the trip's dates, filters,
progress, and the passport's validity. No storage here.

The baseline and check-ins of the recovery are listed beside the items, under their steps, but
they are recorded on the Recovery page: here they are read-only and not counted in the progress.

A relative due date is an offset in days from departure, treatment or return, so it moves when
those dates move; a fixed one is a calendar date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from planner.core.dates import day_month_year, read_typed_date
from planner.core.limits import day_problem
from planner.core.money import number_locale
from planner.core.months import add_months
from planner.core.validation import raise_if_any
from planner.recovery.checkins import Scheduled

ANCHORS = ("departure", "treatment", "return")
"""What a relative due date counts from."""
MAX_OFFSET_DAYS = 365
DUE_SOON_DAYS = 7
PASSPORT_MONTHS = 6
"""Many countries want a passport valid this long after the trip; the articles' checklist asks
for it to be checked."""
MAX_TEXT_LENGTH = 500
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
"""Characters that show nothing: an item of only these says nothing."""


class ChecklistError(ValueError):
    """Text that is not an acceptable due date or offset; the message is for the user."""


class Filter(Enum):
    ALL = "All"
    OPEN = "Open"
    DUE_SOON = "Due soon"
    OVERDUE = "Overdue"
    DONE = "Done"


@dataclass(frozen=True, slots=True)
class TripDates:
    departure: date
    return_: date
    treatment: date | None = None

    def anchor(self, name: str) -> date | None:
        return {"departure": self.departure, "return": self.return_, "treatment": self.treatment}.get(name)


@dataclass(frozen=True, slots=True)
class Due:
    """Either a fixed date, or `days` before (negative) or after an anchor; or neither."""

    on: date | None = None
    anchor: str = ""
    days: int | None = None

    def resolve(self, trip: TripDates) -> date | None:
        if self.on is not None:
            return self.on
        if self.anchor and self.days is not None:
            base = trip.anchor(self.anchor)
            return date.fromordinal(base.toordinal() + self.days) if base is not None else None
        return None

    def describe(self) -> str:
        if self.on is not None:
            return day_month_year(self.on)
        if not self.anchor or self.days is None:
            return ""
        if self.days == 0:
            return f"on {self.anchor} day"
        amount = abs(self.days)
        unit = "day" if amount == 1 else "days"
        return f"{amount} {unit} {'before' if self.days < 0 else 'after'} {self.anchor}"


@dataclass(frozen=True, slots=True)
class Item:
    id: int
    step_id: str
    text: str
    kind: str
    """"task", "ask", "bring", "keep" or "document"."""
    done_at: datetime | None = None
    due: Due = Due()
    note: str = ""
    document: str = ""
    expires_on: date | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True, slots=True)
class DeletedItem:
    """Everything needed to put a deleted item back where it was."""

    plan_id: int
    position: int
    template_id: str | None
    created_at: datetime
    item: Item


def parse_offset(text: str) -> int:
    """Days before (negative) or after an anchor, as typed: "-30", "+3", "0"."""
    cleaned = text.strip().replace("\u2212", "-")
    if not cleaned:
        raise ChecklistError("Enter a number of days, for example -30 for a month before.")
    if not re.fullmatch(r"[+-]?\d{1,6}", cleaned):
        raise ChecklistError(f"“{cleaned[:20]}” is not a number of days. Type for example -30 or 3.")
    days = int(cleaned)
    if abs(days) > MAX_OFFSET_DAYS:
        raise ChecklistError(f"Keep it within a year ({MAX_OFFSET_DAYS} days) of the date.")
    return days


EXAMPLE_DAY = date(2027, 3, 1)
"""The date the messages give as an example of how to type one."""


def parse_due_date(text: str, locale: str | None = None) -> date:
    """A date as typed: as the app writes it (1 Mar 2027), ISO (2027-03-01) or the locale's short
    form (3/1/27 in en_US)."""
    day = _typed_date(text, locale)
    if message := day_problem(day):
        raise ChecklistError(message)
    return day


def _typed_date(text: str, locale: str | None) -> date:
    cleaned = text.strip()
    if not cleaned:
        raise ChecklistError(f"Enter a date, for example {day_month_year(EXAMPLE_DAY)}.")
    if (written := read_typed_date(cleaned)) is not None:
        return written
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    import babel.dates  # only when a date is typed: it is not needed to start the app

    try:
        return babel.dates.parse_date(cleaned, locale=number_locale(locale))
    except (ValueError, IndexError):
        raise ChecklistError(
            f"“{cleaned[:30]}” is not a date. Type it as {day_month_year(EXAMPLE_DAY)}."
        ) from None


def check_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned.strip(INVISIBLE):
        raise ChecklistError("Write what needs doing.")
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise ChecklistError(f"Keep it under {MAX_TEXT_LENGTH} characters; put the rest in the note.")
    return cleaned


def matches_filter(item: Item, chosen: Filter, trip: TripDates, today: date) -> bool:
    if chosen is Filter.ALL:
        return True
    if chosen is Filter.DONE:
        return item.done
    if item.done:
        return False
    if chosen is Filter.OPEN:
        return True
    due = item.due.resolve(trip)
    if due is None:
        return False
    if chosen is Filter.OVERDUE:
        return due < today
    return today <= due <= date.fromordinal(today.toordinal() + DUE_SOON_DAYS)


@dataclass(frozen=True, slots=True)
class ChecklistProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(self.done * 100 / self.total) if self.total else 0

    def describe(self) -> str:
        return f"{self.done} of {self.total} done" if self.total else "nothing to do"


def next_due(items: Iterable[Item], trip: TripDates, count: int = 5) -> list[tuple[date, Item]]:
    """The open items with a due date, soonest first (overdue ones first of all)."""
    dated = [(due, item) for item in items if not item.done and (due := item.due.resolve(trip)) is not None]
    dated.sort(key=lambda pair: (pair[0], pair[1].id))
    return dated[:count]


def passport_problem(expires_on: date | None, return_: date) -> str | None:
    """A message when the passport expires less than six months after coming home."""
    if expires_on is None:
        return None
    needed = add_months(return_, PASSPORT_MONTHS)
    if expires_on < needed:
        return (
            f"Your passport expires on {day_month_year(expires_on)}, less than {PASSPORT_MONTHS} months "
            f"after you come home ({day_month_year(return_)}). Many countries refuse entry then: "
            "renew it first."
        )
    return None


KINDS = {"task": "To do", "ask": "To ask", "bring": "To bring", "keep": "To keep", "document": "Document"}
DOCUMENTS = {
    "passport": "Passport",
    "visa": "Visa",
    "medical-records": "Medical records",
    "imaging": "Imaging (MRI, X-ray)",
    "quote": "Quote",
    "insurance": "Insurance",
    "discharge-summary": "Discharge summary",
}


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """What the item form collects, dates and the offset still as typed. `due_mode` is "none",
    "date" or one of ANCHORS."""

    step_id: str
    text: str
    kind: str = "task"
    due_mode: str = "none"
    due_text: str = ""
    offset_text: str = ""
    note: str = ""
    document: str = ""
    expires_text: str = ""


@dataclass(frozen=True, slots=True)
class CleanItem:
    step_id: str
    text: str
    kind: str
    due: Due
    note: str
    document: str
    expires_on: date | None


MAX_NOTE_LENGTH = 20_000


def validate_item(draft: ItemDraft, steps: set[str], locale: str | None = None) -> CleanItem:
    """Raises ValidationError with messages for text, step, kind, due, offset, expires, note."""
    errors: dict[str, str] = {}
    text = ""
    try:
        text = check_text(draft.text)
    except ChecklistError as error:
        errors["text"] = str(error)
    if draft.step_id not in steps:
        errors["step"] = "Choose the journey step this belongs to."
    if draft.kind not in KINDS:
        errors["kind"] = "Choose what kind of item this is."
    due = Due()
    if draft.due_mode == "date":
        try:
            due = Due(on=parse_due_date(draft.due_text, locale))
        except ChecklistError as error:
            errors["due"] = str(error)
    elif draft.due_mode in ANCHORS:
        try:
            due = Due(anchor=draft.due_mode, days=parse_offset(draft.offset_text))
        except ChecklistError as error:
            errors["offset"] = str(error)
    elif draft.due_mode != "none":
        errors["due"] = "Choose when this is due."
    document = draft.document if draft.kind == "document" else ""
    if document and document not in DOCUMENTS:
        errors["document"] = "Choose the kind of document."
    expires: date | None = None
    if document and draft.expires_text.strip():
        try:
            expires = parse_due_date(draft.expires_text, locale)
        except ChecklistError as error:
            errors["expires"] = str(error)
    note = draft.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = f"Keep the note under {MAX_NOTE_LENGTH:,} characters."
    raise_if_any(errors)
    return CleanItem(draft.step_id, text, draft.kind, due, note, document, expires)


@dataclass(frozen=True, slots=True)
class Tally:
    overall: ChecklistProgress
    by_step: dict[str, ChecklistProgress]
    overdue: int


def tally(items: Iterable[Item], due_on: dict[int, date | None], steps: Sequence[str], today: date) -> Tally:
    """Progress overall and per step, and how many open items are overdue, in one pass over the
    items (`due_on` holds each item's resolved due date)."""
    counts = {step: [0, 0] for step in steps}
    done = total = overdue = 0
    for item in items:
        pair = counts.get(item.step_id)
        if pair is None:
            pair = counts[item.step_id] = [0, 0]
        total += 1
        pair[1] += 1
        if item.done_at is not None:
            done += 1
            pair[0] += 1
        elif (due := due_on.get(item.id)) is not None and due < today:
            overdue += 1
    return Tally(
        ChecklistProgress(done, total), {s: ChecklistProgress(d, t) for s, (d, t) in counts.items()}, overdue
    )


def filter_items(
    items: Sequence[Item], chosen: Filter, due_on: dict[int, date | None], today: date
) -> list[Item]:
    """The items `matches_filter` keeps, using due dates resolved beforehand: quick for thousands."""
    if chosen is Filter.ALL:
        return list(items)
    if chosen is Filter.DONE:
        return [i for i in items if i.done_at is not None]
    open_items = [i for i in items if i.done_at is None]
    if chosen is Filter.OPEN:
        return open_items
    if chosen is Filter.OVERDUE:
        return [i for i in open_items if (d := due_on.get(i.id)) is not None and d < today]
    soon = date.fromordinal(today.toordinal() + DUE_SOON_DAYS)
    return [i for i in open_items if (d := due_on.get(i.id)) is not None and today <= d <= soon]


ChecklistLine = Item | Scheduled
"""A row of the checklist: an item, or a baseline or check-in (read-only, recorded elsewhere)."""


def check_in_matches(scheduled: Scheduled, chosen: Filter, today: date) -> bool:
    """Whether a baseline or check-in is shown under a filter, as an item due that day would be."""
    if chosen is Filter.ALL:
        return True
    if chosen is Filter.DONE:
        return scheduled.done
    if scheduled.done:
        return False
    if chosen is Filter.OPEN:
        return True
    if chosen is Filter.OVERDUE:
        return scheduled.due < today
    return today <= scheduled.due <= date.fromordinal(today.toordinal() + DUE_SOON_DAYS)


def with_check_ins(
    items: Sequence[Item], check_ins: Sequence[Scheduled], steps: Sequence[str]
) -> list[ChecklistLine]:
    """The items (in the journey's order) with each step's check-ins after its own items; check-ins
    of a step not in `steps` are left out."""
    by_step: dict[str, list[ChecklistLine]] = {step: [] for step in steps}
    others: list[ChecklistLine] = []
    for item in items:
        by_step.get(item.step_id, others).append(item)
    for scheduled in check_ins:
        if (rows := by_step.get(scheduled.point.step_id)) is not None:
            rows.append(scheduled)
    return [row for step in steps for row in by_step[step]] + others
