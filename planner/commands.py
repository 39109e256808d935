"""The `export` and `import` commands: whole plans, printouts, calendars, expense lines and the
recovery for the doctor (FHIR) to and from files, for scripts as much as people. Every message
goes to stderr except what a command was asked to print; the exit codes are in
planner/exit_codes.py and the README."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.core import clock
from planner.db.database import Database
from planner.exit_codes import EXIT_BAD_FILE, EXIT_CLASH, EXIT_FAILURE, EXIT_NO_PLAN, EXIT_OK
from planner.plans.service import Plan, list_plans
from planner.terminal import out, say


def find_plan(db: Database, name: str) -> Plan | None:
    wanted = name.strip().casefold()
    return next((p for p in list_plans(db) if p.name.casefold() == wanted), None)


def _write(path: Path, data: bytes) -> str | None:
    from planner.platform.files import write_bytes_atomically

    return write_bytes_atomically(path, data)


def _pdf(db: Database, plan: Plan, path: Path, paper: str, printout: str) -> str | None:
    from planner.printouts.registry import build_printout
    from planner.ui.printing.printing import write_pdf_without_window

    problem, _pages = write_pdf_without_window(
        build_printout(db, plan.id, printout, clock.today()), paper, path
    )
    return problem


def _ics(db: Database, plan: Plan, path: Path) -> str | None:
    from planner.journey.calendar_service import plan_calendar

    return _write(path, plan_calendar(db, plan.id))


def _json(db: Database, plan: Plan, path: Path, passphrase: str | None) -> str | None:
    from planner.planfile.sealed import seal
    from planner.planfile.service import export_plan

    data = export_plan(db, plan.id)
    return _write(path, data if passphrase is None else seal(data, passphrase))


def _csv(db: Database, plan: Plan, path: Path) -> str | None:
    from planner.budget.service import expenses_csv_text

    return _write(path, expenses_csv_text(db, plan.id).encode("utf-8"))


def _fhir(db: Database, plan: Plan, path: Path) -> str | None:
    from planner.recovery.fhir_service import recovery_fhir_json

    return _write(path, recovery_fhir_json(db, plan.id))


def export(
    db: Database,
    plan_name: str,
    targets: dict[str, Path | None],
    paper: str,
    printout: str = "itinerary",
    protect: bool = False,
) -> int:
    """Write each file asked for; stops at the first that fails. With `protect`, the plan file is
    sealed with a passphrase, had before anything is written."""
    plan = find_plan(db, plan_name)
    if plan is None:
        say(f"no plan is called “{plan_name}”; `planner plans` lists them")
        return EXIT_NO_PLAN
    passphrase = None
    if protect and (json_path := targets.get("json")) is not None:
        from planner.file_passphrase import NoFilePassphrase, new_file_passphrase

        try:
            passphrase = new_file_passphrase(json_path.name)
        except NoFilePassphrase as missing:
            say(str(missing))
            return EXIT_BAD_FILE
    writers: dict[str, Callable[[Path], str | None]] = {
        "pdf": lambda path: _pdf(db, plan, path, paper, printout),
        "ics": lambda path: _ics(db, plan, path),
        "json": lambda path: _json(db, plan, path, passphrase),
        "csv": lambda path: _csv(db, plan, path),
        "fhir": lambda path: _fhir(db, plan, path),
    }
    for kind, path in targets.items():
        if path is None:
            continue
        problem = writers[kind](path)
        if problem:
            say(problem)
            return EXIT_FAILURE
        out(f"Wrote {path}")
    return EXIT_OK


def import_file(db: Database, path: Path, on_clash: str, name: str | None) -> int:
    from planner.datadir import os_error_reason
    from planner.file_passphrase import NoFilePassphrase
    from planner.planfile.service import NameClash, OnClash, PlanFileError, import_plan, read_plan_file

    try:
        data = path.read_bytes()
    except OSError as error:
        say(f"cannot read {path}: {os_error_reason(error)}")
        return EXIT_FAILURE
    try:
        data = _unsealed(data, path.name)
        plan_file = read_plan_file(db, data)
        plan = import_plan(db, plan_file, OnClash(on_clash), name)
    except NameClash as clash:
        say(f"{clash} Add --rename to import it as “{clash.suggested}”, or --replace to replace it.")
        return EXIT_CLASH
    except PlanFileError as error:
        say(f"{path.name} was not imported. {error}")
        return EXIT_BAD_FILE
    except NoFilePassphrase as missing:
        say(str(missing))
        return EXIT_BAD_FILE
    out(f"Imported {plan.name}")
    return EXIT_OK


def _unsealed(data: bytes, file_name: str) -> bytes:
    """The plan file in `data`, opened with its passphrase when it is protected; raises
    NoFilePassphrase, or SealedFileError (a PlanFileError) when the passphrase is wrong."""
    from planner.file_passphrase import file_passphrase
    from planner.planfile.sealed import check_sealed, is_sealed, unseal

    if not is_sealed(data):
        return data
    check_sealed(data)  # a damaged file is said to be so before anyone types a passphrase
    return unseal(data, file_passphrase(file_name))
