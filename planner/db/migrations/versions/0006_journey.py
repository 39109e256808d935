"""The journey: each step's status, dates and notes per plan; the stay's arrival day and how
the cells are prepared; the itinerary's appointments; and the plan's home time zone (empty
until the person picks one: the home country's main zone is used meanwhile).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 14:02:32.488152
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("end_local", sa.DateTime(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("proposal_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("end_utc >= start_utc", name=op.f("ck_appointment_end_after_start")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_appointment_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["journey_step.id"], name=op.f("fk_appointment_step_id_journey_step")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
        sa.UniqueConstraint("plan_id", "proposal_key", name="uq_appointment_proposal"),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index("ix_appointment_plan_start", ["plan_id", "start_utc"], unique=False)
        batch_op.create_index("ix_appointment_plan_step", ["plan_id", "step_id"], unique=False)

    op.create_table(
        "journey_settings",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("cells", sa.String(length=16), nullable=False),
        sa.Column("culture_days", sa.Integer(), nullable=False),
        sa.CheckConstraint("cells IN ('same-day', 'cultured')", name=op.f("ck_journey_settings_cells_known")),
        sa.CheckConstraint(
            "culture_days BETWEEN 1 AND 90", name=op.f("ck_journey_settings_culture_days_range")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_journey_settings_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_journey_settings")),
    )
    op.create_table(
        "journey_step_state",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not-started', 'in-progress', 'done', 'skipped')",
            name=op.f("ck_journey_step_state_status_known"),
        ),
        sa.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_journey_step_state_end_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_journey_step_state_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["step_id"], ["journey_step.id"], name=op.f("fk_journey_step_state_step_id_journey_step")
        ),
        sa.PrimaryKeyConstraint("plan_id", "step_id", name=op.f("pk_journey_step_state")),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("home_zone", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("home_zone")

    op.drop_table("journey_step_state")
    op.drop_table("journey_settings")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_plan_step")
        batch_op.drop_index("ix_appointment_plan_start")

    op.drop_table("appointment")
