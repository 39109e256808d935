"""The `planner` command line, run as a user or a script would run it: in this process (see
tests/cli_runner.py), and as a process of its own for the start itself (its version, a window
painted)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pypdf
import pytest

from planner import __version__
from planner.app import main
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan, list_plans
from planner.startup import open_synced_database
from tests.cli_runner import run, run_process


def test_version() -> None:
    result = run_process("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"planner {__version__}"


def test_plans_lists_one_per_line_with_data_dir_before_or_after(
    tmp_path: Path, fresh_database: Callable[[Path], Database]
) -> None:
    data = tmp_path / "data"
    db = fresh_database(data)
    for name in ("Knee, Cellinique, March", "무릎 계획"):
        create_plan(
            db, PlanDraft(name, "knee-cartilage-damage", "CA", "CAD", date(2027, 3, 1), date(2027, 3, 10))
        )
    db.close()
    before = run("--data-dir", str(data), "plans")
    after = run("plans", "--data-dir", str(data))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    lines = before.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Knee, Cellinique, March\t") and lines[1].startswith("무릎 계획\t")


def test_smoke_starts_paints_and_exits_zero(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    result = run_process("--smoke", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert (data / "planner.sqlite3").exists()


@pytest.mark.parametrize("command", [["plans"], ["--smoke"]])
def test_a_file_in_place_of_the_data_folder_is_refused_and_untouched(
    tmp_path: Path, command: list[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("my notes")
    result = run(*command, "--data-dir", str(blocker))
    assert result.returncode != 0
    assert "is a file, not a folder" in result.stderr
    assert blocker.read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_unwritable_data_folder_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.setattr("planner.datadir.os.access", lambda _path, _mode: False)
    assert main(["plans", "--data-dir", str(locked)]) == 1
    assert "not writable" in capsys.readouterr().err
    assert list(locked.iterdir()) == []


def test_a_data_folder_that_cannot_be_created_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["--data-dir", str(tmp_path / "file" / "sub"), "plans"]) == 1
    assert "cannot be created" in capsys.readouterr().err


# --- export and import ----------------------------------------------------------------------------

PLAN = "Knee, March"


@pytest.fixture
def data_with_plan(tmp_path: Path, fresh_database: Callable[[Path], Database]) -> Path:
    """A data folder with the plan "Knee, March": one appointment and one expense line."""
    from planner.budget.rules import ExpenseDraft
    from planner.budget.service import save_expense
    from planner.journey.itinerary import AppointmentDraft
    from planner.journey.itinerary_service import save_appointment

    data = tmp_path / "data"
    db = fresh_database(data)
    try:
        plan = create_plan(
            db, PlanDraft(PLAN, "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11))
        )
        start = datetime(2027, 3, 2, 14, 0)
        save_appointment(
            db,
            plan.id,
            AppointmentDraft(
                "arrival-intake",
                "consultation",
                "Meet the surgeon",
                start,
                start.replace(hour=15),
                "Asia/Seoul",
            ),
        )
        save_expense(
            db,
            plan.id,
            ExpenseDraft("Flights to Seoul", "travel", None, "850", "", "GBP", None),
            today=date(2026, 11, 1),
        )
    finally:
        db.close()
    return data


def pdf_size(path: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def plan_lines(data: Path) -> list[str]:
    result = run("plans", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def plan_names(data: Path) -> list[str]:
    """The plans' names, read in this process (quicker than `planner plans`)."""
    db = open_synced_database(data)
    try:
        return [p.name for p in list_plans(db)]
    finally:
        db.close()


def test_export_writes_all_four_files_in_one_command(data_with_plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    files = {kind: out / f"plan.{kind}" for kind in ("pdf", "ics", "json", "csv")}
    flags = [arg for kind, path in files.items() for arg in (f"--{kind}", str(path))]
    result = run("export", PLAN, "--data-dir", str(data_with_plan), *flags, "--paper", "a4")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in files.values())
    assert result.stdout.splitlines() == [f"Wrote {path}" for path in files.values()]
    assert files["pdf"].read_bytes().startswith(b"%PDF")
    assert pdf_size(files["pdf"]) == (595, 842)
    assert "Itinerary" in pypdf.PdfReader(files["pdf"]).pages[0].extract_text()
    calendar = files["ics"].read_text("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in calendar
    assert "Meet the surgeon" in calendar
    plan_file = json.loads(files["json"].read_text("utf-8"))
    assert "format" in plan_file
    rows = list(csv.reader(io.StringIO(files["csv"].read_text("utf-8-sig"))))
    assert rows[0][:3] == ["Description", "Category", "Journey step"]
    assert rows[1][0] == "Flights to Seoul"


def test_export_on_letter_paper_and_another_printout(data_with_plan: Path, tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    result = run("export", PLAN, "--pdf", str(letter), "--paper", "letter", "--data-dir", str(data_with_plan))
    assert result.returncode == 0, result.stderr
    assert pdf_size(letter) == (612, 792)

    checklist = tmp_path / "checklist.pdf"
    result = run(
        "export",
        PLAN.upper(),
        "--pdf",
        str(checklist),
        "--printout",
        "checklist",
        "--data-dir",
        str(data_with_plan),
    )
    assert result.returncode == 0, result.stderr  # the plan's name is matched whatever its capitals
    first = " ".join(pypdf.PdfReader(checklist).pages[0].extract_text().split())
    assert f"{PLAN} · Checklist" in first and "Itinerary" not in first


def test_export_of_an_unknown_plan_or_to_no_file_is_refused(data_with_plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    unknown = run("export", "Hip, June", "--pdf", str(target), "--data-dir", str(data_with_plan))
    assert unknown.returncode == 3
    assert "Hip, June" in unknown.stderr and "planner plans" in unknown.stderr
    assert unknown.stdout == ""
    assert not target.exists()

    nothing = run("export", PLAN, "--data-dir", str(data_with_plan))
    assert nothing.returncode == 2
    assert "at least one of --pdf, --ics, --json, --csv or --fhir" in nothing.stderr


def test_export_to_a_folder_that_does_not_exist_fails_with_a_message(
    data_with_plan: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "plan.ics"
    result = run("export", PLAN, "--ics", str(target), "--data-dir", str(data_with_plan))
    assert result.returncode == 1
    assert "plan.ics" in result.stderr
    assert not (tmp_path / "missing").exists()


@pytest.fixture
def data_with_recovery(data_with_plan: Path) -> Path:
    """The plan "Knee, March" with a treatment day, a baseline and a diary entry with a side effect."""
    from planner.checklist.service import set_treatment_date
    from planner.recovery.rules import CheckInDraft, DiaryDraft
    from planner.recovery.service import save_check_in, save_diary_entry
    from tests.domain.recovery.measures_here import MEASURES

    db = open_synced_database(data_with_plan)
    try:
        [plan] = list_plans(db)
        set_treatment_date(db, plan.id, date(2027, 3, 3))
        baseline = CheckInDraft("baseline", date(2026, 11, 18), {"pain-rest": "4", "pain-activity": "7"})
        save_check_in(db, plan.id, None, baseline, MEASURES)
        day = DiaryDraft(date(2026, 11, 19), pain="5", side_effect_other="무릎이 붓고 뜨거워요")
        save_diary_entry(db, plan.id, None, day, MEASURES)
    finally:
        db.close()
    return data_with_plan


def test_export_fhir_writes_a_valid_r4_bundle_the_same_each_time(
    data_with_recovery: Path, tmp_path: Path
) -> None:
    from fhir.resources.bundle import Bundle

    first, second = tmp_path / "recovery.json", tmp_path / "again.json"
    result = run("export", PLAN, "--fhir", str(first), "--data-dir", str(data_with_recovery))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"Wrote {first}"] and result.stderr == ""
    bundle = Bundle.parse_file(first)
    kinds = [entry.resource.resource_type for entry in bundle.entry]
    # The baseline and its two pain scores, then the diary day with its pain and side effect.
    assert kinds == ["QuestionnaireResponse", "Observation", "Observation"] * 2
    data = json.loads(first.read_text("utf-8"))
    pains = [e["resource"] for e in data["entry"] if e["resource"].get("code", {}).get("coding")]
    assert [(p["code"]["coding"][0]["code"], p["code"]["text"], p["valueInteger"]) for p in pains] == [
        ("72514-3", "Pain at rest", 4),
        ("72514-3", "Pain during activity", 7),
        ("72514-3", "Pain (diary)", 5),
    ]
    assert "무릎이 붓고 뜨거워요" in first.read_text("utf-8")

    again = run("export", PLAN, "--fhir", str(second), "--data-dir", str(data_with_recovery))
    assert again.returncode == 0, again.stderr
    assert second.read_bytes() == first.read_bytes()


def test_export_fhir_to_a_missing_folder_or_of_an_unknown_plan_fails_with_a_message(
    data_with_plan: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "recovery.json"
    result = run("export", PLAN, "--fhir", str(target), "--data-dir", str(data_with_plan))
    assert result.returncode == 1
    assert result.stderr.startswith("planner: ") and "recovery.json" in result.stderr
    assert result.stdout == ""
    other = tmp_path / "x.json"
    unknown = run("export", "Hip, June", "--fhir", str(other), "--data-dir", str(data_with_plan))
    assert unknown.returncode == 3 and "Hip, June" in unknown.stderr
    assert not other.exists()


@pytest.fixture
def plan_file(data_with_plan: Path, tmp_path: Path) -> Path:
    """The plan's file, as `export --json` writes it (that command is run end to end above)."""
    from planner.planfile.service import export_plan

    db = open_synced_database(data_with_plan)
    try:
        [plan] = list_plans(db)
        path = tmp_path / "knee.plan.json"
        path.write_bytes(export_plan(db, plan.id))
    finally:
        db.close()
    return path


def test_import_into_another_data_folder_then_again_as_a_copy_or_in_place(
    plan_file: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    first = run("import", str(plan_file), "--data-dir", str(other))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == f"Imported {PLAN}"
    [line] = plan_lines(other)
    assert line.startswith(f"{PLAN}\tKnee cartilage damage\t2027-03-01\t2027-03-11")

    clash = run("import", str(plan_file), "--data-dir", str(other))
    assert clash.returncode == 4
    assert "--rename" in clash.stderr and "--replace" in clash.stderr
    assert plan_names(other) == [PLAN]

    copy = run("import", str(plan_file), "--rename", "--data-dir", str(other))
    assert copy.returncode == 0, copy.stderr
    assert copy.stdout.strip() == f"Imported {PLAN} (copy)"
    assert plan_names(other) == [PLAN, f"{PLAN} (copy)"]

    replaced = run("import", str(plan_file), "--replace", "--data-dir", str(other))
    assert replaced.returncode == 0, replaced.stderr
    assert sorted(plan_names(other)) == [PLAN, f"{PLAN} (copy)"]


@pytest.mark.parametrize("damage", ["truncated", "missing"])
def test_a_damaged_or_missing_plan_file_is_refused_and_the_data_is_unchanged(
    data_with_plan: Path, plan_file: Path, tmp_path: Path, damage: str
) -> None:
    before = plan_names(data_with_plan)
    broken = tmp_path / "broken.plan.json"
    if damage == "truncated":
        good = plan_file.read_bytes()
        broken.write_bytes(good[: len(good) // 2])
    result = run("import", str(broken), "--rename", "--data-dir", str(data_with_plan))
    assert result.returncode == (5 if damage == "truncated" else 1)
    assert "broken.plan.json" in result.stderr
    assert result.stdout == ""
    assert plan_names(data_with_plan) == before


def test_import_under_another_name(
    data_with_plan: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(plan_file), "--name", "Knee, April", "--data-dir", str(data_with_plan)]) == 0
    assert capsys.readouterr().out == "Imported Knee, April\n"
    assert plan_names(data_with_plan) == ["Knee, April", PLAN]


@pytest.mark.parametrize("name", ["   ", "x" * 121], ids=["blank", "too-long"])
def test_import_refuses_a_name_no_plan_may_have(
    data_with_plan: Path, plan_file: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code = main(["import", str(plan_file), "--name", name, "--data-dir", str(data_with_plan)])
    assert code != 0
    assert plan_names(data_with_plan) == [PLAN]


def test_importing_a_copy_of_a_plan_with_the_longest_name_keeps_to_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_database: Callable[[Path], Database]
) -> None:
    from planner.planfile.service import export_plan
    from planner.plans.rules import MAX_NAME_LENGTH

    data = tmp_path / "data"
    db = fresh_database(data)
    try:
        plan = create_plan(
            db,
            PlanDraft(
                "K" * MAX_NAME_LENGTH,
                "knee-cartilage-damage",
                "GB",
                "GBP",
                date(2027, 3, 1),
                date(2027, 3, 9),
            ),
        )
        (tmp_path / "long.plan.json").write_bytes(export_plan(db, plan.id))
    finally:
        db.close()
    assert main(["import", str(tmp_path / "long.plan.json"), "--rename", "--data-dir", str(data)]) == 0
    assert all(len(name) <= MAX_NAME_LENGTH for name in plan_names(data))


@pytest.mark.parametrize(
    ("where", "value"),
    [("appointment", "0001-01-01T00:00"), ("appointment", "9999-12-31T22:00"), ("stay", "9999-12-31")],
)
def test_import_refuses_a_day_outside_the_apps_window_with_exit_5(
    data_with_plan: Path, plan_file: Path, tmp_path: Path, where: str, value: str
) -> None:
    parsed = json.loads(plan_file.read_text(encoding="utf-8"))
    if where == "appointment":
        parsed["appointments"][0].update(start=value, end=value)
        place = "appointments[0].start"
    else:
        parsed["plan"].update({"departure": value, "return": value})
        parsed["journey_settings"] = {"arrival_date": value, "cells": "same-day", "culture_days": 14}
        place = "plan.departure"
    spoiled = tmp_path / "far.plan.json"
    spoiled.write_text(json.dumps(parsed), encoding="utf-8")
    before = plan_lines(data_with_plan)
    result = run("import", str(spoiled), "--rename", "--data-dir", str(data_with_plan))
    assert result.returncode == 5, result.stderr
    assert place in result.stderr and "Traceback" not in result.stderr
    assert plan_lines(data_with_plan) == before
