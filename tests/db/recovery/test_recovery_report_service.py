"""What the doctor's report reads from a plan: the clinic chosen, the treatment day, the cell
preparation only where the person recorded it, the procedure on the itinerary, the accepted quote,
and the recovery."""

from __future__ import annotations

from datetime import date

from planner.clinics.service import get_clinic
from planner.db.database import Database
from planner.journey.service import save_stay
from planner.plans.service import PlanDraft, create_plan
from planner.printouts.recovery import load_recovery_report, recovery_printout
from planner.recovery.service import recorded_cells
from tests.fixed_time import TEST_NOW
from tests.recovery_plan import ACTIVITIES, QUOTE_ITEMS, recovery_plan

TODAY = TEST_NOW.date()


def test_a_furnished_plan_reports_its_treatment_as_recorded(db: Database) -> None:
    plan_id = recovery_plan(db, TODAY, days=40)
    data = load_recovery_report(db, plan_id, TODAY)
    record = data.treatment
    assert data.plan.id == plan_id and data.today == TODAY
    assert data.plan.clinic_id is not None
    clinic = get_clinic(db, data.plan.clinic_id)
    assert record.clinic == clinic.name and record.clinic_place
    assert record.techniques == tuple(t.name for t in clinic.techniques)
    assert record.day == data.recovery.treatment == date(2026, 10, 11)
    assert record.cells == ("cultured", 14)
    assert [a.kind for a in record.procedure] == ["harvest", "injection"]
    assert record.quote is not None and record.quote.accepted
    assert [line.label for line in record.quote.lines] == list(QUOTE_ITEMS)
    assert len(data.recovery.diary) == 40 and [a.name for a in data.recovery.activities] == list(ACTIVITIES)
    assert recovery_printout(data).charts  # something to draw


def test_a_bare_plan_has_nothing_recorded(db: Database) -> None:
    plan = create_plan(
        db, PlanDraft("Bare", "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11))
    )
    assert recorded_cells(db, plan.id) is None
    record = load_recovery_report(db, plan.id, TODAY).treatment
    assert (record.clinic, record.day, record.cells, record.procedure, record.quote, record.techniques) == (
        "",
        None,
        None,
        (),
        None,
        (),
    )
    save_stay(db, plan.id, date(2027, 3, 2), "same-day", 14)
    assert recorded_cells(db, plan.id) == ("same-day", 14)
