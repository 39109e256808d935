"""A plan's recovery as a FHIR R4 Bundle file (see planner/recovery/fhir.py)."""

from __future__ import annotations

from planner.core import clock
from planner.db.database import Database
from planner.recovery.fhir import bundle_json, plan_namespace, recovery_bundle
from planner.recovery.measures import Measures
from planner.recovery.service import load_recovery
from planner.recovery.store import plan_created_at


def recovery_fhir_json(db: Database, plan_id: int, measures: Measures | None = None) -> bytes:
    """The bundle as UTF-8 JSON, stamped with the app's clock."""
    recovery = load_recovery(db, plan_id, measures)
    with db.transaction() as session:
        created_at = plan_created_at(session, plan_id)
    return bundle_json(recovery_bundle(recovery, plan_namespace(plan_id, created_at), clock.utc_now()))
