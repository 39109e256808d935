"""Everything one journey step's page shows, read in one transaction: the step, its status and
dates, its checklist items, its costs, its appointments, its check-ins and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.budget.expense_store import counted_step_lines, expenses_in
from planner.budget.quote_costs import QUOTE_LINE_ID
from planner.budget.rules import Expense, Total, total_in
from planner.checklist.rules import Item
from planner.checklist.store import step_items
from planner.core import clock
from planner.core.dates import weekday_day_month_time
from planner.db.database import Database
from planner.journey.appointment_store import appointments_in
from planner.journey.itinerary import Appointment, next_appointment
from planner.journey.rules import Step, StepContext, StepState, current_step, next_actions, planned_dates
from planner.journey.schedule import ChosenClinic
from planner.journey.store import clinic_of, home_zone_of, states_in, stay_of, steps_in
from planner.plans.store import plan_row
from planner.recovery.checkins import CHECK_IN_STEPS, Scheduled, of_step, schedule
from planner.recovery.store import check_ins_in

__all__ = ["StepPageData", "load_step_page"]


@dataclass(frozen=True, slots=True)
class StepPageData:
    plan_id: int
    step: Step
    index: int
    steps: list[Step]
    state: StepState
    planned: tuple[date | None, date | None]
    current: bool
    """Whether this is the step the person is on now."""
    items: list[Item]
    due_on: dict[int, date | None]
    costs: Total
    expenses: list[Expense]
    appointments: list[Appointment]
    home_zone: str
    actions: list[str]
    today: date
    clinic: ChosenClinic
    """The plan's chosen clinic, where clinic visits in Seoul take place."""
    treatment: date | None
    has_check_ins: bool
    """Whether the baseline or check-ins belong to this step (they are dated once the treatment
    day is set)."""
    check_ins: list[Scheduled]
    """This step's baseline or check-ins with their due days and the days they were done; empty
    without a treatment day."""

    @property
    def previous(self) -> Step | None:
        return self.steps[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> Step | None:
        return self.steps[self.index + 1] if self.index + 1 < len(self.steps) else None


def _describe(appointment: Appointment) -> str:
    return f"{appointment.title}, {weekday_day_month_time(appointment.start)} ({appointment.zone})"


def load_step_page(db: Database, plan_id: int, step_id: str, today: date | None = None) -> StepPageData:
    day = today or clock.today()
    with db.transaction() as session:
        plan = plan_row(session, plan_id)
        steps = steps_in(session)
        index = next(i for i, s in enumerate(steps) if s.id == step_id)
        step = steps[index]
        states = states_in(session, plan_id)
        state = states.get(step_id) or StepState(step_id)
        planned = planned_dates(stay_of(session, plan), plan.departure_date)
        position = current_step([s.id for s in steps], states, planned, day)
        items, trip = step_items(session, plan, step_id)
        due_on = {item.id: item.due.resolve(trip) for item in items}
        expenses = expenses_in(session, plan_id, step_id=step_id)
        lines = counted_step_lines(session, plan, step_id, expenses, day)
        quote_lines = [line for line in lines if line.id == QUOTE_LINE_ID]
        appointments = appointments_in(session, plan_id, step_id)
        open_items = sorted(
            (item for item in items if not item.done),
            key=lambda item: (due_on[item.id] or date.max, items.index(item)),
        )
        upcoming = next_appointment(appointments, datetime.combine(day, datetime.min.time()))
        has_clinic = plan.clinic_id is not None
        treatment = plan.treatment_date
        check_ins: list[Scheduled] = []
        if treatment is not None and step_id in CHECK_IN_STEPS:
            taken = {c.point_id: c.taken_on for c in check_ins_in(session, plan_id) if c.point_id}
            check_ins = of_step(schedule(treatment, taken), step_id)
        following = steps[index + 1].name if index + 1 < len(steps) else ""
        context = StepContext(
            step,
            state,
            tuple(item.text for item in open_items),
            len(items),
            _describe(upcoming) if upcoming else "",
            following,
            has_clinic,
            plan.treatment_date is not None,
        )
        return StepPageData(
            plan_id,
            step,
            index,
            steps,
            state,
            planned.get(step_id, (None, None)),
            position.step_id == step_id,
            items,
            due_on,
            total_in(lines, plan.home_currency),
            [*quote_lines, *expenses],
            appointments,
            home_zone_of(plan),
            next_actions(context),
            day,
            clinic_of(session, plan),
            treatment,
            step_id in CHECK_IN_STEPS,
            check_ins,
        )
