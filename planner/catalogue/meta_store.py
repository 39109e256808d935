"""Where the database records which catalogue it holds: the fingerprint of the files it was last
synced from."""

from __future__ import annotations

from sqlalchemy.orm import Session

from planner.db.models import AppMeta

FINGERPRINT_KEY = "catalogue_fingerprint"


def stored_fingerprint(session: Session) -> str | None:
    """The fingerprint of the catalogue last synced into the database; None before the first."""
    meta = session.get(AppMeta, FINGERPRINT_KEY)
    return None if meta is None else meta.value


def record_fingerprint(session: Session, fingerprint: str) -> None:
    meta = session.get(AppMeta, FINGERPRINT_KEY)
    if meta is None:
        session.add(AppMeta(key=FINGERPRINT_KEY, value=fingerprint))
    else:
        meta.value = fingerprint
