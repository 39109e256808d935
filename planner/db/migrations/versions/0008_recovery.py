"""Recovery: the activities and exercises a patient names, the baseline and check-ins with their
answers, and the daily diary.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _named_rows(table: str) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f(f"fk_{table}_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_plan_id"), table, ["plan_id"])


def upgrade() -> None:
    _named_rows("recovery_activity")
    _named_rows("recovery_exercise")
    op.create_table(
        "check_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.String(length=16), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_check_in_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
    )
    op.create_index(op.f("ix_check_in_plan_id"), "check_in", ["plan_id"])
    op.create_index(
        "uq_check_in_point",
        "check_in",
        ["plan_id", "point_id"],
        unique=True,
        sqlite_where=sa.text("point_id != ''"),
    )
    op.create_table(
        "check_in_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_in_id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.String(length=32), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_in_id"],
            ["check_in.id"],
            name=op.f("fk_check_in_value_check_in_id_check_in"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["recovery_activity.id"],
            name=op.f("fk_check_in_value_activity_id_recovery_activity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_value")),
        sa.UniqueConstraint("check_in_id", "measure_id", "activity_id", name="uq_check_in_value"),
    )
    op.create_index(op.f("ix_check_in_value_check_in_id"), "check_in_value", ["check_in_id"])
    op.create_table(
        "diary_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("entry_on", sa.Date(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("swelling", sa.Integer(), nullable=True),
        sa.Column("painkillers", sa.Integer(), nullable=True),
        sa.Column("side_effects", sa.String(length=64), nullable=False),
        sa.Column("side_effect_other", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_diary_entry_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diary_entry")),
        sa.UniqueConstraint("plan_id", "entry_on", name="uq_diary_entry_day"),
    )
    op.create_index(op.f("ix_diary_entry_plan_id"), "diary_entry", ["plan_id"])
    op.create_table(
        "diary_exercise",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["diary_entry.id"],
            name=op.f("fk_diary_exercise_entry_id_diary_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["recovery_exercise.id"],
            name=op.f("fk_diary_exercise_exercise_id_recovery_exercise"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "exercise_id", name=op.f("pk_diary_exercise")),
    )


def downgrade() -> None:
    op.drop_table("diary_exercise")
    op.drop_index(op.f("ix_diary_entry_plan_id"), table_name="diary_entry")
    op.drop_table("diary_entry")
    op.drop_index(op.f("ix_check_in_value_check_in_id"), table_name="check_in_value")
    op.drop_table("check_in_value")
    op.drop_index("uq_check_in_point", table_name="check_in")
    op.drop_index(op.f("ix_check_in_plan_id"), table_name="check_in")
    op.drop_table("check_in")
    for table in ("recovery_exercise", "recovery_activity"):
        op.drop_index(op.f(f"ix_{table}_plan_id"), table_name=table)
        op.drop_table(table)
