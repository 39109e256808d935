"""SQLAlchemy 2 typed models. The schema itself is built by the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, MetaData, String, Text
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
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
