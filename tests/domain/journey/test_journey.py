"""Journey rules without Qt: which step the person is on, progress, step dates that follow the
stay, the harvest day for cultured cells, and what to do next on a step."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.validation import ValidationError
from planner.journey.itinerary import PlanSpan
from planner.journey.rules import (
    MAX_NOTE_LENGTH,
    Stay,
    Step,
    StepContext,
    StepDraft,
    StepState,
    current_step,
    default_arrival,
    next_actions,
    planned_dates,
    progress,
    validate_step,
)

STEPS = [
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
]
DEPARTURE = date(2027, 6, 1)
STAY = Stay(date(2027, 6, 2), date(2027, 6, 8))  # 7 days, treatment on the second full day (4 Jun)
PLANNED = planned_dates(STAY, DEPARTURE)
SPAN = PlanSpan(DEPARTURE, date(2027, 6, 8))


def state(step_id: str, status: str, start: date | None = None, end: date | None = None) -> StepState:
    return StepState(step_id, status, start, end)


def settled_up_to(step_id: str) -> dict[str, StepState]:
    """Every step before `step_id` done."""
    return {s: state(s, "done") for s in STEPS[: STEPS.index(step_id)]}


def test_the_step_in_progress_wins_over_the_calendar() -> None:
    states = {"treatment": state("treatment", "in-progress")}
    # 1 Mar is well within the virtual consultation's dates, but the person says they are on treatment.
    position = current_step(STEPS, states, PLANNED, date(2027, 3, 1))
    assert (position.step_id, position.index) == ("treatment", 3)
    assert position.reason == "In progress."


def test_the_first_step_in_progress_wins() -> None:
    states = {
        "after-treatment": state("after-treatment", "in-progress"),
        "booking-preparation": state("booking-preparation", "in-progress"),
    }
    assert current_step(STEPS, states, PLANNED, date(2027, 6, 5)).step_id == "booking-preparation"


def test_a_settled_step_in_progress_does_not_count() -> None:
    states = {"virtual-consultation": state("virtual-consultation", "done")}
    assert current_step(STEPS, states, PLANNED, date(2027, 5, 10)).step_id == "booking-preparation"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 3, 1), "virtual-consultation"),
        (date(2027, 5, 10), "booking-preparation"),
        (date(2027, 6, 1), "arrival-intake"),
        (date(2027, 6, 6), "recovery-follow-up"),
        (date(2027, 6, 8), "departure"),
        (date(2027, 8, 1), "rehabilitation-home"),
    ],
)
def test_the_step_whose_dates_include_today(today: date, expected: str) -> None:
    # Steps before are done, so the calendar decides.
    position = current_step(STEPS, settled_up_to(expected), PLANNED, today)
    assert position.step_id == expected
    assert position.reason == "Planned for today."


def test_the_calendar_picks_the_first_unsettled_step_planned_for_today() -> None:
    # On 4 Jun both treatment (4-4 Jun) and after-treatment (4-5 Jun) are planned.
    assert current_step(STEPS, settled_up_to("treatment"), PLANNED, date(2027, 6, 4)).step_id == "treatment"


def test_the_persons_own_dates_beat_the_planned_ones() -> None:
    states = settled_up_to("arrival-intake") | {
        "arrival-intake": state("arrival-intake", "not-started", date(2027, 6, 1), date(2027, 6, 10))
    }
    assert current_step(STEPS, states, PLANNED, date(2027, 6, 6)).step_id == "arrival-intake"


def test_a_step_whose_dates_have_passed_is_next_when_none_is_planned_for_today() -> None:
    planned = {
        "virtual-consultation": (date(2027, 3, 1), date(2027, 3, 3)),
        "booking-preparation": (date(2027, 3, 10), date(2027, 3, 12)),
        "arrival-intake": (None, None),
    }
    steps = list(planned)
    position = current_step(steps, {}, planned, date(2027, 3, 5))
    assert (position.step_id, position.reason) == (
        "virtual-consultation",
        "Its dates have passed but it is not marked done.",
    )
    # Dates that have passed come before an undated step that comes first.
    steps = ["arrival-intake", "virtual-consultation", "booking-preparation"]
    assert current_step(steps, {}, planned, date(2027, 3, 5)).step_id == "virtual-consultation"


def test_without_dates_the_first_unsettled_step_is_next() -> None:
    states = {"virtual-consultation": state("virtual-consultation", "skipped")}
    position = current_step(STEPS, states, {}, date(2027, 3, 5))
    assert (position.step_id, position.index) == ("booking-preparation", 1)
    assert position.reason == "The first step not yet done."


def test_once_every_step_is_settled_there_is_no_current_step() -> None:
    states = {s: state(s, "done" if n % 2 else "skipped") for n, s in enumerate(STEPS)}
    position = current_step(STEPS, states, PLANNED, date(2027, 6, 4))
    assert position.step_id is None
    assert position.index == len(STEPS)


def test_progress_counts_done_and_skipped_steps() -> None:
    states = {
        "virtual-consultation": state("virtual-consultation", "done"),
        "booking-preparation": state("booking-preparation", "skipped"),
        "arrival-intake": state("arrival-intake", "in-progress"),
    }
    counted = progress(STEPS, states)
    assert (counted.settled, counted.total) == (2, 8)
    assert counted.percent == 25
    assert progress(STEPS, {}).percent == 0
    assert progress([], {}).percent == 0
    assert progress(STEPS, {s: state(s, "done") for s in STEPS}).percent == 100


def test_a_step_that_ends_before_it_starts_is_refused_at_the_end() -> None:
    with pytest.raises(ValidationError) as error:
        validate_step(StepDraft("in-progress", date(2027, 6, 5), date(2027, 6, 4)), SPAN)
    assert list(error.value.errors) == ["end"]


def test_a_step_on_one_day_is_accepted() -> None:
    kept = validate_step(StepDraft("done", date(2027, 6, 4), date(2027, 6, 4), "  went well  "), SPAN)
    assert kept == StepDraft("done", date(2027, 6, 4), date(2027, 6, 4), "went well")


def test_a_step_date_far_from_the_trip_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_step(StepDraft("not-started", date(2017, 6, 4), None), SPAN)
    assert list(error.value.errors) == ["start"]
    assert "far from this trip" in error.value.errors["start"]
    with pytest.raises(ValidationError) as error:
        validate_step(StepDraft("not-started", date(2027, 6, 4), date(2107, 6, 4)), SPAN)
    assert list(error.value.errors) == ["end"]
    assert "far from this trip" in error.value.errors["end"]


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_step(StepDraft("almost", None, None), SPAN)
    assert list(error.value.errors) == ["status"]


def test_a_very_long_step_note_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_step(StepDraft("done", None, None, "x" * (MAX_NOTE_LENGTH + 1)), SPAN)
    assert list(error.value.errors) == ["note"]


def test_planned_dates_for_a_same_day_stay() -> None:
    assert planned_dates(STAY, DEPARTURE) == {
        "virtual-consultation": (None, date(2027, 5, 1)),
        "booking-preparation": (date(2027, 5, 2), date(2027, 5, 31)),
        "arrival-intake": (date(2027, 6, 1), date(2027, 6, 3)),
        "treatment": (date(2027, 6, 4), date(2027, 6, 4)),
        "after-treatment": (date(2027, 6, 4), date(2027, 6, 5)),
        "recovery-follow-up": (date(2027, 6, 6), date(2027, 6, 7)),
        "departure": (date(2027, 6, 8), date(2027, 6, 8)),
        "rehabilitation-home": (date(2027, 6, 9), date(2027, 12, 8)),
    }
    assert list(PLANNED) == STEPS


def test_planned_dates_for_cultured_cells_span_harvest_to_injection() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 23), date(2027, 6, 20), "cultured", 14)
    planned = planned_dates(stay, DEPARTURE)
    assert planned["treatment"] == (date(2027, 6, 6), date(2027, 6, 20))
    assert planned["arrival-intake"] == (DEPARTURE, date(2027, 6, 5))
    assert planned["after-treatment"] == (date(2027, 6, 20), date(2027, 6, 21))
    assert planned["departure"] == (date(2027, 6, 23), date(2027, 6, 23))


def test_rehabilitation_runs_about_six_months_after_leaving() -> None:
    start, end = PLANNED["rehabilitation-home"]
    assert start == STAY.leave + timedelta(days=1)
    assert end is not None
    assert 180 <= (end - STAY.leave).days <= 186


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=29),
    st.sampled_from(["same-day", "cultured"]),
    st.integers(min_value=1, max_value=30),
)
def test_planned_step_dates_never_end_before_they_start(
    arrival: date, days: int, offset: int, cells: str, culture_days: int
) -> None:
    leave = arrival + timedelta(days=days - 1)
    stay = Stay(arrival, leave, arrival + timedelta(days=min(offset, days - 1)), cells, culture_days)
    planned = planned_dates(stay, arrival - timedelta(days=1))
    for start, end in planned.values():
        assert end is not None
        assert start is None or start <= end
    assert planned["treatment"][1] == stay.treatment_day
    assert planned["departure"] == (leave, leave)


def test_a_stay_counts_the_arrival_and_the_leaving_day() -> None:
    assert STAY.days == 7
    assert Stay(date(2027, 6, 2), date(2027, 6, 2)).days == 1
    assert Stay(date(2027, 6, 28), date(2027, 7, 3)).days == 6


def test_without_a_treatment_day_it_is_the_second_day_after_arrival() -> None:
    assert STAY.treatment_day == date(2027, 6, 4)
    assert Stay(date(2027, 6, 2), date(2027, 6, 3)).treatment_day == date(2027, 6, 3)  # not after leaving


def test_same_day_cells_are_harvested_on_the_treatment_day() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 12), date(2027, 6, 5))
    assert stay.harvest_day == date(2027, 6, 5)


def test_cultured_cells_are_harvested_the_culture_time_before_treatment() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 23), date(2027, 6, 20), "cultured", 14)
    assert stay.harvest_day == date(2027, 6, 6)


def test_cultured_cells_are_not_harvested_before_the_day_after_arrival() -> None:
    stay = Stay(date(2027, 6, 2), date(2027, 6, 12), date(2027, 6, 8), "cultured", 14)
    assert stay.harvest_day == date(2027, 6, 3)
    on_arrival = Stay(date(2027, 6, 2), date(2027, 6, 12), date(2027, 6, 2), "cultured", 14)
    assert on_arrival.harvest_day == date(2027, 6, 2)  # never after the treatment either


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=1, max_value=90),
)
def test_the_harvest_falls_between_the_day_after_arrival_and_the_treatment(
    arrival: date, days: int, offset: int, culture_days: int
) -> None:
    treatment = arrival + timedelta(days=min(offset, days - 1))
    stay = Stay(arrival, arrival + timedelta(days=days - 1), treatment, "cultured", culture_days)
    harvest = stay.harvest_day
    assert harvest <= treatment
    assert harvest >= min(arrival + timedelta(days=1), treatment)
    assert harvest == treatment - timedelta(days=culture_days) or harvest == min(
        arrival + timedelta(days=1), treatment
    )


@pytest.mark.parametrize(
    ("offset", "arrival"),
    [
        (10.0, date(2027, 6, 1)),  # Sydney
        (13.0, date(2027, 6, 1)),  # Auckland in summer
        (5.5, date(2027, 6, 1)),  # India
        (9.0, date(2027, 6, 1)),  # Tokyo
        (4.0, date(2027, 6, 2)),  # Dubai
        (1.0, date(2027, 6, 2)),  # London in summer
        (-7.0, date(2027, 6, 2)),  # Los Angeles in summer
        (-10.0, date(2027, 6, 2)),  # Honolulu
    ],
)
def test_the_usual_arrival_day(offset: float, arrival: date) -> None:
    assert default_arrival(date(2027, 6, 1), offset) == arrival


def step(step_id: str, name: str = "") -> Step:
    return Step(step_id, "phase", "Phase", name or step_id.replace("-", " ").capitalize(), "")


def test_choosing_a_clinic_comes_first_on_the_virtual_consultation() -> None:
    context = StepContext(
        step("virtual-consultation"), StepState("virtual-consultation"), clinic_chosen=False
    )
    actions = next_actions(context)
    assert actions[0] == "Compare clinics and choose one for this plan (Clinics page)."
    assert actions[-1] == "Mark the step in progress when you begin it."
    chosen = StepContext(step("virtual-consultation"), StepState("virtual-consultation"))
    assert not any("Compare clinics" in a for a in next_actions(chosen))


def test_no_clinic_reminder_on_later_steps() -> None:
    context = StepContext(step("after-treatment"), StepState("after-treatment"), clinic_chosen=False)
    assert not any("Compare clinics" in a for a in next_actions(context))


def test_a_missing_treatment_day_is_mentioned_on_the_treatment_step() -> None:
    context = StepContext(step("treatment"), StepState("treatment", "in-progress"), treatment_set=False)
    assert any("Set the treatment day" in a for a in next_actions(context))


def test_when_the_checklist_is_all_ticked_mark_the_step_done() -> None:
    context = StepContext(step("arrival-intake"), StepState("arrival-intake", "in-progress"), items_total=3)
    assert next_actions(context) == ["Everything on this step's checklist is done: mark the step done."]


def test_open_checklist_items_and_the_next_appointment_are_listed() -> None:
    context = StepContext(
        step("arrival-intake"),
        StepState("arrival-intake", "in-progress"),
        open_items=("Pack the scans", "Print the booking", "Charge the phone", "Buy a SIM"),
        items_total=5,
        next_appointment="Intake on Thu 3 Jun 09:00",
    )
    actions = next_actions(context)
    assert actions == [
        "Next appointment: Intake on Thu 3 Jun 09:00.",
        "Checklist: Pack the scans",
        "Checklist: Print the booking",
        "Checklist: Charge the phone",
    ]


def test_a_settled_step_names_the_next_step() -> None:
    done = StepContext(step("treatment"), StepState("treatment", "done"), next_step="After treatment")
    assert next_actions(done) == ["This step is done. Next: After treatment."]
    skipped = StepContext(step("treatment"), StepState("treatment", "skipped"), next_step="After treatment")
    assert next_actions(skipped) == ["This step is skipped. Next: After treatment."]
    last = StepContext(step("rehabilitation-home"), StepState("rehabilitation-home", "done"), items_total=2)
    assert next_actions(last) == []
