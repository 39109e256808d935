"""Open the app's database: check the folder, back up and migrate if needed, sync the catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from planner.catalogue.errors import CatalogueError
from planner.catalogue.files import catalogue_fingerprint
from planner.datadir import DataDirError, create_private_file, prepare_data_dir
from planner.db import migrate
from planner.db.backup import backup_database
from planner.db.catalogue_meta import FINGERPRINT_KEY
from planner.db.engine import make_engine
from planner.db.models import AppMeta
from planner.paths import DATABASE_FILE, SETTINGS_FILE, catalogue_dir

__all__ = ["CatalogueError", "DataDirError", "Database", "StartupError", "open_database"]


class StartupError(Exception):
    """The app cannot open its data; the message says why in plain words."""


@dataclass
class Database:
    data_dir: Path
    path: Path
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    migration_backup: Path | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error."""
        with self.sessions.begin() as session:
            yield session

    def settings_path(self) -> Path:
        """The window-settings file beside the database, created owner-only."""
        path = self.data_dir / SETTINGS_FILE
        create_private_file(path)
        return path

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path, catalogue_path: Path | None = None) -> Database:
    try:
        prepare_data_dir(data_dir)
    except DataDirError as error:
        raise StartupError(str(error)) from error
    catalogue_path = catalogue_path or catalogue_dir()
    fingerprint = catalogue_fingerprint(catalogue_path)
    path = data_dir / DATABASE_FILE
    engine = make_engine(path)
    try:
        return _prepare(data_dir, path, engine, catalogue_path, fingerprint)
    except BaseException:
        engine.dispose()
        raise


def _prepare(data_dir: Path, path: Path, engine: Engine, catalogue_path: Path, fingerprint: str) -> Database:
    """Migrate (after a backup) and sync the catalogue; any failure leaves the data as it was."""
    backup = None
    migrated = migrate.is_pending(engine)
    if migrated:
        if inspect(engine).get_table_names():
            backup = backup_database(path, "pre-migration")
        migrate.upgrade_to_head(engine)
    db = Database(data_dir, path, engine, sessionmaker(engine, expire_on_commit=False), backup)
    with db.transaction() as session:
        # Files unchanged since the last validated sync need no parsing; changed ones are
        # validated in full before anything is written.
        stored = session.get(AppMeta, FINGERPRINT_KEY)
        # A migration may add tables the catalogue fills, so it always re-syncs.
        if migrated or stored is None or stored.value != fingerprint:
            from planner.catalogue.loader import load_catalogue
            from planner.db.catalogue_sync import sync_catalogue

            sync_catalogue(session, load_catalogue(catalogue_path))
    return db
