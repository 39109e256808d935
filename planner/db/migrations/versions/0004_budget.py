"""The budget: exchange rates per plan, expense lines with the conversions kept at save time,
the estimate's choices and the person's changes to its lines, and the deposit.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 13:09:19.746360
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_settings",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("treatment_basis", sa.String(length=200), nullable=False),
        sa.Column("stay_low", sa.Integer(), nullable=True),
        sa.Column("stay_high", sa.Integer(), nullable=True),
        sa.Column("hotel_tier", sa.String(length=16), nullable=False),
        sa.Column("flights", sa.Boolean(), nullable=False),
        sa.Column("visa", sa.Boolean(), nullable=False),
        sa.Column("deposit_basis_points", sa.Integer(), nullable=True),
        sa.Column("deposit_amount_minor", sa.Integer(), nullable=True),
        sa.Column("deposit_currency", sa.String(length=3), nullable=False),
        sa.Column("deposit_due_on", sa.Date(), nullable=True),
        sa.Column("deposit_paid_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "deposit_amount_minor IS NULL OR deposit_amount_minor >= 0",
            name=op.f("ck_budget_settings_deposit_amount"),
        ),
        sa.CheckConstraint(
            "deposit_basis_points IS NULL OR deposit_basis_points BETWEEN 0 AND 10000",
            name=op.f("ck_budget_settings_deposit_range"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_budget_settings_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_budget_settings")),
    )
    op.create_table(
        "estimate_override",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("low_minor", sa.Integer(), nullable=False),
        sa.Column("high_minor", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "low_minor >= 0 AND high_minor >= low_minor", name=op.f("ck_estimate_override_ordered_bounds")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_estimate_override_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "key", name=op.f("pk_estimate_override")),
    )
    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("quote", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.String(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("base <> quote", name=op.f("ck_exchange_rate_two_currencies")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_exchange_rate_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rate")),
        sa.UniqueConstraint("plan_id", "base", "quote", "on_date", name="uq_exchange_rate_day"),
    )
    with op.batch_alter_table("exchange_rate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_rate_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "expense",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("planned_minor", sa.Integer(), nullable=True),
        sa.Column("actual_minor", sa.Integer(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payee", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "actual_minor IS NULL OR actual_minor >= 0", name=op.f("ck_expense_actual_not_negative")
        ),
        sa.CheckConstraint(
            "planned_minor IS NOT NULL OR actual_minor IS NOT NULL", name=op.f("ck_expense_has_amount")
        ),
        sa.CheckConstraint(
            "planned_minor IS NULL OR planned_minor >= 0", name=op.f("ck_expense_planned_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_expense_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["journey_step.id"], name=op.f("fk_expense_step_id_journey_step")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense")),
    )
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expense_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "expense_conversion",
        sa.Column("expense_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("planned_minor", sa.Integer(), nullable=True),
        sa.Column("actual_minor", sa.Integer(), nullable=True),
        sa.Column("rate", sa.String(length=60), nullable=False),
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expense_id"],
            ["expense.id"],
            name=op.f("fk_expense_conversion_expense_id_expense"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("expense_id", "currency", name=op.f("pk_expense_conversion")),
    )


def downgrade() -> None:
    op.drop_table("expense_conversion")
    with op.batch_alter_table("expense", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expense_plan_id"))

    op.drop_table("expense")
    with op.batch_alter_table("exchange_rate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_rate_plan_id"))

    op.drop_table("exchange_rate")
    op.drop_table("estimate_override")
    op.drop_table("budget_settings")
