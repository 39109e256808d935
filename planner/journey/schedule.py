"""The proposed schedule: the stay day by day and the follow-ups at home, worked out from the
arrival, treatment and leaving days and how the cells are prepared. No storage here.

Each proposed appointment has a stable key ("harvest", "recovery-2", ...), so accepting a new
proposal updates the appointments an earlier one made instead of adding them twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from planner.core.limits import check_dates, day_problem
from planner.core.months import add_months
from planner.core.zones import SEOUL, convert, exists, to_utc
from planner.journey.itinerary import AppointmentDraft, PlanSpan, default_location
from planner.journey.rules import Stay, check_stay

FOLLOW_UP_MONTHS = (1, 3, 6)
"""Video follow-ups with the clinic over the six months of rehabilitation at home."""
VIRTUAL_CONSULTATION_DAYS_BEFORE = 42
HOME_PHYSIOTHERAPY_AFTER_DAYS = 7
HOME_FOLLOW_UP_AFTER_DAYS = 14
"""Video follow-ups at home come at least this long after the flight home (so never while the
person is still in Seoul, nor on the day of the first physiotherapy), a week apart at least."""
CLINIC_HOURS = range(9, 18)
WAKING_HOURS = range(8, 21)


@dataclass(frozen=True, slots=True)
class ChosenClinic:
    name: str = ""
    district: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    stay: Stay
    departure: date
    home_zone: str
    clinic: ChosenClinic = ChosenClinic()
    today: date | None = None


@dataclass(frozen=True, slots=True)
class StayDraft:
    """What the proposal form collects."""

    arrival: date
    days: int
    treatment: date
    cells: str
    culture_days: int

    @property
    def leave(self) -> date:
        return self.arrival + timedelta(days=self.days - 1)

    def stay(self) -> Stay:
        return Stay(self.arrival, self.leave, self.treatment, self.cells, self.culture_days)


def check_stay_draft(span: PlanSpan, departure: date, draft: StayDraft) -> dict[str, str]:
    """What keeps a proposed stay from being saved, per field (arrival, days, treatment, cells,
    culture). Warnings about it are `journey_warnings`; these are the things that cannot be kept."""
    errors = check_stay(span, draft.arrival, draft.cells, draft.culture_days)
    if not 1 <= draft.days <= 366:
        errors["days"] = "A stay lasts between 1 and 366 days."
    elif (message := day_problem(draft.leave) or check_dates(departure, draft.leave)) is not None:
        errors["days"] = message
    elif not departure <= draft.treatment <= draft.leave:
        errors["treatment"] = "Pick a treatment day between your departure and your flight home."
    return errors


def shared_time(day: date, home_zone: str) -> datetime:
    """A time on `day` (in the home zone) that falls in the clinic's working hours in Seoul and
    in waking hours at home, for video calls; 09:00 Seoul when no hour suits both."""
    for hour in CLINIC_HOURS:
        for seoul_day in (day, day + timedelta(days=1), day - timedelta(days=1)):
            at_home = convert(datetime.combine(seoul_day, time(hour)), SEOUL, home_zone)
            if at_home.date() == day and at_home.hour in WAKING_HOURS:
                return at_home
    return convert(datetime.combine(day, time(9)), SEOUL, home_zone)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


class _Builder:
    def __init__(self, proposal: Proposal) -> None:
        self.proposal = proposal
        self.drafts: list[AppointmentDraft] = []

    def add(
        self,
        key: str,
        step: str,
        kind: str,
        title: str,
        start: datetime,
        minutes: int,
        zone: str = SEOUL,
        note: str = "",
    ) -> None:
        if not exists(start, zone):
            start += timedelta(hours=1)
        end = start + timedelta(minutes=minutes)
        if not exists(end, zone):
            end += timedelta(hours=1)
        clinic = self.proposal.clinic
        where = default_location(kind, zone, clinic.name, clinic.district)
        self.drafts.append(AppointmentDraft(step, kind, title, start, end, zone, where, note, key))


def propose(proposal: Proposal) -> list[AppointmentDraft]:
    """The proposed appointments, in the order they happen."""
    stay, home = proposal.stay, proposal.home_zone
    build = _Builder(proposal)
    one_day = timedelta(days=1)
    consultation = proposal.departure - timedelta(days=VIRTUAL_CONSULTATION_DAYS_BEFORE)
    if proposal.today is None or consultation > proposal.today:
        build.add(
            "virtual-consultation",
            "virtual-consultation",
            "consultation",
            "Video consultation with the clinic",
            shared_time(consultation, home),
            60,
            home,
            "Share your history and scans; ask for the exact procedure and an itemised price.",
        )
    leave_home = _at(proposal.departure, 10)
    landing = convert(_at(stay.arrival, 16), SEOUL, home)
    flight_minutes = int((landing - leave_home).total_seconds() // 60)
    build.add(
        "outbound-flight",
        "arrival-intake",
        "flight",
        "Flight to Seoul",
        leave_home,
        flight_minutes if 0 < flight_minutes <= 48 * 60 else 12 * 60,
        home,
        "Change the times to those of your booked flight.",
    )
    build.add(
        "hotel-check-in",
        "arrival-intake",
        "hotel-check-in",
        "Check in at the hotel",
        _at(stay.arrival, 18),
        30,
    )

    treatment, harvest = stay.treatment_day, stay.harvest_day
    intake = min(stay.arrival + one_day, harvest)
    build.add(
        "intake",
        "arrival-intake",
        "consultation",
        "Intake: health check and review of your plan",
        _at(intake, 8, 30) if intake == harvest else _at(intake, 9),
        60 if intake == harvest else 90,
    )
    build.add(
        "imaging",
        "arrival-intake",
        "imaging",
        "MRI of the joint",
        _at(intake, 10) if intake == harvest else _at(intake, 11),
        60,
    )
    harvest_start = _at(harvest, 11, 30) if intake == harvest else _at(harvest, 9)
    build.add("harvest", "treatment", "harvest", "Cell harvest", harvest_start, 90)
    if stay.cells == "cultured" and harvest < treatment:
        for n in range(1, (treatment - harvest).days):
            build.add(
                f"culture-{n}",
                "treatment",
                "free",
                "Free day while the cells are cultured",
                _at(harvest + timedelta(days=n), 10),
                8 * 60,
            )
        injection = _at(treatment, 10)
    else:
        injection = harvest_start + timedelta(hours=5)
    build.add("injection", "treatment", "injection", "Injection", injection, 90)
    build.add(
        "monitoring-same-day",
        "after-treatment",
        "monitoring",
        "Monitoring after the injection",
        injection + timedelta(minutes=90),
        60,
    )
    follow_up = max(stay.leave - one_day, treatment + one_day)
    if treatment + one_day < follow_up:
        build.add(
            "monitoring-next-day",
            "after-treatment",
            "monitoring",
            "Check-up the day after",
            _at(treatment + one_day, 10),
            60,
        )
    for n, day in enumerate(_days_between(treatment + 2 * one_day, follow_up), start=1):
        build.add(f"recovery-{n}", "recovery-follow-up", "free", "Rest and recovery", _at(day, 10), 4 * 60)
        if n % 2 == 1:
            build.add(
                f"physiotherapy-{n}", "recovery-follow-up", "physiotherapy", "Physiotherapy", _at(day, 15), 60
            )
    treated_on_leaving_day = treatment >= stay.leave
    """Then the leaving day holds the treatment too: the check-out comes first and the follow-up
    and the flight after the monitoring."""
    monitored_until = injection + timedelta(minutes=150)
    if follow_up < stay.leave:
        build.add(
            "follow-up-seoul",
            "recovery-follow-up",
            "follow-up",
            "Follow-up check: records and clearance to fly",
            _at(follow_up, 10),
            60,
        )
        leave_check = _at(stay.leave, 10)
    else:
        check_at = max(monitored_until, _at(stay.leave, 17)) if treated_on_leaving_day else _at(stay.leave, 8)
        build.add(
            "follow-up-seoul",
            "departure",
            "follow-up",
            "Follow-up check: records and clearance to fly",
            check_at,
            60,
        )
        leave_check = check_at + timedelta(hours=1)
    check_out = _at(stay.leave, 7) if treated_on_leaving_day else _at(stay.leave, 10)
    build.add("hotel-check-out", "departure", "hotel-check-out", "Check out of the hotel", check_out, 30)
    flight_home = max(_at(stay.leave, 14), leave_check + timedelta(hours=2))
    if treated_on_leaving_day:
        flight_home = max(flight_home, _at(stay.leave, 20))
    build.add(
        "flight-home",
        "departure",
        "departure",
        "Flight home",
        flight_home,
        120,
        note="Change the times to those of your booked flight.",
    )
    physiotherapy_home = stay.leave + timedelta(days=HOME_PHYSIOTHERAPY_AFTER_DAYS)
    build.add(
        "physiotherapy-home",
        "rehabilitation-home",
        "physiotherapy",
        "First physiotherapy session at home",
        _at(physiotherapy_home, 10),
        60,
        home,
    )
    earliest = stay.leave + timedelta(days=HOME_FOLLOW_UP_AFTER_DAYS)
    for months in FOLLOW_UP_MONTHS:
        day = max(add_months(treatment, months), earliest)
        earliest = day + timedelta(days=7)
        build.add(
            f"follow-up-{months}m",
            "rehabilitation-home",
            "follow-up",
            f"Video follow-up with the clinic ({months} month{'s' if months > 1 else ''} after treatment)",
            shared_time(day, home),
            30,
            home,
        )
    return sorted(build.drafts, key=lambda d: to_utc(d.start, d.zone))


def _days_between(first: date, stop: date) -> list[date]:
    """Days from `first` up to but not including `stop`."""
    return [first + timedelta(days=n) for n in range(max(0, (stop - first).days))]
