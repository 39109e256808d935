"""Every table that holds a plan's rows goes with the plan.

The tables are found in the models, not listed here: each one with a `plan_id` column, and each
one whose rows belong to a row of those (a quote's lines, an expense's conversions). A plan with
a row in every one of them comes through a plan file (export, the file reader, import into
another person's database) and through Duplicate with the same rows. A new plan table fails here
until `rich_plan` fills it and the plan file and Duplicate carry it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, ColumnElement, ForeignKey, Integer, MetaData, Table, select

from planner.db.database import Database
from planner.db.models import Base
from planner.planfile.service import OnClash, export_plan, import_plan, read_plan_file
from planner.plans.service import duplicate_plan
from tests.db.planfile.test_plan_transfer import rich_plan


def plan_tables(metadata: MetaData = Base.metadata) -> dict[str, Table]:
    """The tables holding a plan's rows, by name, each after the tables its rows belong to."""
    owned: dict[str, Table] = {}
    for table in metadata.sorted_tables:  # a table comes after those it refers to
        if "plan_id" in table.c or any(key.column.table.name in owned for key in table.foreign_keys):
            owned[table.name] = table
    owned.pop("plan", None)
    return owned


def _belongs(table: Table, plan_id: int, owned: dict[str, Table]) -> ColumnElement[bool]:
    """The condition for `table`'s rows that belong to the plan."""
    if "plan_id" in table.c:
        return table.c.plan_id == plan_id
    key = next(key for key in table.foreign_keys if key.column.table.name in owned)
    parent = owned[key.column.table.name]
    return key.parent.in_(select(key.column).where(_belongs(parent, plan_id, owned)))


def _kept(column: Column[Any]) -> bool:
    """Whether a column's value must come through as it is: not a row's number in this database
    (an id, or a reference to one), which another database or a copy numbers afresh."""
    if column.primary_key and column.autoincrement is not False and column.type.python_type is int:
        return False
    return not any(
        key.column.primary_key and key.column.type.python_type is int for key in column.foreign_keys
    )


FILE_RENEWS = {"shortlist.added_at"}
"""A plan file keeps the shortlist's order, not when each clinic was added: import stamps them anew."""
COPY_RENEWS = {"appointment.uid"}
"""A copy's appointments get calendar ids of their own, so a calendar app never takes them for the
original's."""


def plan_rows(db: Database, plan_id: int, renewed: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Each plan table's rows for the plan, as the values that must come through, sorted; the
    `renewed` columns ("table.column") are left out."""
    owned = plan_tables()
    found = {}
    with db.transaction() as session:
        for name, table in owned.items():
            kept = [c.name for c in table.c if _kept(c) and f"{name}.{c.name}" not in renewed]
            rows = session.execute(select(table).where(_belongs(table, plan_id, owned))).mappings()
            found[name] = sorted((tuple(row[key] for key in kept) for row in rows), key=repr)
    return found


@pytest.fixture
def second(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Iterator[Database]:
    """Another person's fresh database, on another data folder."""
    database = fresh_database(tmp_path / "second")
    yield database
    database.close()


def test_the_plan_tables_are_found_in_the_models() -> None:
    names = set(plan_tables())
    assert {"shortlist", "quote", "quote_line", "expense", "expense_conversion", "appointment"} <= names
    assert names.isdisjoint({"plan", "clinic", "clinic_annotation", "clinic_answer", "own_question"})


def test_a_new_table_with_a_plan_id_and_the_rows_belonging_to_it_are_plan_tables() -> None:
    metadata = MetaData()
    Table("plan", metadata, Column("id", Integer, primary_key=True))
    Table("clinic", metadata, Column("id", Integer, primary_key=True))
    Table("visa", metadata, Column("id", Integer, primary_key=True), Column("plan_id", ForeignKey("plan.id")))
    Table("visa_page", metadata, Column("visa_id", ForeignKey("visa.id")), Column("page", Integer))
    Table("clinic_note", metadata, Column("clinic_id", ForeignKey("clinic.id")))
    assert list(plan_tables(metadata)) == ["visa", "visa_page"]


def test_the_rich_plan_has_a_row_in_every_plan_table(db: Database) -> None:
    rows = plan_rows(db, rich_plan(db), set())
    empty = [name for name, found in rows.items() if not found]
    assert empty == [], "give rich_plan (tests/db/planfile/test_plan_transfer.py) a row in each of these"


def test_every_plan_table_comes_through_a_plan_file(db: Database, second: Database) -> None:
    plan_id = rich_plan(db)
    data = export_plan(db, plan_id)
    imported = import_plan(second, read_plan_file(second, data), OnClash.ASK)
    assert plan_rows(second, imported.id, FILE_RENEWS) == plan_rows(db, plan_id, FILE_RENEWS)


def test_every_plan_table_comes_through_a_duplicate(db: Database) -> None:
    plan_id = rich_plan(db)
    copy = duplicate_plan(db, plan_id)
    assert plan_rows(db, copy.id, COPY_RENEWS) == plan_rows(db, plan_id, COPY_RENEWS)
