"""A knee plan with a recovery recorded through the services, as a patient records it: the clinic
chosen and its quote accepted, the stay with cultured cells and the proposed schedule, the
activities and exercises named, the baseline and every check-in due by then, and a diary entry
each day from the treatment on."""

from __future__ import annotations

from datetime import date, timedelta

from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import accept_quote, save_quote
from planner.clinics.service import list_clinics
from planner.db.database import Database
from planner.journey.itinerary_service import StayDraft, accept_proposal, propose_schedule
from planner.plans.service import PlanDraft, create_plan
from planner.recovery.checkins import POINTS
from planner.recovery.rules import CheckInDraft, DiaryDraft
from planner.recovery.service import (
    load_recovery,
    save_activities,
    save_check_in,
    save_diary_entry,
    save_exercises,
)

ACTIVITIES = ("Climbing stairs", "Kneeling", "Walking for 30 minutes")
EXERCISES = ("Straight-leg raises", "Heel slides", "Bridges")
QUOTE_ITEMS = ("Bone-marrow harvest", "Stem-cell injection, cultured")
CHECK_IN_NOTE = "Stairs easier this week; the knee clicks on the way down."


def recovery_plan(
    db: Database, today: date, days: int = 183, name: str = "Knee, recovery", diary_note: str = ""
) -> int:
    """The plan's id. The treatment is `days` days before `today`; the diary runs from it to the day
    before `today`. Every ninth entry has a note (`diary_note` on the first), every thirtieth
    records a side effect."""
    treatment = today - timedelta(days=days)
    arrival = treatment - timedelta(days=3)
    plan = create_plan(
        db,
        PlanDraft(
            name,
            "knee-cartilage-damage",
            "GB",
            "GBP",
            arrival - timedelta(days=1),
            treatment + timedelta(days=10),
        ),
    )
    clinic = next(c for c in list_clinics(db) if c.catalogue_id is not None)
    quote = save_quote(
        db,
        plan.id,
        QuoteDraft(
            clinic.id,
            "USD",
            treatment - timedelta(days=60),
            None,
            "",
            "",
            "Cells cultured for two weeks before the injection.",
            tuple(QuoteLineDraft(None, label, "9000") for label in QUOTE_ITEMS),
        ),
    )
    accept_quote(db, plan.id, quote.id)
    stay = StayDraft(arrival, 14, treatment, "cultured", 14)
    accept_proposal(
        db, plan.id, stay, propose_schedule(db, plan.id, stay, today=arrival - timedelta(days=30))
    )
    save_activities(db, plan.id, ACTIVITIES)
    save_exercises(db, plan.id, EXERCISES)
    recovery = load_recovery(db, plan.id)
    activities = [a.id for a in recovery.activities]
    exercises = [e.id for e in recovery.exercises]
    for step, point in enumerate(POINTS):
        due = point.due(treatment)
        if due >= today:
            break
        ratings = {a: str(min(10, 2 + step + n)) for n, a in enumerate(activities)}
        values = {
            "pain-rest": str(max(0, 5 - step)),
            "pain-activity": str(max(0, 7 - step)),
            "walking-time": str(10 + 10 * step),
            "knee-bend": str(90 + 8 * step),
            "swelling": "Moderate" if step < 2 else "Mild",
            "painkillers": str(max(0, 4 - step)),
        }
        note = CHECK_IN_NOTE if step == 2 else ""
        save_check_in(db, plan.id, None, CheckInDraft(point.id, due, values, ratings, note))
    for day in range(days):
        entry_on = treatment + timedelta(days=day)
        note = "" if day % 9 else f"Day {day}: walked to the shop and back."
        effects = frozenset({"swelling", "warmth"}) if day % 30 == 2 else frozenset()
        save_diary_entry(
            db,
            plan.id,
            None,
            DiaryDraft(
                entry_on,
                str(max(0, 7 - day * 6 // max(days, 1) + day % 3 - 1)),
                "Mild",
                str(day % 3),
                frozenset(e for n, e in enumerate(exercises) if (day + n) % 4),
                effects,
                "Itchy at the injection site" if day == 1 else "",
                diary_note if day == 0 and diary_note else note,
            ),
        )
    return plan.id
