"""The catalogue's one action on the data: bringing the database's copy of it up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.catalogue.files import catalogue_fingerprint
from planner.catalogue.meta_store import stored_fingerprint
from planner.db.database import Database


def sync_catalogue(db: Database, catalogue: Path) -> Callable[[bool], None]:
    """The sync of the catalogue in the folder `catalogue` into `db`, in two steps (a DataSync of
    `planner.db.database`). Now, before the database is migrated or changed at all: read the
    files' fingerprint, raising CatalogueError when one cannot be read. The step returned runs
    once the schema is up to date, told whether a migration just ran: in one transaction, it
    writes the catalogue's entries by their stable ids. Files unchanged since the last validated
    sync need no parsing; changed ones are validated in full before anything is written (raising
    CatalogueError, nothing written). A migration may add tables the catalogue fills, so after
    one it always syncs."""
    fingerprint = catalogue_fingerprint(catalogue)

    def write(migrated: bool) -> None:
        with db.transaction() as session:
            if migrated or stored_fingerprint(session) != fingerprint:
                from planner.catalogue.loader import load_catalogue
                from planner.catalogue.sync_store import write_catalogue

                write_catalogue(session, load_catalogue(catalogue))

    return write
