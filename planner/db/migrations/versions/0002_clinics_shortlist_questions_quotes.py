"""Clinics page: techniques, fee categories, government approval, shortlist, chosen clinic,
questions and answers, quotes and their lines.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 12:31:31.598460
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing tables first, while nothing else refers to them yet.
    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("government_approved", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("clinic_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_clinic_id_clinic"), "clinic", ["clinic_id"], ["id"], ondelete="SET NULL"
        )

    op.create_table(
        "fee_category",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_category")),
    )
    op.create_table(
        "own_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_own_question")),
    )
    op.create_table(
        "technique",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_technique")),
    )
    op.create_table(
        "clinic_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.String(length=64), nullable=True),
        sa.Column("own_question_id", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(template_id IS NULL) <> (own_question_id IS NULL)", name=op.f("ck_clinic_answer_one_question")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_clinic_answer_clinic_id_clinic"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["own_question_id"],
            ["own_question.id"],
            name=op.f("fk_clinic_answer_own_question_id_own_question"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["question_template.id"],
            name=op.f("fk_clinic_answer_template_id_question_template"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinic_answer")),
        sa.UniqueConstraint("clinic_id", "own_question_id", name="uq_clinic_answer_own_question"),
        sa.UniqueConstraint("clinic_id", "template_id", name="uq_clinic_answer_template"),
    )
    op.create_table(
        "quote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("deposit_basis_points", sa.Integer(), nullable=True),
        sa.Column("refund_terms", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "deposit_basis_points IS NULL OR deposit_basis_points BETWEEN 0 AND 10000",
            name=op.f("ck_quote_deposit_range"),
        ),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= received_on", name=op.f("ck_quote_valid_after_received")
        ),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_quote_clinic_id_clinic"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_quote_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
    )
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_clinic_id"), ["clinic_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            "uq_quote_accepted_per_plan", ["plan_id"], unique=True, sqlite_where=sa.text("accepted = 1")
        )

    op.create_table(
        "shortlist",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("clinic_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinic_id"], ["clinic.id"], name=op.f("fk_shortlist_clinic_id_clinic"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_shortlist_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "clinic_id", name=op.f("pk_shortlist")),
    )
    op.create_table(
        "quote_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("fee_category_id", sa.String(length=64), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_minor >= 0", name=op.f("ck_quote_line_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["fee_category_id"], ["fee_category.id"], name=op.f("fk_quote_line_fee_category_id_fee_category")
        ),
        sa.ForeignKeyConstraint(
            ["quote_id"], ["quote.id"], name=op.f("fk_quote_line_quote_id_quote"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote_line")),
    )
    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_line_quote_id"), ["quote_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_plan_clinic_id_clinic"), type_="foreignkey")
        batch_op.drop_column("clinic_id")

    with op.batch_alter_table("clinic", schema=None) as batch_op:
        batch_op.drop_column("government_approved")

    with op.batch_alter_table("quote_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_line_quote_id"))

    op.drop_table("quote_line")
    op.drop_table("shortlist")
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index("uq_quote_accepted_per_plan", sqlite_where=sa.text("accepted = 1"))
        batch_op.drop_index(batch_op.f("ix_quote_plan_id"))
        batch_op.drop_index(batch_op.f("ix_quote_clinic_id"))

    op.drop_table("quote")
    op.drop_table("clinic_answer")
    op.drop_table("technique")
    op.drop_table("own_question")
    op.drop_table("fee_category")
