"""The catalogue in the database: loaded on first start, updated by id, user data untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlcipher3 import dbapi2 as sqlite3  # the app's own SQLite: see planner/db/cipher.py

from planner.core import clock
from planner.db.database import Database
from planner.db.models import ClinicAnnotationRow, ClinicRow, ConditionRow, ReferenceRow
from planner.reference.learn_service import list_learn_entries
from planner.startup import open_synced_database


def _clinic(db: Database, catalogue_id: str) -> ClinicRow:
    with db.transaction() as session:
        return session.scalars(select(ClinicRow).where(ClinicRow.catalogue_id == catalogue_id)).one()


def test_first_start_loads_all_four_clinics_and_the_reference(first_start: Database) -> None:
    with first_start.transaction() as session:
        names = set(session.scalars(select(ClinicRow.name)))
        conditions = set(session.scalars(select(ConditionRow.id)))
        reference = session.query(ReferenceRow).count()
    assert names == {
        "Cellinique Clinic",
        "SH Clinic",
        "THEPLUS Plastic Surgery",
        "Lydian Plastic Surgery Clinic",
    }
    assert {"knee-cartilage-damage", "tendonitis", "sprain"} <= conditions
    assert reference > 50


def test_a_users_note_on_a_clinic_survives_a_catalogue_update(data_dir: Path, catalogue_copy: Path) -> None:
    db = open_synced_database(data_dir, catalogue_copy)
    clinic = _clinic(db, "cellinique")
    with db.transaction() as session:
        session.add(
            ClinicAnnotationRow(
                clinic_id=clinic.id,
                note="Asked about cell counts 무릎 🦵",
                rating=4,
                updated_at=clock.utc_now(),
            )
        )
    db.close()

    clinics = catalogue_copy / "clinics.toml"
    text = clinics.read_text(encoding="utf-8")
    assert clinic.focus in text
    clinics.write_text(text.replace(clinic.focus, "Updated description of the clinic."), encoding="utf-8")

    updated = open_synced_database(data_dir, catalogue_copy)
    try:
        after = _clinic(updated, "cellinique")
        assert after.id == clinic.id
        assert after.focus == "Updated description of the clinic."
        with updated.transaction() as session:
            note = session.get_one(ClinicAnnotationRow, clinic.id)
            assert (note.note, note.rating) == ("Asked about cell counts 무릎 🦵", 4)
    finally:
        updated.close()


def test_a_clinic_dropped_by_a_release_is_retired_not_deleted(data_dir: Path, catalogue_copy: Path) -> None:
    open_synced_database(data_dir, catalogue_copy).close()
    clinics = catalogue_copy / "clinics.toml"
    text = clinics.read_text(encoding="utf-8")
    start = text.index('[[clinic]]\nid = "lydian"')
    end = text.find("[[clinic]]", start + 1)
    clinics.write_text(text[:start] + (text[end:] if end >= 0 else ""), encoding="utf-8")

    db = open_synced_database(data_dir, catalogue_copy)
    try:
        assert _clinic(db, "lydian").retired
        assert not _clinic(db, "cellinique").retired
    finally:
        db.close()


def test_every_learn_entry_names_its_article_by_title(db: Database) -> None:
    titles = {
        "Soft Tissue Injury Treatment: Stem Cell Injection Procedures in Korea for Faster Recovery",
        "Cartilage Regeneration in Korea: Stem Cells for Knee Cartilage Repair and Regeneration Procedures",
    }
    entries = list_learn_entries(db)
    assert entries
    for entry in entries:
        assert entry.sources and set(entry.sources) <= titles, entry.id


def test_a_broken_catalogue_update_stops_the_start_and_changes_nothing(
    data_dir: Path, catalogue_copy: Path
) -> None:
    from planner.catalogue.errors import CatalogueError
    from planner.catalogue.meta_store import FINGERPRINT_KEY
    from planner.db.models import AppMeta

    first = open_synced_database(data_dir, catalogue_copy)
    with first.transaction() as session:
        before = session.get_one(AppMeta, FINGERPRINT_KEY).value
    first.close()
    clinics = catalogue_copy / "clinics.toml"
    clinics.write_text(
        clinics.read_text(encoding="utf-8").replace('district = "Sinsa"', ""), encoding="utf-8"
    )

    with pytest.raises(CatalogueError, match='clinic "sh-clinic": missing "district"'):
        open_synced_database(data_dir, catalogue_copy)

    raw = sqlite3.connect(data_dir / "planner.sqlite3")
    try:
        stored = raw.execute("SELECT value FROM app_meta WHERE key = ?", (FINGERPRINT_KEY,)).fetchone()
        district = raw.execute("SELECT district FROM clinic WHERE catalogue_id = 'sh-clinic'").fetchone()
    finally:
        raw.close()
    assert stored == (before,) and district == ("Sinsa",)


def test_the_catalogues_two_source_articles_are_listed_by_title(db: Database) -> None:
    from planner.reference.service import list_sources

    sources = list_sources(db)
    assert [s.id for s in sources] == ["soft-tissue", "knee-cartilage"]
    assert sources[0].title.startswith("Soft Tissue Injury Treatment")
    assert sources[1].title.startswith("Cartilage Regeneration in Korea")
    assert (sources[0].published, sources[1].published) == ("", "2025-09-23")
