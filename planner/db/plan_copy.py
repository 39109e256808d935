"""Copy what a plan holds about clinics (shortlist, quotes with their lines) to another plan."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import QuoteLineRow, QuoteRow, ShortlistRow


def copy_plan_clinic_data(session: Session, source_plan_id: int, target_plan_id: int) -> None:
    for entry in session.scalars(select(ShortlistRow).where(ShortlistRow.plan_id == source_plan_id)):
        session.add(ShortlistRow(plan_id=target_plan_id, clinic_id=entry.clinic_id, added_at=entry.added_at))
    for quote in session.scalars(select(QuoteRow).where(QuoteRow.plan_id == source_plan_id)):
        session.add(
            QuoteRow(
                plan_id=target_plan_id,
                clinic_id=quote.clinic_id,
                currency=quote.currency,
                received_on=quote.received_on,
                valid_until=quote.valid_until,
                deposit_basis_points=quote.deposit_basis_points,
                refund_terms=quote.refund_terms,
                note=quote.note,
                accepted=quote.accepted,
                created_at=quote.created_at,
                updated_at=quote.updated_at,
                lines=[
                    QuoteLineRow(
                        position=line.position,
                        fee_category_id=line.fee_category_id,
                        label=line.label,
                        amount_minor=line.amount_minor,
                    )
                    for line in quote.lines
                ],
            )
        )
    session.flush()
