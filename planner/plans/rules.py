"""Plans as the app shows them, drafts and their rules, without any storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from planner.core.countries import is_country
from planner.core.limits import check_dates, day_problem
from planner.core.money import Money, MoneyError, check_currency, parse_amount
from planner.core.validation import control_character_problem

MAX_NAME_LENGTH = 120


@dataclass(frozen=True, slots=True)
class Plan:
    id: int
    name: str
    condition_id: str
    condition_name: str
    condition_group: str
    home_country: str
    home_country_name: str
    home_currency: str
    departure: date
    return_: date
    budget_limit: Money | None
    created_at: datetime
    clinic_id: int | None = None
    clinic_name: str = ""
    condition_group_id: str = ""
    treatment_date: date | None = None
    home_zone: str = "UTC"
    """The IANA time zone the person lives in (the home country's main one until they pick)."""

    @property
    def knee(self) -> bool:
        return self.condition_group_id == "knee-cartilage"

    @property
    def nights(self) -> int:
        return (self.return_ - self.departure).days


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """What the New Plan wizard collects, as typed (amounts still text)."""

    name: str
    condition_id: str
    home_country: str
    home_currency: str
    departure: date
    return_: date
    budget_limit: str = ""


@dataclass(frozen=True, slots=True)
class CleanPlan:
    name: str
    condition_id: str
    home_country: str
    home_currency: str
    departure: date
    return_: date
    budget_limit: Decimal | None


def check_name(name: str, taken: set[str]) -> str | None:
    """A message for a bad plan name, or None. `taken` holds existing names, case-folded."""
    cleaned = " ".join(name.split())
    if not cleaned:
        return "Give the plan a name, for example “Knee, Cellinique, March”."
    if len(cleaned) > MAX_NAME_LENGTH:
        return f"Keep the name under {MAX_NAME_LENGTH} characters."
    if problem := control_character_problem(cleaned):
        return problem
    if cleaned.casefold() in taken:
        return f"You already have a plan called “{cleaned}”. Choose another name."
    return None


def trip_errors(departure: date, return_: date) -> dict[str, str]:
    """Messages for the trip's dates by field ("departure", "return"); empty when they fit."""
    errors: dict[str, str] = {}
    if message := day_problem(departure):
        errors["departure"] = message
    if message := day_problem(return_) or check_dates(departure, return_):
        errors["return"] = message
    return errors


def validate_draft(
    draft: PlanDraft, taken: set[str], conditions: set[str]
) -> tuple[CleanPlan | None, dict[str, str]]:
    """Check every field; return the clean plan or the messages per field."""
    errors: dict[str, str] = {}
    if message := check_name(draft.name, taken):
        errors["name"] = message
    if draft.condition_id not in conditions:
        errors["condition"] = "Choose the condition you are planning treatment for."
    if not is_country(draft.home_country):
        errors["home_country"] = "Choose your home country."
    currency = ""
    try:
        currency = check_currency(draft.home_currency)
    except MoneyError as error:
        errors["home_currency"] = str(error)
    errors.update(trip_errors(draft.departure, draft.return_))
    budget: Decimal | None = None
    if draft.budget_limit.strip() and currency:
        try:
            budget = parse_amount(draft.budget_limit, currency)
        except MoneyError as error:
            errors["budget_limit"] = str(error)
    if errors:
        return None, errors
    return CleanPlan(
        " ".join(draft.name.split()),
        draft.condition_id,
        draft.home_country,
        currency,
        draft.departure,
        draft.return_,
        budget,
    ), {}


def copy_name(name: str, taken: set[str]) -> str:
    """“Knee plan (copy)”, then “Knee plan (copy 2)”, … — the first name not taken, the original
    shortened where needed so the copy's name stays within MAX_NAME_LENGTH."""
    n = 1
    while True:
        suffix = " (copy)" if n == 1 else f" (copy {n})"
        candidate = name[: MAX_NAME_LENGTH - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1
