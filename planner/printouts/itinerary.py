"""The itinerary printout: a first page with the plan at a glance (dates, clinic, hotel and what
to do in an emergency), then the schedule day by day in Seoul and home time, the open checklist
items and a budget summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from planner.budget.service import load_budget
from planner.budget.summary_service import summarise
from planner.checklist.service import ChecklistData, load_checklist
from planner.clinics.rules import Clinic
from planner.clinics.service import get_clinic
from planner.core.dates import day_month_year, weekday_date, weekday_day_month
from planner.core.zones import SEOUL, offsets_from
from planner.db.database import Database
from planner.journey.itinerary import Appointment, by_day
from planner.journey.itinerary_service import load_itinerary
from planner.journey.itinerary_text import day_label, span_in, zone_label
from planner.journey.rules import CELL_MODES, Stay
from planner.journey.trip_details_service import TripDetails, load_details
from planner.plans.service import Plan, get_plan
from planner.printouts.budget import budget_facts
from planner.printouts.checklist import open_items_html
from planner.printouts.document import TABLE, Markup, Printout, facts, heading, paragraph, text_html
from planner.recovery.emergency import emergency_numbers_text


@dataclass(frozen=True, slots=True)
class ItineraryPrint:
    plan: Plan
    clinic: Clinic | None
    details: TripDetails
    stay: Stay
    home_zone: str
    steps: dict[str, str]
    appointments: list[Appointment]
    checklist: ChecklistData
    budget: list[tuple[str, str]]
    today: date


def _utc(hours: float) -> str:
    sign = "+" if hours >= 0 else "−"
    whole, part = divmod(abs(hours) * 60, 60)
    return f"UTC{sign}{int(whole)}" + (f":{int(part):02d}" if part else "")


def _utc_offsets(zone_name: str, first: date, last: date) -> str:
    """ "UTC+0", or "UTC+0 until 28 March 2027, then UTC+1" when the clocks change in between."""
    changes = offsets_from(zone_name, first, last)
    text = _utc(changes[0][1])
    for day, hours in changes[1:]:
        text += f" until {day_month_year(day)}, then {_utc(hours)}"
    return text


def _printed_days(data: ItineraryPrint) -> tuple[date, date]:
    days = [data.plan.departure, data.plan.return_, *(day.day for day in by_day(data.appointments))]
    return min(days), max(days)


def _at_a_glance(data: ItineraryPrint) -> str:
    plan, stay = data.plan, data.stay
    treatment = weekday_date(stay.treatment_day)
    cells = CELL_MODES.get(stay.cells, stay.cells)
    if stay.cells == "cultured":
        cells += f" for {stay.culture_days} days"
    home = zone_label(data.home_zone)
    first, last = _printed_days(data)
    return facts(
        [
            ("Treatment for", plan.condition_name),
            (
                "Trip",
                f"{weekday_date(plan.departure)} to {weekday_date(plan.return_)} ({plan.nights} nights)",
            ),
            (
                "In Korea",
                f"{weekday_day_month(stay.arrival)} to {weekday_date(stay.leave)} ({stay.days} days)",
            ),
            ("Treatment day", f"{treatment}. Cells: {cells.lower()}."),
            (
                "Times in this printout",
                f"Seoul ({_utc_offsets(SEOUL, first, last)}) and home, {home} "
                f"({_utc_offsets(data.home_zone, first, last)})",
            ),
        ]
    )


def _clinic(clinic: Clinic | None) -> str:
    if clinic is None:
        return paragraph("No clinic chosen yet. Choose one on the Clinics page.", "hint")
    where = ", ".join(p for p in (clinic.district, clinic.city) if p)
    return facts(
        [
            ("Clinic", clinic.name),
            ("District", where),
            ("Address", clinic.location),
            ("Lead doctors", "\n".join(clinic.lead_doctors)),
        ]
    )


def _hotel_and_emergency(details: TripDetails) -> str:
    hotel = facts(
        [("Hotel", details.hotel_name), ("Address", details.hotel_address), ("Phone", details.hotel_phone)]
    )
    emergency = facts(
        [
            ("Travel insurance", details.insurance),
            ("Emergency contact", details.emergency_contact),
            ("Emergency numbers in Korea", emergency_numbers_text()),
        ]
    )
    return heading(2, "Where you stay") + hotel + heading(2, "In an emergency") + emergency


def _appointment_row(item: Appointment, day: date, home_zone: str, steps: dict[str, str]) -> str:
    what = f"<b>{escape(item.title)}</b><br>{escape(item.kind_name)} · {escape(steps.get(item.step_id, ''))}"
    note = f'<span class="hint">{text_html(item.note)}</span>' if item.note else ""
    where = "<br>".join(part for part in (text_html(item.location), note) if part)
    home_time = span_in(item, home_zone, day) if home_zone != SEOUL else ""
    return (
        f'<tr><td valign="top">{escape(span_in(item, SEOUL, day))}</td>'
        f'<td valign="top">{escape(home_time)}</td>'
        f'<td valign="top">{what}</td><td valign="top">{where}</td></tr>'
    )


def day_by_day_html(data: ItineraryPrint) -> str:
    """One table per day, the day's name and the column names repeated on every page it runs
    over."""
    days = by_day(data.appointments)
    if not days:
        return paragraph("No appointments yet. Propose a schedule on the Itinerary page.", "hint")
    home = escape(zone_label(data.home_zone))
    columns = (
        f'<tr><th align="left" width="16%">Seoul</th><th align="left" width="16%">{home}</th>'
        '<th align="left" width="36%">What</th><th align="left" width="32%">Where and notes</th></tr>'
    )
    tables = []
    for day in days:
        label = escape(day_label(day.day, data.stay, data.stay.treatment_day))
        rows = "".join(_appointment_row(a, day.day, data.home_zone, data.steps) for a in day.appointments)
        tables.append(
            f'{TABLE}<thead><tr><td class="caption" colspan="4">{label}</td></tr>{columns}</thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return Markup("".join(tables))


def itinerary_printout(data: ItineraryPrint) -> Printout:
    plan = data.plan
    body = (
        heading(1, "Itinerary")
        + paragraph(f"{plan.name} · {plan.condition_name}", "subtitle")
        + heading(2, "At a glance")
        + _at_a_glance(data)
        + heading(2, "Clinic")
        + _clinic(data.clinic)
        + _hotel_and_emergency(data.details)
        + heading(2, "Day by day", new_page=True)
        + paragraph(
            "Each time is shown in Seoul and at home; a date is added where the time falls on another day.",
            "hint",
        )
        + day_by_day_html(data)
        + heading(2, "Still to do", new_page=True)
        + open_items_html(data.checklist, data.today)
        + heading(2, "Budget summary")
        + facts(data.budget)
    )
    return Printout("itinerary", "Itinerary", plan.name, data.today, body)


def load_itinerary_print(db: Database, plan_id: int, today: date) -> ItineraryPrint:
    plan = get_plan(db, plan_id)
    if plan is None:
        raise LookupError(f"no plan {plan_id}")
    itinerary = load_itinerary(db, plan_id)
    budget = load_budget(db, plan_id)
    return ItineraryPrint(
        plan,
        get_clinic(db, plan.clinic_id) if plan.clinic_id is not None else None,
        load_details(db, plan_id),
        itinerary.stay,
        itinerary.home_zone,
        itinerary.steps,
        itinerary.appointments,
        load_checklist(db, plan_id),
        budget_facts(budget, summarise(budget, today), today),
        today,
    )


def build_itinerary_printout(db: Database, plan_id: int, today: date) -> Printout:
    return itinerary_printout(load_itinerary_print(db, plan_id, today))
