"""The whole of a database as lines of text, for tests that compare one before and after: the
schema, then every row of every table in rowid order. (The app's SQLite driver has no
`iterdump`.)"""

from __future__ import annotations

from typing import Any


def sql_lines(connection: Any) -> list[str]:
    schema = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
    ).fetchall()
    lines = [f"{sql};" for _kind, _name, sql in schema]
    for kind, name, _sql in schema:
        if kind != "table" or name.startswith("sqlite_"):
            continue
        for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
            lines.append(f"{name} {row!r}")
    return lines
