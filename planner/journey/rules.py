"""The journey: its steps in order, each step's status, dates and notes, the dates the stay
suggests for each step, and where the person is now. No storage here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.core.validation import raise_if_any
from planner.core.zones import offset_hours, to_utc
from planner.journey.itinerary import PlanSpan

STATUSES: dict[str, str] = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "skipped": "Skipped",
}
SETTLED = frozenset({"done", "skipped"})
CELL_MODES: dict[str, str] = {
    "same-day": "Used the same day (no culturing)",
    "cultured": "Cultured in the lab first",
}
RECOMMENDED_STAY = (7, 10)
"""Days in Korea the articles generally recommend."""
DEFAULT_CULTURE_DAYS = 14
"""The articles say culturing takes "days to weeks"; two weeks is where a proposal starts."""
MAX_CULTURE_DAYS = 90
REHABILITATION_DAYS = 183
"""About six months of rehabilitation at home, as both articles describe."""
MAX_NOTE_LENGTH = 20_000


@dataclass(frozen=True, slots=True)
class Procedure:
    id: str
    name: str
    summary: str


@dataclass(frozen=True, slots=True)
class Step:
    """A journey step from the catalogue."""

    id: str
    phase_id: str
    phase_name: str
    name: str
    summary: str
    activities: tuple[str, ...] = ()
    duration: str = ""
    procedures: tuple[Procedure, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StepState:
    """What the person recorded about a step. Steps they never touched are "not-started"."""

    step_id: str
    status: str = "not-started"
    start: date | None = None
    end: date | None = None
    note: str = ""

    @property
    def settled(self) -> bool:
        return self.status in SETTLED


@dataclass(frozen=True, slots=True)
class Stay:
    """The days in Korea: arrival, the treatment (injection) day, the day of the flight home, and
    how the cells are prepared."""

    arrival: date
    leave: date
    treatment: date | None = None
    cells: str = "same-day"
    culture_days: int = DEFAULT_CULTURE_DAYS

    @property
    def days(self) -> int:
        """Calendar days in Korea, arrival and leaving day included."""
        return (self.leave - self.arrival).days + 1

    @property
    def treatment_day(self) -> date:
        """The planned treatment day, or the second full day after arrival when none is set."""
        if self.treatment is not None:
            return self.treatment
        return min(self.arrival + timedelta(days=2), self.leave)

    @property
    def harvest_day(self) -> date:
        """The day cells are collected: the treatment day for same-day cells; for cultured cells,
        the culture time before it, but not before the day after arrival."""
        if self.cells != "cultured":
            return self.treatment_day
        earliest = min(self.arrival + timedelta(days=1), self.treatment_day)
        return max(self.treatment_day - timedelta(days=self.culture_days), earliest)


def default_arrival(departure: date, home_offset_hours: float) -> date:
    """Flights from Europe and the Americas land in Seoul the day after they leave; from zones
    close to Seoul's they land the same day."""
    return departure if home_offset_hours >= 5 else departure + timedelta(days=1)


def usual_arrival(departure: date, home_zone: str) -> date:
    """The arrival day in Seoul of a flight leaving home on `departure` (at ten in the morning
    there), for a plan that has not set its own."""
    leaving = to_utc(datetime.combine(departure, time(10)), home_zone)
    return default_arrival(departure, offset_hours(home_zone, leaving))


@dataclass(frozen=True, slots=True)
class JourneyPlan:
    """What the journey reads of a plan: its name, the trip's dates, the home time zone and the
    chosen clinic."""

    id: int
    name: str
    departure: date
    return_: date
    treatment: date | None
    home_zone: str
    clinic_id: int | None = None

    @property
    def span(self) -> PlanSpan:
        return PlanSpan(self.departure, self.return_)


def check_stay(span: PlanSpan, arrival: date, cells: str, culture_days: int) -> dict[str, str]:
    """What keeps a stay from being saved, per field (arrival, cells, culture)."""
    errors: dict[str, str] = {}
    if (far := span.problem(arrival)) is not None:
        errors["arrival"] = far
    if cells not in CELL_MODES:
        errors["cells"] = "Choose how the cells are prepared."
    if not 1 <= culture_days <= MAX_CULTURE_DAYS:
        errors["culture"] = f"Culturing takes between 1 and {MAX_CULTURE_DAYS} days here."
    return errors


def planned_dates(stay: Stay, departure: date) -> dict[str, tuple[date | None, date | None]]:
    """The dates each step usually takes, from the stay: what a step shows until the person
    sets its own dates."""
    treatment = stay.treatment_day
    harvest = stay.harvest_day
    after_end = min(treatment + timedelta(days=1), stay.leave)
    recovery_start = min(after_end + timedelta(days=1), stay.leave)
    return {
        "virtual-consultation": (None, departure - timedelta(days=31)),
        "booking-preparation": (departure - timedelta(days=30), departure - timedelta(days=1)),
        "arrival-intake": (departure, max(stay.arrival, min(harvest, treatment) - timedelta(days=1))),
        "treatment": (harvest, treatment),
        "after-treatment": (treatment, after_end),
        "recovery-follow-up": (recovery_start, max(recovery_start, stay.leave - timedelta(days=1))),
        "departure": (stay.leave, stay.leave),
        "rehabilitation-home": (
            stay.leave + timedelta(days=1),
            stay.leave + timedelta(days=REHABILITATION_DAYS),
        ),
    }


@dataclass(frozen=True, slots=True)
class Position:
    """Where the person is on the journey: the step (None once every step is settled), its
    place (0-based), and why it is the one."""

    step_id: str | None
    index: int
    reason: str


def effective_dates(
    state: StepState | None, planned: tuple[date | None, date | None]
) -> tuple[date | None, date | None]:
    """The person's own dates where set, else the planned ones."""
    if state is None:
        return planned
    return (state.start or planned[0], state.end or planned[1])


def current_step(
    steps: Sequence[str],
    states: Mapping[str, StepState],
    planned: Mapping[str, tuple[date | None, date | None]],
    today: date,
) -> Position:
    """The step the person is on: the first one in progress; else the first unsettled step whose
    dates include today; else the first unsettled step whose dates have passed; else the first
    unsettled step. Once every step is done or skipped, there is none."""
    unsettled = [(i, s) for i, s in enumerate(steps) if not (states.get(s) or StepState(s)).settled]
    if not unsettled:
        return Position(None, len(steps), "Every step is done or skipped.")
    for index, step in unsettled:
        if (state := states.get(step)) is not None and state.status == "in-progress":
            return Position(step, index, "In progress.")
    for index, step in unsettled:
        start, end = effective_dates(states.get(step), planned.get(step, (None, None)))
        if (start is None or start <= today) and end is not None and today <= end:
            return Position(step, index, "Planned for today.")
    for index, step in unsettled:
        _start, end = effective_dates(states.get(step), planned.get(step, (None, None)))
        if end is not None and end < today:
            return Position(step, index, "Its dates have passed but it is not marked done.")
    index, step = unsettled[0]
    return Position(step, index, "The first step not yet done.")


@dataclass(frozen=True, slots=True)
class JourneyProgress:
    settled: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.settled / self.total) if self.total else 0


def progress(steps: Sequence[str], states: Mapping[str, StepState]) -> JourneyProgress:
    settled = sum(1 for s in steps if (states.get(s) or StepState(s)).settled)
    return JourneyProgress(settled, len(steps))


@dataclass(frozen=True, slots=True)
class StepDraft:
    status: str
    start: date | None
    end: date | None
    note: str = ""


def validate_step(draft: StepDraft, span: PlanSpan) -> StepDraft:
    """The draft tidied, or ValidationError with messages for status, start, end and note."""
    errors: dict[str, str] = {}
    if draft.status not in STATUSES:
        errors["status"] = "Choose the step's status."
    for key, day in (("start", draft.start), ("end", draft.end)):
        if day is not None and (far := span.problem(day)) is not None:
            errors[key] = far
    if draft.start and draft.end and draft.end < draft.start and "end" not in errors:
        errors["end"] = "The step ends before it starts: pick an end on or after the start."
    note = draft.note.strip()
    if len(note) > MAX_NOTE_LENGTH:
        errors["note"] = f"Keep the note under {MAX_NOTE_LENGTH:,} characters."
    raise_if_any(errors)
    return StepDraft(draft.status, draft.start, draft.end, note)


@dataclass(frozen=True, slots=True)
class StepContext:
    """What "what to do next" on a step page is worked out from."""

    step: Step
    state: StepState
    open_items: tuple[str, ...] = ()
    """The step's open checklist items, soonest due first."""
    items_total: int = 0
    next_appointment: str = ""
    next_step: str = ""
    clinic_chosen: bool = True
    treatment_set: bool = True


def next_actions(context: StepContext, limit: int = 3) -> list[str]:
    """Plain sentences saying what to do next on this step, most pressing first."""
    actions: list[str] = []
    step, state = context.step, context.state
    if step.id in ("virtual-consultation", "booking-preparation") and not context.clinic_chosen:
        actions.append("Compare clinics and choose one for this plan (Clinics page).")
    if step.id in ("booking-preparation", "treatment") and not context.treatment_set:
        actions.append("Set the treatment day once the clinic confirms it (File › Trip dates).")
    if context.next_appointment:
        actions.append(f"Next appointment: {context.next_appointment}.")
    actions.extend(f"Checklist: {text}" for text in context.open_items[:limit])
    if state.settled:
        if context.next_step:
            actions.append(f"This step is {STATUSES[state.status].lower()}. Next: {context.next_step}.")
        return actions
    if context.items_total and not context.open_items:
        actions.append("Everything on this step's checklist is done: mark the step done.")
    elif state.status == "not-started":
        actions.append("Mark the step in progress when you begin it.")
    return actions
