"""Upgrading a database made before the Clinics page (revision 0001) keeps the user's plans."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from planner.catalogue.loader import load_catalogue
from planner.clinics.questions_service import list_questions
from planner.clinics.quotes_service import fee_categories
from planner.clinics.service import list_clinics, technique_choices
from planner.clinics.shortlist_service import choose_clinic
from planner.core.paths import catalogue_dir
from planner.db import migrate
from planner.plans.service import get_plan
from planner.startup import open_synced_database
from tests.db.migration_steps import step_back

NEW_TABLES = {
    "technique",
    "fee_category",
    "shortlist",
    "own_question",
    "clinic_answer",
    "quote",
    "quote_line",
}


def _database_at_0001_with_a_plan(data_dir: Path) -> int:
    """Build today's database, step it back to 0001 and add a plan and a note as 0001 stored them."""
    db = open_synced_database(data_dir)
    lydian_id = next(c.id for c in list_clinics(db) if c.catalogue_id == "lydian")
    step_back(db.engine, "0001")
    with db.engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        assert not tables & NEW_TABLES
        assert "clinic_id" not in {c["name"] for c in inspect(connection).get_columns("plan")}
        connection.exec_driver_sql(
            "INSERT INTO plan (name, condition_id, home_country, home_currency, departure_date,"
            " return_date, budget_limit_minor, created_at, updated_at) VALUES ('Knee, March',"
            " 'knee-cartilage-damage', 'GB', 'GBP', '2027-03-01', '2027-03-11', 1500000,"
            " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')"
        )
        connection.exec_driver_sql(
            "INSERT INTO clinic_annotation (clinic_id, note, rating, hidden, updated_at)"
            f" VALUES ({lydian_id}, 'Ask about the gene therapy', 5, 0, '2026-10-01 09:00:00.000000')"
        )
        plan_id = connection.exec_driver_sql("SELECT id FROM plan").scalar_one()
    assert migrate.current_revision(db.engine) == "0001"
    db.close()
    return int(plan_id)


def test_a_0001_database_upgrades_keeping_plans_and_notes(data_dir: Path) -> None:
    plan_id = _database_at_0001_with_a_plan(data_dir)

    db = open_synced_database(data_dir)
    try:
        assert db.migration_backup is not None and db.migration_backup.exists()
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION

        plan = get_plan(db, plan_id)
        assert plan is not None
        assert (plan.name, plan.clinic_id, plan.clinic_name) == ("Knee, March", None, "")
        assert plan.budget_limit is not None and plan.budget_limit.to_minor() == 1_500_000

        # The re-sync after the migration fills what the new tables take from the catalogue.
        catalogue = load_catalogue(catalogue_dir())
        assert [t.id for t in technique_choices(db)] == [t.id for t in catalogue.techniques]
        assert [c.id for c in fee_categories(db)] == [f.id for f in catalogue.fees]
        lydian = next(c for c in list_clinics(db) if c.catalogue_id == "lydian")
        assert lydian.government_approved
        assert "Gene therapy" in {t.name for t in lydian.techniques}
        assert (lydian.note, lydian.rating) == ("Ask about the gene therapy", 5)
        assert len(list_questions(db)) == 21

        # And the old plan can use the new features at once.
        choose_clinic(db, plan_id, lydian.id)
        chosen = get_plan(db, plan_id)
        assert chosen is not None and chosen.clinic_name == "Lydian Plastic Surgery Clinic"
    finally:
        db.close()
