"""Every printout the app makes, by name, and how to build one for a plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from planner.core import clock
from planner.db.database import Database
from planner.printouts.budget import build_budget_printout
from planner.printouts.checklist import build_checklist_printout
from planner.printouts.clinics import build_comparison_printout, build_questions_printout
from planner.printouts.document import Printout
from planner.printouts.itinerary import build_itinerary_printout
from planner.printouts.recovery import build_recovery_printout

PRINTOUTS: dict[str, tuple[str, Callable[[Database, int, date], Printout]]] = {
    "itinerary": ("Itinerary", build_itinerary_printout),
    "checklist": ("Checklist", build_checklist_printout),
    "budget": ("Budget", build_budget_printout),
    "comparison": ("Clinic comparison", build_comparison_printout),
    "questions": ("Consultation questions", build_questions_printout),
    "recovery": ("Recovery report", build_recovery_printout),
}
"""Name to title and builder, in the order the print dialog lists them."""


def build_printout(db: Database, plan_id: int, kind: str, today: date | None = None) -> Printout:
    _title, build = PRINTOUTS[kind]
    return build(db, plan_id, today or clock.today())
