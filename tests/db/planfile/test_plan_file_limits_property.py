"""A valid plan file with its dates, amounts and references moved within and past the limits:
what the reader accepts imports and then builds every printout and export; what it refuses
leaves the database as it was (issue 18, item 2)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.budget.service import expenses_csv_text
from planner.core.limits import EARLIEST_DAY, LATEST_DAY
from planner.db.database import Database
from planner.journey.calendar_service import plan_calendar
from planner.planfile.service import OnClash, PlanFileError, export_plan, import_plan, read_plan_file
from planner.printouts.registry import PRINTOUTS, build_printout
from tests.db.planfile.test_plan_transfer import dump, rich_plan

DAYS = st.one_of(
    st.dates(EARLIEST_DAY - timedelta(days=3), EARLIEST_DAY + timedelta(days=3)),
    st.dates(LATEST_DAY - timedelta(days=3), LATEST_DAY + timedelta(days=3)),
    st.dates(date(2026, 1, 1), date(2029, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(1752, 9, 14), date(9998, 6, 1), date(9999, 12, 31)]),
)
MOMENTS = st.builds(
    datetime.combine, DAYS, st.sampled_from([datetime.min.time(), datetime(1, 1, 1, 22).time()])
)
RATES = st.sampled_from(["9E+99", "1E-40", "0.000000001", "1000000000", "1000000001", "1.27", "0"])
BASES = st.sampled_from(["auto", "fees", "quote", "package:package/knee-overall-range", "package:nope"])
MINORS = st.sampled_from([0, 1, 10**15, 10**17, 10**18, -1])


def mutate(file: dict[str, Any], what: str, value: Any) -> None:
    if what in ("departure", "return", "treatment_date"):
        file["plan"][what] = value.isoformat()
    elif what == "arrival":
        file["journey_settings"]["arrival_date"] = value.isoformat()
    elif what == "appointment":
        file["appointments"][0]["start"] = value.isoformat()
        file["appointments"][0]["end"] = (value + timedelta(minutes=1)).isoformat()
    elif what == "rate":
        file["rates"][0]["rate"] = value
    elif what == "conversion_rate":
        file["expenses"]["conversions"][0][4] = value
    elif what == "basis":
        file["budget_settings"]["treatment_basis"] = value
    elif what == "planned":
        file["expenses"]["rows"][0][3] = value
    elif what == "paid_on":
        file["expenses"]["rows"][0][6] = value.isoformat()
    elif what == "quote_received":
        file["quotes"][0]["received_on"] = value.isoformat()


CHANGES = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["departure", "return", "treatment_date", "arrival"]), DAYS),
        st.tuples(st.sampled_from(["paid_on", "quote_received"]), DAYS),
        st.tuples(st.just("appointment"), MOMENTS),
        st.tuples(st.sampled_from(["rate", "conversion_rate"]), RATES),
        st.tuples(st.just("basis"), BASES),
        st.tuples(st.just("planned"), MINORS),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=CHANGES)
def test_a_file_moved_past_the_limits_is_refused_whole_or_works_everywhere(
    db: Database, changes: list[tuple[str, Any]]
) -> None:
    source = _source(db)
    file = json.loads(source)
    for what, value in changes:
        mutate(file, what, value)
    data = json.dumps(file).encode()
    before = dump(db)
    try:
        plan = import_plan(db, read_plan_file(db, data), OnClash.RENAME)
    except PlanFileError:
        assert dump(db) == before
        return
    for kind in PRINTOUTS:
        build_printout(db, plan.id, kind)
    plan_calendar(db, plan.id)
    expenses_csv_text(db, plan.id)
    export_plan(db, plan.id)


_SOURCES: dict[str, bytes] = {}


def _source(db: Database) -> bytes:
    """The rich plan's file, made once per database."""
    key = str(db.path)
    if key not in _SOURCES:
        _SOURCES[key] = export_plan(db, rich_plan(db))
    return _SOURCES[key]
