"""One window for every stored date (issue 18, items 1 and 10): the services refuse days outside
it, everything derived from a day inside it works at both edges, and a plan file that names a day
outside it, a package that does not exist, a rate out of bounds or a time the clocks skip is
refused as a whole, leaving the database as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from planner.budget.deposit import DepositDraft
from planner.budget.estimate import EstimateSettings
from planner.budget.rules import ExpenseDraft
from planner.budget.service import (
    add_rate,
    expenses_csv_text,
    save_deposit,
    save_estimate_settings,
    save_expense,
)
from planner.checklist.rules import ItemDraft
from planner.checklist.service import load_checklist, save_item, take_templates
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import save_quote
from planner.clinics.service import list_clinics
from planner.core.limits import EARLIEST_DAY, LATEST_DAY
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.journey.calendar_service import plan_calendar
from planner.journey.itinerary import AppointmentDraft
from planner.journey.itinerary_service import StayDraft, accept_proposal, propose_schedule, save_appointment
from planner.journey.service import load_journey, save_stay
from planner.planfile.service import OnClash, PlanFileError, export_plan, import_plan, read_plan_file
from planner.plans.service import PlanDraft, change_dates, check_draft, create_plan, list_plans
from planner.printouts.registry import PRINTOUTS, build_printout
from tests.db.planfile.test_plan_transfer import dump, rich_plan

OUTSIDE = [
    date(9999, 12, 31),
    date(1752, 9, 14),
    EARLIEST_DAY - timedelta(days=1),
    LATEST_DAY + timedelta(days=1),
]


def draft(departure: date, return_: date) -> PlanDraft:
    return PlanDraft("Edge", "knee-cartilage-damage", "GB", "GBP", departure, return_)


# The services and the wizard's rules


@pytest.mark.parametrize("day", OUTSIDE, ids=str)
def test_the_wizard_refuses_a_trip_outside_the_window(db: Database, day: date) -> None:
    errors = check_draft(db, draft(day, day))
    assert {"departure", "return"} <= errors.keys()
    with pytest.raises(ValidationError):
        create_plan(db, draft(day, day))
    assert list_plans(db) == []


@pytest.mark.parametrize("day", OUTSIDE, ids=str)
def test_every_service_taking_a_day_refuses_one_outside_the_window(db: Database, day: date) -> None:
    plan_id = rich_plan(db)
    before = dump(db)
    clinic = list_clinics(db)[0].id
    actions: list[Callable[[], object]] = [
        lambda: change_dates(db, plan_id, day, day, None),
        lambda: add_rate(db, plan_id, "GBP", "EUR", "1.1", day, today=date(2026, 11, 1)),
        lambda: save_expense(
            db, plan_id, ExpenseDraft("Taxi", "travel", None, "", "10", "GBP", day), today=date(2026, 11, 1)
        ),
        lambda: save_deposit(db, plan_id, DepositDraft("10", "", "GBP", day, None), today=date(2026, 11, 1)),
        lambda: save_quote(
            db, plan_id, QuoteDraft(clinic, "USD", day, None, "", "", "", (QuoteLineDraft(None, "Fee", "1"),))
        ),
        lambda: save_item(
            db, plan_id, ItemDraft("booking-preparation", "Visa", "task", "date", day.isoformat())
        ),
        lambda: save_appointment(
            db,
            plan_id,
            AppointmentDraft(
                "treatment",
                "injection",
                "",
                datetime.combine(day, datetime.min.time()),
                datetime.combine(day, datetime.min.time()),
                "Asia/Seoul",
            ),
        ),
        lambda: save_stay(db, plan_id, day, "same-day", 14),
    ]
    for action in actions:
        with pytest.raises(ValidationError):
            action()
    assert dump(db) == before


# Both edges of the window, through the services, the calendar and every printout


@pytest.mark.parametrize(
    ("departure", "return_", "treatment"),
    [
        (EARLIEST_DAY, EARLIEST_DAY + timedelta(days=10), EARLIEST_DAY),
        (LATEST_DAY - timedelta(days=10), LATEST_DAY, LATEST_DAY),
    ],
    ids=["earliest", "latest"],
)
def test_a_plan_at_either_edge_of_the_window_works_everywhere(
    db: Database, departure: date, return_: date, treatment: date
) -> None:
    plan = create_plan(db, draft(departure, return_))
    change_dates(db, plan.id, departure, return_, treatment)
    take_templates(db, plan.id)
    for day in (EARLIEST_DAY, LATEST_DAY):
        save_item(db, plan.id, ItemDraft("booking-preparation", f"On {day}", "task", "date", day.isoformat()))
    arrival = max(departure, treatment - timedelta(days=2))
    stay = StayDraft(arrival, (return_ - arrival).days + 1, treatment, "same-day", 14)
    proposed = propose_schedule(db, plan.id, stay, today=departure)
    near = [a for a in proposed if a.start.date() >= EARLIEST_DAY and a.end.date() <= LATEST_DAY]
    accept_proposal(db, plan.id, stay, near)
    for start in (
        datetime.combine(treatment, datetime.min.time()),
        datetime.combine(treatment, datetime.max.time()),
    ):
        moment = start.replace(second=0, microsecond=0)
        save_appointment(
            db, plan.id, AppointmentDraft("treatment", "injection", "", moment, moment, "Pacific/Kiritimati")
        )
    add_rate(db, plan.id, "GBP", "KRW", "1750", departure, today=return_)
    save_expense(
        db, plan.id, ExpenseDraft("Hotel", "travel", None, "", "100", "GBP", departure), today=return_
    )
    save_deposit(db, plan.id, DepositDraft("10", "1", "GBP", return_, None), today=departure)
    load_journey(db, plan.id)
    load_checklist(db, plan.id)
    for kind in PRINTOUTS:
        build_printout(db, plan.id, kind, today=return_)
    assert b"BEGIN:VEVENT" in plan_calendar(db, plan.id)
    expenses_csv_text(db, plan.id)
    again = import_plan(db, read_plan_file(db, export_plan(db, plan.id)), OnClash.RENAME)
    assert again.departure == departure


# Plan files: each case the attack found, refused with the place named and nothing written


def spoiled(db: Database, change: Callable[[dict[str, Any]], None]) -> bytes:
    plan_id = next(p.id for p in list_plans(db) if p.name == "Knee, March")
    parsed = json.loads(export_plan(db, plan_id))
    change(parsed)
    return json.dumps(parsed).encode()


def stay_on_9999_12_31(file: dict[str, Any]) -> None:
    file["plan"].update(departure="9999-12-31", **{"return": "9999-12-31"}, treatment_date="9999-12-31")
    file["journey_settings"]["arrival_date"] = "9999-12-31"


def appointment_at(moment: str) -> Callable[[dict[str, Any]], None]:
    def change(file: dict[str, Any]) -> None:
        file["appointments"][0]["start"] = file["appointments"][0]["end"] = moment

    return change


def rate(value: str) -> Callable[[dict[str, Any]], None]:
    def change(file: dict[str, Any]) -> None:
        file["rates"][0]["rate"] = value

    return change


def conversion_rate(value: str) -> Callable[[dict[str, Any]], None]:
    def change(file: dict[str, Any]) -> None:
        file["expenses"]["conversions"][0][4] = value

    return change


def unknown_package(file: dict[str, Any]) -> None:
    file["budget_settings"]["treatment_basis"] = "package:package/nothing-of-that-name"


def appointments_in_9998(file: dict[str, Any]) -> None:
    for appointment in file["appointments"]:
        appointment["start"] = "9998-06-01T09:00:00"
        appointment["end"] = "9998-06-01T10:00:00"


def in_the_spring_gap(file: dict[str, Any]) -> None:
    file["appointments"][0].update(
        start="2027-03-28T01:30:00", end="2027-03-28T03:30:00", zone="Europe/London"
    )


def trip_of_two_years(file: dict[str, Any]) -> None:
    file["plan"]["return"] = "2029-03-11"


def expense_paid_in_1752(file: dict[str, Any]) -> None:
    file["expenses"]["rows"][0][6] = "1752-09-14"


def step_far_from_the_trip(file: dict[str, Any]) -> None:
    file["steps"][0]["start_date"] = "2100-01-01"


CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "a stay starting on 9999-12-31": (stay_on_9999_12_31, "plan.departure: 31 Dec 9999 is not a date"),
    "a package that does not exist": (unknown_package, "budget_settings.treatment_basis"),
    "a rate of 9E+99": (rate("9E+99"), "rates[0].rate"),
    "a rate of 1E-40": (rate("1E-40"), "rates[0].rate"),
    "a conversion at a rate of 1000000000000": (
        conversion_rate("1000000000000"),
        "expenses.conversions[0].rate",
    ),
    "appointments in 9998": (appointments_in_9998, "appointments[0].start: 1 Jun 9998 is not a date"),
    "an appointment at 0001-01-01T00:00": (appointment_at("0001-01-01T00:00"), "appointments[0].start"),
    "an appointment at 9999-12-31T22:00": (appointment_at("9999-12-31T22:00"), "appointments[0].start"),
    "a time the clocks skip": (
        in_the_spring_gap,
        "appointments[0].start: 01:30 on 28 Mar 2027 does not exist",
    ),
    "a trip of two years": (trip_of_two_years, "plan.return: The trip is longer than a year"),
    "an expense paid in 1752": (expense_paid_in_1752, "1752 is not a date this app keeps"),
    "a step far from the trip": (step_far_from_the_trip, "steps[0].start_date"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_a_plan_file_beyond_the_limits_is_refused_and_nothing_is_written(db: Database, case: str) -> None:
    rich_plan(db)
    change, fragment = CASES[case]
    data = spoiled(db, change)
    before = dump(db)
    with pytest.raises(PlanFileError) as refused:
        import_plan(db, read_plan_file(db, data), OnClash.RENAME)
    assert fragment in str(refused.value)
    assert dump(db) == before


def test_a_package_of_the_catalogue_is_still_accepted(db: Database) -> None:
    plan_id = rich_plan(db)
    save_estimate_settings(
        db, plan_id, EstimateSettings("package:package/knee-overall-range", 8, 12, "comfort", True, True)
    )
    copy = import_plan(db, read_plan_file(db, export_plan(db, plan_id)), OnClash.RENAME)
    build_printout(db, copy.id, "budget")


def test_the_service_refuses_a_package_that_does_not_exist(db: Database) -> None:
    plan_id = rich_plan(db)
    before = dump(db)
    with pytest.raises(ValidationError):
        save_estimate_settings(
            db, plan_id, EstimateSettings("package:package/nothing", None, None, "standard", True, True)
        )
    assert dump(db) == before
