"""Upgrading a database made before the budget (revision 0003) keeps the user's plans and
quotes, and an old plan can keep a budget at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import inspect

from planner.budget.deposit import DepositDraft
from planner.budget.estimate import EstimateSettings
from planner.budget.rules import ExpenseDraft
from planner.budget.service import add_rate, list_expenses, load_budget, save_deposit, save_expense
from planner.clinics.service import list_clinics
from planner.db import migrate
from planner.plans.service import get_plan
from planner.startup import open_synced_database
from tests.db.migration_steps import step_back

BUDGET_TABLES = {"exchange_rate", "expense", "expense_conversion", "budget_settings", "estimate_override"}
TODAY = date(2026, 11, 1)


def _database_at_0003_with_a_plan(data_dir: Path) -> tuple[int, int]:
    """Build today's database, step it back to 0003 and add a plan with an accepted quote as
    0003 stored them. Returns the plan's and the quote's ids."""
    db = open_synced_database(data_dir)
    sh_id = next(c.id for c in list_clinics(db) if c.catalogue_id == "sh-clinic")
    step_back(db.engine, "0003")
    with db.engine.begin() as connection:
        tables = set(inspect(connection).get_table_names())
        assert not tables & BUDGET_TABLES
        assert "price_point" in tables
        connection.exec_driver_sql(
            "INSERT INTO plan (name, condition_id, home_country, home_currency, departure_date,"
            " return_date, budget_limit_minor, clinic_id, created_at, updated_at) VALUES ('Knee, March',"
            f" 'knee-cartilage-damage', 'GB', 'GBP', '2027-03-01', '2027-03-11', 1500000, {sh_id},"
            " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')"
        )
        plan_id = int(connection.exec_driver_sql("SELECT id FROM plan").scalar_one())
        connection.exec_driver_sql(
            "INSERT INTO quote (plan_id, clinic_id, currency, received_on, valid_until,"
            " deposit_basis_points, refund_terms, note, accepted, created_at, updated_at) VALUES"
            f" ({plan_id}, {sh_id}, 'USD', '2027-01-10', NULL, 1000, '', '', 1,"
            " '2026-10-01 09:00:00.000000', '2026-10-01 09:00:00.000000')"
        )
        quote_id = int(connection.exec_driver_sql("SELECT id FROM quote").scalar_one())
        connection.exec_driver_sql(
            "INSERT INTO quote_line (quote_id, position, fee_category_id, label, amount_minor)"
            f" VALUES ({quote_id}, 0, 'surgeon', 'Surgeon’s Fees', 300000)"
        )
    assert migrate.current_revision(db.engine) == "0003"
    db.close()
    return plan_id, quote_id


def test_a_0003_database_upgrades_keeping_plans_and_takes_a_budget(data_dir: Path) -> None:
    plan_id, quote_id = _database_at_0003_with_a_plan(data_dir)

    db = open_synced_database(data_dir)
    try:
        assert db.migration_backup is not None and db.migration_backup.exists()
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= BUDGET_TABLES

        plan = get_plan(db, plan_id)
        assert plan is not None
        assert (plan.name, plan.home_currency, plan.clinic_name) == ("Knee, March", "GBP", "SH Clinic")
        assert plan.budget_limit is not None and plan.budget_limit.to_minor() == 1_500_000

        # The old plan's budget starts empty, with the accepted quote already there for it.
        budget = load_budget(db, plan_id)
        assert budget.expenses == [] and budget.rates == [] and budget.overrides == []
        assert budget.settings == EstimateSettings() and budget.deposit is None
        assert budget.accepted_quote is not None
        assert (budget.accepted_quote.id, budget.accepted_quote.total) == (quote_id, Decimal("3000.00"))

        # And it can keep a budget at once.
        add_rate(db, plan_id, "GBP", "USD", "1.25", date(2026, 10, 1), today=TODAY)
        saved = save_expense(
            db,
            plan_id,
            ExpenseDraft("Flights", "travel", "departure", "1,250.00", "", "USD", None),
            today=TODAY,
        )
        [listed] = list_expenses(db, plan_id)
        assert listed == saved
        assert listed.planned == Decimal("1250.00")
        assert [(c.currency, c.planned) for c in listed.conversions] == [("GBP", Decimal("1000.00"))]
        save_deposit(db, plan_id, DepositDraft("10", "300", "USD", None, None), today=TODAY)
        deposit = load_budget(db, plan_id).deposit
        assert deposit is not None and deposit.amount == Decimal("300")
    finally:
        db.close()

    # Opening it again needs no migration and finds the budget as it was left.
    again = open_synced_database(data_dir)
    try:
        assert again.migration_backup is None
        assert list_expenses(again, plan_id) == [saved]
    finally:
        again.close()
