"""SQLAlchemy 2 typed models. The schema itself is built by the Alembic migrations."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class AppMeta(Base):
    """Small key/value facts about this database, such as the catalogue fingerprint."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SourceRow(Base):
    __tablename__ = "source"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    file: Mapped[str] = mapped_column(Text)
    published: Mapped[str] = mapped_column(String(10), default="")


class ConditionRow(Base):
    """A condition from the catalogue. Retired (not deleted) when a release drops it."""

    __tablename__ = "condition"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    group_id: Mapped[str] = mapped_column(String(64))
    group_name: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    sort_order: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class ClinicRow(Base):
    """A clinic: from the catalogue (`catalogue_id` set) or the user's own (`catalogue_id` NULL).

    Catalogue updates rewrite only the descriptive columns here; what the user wrote about a
    clinic lives in `ClinicAnnotationRow` and is never touched by an update.
    """

    __tablename__ = "clinic"
    id: Mapped[int] = mapped_column(primary_key=True)
    catalogue_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    city: Mapped[str] = mapped_column(Text, default="")
    district: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(Text, default="")
    focus: Mapped[str] = mapped_column(Text, default="")
    lead_doctors: Mapped[list[str]] = mapped_column(default=list)
    key_features: Mapped[list[str]] = mapped_column(default=list)
    special_techniques: Mapped[list[str]] = mapped_column(default=list)
    treatments: Mapped[list[str]] = mapped_column(default=list)
    conditions: Mapped[list[str]] = mapped_column(default=list)
    techniques: Mapped[list[str]] = mapped_column(default=list)
    approvals: Mapped[list[str]] = mapped_column(default=list)
    government_approved: Mapped[bool] = mapped_column(default=False)
    claims: Mapped[list[str]] = mapped_column(default=list)
    sources: Mapped[list[str]] = mapped_column(default=list)
    retired: Mapped[bool] = mapped_column(default=False)

    annotation: Mapped[ClinicAnnotationRow | None] = relationship(
        back_populates="clinic", cascade="all, delete-orphan", passive_deletes=True
    )


class ClinicAnnotationRow(Base):
    """What the user wrote about a clinic: their note, rating, and whether they hid it."""

    __tablename__ = "clinic_annotation"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id", ondelete="CASCADE"), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None]
    hidden: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime]

    clinic: Mapped[ClinicRow] = relationship(back_populates="annotation")


class TechniqueRow(Base):
    """The technique vocabulary clinics are filtered by."""

    __tablename__ = "technique"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class FeeCategoryRow(Base):
    """A fee category from the articles' breakdown; quote lines may be filed under one."""

    __tablename__ = "fee_category"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class PricePointRow(Base):
    """A figure from the articles (see `planner.catalogue.prices.PricePoint`); bounds are exact
    decimal text."""

    __tablename__ = "price_point"
    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    grouping: Mapped[str] = mapped_column(Text, default="")
    label: Mapped[str] = mapped_column(Text, default="")
    country_code: Mapped[str] = mapped_column(String(2), default="")
    currency: Mapped[str] = mapped_column(String(3), default="")
    low: Mapped[str] = mapped_column(String(40), default="")
    high: Mapped[str] = mapped_column(String(40), default="")
    average: Mapped[str] = mapped_column(String(40), default="")
    qualifier: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    sort_order: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class ReferenceRow(Base):
    """One item of the Learn page, built from the catalogue; `fields` holds its labelled facts."""

    __tablename__ = "reference_entry"
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    section_id: Mapped[str] = mapped_column(String(64))
    section_name: Mapped[str] = mapped_column(Text)
    section_order: Mapped[int]
    sort_order: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    fields: Mapped[list[Any]] = mapped_column(JSON, default=list)
    points: Mapped[list[str]] = mapped_column(default=list)
    sources: Mapped[list[str]] = mapped_column(default=list)


class JourneyStepRow(Base):
    __tablename__ = "journey_step"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    phase_id: Mapped[str] = mapped_column(String(64))
    phase_name: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    activities: Mapped[list[str]] = mapped_column(default=list)
    duration: Mapped[str] = mapped_column(Text, default="")
    procedures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sources: Mapped[list[str]] = mapped_column(default=list)
    retired: Mapped[bool] = mapped_column(default=False)


class ChecklistTemplateRow(Base):
    __tablename__ = "checklist_template"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    step_id: Mapped[str] = mapped_column(ForeignKey("journey_step.id"))
    sort_order: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    document: Mapped[str] = mapped_column(String(32), default="")
    due_anchor: Mapped[str] = mapped_column(String(16), default="")
    due_days: Mapped[int | None]
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    retired: Mapped[bool] = mapped_column(default=False)


class QuestionTemplateRow(Base):
    __tablename__ = "question_template"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sort_order: Mapped[int]
    topic: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    retired: Mapped[bool] = mapped_column(default=False)


class PlanRow(Base):
    """A user's plan. Names are unique regardless of letter case."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("return_date >= departure_date", name="return_after_departure"),
        CheckConstraint("budget_limit_minor IS NULL OR budget_limit_minor >= 0", name="budget_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    condition_id: Mapped[str] = mapped_column(ForeignKey("condition.id", ondelete="RESTRICT"))
    home_country: Mapped[str] = mapped_column(String(2))
    home_currency: Mapped[str] = mapped_column(String(3))
    departure_date: Mapped[date]
    return_date: Mapped[date]
    budget_limit_minor: Mapped[int | None]
    clinic_id: Mapped[int | None] = mapped_column(ForeignKey("clinic.id", ondelete="SET NULL"))
    treatment_date: Mapped[date | None]
    home_zone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    """The IANA time zone the person lives in; empty means the home country's main zone."""
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ShortlistRow(Base):
    """A clinic on a plan's shortlist."""

    __tablename__ = "shortlist"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime]


class OwnQuestionRow(Base):
    """A question the user added to the built-in list of what to ask each clinic."""

    __tablename__ = "own_question"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class ClinicAnswerRow(Base):
    """The user's record of a clinic's answer to one question (built-in or their own)."""

    __tablename__ = "clinic_answer"
    __table_args__ = (
        CheckConstraint("(template_id IS NULL) <> (own_question_id IS NULL)", name="one_question"),
        UniqueConstraint("clinic_id", "template_id", name="uq_clinic_answer_template"),
        UniqueConstraint("clinic_id", "own_question_id", name="uq_clinic_answer_own_question"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id", ondelete="CASCADE"))
    template_id: Mapped[str | None] = mapped_column(ForeignKey("question_template.id"))
    own_question_id: Mapped[int | None] = mapped_column(ForeignKey("own_question.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class QuoteRow(Base):
    """A clinic's quote for a plan. At most one quote per plan is the accepted one."""

    __tablename__ = "quote"
    __table_args__ = (
        CheckConstraint(
            "deposit_basis_points IS NULL OR deposit_basis_points BETWEEN 0 AND 10000", name="deposit_range"
        ),
        CheckConstraint("valid_until IS NULL OR valid_until >= received_on", name="valid_after_received"),
        Index("uq_quote_accepted_per_plan", "plan_id", unique=True, sqlite_where=text("accepted = 1")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    clinic_id: Mapped[int] = mapped_column(ForeignKey("clinic.id", ondelete="CASCADE"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    received_on: Mapped[date]
    valid_until: Mapped[date | None]
    deposit_basis_points: Mapped[int | None]
    refund_terms: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    accepted: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    lines: Mapped[list[QuoteLineRow]] = relationship(
        back_populates="quote",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="QuoteLineRow.position",
    )


class QuoteLineRow(Base):
    """One line of a quote: a fee category from the articles, or a free line of the user's."""

    __tablename__ = "quote_line"
    __table_args__ = (CheckConstraint("amount_minor >= 0", name="amount_not_negative"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    quote_id: Mapped[int] = mapped_column(ForeignKey("quote.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    fee_category_id: Mapped[str | None] = mapped_column(ForeignKey("fee_category.id"))
    label: Mapped[str] = mapped_column(Text)
    amount_minor: Mapped[int]

    quote: Mapped[QuoteRow] = relationship(back_populates="lines")


class ExchangeRateRow(Base):
    """A rate the user entered for a plan: one `base` is worth `rate` `quote` on `on_date`."""

    __tablename__ = "exchange_rate"
    __table_args__ = (
        UniqueConstraint("plan_id", "base", "quote", "on_date", name="uq_exchange_rate_day"),
        CheckConstraint("base <> quote", name="two_currencies"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    base: Mapped[str] = mapped_column(String(3))
    quote: Mapped[str] = mapped_column(String(3))
    rate: Mapped[str] = mapped_column(String(40))
    """Exact decimal text."""
    on_date: Mapped[date]
    created_at: Mapped[datetime]


class ExpenseRow(Base):
    """A cost of the trip, planned or paid, in its own currency."""

    __tablename__ = "expense"
    __table_args__ = (
        CheckConstraint("planned_minor IS NULL OR planned_minor >= 0", name="planned_not_negative"),
        CheckConstraint("actual_minor IS NULL OR actual_minor >= 0", name="actual_not_negative"),
        CheckConstraint("planned_minor IS NOT NULL OR actual_minor IS NOT NULL", name="has_amount"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(64))
    step_id: Mapped[str | None] = mapped_column(ForeignKey("journey_step.id"))
    label: Mapped[str] = mapped_column(Text)
    planned_minor: Mapped[int | None]
    actual_minor: Mapped[int | None]
    currency: Mapped[str] = mapped_column(String(3))
    paid_on: Mapped[date | None]
    payee: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    conversions: Mapped[list[ExpenseConversionRow]] = relationship(
        back_populates="expense", cascade="all, delete-orphan", passive_deletes=True
    )


class ExpenseConversionRow(Base):
    """An expense's amounts in another currency, with the rate and its date, kept as converted."""

    __tablename__ = "expense_conversion"
    expense_id: Mapped[int] = mapped_column(ForeignKey("expense.id", ondelete="CASCADE"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    planned_minor: Mapped[int | None]
    actual_minor: Mapped[int | None]
    rate: Mapped[str] = mapped_column(String(60))
    rate_date: Mapped[date]

    expense: Mapped[ExpenseRow] = relationship(back_populates="conversions")


class BudgetSettingsRow(Base):
    """A plan's estimate choices and its deposit. Absent until the person changes one."""

    __tablename__ = "budget_settings"
    __table_args__ = (
        CheckConstraint(
            "deposit_basis_points IS NULL OR deposit_basis_points BETWEEN 0 AND 10000", name="deposit_range"
        ),
        CheckConstraint("deposit_amount_minor IS NULL OR deposit_amount_minor >= 0", name="deposit_amount"),
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    treatment_basis: Mapped[str] = mapped_column(String(200), default="auto")
    """"auto", "quote", "fees" or "package:<price point id>"."""
    stay_low: Mapped[int | None]
    stay_high: Mapped[int | None]
    hotel_tier: Mapped[str] = mapped_column(String(16), default="standard")
    flights: Mapped[bool] = mapped_column(default=True)
    visa: Mapped[bool] = mapped_column(default=True)
    deposit_basis_points: Mapped[int | None]
    deposit_amount_minor: Mapped[int | None]
    deposit_currency: Mapped[str] = mapped_column(String(3), default="")
    deposit_due_on: Mapped[date | None]
    deposit_paid_on: Mapped[date | None]


class EstimateOverrideRow(Base):
    """The person's figures for a proposed estimate line, or its removal."""

    __tablename__ = "estimate_override"
    __table_args__ = (CheckConstraint("low_minor >= 0 AND high_minor >= low_minor", name="ordered_bounds"),)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    low_minor: Mapped[int]
    high_minor: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    removed: Mapped[bool] = mapped_column(default=False)


class ChecklistItemRow(Base):
    """One thing to do, bring, ask, keep or hold as a document, for a plan's journey step.

    `template_id` names the catalogue template it came from, so taking the templates again
    never adds the same item twice. A due date is either `due_on`, or `due_days` from
    `due_anchor` (departure, treatment or return).
    """

    __tablename__ = "checklist_item"
    __table_args__ = (
        UniqueConstraint("plan_id", "template_id", name="uq_checklist_item_template"),
        CheckConstraint("due_on IS NULL OR due_anchor = ''", name="one_kind_of_due"),
        CheckConstraint("due_days IS NULL OR due_days BETWEEN -365 AND 365", name="offset_within_a_year"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    step_id: Mapped[str] = mapped_column(ForeignKey("journey_step.id"))
    position: Mapped[int]
    template_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    document: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime | None]
    due_on: Mapped[date | None]
    due_anchor: Mapped[str] = mapped_column(String(16), default="")
    due_days: Mapped[int | None]
    expires_on: Mapped[date | None]
    created_at: Mapped[datetime]


class JourneySettingsRow(Base):
    """How a plan's stay in Korea is laid out: the arrival day and how the cells are prepared.
    A plan without a row arrives on the default day with cells used the same day."""

    __tablename__ = "journey_settings"
    __table_args__ = (
        CheckConstraint("cells IN ('same-day', 'cultured')", name="cells_known"),
        CheckConstraint("culture_days BETWEEN 1 AND 90", name="culture_days_range"),
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    arrival_date: Mapped[date | None]
    cells: Mapped[str] = mapped_column(String(16), default="same-day")
    culture_days: Mapped[int] = mapped_column(default=14)


class StepStateRow(Base):
    """What the person recorded about one journey step of a plan."""

    __tablename__ = "journey_step_state"
    __table_args__ = (
        CheckConstraint("status IN ('not-started', 'in-progress', 'done', 'skipped')", name="status_known"),
        CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR end_date >= start_date", name="end_after_start"
        ),
    )
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    step_id: Mapped[str] = mapped_column(ForeignKey("journey_step.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="not-started")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class AppointmentRow(Base):
    """An appointment on a plan's itinerary: wall-clock start and end in `zone`, with the same
    moments in UTC kept for ordering. `proposal_key` names the proposed appointment it came from."""

    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("end_utc >= start_utc", name="end_after_start"),
        UniqueConstraint("plan_id", "proposal_key", name="uq_appointment_proposal"),
        Index("ix_appointment_plan_start", "plan_id", "start_utc"),
        Index("ix_appointment_plan_step", "plan_id", "step_id"),
        Index("uq_appointment_uid", "uid", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), default=lambda: str(uuid.uuid4()))
    """Lasting identifier: the event's UID in exported calendars, kept through plan files."""
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    step_id: Mapped[str] = mapped_column(ForeignKey("journey_step.id"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    start_local: Mapped[datetime]
    end_local: Mapped[datetime]
    zone: Mapped[str] = mapped_column(String(64))
    start_utc: Mapped[datetime]
    end_utc: Mapped[datetime]
    location: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    proposal_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TripDetailsRow(Base):
    """What the person fills in for the printed itinerary: where they stay and whom to call."""

    __tablename__ = "trip_details"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    hotel_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    hotel_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    hotel_phone: Mapped[str] = mapped_column(Text, default="", server_default="")
    insurance: Mapped[str] = mapped_column(Text, default="", server_default="")
    emergency_contact: Mapped[str] = mapped_column(Text, default="", server_default="")


class RecoveryActivityRow(Base):
    """One activity the patient finds hard (for the Patient-Specific Functional Scale), rated at
    every check-in; named once, in the order they named them."""

    __tablename__ = "recovery_activity"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)


class RecoveryExerciseRow(Base):
    """One exercise of the physiotherapy plan, ticked in the diary on the days it was done."""

    __tablename__ = "recovery_exercise"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)


class CheckInRow(Base):
    """A baseline or check-in: the schedule point it answers ("" for one of the patient's own)
    and the day it was answered, which may be before or after the point's due day."""

    __tablename__ = "check_in"
    __table_args__ = (
        Index(
            "uq_check_in_point",
            "plan_id",
            "point_id",
            unique=True,
            sqlite_where=text("point_id != ''"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    point_id: Mapped[str] = mapped_column(String(16))
    taken_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")


class CheckInValueRow(Base):
    """One answer of a check-in: a measure's value, or one activity's rating."""

    __tablename__ = "check_in_value"
    __table_args__ = (UniqueConstraint("check_in_id", "measure_id", "activity_id", name="uq_check_in_value"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_in.id", ondelete="CASCADE"), index=True)
    measure_id: Mapped[str] = mapped_column(String(32))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("recovery_activity.id", ondelete="CASCADE"))
    value: Mapped[int]


class DiaryEntryRow(Base):
    """One day of the recovery diary; side effects are kept as recorded, never interpreted."""

    __tablename__ = "diary_entry"
    __table_args__ = (UniqueConstraint("plan_id", "entry_on", name="uq_diary_entry_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    entry_on: Mapped[date]
    pain: Mapped[int | None]
    swelling: Mapped[int | None]
    painkillers: Mapped[int | None]
    side_effects: Mapped[str] = mapped_column(String(64), default="")
    """The listed side effects ticked, comma-separated ids."""
    side_effect_other: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class DiaryExerciseRow(Base):
    """An exercise ticked as done in a diary entry."""

    __tablename__ = "diary_exercise"
    entry_id: Mapped[int] = mapped_column(ForeignKey("diary_entry.id", ondelete="CASCADE"), primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("recovery_exercise.id", ondelete="CASCADE"), primary_key=True
    )
