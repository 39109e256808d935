"""The articles' figures as structured price points, for the budget's estimates and the
home-country comparison.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 12:55:49.627092
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_point",
        sa.Column("id", sa.String(length=160), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("grouping", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("low", sa.String(length=40), nullable=False),
        sa.Column("high", sa.String(length=40), nullable=False),
        sa.Column("average", sa.String(length=40), nullable=False),
        sa.Column("qualifier", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], name=op.f("fk_price_point_source_id_source")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_point")),
    )


def downgrade() -> None:
    op.drop_table("price_point")
