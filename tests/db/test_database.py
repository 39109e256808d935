"""The database file: built by the migrations, matching the models, private, safely configured."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.core.paths import BACKUP_DIR, DATABASE_FILE
from planner.db import migrate
from planner.db.database import Database
from planner.db.models import Base
from planner.startup import open_synced_database
from tests.sql_dump import sql_lines


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _contents(db: Database) -> list[str]:
    """The database as SQL. The migrations' table rebuilds may list a table's constraints in
    another order from one run to the next, so each table's clauses are sorted."""
    with db._open_connection() as connection:
        return [" ".join(sorted(line.split(", \n"))) for line in sql_lines(connection)]


def _listing(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): _mode(path) for path in folder.rglob("*")}


def test_migrations_build_exactly_the_models(first_start: Database) -> None:
    with first_start.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert migrate.current_revision(first_start.engine) == migrate.head_revision()


def test_the_head_constant_names_the_newest_migration() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_connections_use_wal_full_sync_and_foreign_keys(db: Database) -> None:
    with db.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA foreign_keys").scalar() == 1


def test_data_folder_and_files_are_private(first_start: Database, data_dir: Path) -> None:
    assert _mode(data_dir) == 0o700
    files = [p for p in data_dir.iterdir() if p.is_file()]
    assert data_dir / DATABASE_FILE in files
    assert all(_mode(p) == 0o600 for p in files), {p.name: oct(_mode(p)) for p in files}


def test_a_fresh_database_needs_no_backup(first_start: Database, data_dir: Path) -> None:
    assert first_start.migration_backup is None and first_start.startup_backup is None
    assert not (data_dir / BACKUP_DIR).exists()


def test_a_pending_migration_is_preceded_by_a_backup(data_dir: Path) -> None:
    first = open_synced_database(data_dir)
    config = migrate.alembic_config()
    with first.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with first.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE user_marker (x TEXT)")
        connection.exec_driver_sql("INSERT INTO user_marker VALUES ('kept')")
    first.close()

    reopened = open_synced_database(data_dir)
    try:
        backup = reopened.migration_backup
        assert backup is not None and backup.exists()
        assert _mode(backup) == 0o600
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT x FROM user_marker").fetchall() == [("kept",)]
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            copy.close()
        assert migrate.current_revision(reopened.engine) == migrate.head_revision()
    finally:
        reopened.close()


def test_reopening_an_up_to_date_database_takes_no_backup(data_dir: Path) -> None:
    open_synced_database(data_dir).close()
    again = open_synced_database(data_dir)
    again.close()
    assert again.migration_backup is None


def test_the_database_most_tests_start_from_is_what_a_first_start_makes(
    first_start: Database, fresh_database: Callable[[Path], Database], tmp_path: Path
) -> None:
    copy = fresh_database(tmp_path / "copy")
    try:
        assert _contents(copy) == _contents(first_start)
        assert _listing(copy.data_dir) == _listing(first_start.data_dir)
        assert (copy.migration_backup, copy.startup_backup) == (None, None)
    finally:
        copy.close()
