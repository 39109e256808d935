"""Stepping a database back to an older revision, to test upgrading data stored the old way."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from planner.db import migrate


def step_back(engine: Engine, revision: str) -> None:
    """Downgrade today's database to `revision`, with foreign keys off as upgrade_to_head has them."""
    config = migrate.alembic_config()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
