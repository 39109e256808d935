"""Print and export: each plan's trip details for the printed itinerary (hotel, insurance,
emergency contact), and a lasting identifier per appointment so a calendar that imports the
plan's .ics file again updates its events instead of adding them twice.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 10:05:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trip_details",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("hotel_name", sa.Text(), nullable=False, server_default=""),
        sa.Column("hotel_address", sa.Text(), nullable=False, server_default=""),
        sa.Column("hotel_phone", sa.Text(), nullable=False, server_default=""),
        sa.Column("insurance", sa.Text(), nullable=False, server_default=""),
        sa.Column("emergency_contact", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_trip_details_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_trip_details")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uid", sa.String(length=36), nullable=False, server_default=""))
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM appointment")).scalars().all()
    for appointment_id in ids:
        connection.execute(
            sa.text("UPDATE appointment SET uid = :uid WHERE id = :id"),
            {"uid": str(uuid.uuid4()), "id": appointment_id},
        )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index("uq_appointment_uid", ["uid"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("uq_appointment_uid")
        batch_op.drop_column("uid")
    op.drop_table("trip_details")
