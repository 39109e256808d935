"""Appointments and the day-by-day itinerary: kinds, wall-clock times in a named zone, the
rules an appointment must meet, days, and overlaps. No storage here.

An appointment keeps the wall-clock time and the zone it happens in (an injection at 14:00 in
Seoul stays at 14:00 in Seoul whatever the zone rules do later); its moment in UTC is derived
from them, for ordering and for showing it in another zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import field as data_field
from datetime import date, datetime, timedelta

from planner.core.dates import day_month_year
from planner.core.limits import day_problem
from planner.core.validation import raise_if_any
from planner.core.zones import SEOUL, ZoneError, exists, gap_message, to_utc, zone

KINDS: dict[str, str] = {
    "flight": "Flight",
    "hotel-check-in": "Hotel check-in",
    "hotel-check-out": "Hotel check-out",
    "consultation": "Consultation",
    "imaging": "Imaging",
    "harvest": "Cell harvest",
    "injection": "Injection",
    "monitoring": "Monitoring",
    "physiotherapy": "Physiotherapy",
    "follow-up": "Follow-up",
    "departure": "Departure",
    "free": "Free time",
}
CLINIC_KINDS = frozenset({"consultation", "imaging", "harvest", "injection", "monitoring", "follow-up"})
"""Kinds that take place at the clinic when they happen in Seoul."""
NEVER_OVERLAP = frozenset({"free"})
"""Kinds that other plans may share the time with without a warning."""

KIND_STEP = {
    "flight": "arrival-intake",
    "hotel-check-in": "arrival-intake",
    "consultation": "arrival-intake",
    "imaging": "arrival-intake",
    "harvest": "treatment",
    "injection": "treatment",
    "monitoring": "after-treatment",
    "physiotherapy": "recovery-follow-up",
    "follow-up": "recovery-follow-up",
    "free": "recovery-follow-up",
    "hotel-check-out": "departure",
    "departure": "departure",
}
"""The journey step an appointment of each kind usually belongs to."""

PLAN_WINDOW_DAYS = 365
"""Dates more than this many days before departure or after return are taken for typing slips."""
MAX_TITLE_LENGTH = 200
MAX_NOTE_LENGTH = 20_000
MAX_LOCATION_LENGTH = 1_000
MAX_LENGTH = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Appointment:
    id: int
    step_id: str
    kind: str
    title: str
    start: datetime
    """Wall-clock time in `zone`, without tzinfo."""
    end: datetime
    zone: str
    start_utc: datetime
    """The same moment as naive UTC, derived from `start` and `zone` (see `appointment`)."""
    end_utc: datetime
    location: str = ""
    note: str = ""
    proposal_key: str = ""
    """Which proposed appointment this came from, so accepting a proposal again updates it."""
    uid: str = data_field(default="", compare=False)
    """Its lasting identifier where it was read with one (calendar events are named by it)."""

    @property
    def kind_name(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True, slots=True)
class AppointmentDraft:
    step_id: str
    kind: str
    title: str
    start: datetime
    end: datetime
    zone: str
    location: str = ""
    note: str = ""
    proposal_key: str = ""


@dataclass(frozen=True, slots=True)
class PlanSpan:
    """The trip's dates, against which a date far away is taken for a slip."""

    departure: date
    return_: date

    def problem(self, day: date) -> str | None:
        if outside := day_problem(day):
            return outside
        earliest = self.departure - timedelta(days=PLAN_WINDOW_DAYS)
        latest = self.return_ + timedelta(days=PLAN_WINDOW_DAYS)
        if earliest <= day <= latest:
            return None
        return (
            f"{day_month_year(day)} is far from this trip ({day_month_year(self.departure)} to "
            f"{day_month_year(self.return_)}). Pick a day within a year of it."
        )


def appointment(appointment_id: int, draft: AppointmentDraft) -> Appointment:
    """An appointment made from a (valid) draft, its UTC moments worked out from its zone."""
    return Appointment(
        appointment_id,
        draft.step_id,
        draft.kind,
        draft.title,
        draft.start,
        draft.end,
        draft.zone,
        to_utc(draft.start, draft.zone),
        to_utc(draft.end, draft.zone),
        draft.location,
        draft.note,
        draft.proposal_key,
    )


def default_title(kind: str) -> str:
    return KINDS.get(kind, "Appointment")


def default_location(kind: str, zone_name: str, clinic_name: str, clinic_district: str) -> str:
    """The chosen clinic's name and district for clinic visits in Seoul, else nothing."""
    if kind not in CLINIC_KINDS or zone_name != SEOUL or not clinic_name:
        return ""
    return f"{clinic_name}, {clinic_district}" if clinic_district else clinic_name


def validate_appointment(draft: AppointmentDraft, steps: Iterable[str], span: PlanSpan) -> AppointmentDraft:
    """The draft tidied, or ValidationError with messages for kind, step, title, zone, start,
    end, location and note."""
    errors: dict[str, str] = {}
    if draft.kind not in KINDS:
        errors["kind"] = "Choose what kind of appointment this is."
    if draft.step_id not in set(steps):
        errors["step"] = "Choose the journey step this belongs to."
    title = " ".join(draft.title.split()) or default_title(draft.kind)
    if len(title) > MAX_TITLE_LENGTH:
        errors["title"] = f"Keep the title under {MAX_TITLE_LENGTH} characters."
    zone_name = draft.zone.strip()
    try:
        zone(zone_name)
    except ZoneError as error:
        errors["zone"] = str(error)
    for field, moment in (("start", draft.start), ("end", draft.end)):
        if (far := span.problem(moment.date())) is not None:
            errors[field] = far
        elif "zone" not in errors and not exists(moment, zone_name):
            errors[field] = gap_message(moment, zone_name)
    if not errors.keys() & {"zone", "start", "end"}:
        length = to_utc(draft.end, zone_name) - to_utc(draft.start, zone_name)
        if length < timedelta(0):
            errors["end"] = "The end is before the start: pick an end at or after the start."
        elif length > MAX_LENGTH:
            errors["end"] = "An appointment cannot last more than a week: split it into days."
    location = " ".join(draft.location.split())
    if len(location) > MAX_LOCATION_LENGTH:
        errors["location"] = f"Keep the place under {MAX_LOCATION_LENGTH:,} characters."
    note = draft.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = f"Keep the note under {MAX_NOTE_LENGTH:,} characters."
    raise_if_any(errors)
    return AppointmentDraft(
        draft.step_id,
        draft.kind,
        title,
        draft.start.replace(second=0, microsecond=0),
        draft.end.replace(second=0, microsecond=0),
        zone_name,
        location,
        note,
        draft.proposal_key,
    )


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the itinerary: the appointments that start on it, in their own zone."""

    day: date
    appointments: tuple[Appointment, ...]


def in_order(appointments: Iterable[Appointment]) -> list[Appointment]:
    """Appointments by the moment they start, then end, then id."""
    return sorted(appointments, key=lambda a: (a.start_utc, a.end_utc, a.id))


def by_day(appointments: Iterable[Appointment]) -> list[Day]:
    """Appointments grouped by the day they start on where they happen, days in order, each
    day's appointments by the moment they start."""
    days: dict[date, list[Appointment]] = {}
    for appointment in in_order(appointments):
        days.setdefault(appointment.start.date(), []).append(appointment)
    return [Day(day, tuple(days[day])) for day in sorted(days)]


@dataclass(frozen=True, slots=True)
class Overlap:
    first: Appointment
    second: Appointment


def overlaps(appointments: Sequence[Appointment] | Iterable[Appointment]) -> list[Overlap]:
    """Each appointment that starts before an earlier one has ended, paired with the earlier
    one that ends last. Free time overlaps nothing; touching end to start is not an overlap."""
    found: list[Overlap] = []
    latest: Appointment | None = None
    for appointment in in_order(a for a in appointments if a.kind not in NEVER_OVERLAP):
        if latest is not None and appointment.start_utc < latest.end_utc:
            found.append(Overlap(latest, appointment))
        if latest is None or appointment.end_utc > latest.end_utc:
            latest = appointment
    return found


def next_appointment(appointments: Iterable[Appointment], now_utc: datetime) -> Appointment | None:
    """The first appointment that has not ended yet."""
    upcoming = [a for a in appointments if a.end_utc >= now_utc]
    return min(upcoming, key=lambda a: (a.start_utc, a.id), default=None)


def draft_of(appointment: Appointment) -> AppointmentDraft:
    """The appointment as a form would hold it."""
    return AppointmentDraft(
        appointment.step_id,
        appointment.kind,
        appointment.title,
        appointment.start,
        appointment.end,
        appointment.zone,
        appointment.location,
        appointment.note,
        appointment.proposal_key,
    )


def shifted(appointment: Appointment, days: int) -> AppointmentDraft:
    """The appointment moved by whole days, keeping its wall-clock times."""
    delta = timedelta(days=days)
    return replace(draft_of(appointment), start=appointment.start + delta, end=appointment.end + delta)


def moved_to(appointment: Appointment, day: date) -> AppointmentDraft:
    return shifted(appointment, (day - appointment.start.date()).days)
