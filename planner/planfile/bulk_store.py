"""Many rows into one table at once, in the session's transaction.

SQLite's per-statement cost dominates when tens of thousands of small rows go in one by one, so
the rows go in as multi-row INSERT statements (up to ROWS_PER_STATEMENT rows each, within the
driver's limit on bound values) through the driver: half the time of one statement per row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any, cast

from sqlalchemy.orm import Session

from planner.db.cipher import Connection

ROWS_PER_STATEMENT = 200
MOST_VARIABLES = 32_766
"""How many values one statement may bind: SQLite's limit since 3.32 (SQLCipher's builds keep
it or raise it)."""


def insert_rows(
    session: Session,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    same: Mapping[str, object] | None = None,
    offsets: Mapping[str, int] | None = None,
) -> None:
    """Insert `rows` (values in `columns` order) into `table`. `same` gives columns whose value is
    the same in every row; a column in `offsets` stores its row value plus that number (ids from
    positions). Table and column names come from the code, never from a file; values are bound."""
    if not rows:
        return
    same, offsets = same or {}, offsets or {}
    driver = cast(Connection, session.connection().connection.driver_connection)
    shared = [*same.values(), *offsets.values()]
    number = {name: n for n, name in enumerate([*same, *offsets], start=1)}
    width = len(columns)
    per = (MOST_VARIABLES - len(shared)) // width
    per = max(1, min(ROWS_PER_STATEMENT, per))

    def values(count: int) -> str:
        placeholders = []
        for row in range(count):
            cells = [f"?{number[name]}" for name in same]
            for column, name in enumerate(columns):
                cell = f"?{len(shared) + row * width + column + 1}"
                cells.append(f"?{number[name]} + {cell}" if name in offsets else cell)
            placeholders.append(f"({', '.join(cells)})")
        return ", ".join(placeholders)

    head = f"INSERT INTO {table} ({', '.join([*same, *columns])}) VALUES "
    whole = len(rows) - len(rows) % per
    statements = [(per, [rows[start : start + per] for start in range(0, whole, per)])]
    if whole < len(rows):
        statements.append((len(rows) - whole, [rows[whole:]]))
    for count, chunks in statements:
        driver.executemany(head + values(count), [(*shared, *chain.from_iterable(chunk)) for chunk in chunks])
