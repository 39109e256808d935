"""Apply the Alembic migrations shipped in the package, backing up first when one is pending.

Alembic is imported only when a migration has to run: an ordinary start reads the stored
revision with one query and compares it with `HEAD_REVISION` (a test keeps the two in step).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0008"
"""The newest revision in migrations/versions; update it with every new migration."""
KNOWN_REVISIONS = frozenset(f"{n:04d}" for n in range(1, int(HEAD_REVISION) + 1))
"""Every revision this version of the app can bring up to date (revisions are numbered)."""


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    """The head according to the migration scripts themselves (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    # Batch migrations rebuild tables; foreign keys stay off while they run (SQLite ignores the
    # pragma inside a transaction) and are checked as a whole before the work is committed.
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"a migration left {len(broken)} broken references: {broken[:3]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
