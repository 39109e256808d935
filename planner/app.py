"""Command line entry point: parse arguments, open the data, run a command or the window."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from planner import APP_NAME, __version__
from planner.dates import iso_date
from planner.paths import default_data_dir
from planner.terminal import out, say, shown

if TYPE_CHECKING:
    from planner.services.database import Database

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
EXIT_IN_USE, EXIT_DAMAGED = 6, 7
"""The app is already open with this data; the data file is damaged (the window offers recovery)."""
PAPER_HELP = "paper size of the PDF: a4 or letter (default: from the system's locale)"


class _Parser(argparse.ArgumentParser):
    """Mistakes on the command line end as one `planner: ...` line (after the usage), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"planner: {shown(message)}\n")


def _folder(text: str) -> Path:
    if not text:
        raise argparse.ArgumentTypeError("the data folder cannot be an empty name; give a folder's path")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = "keep the data in DIR instead of the user's data folder"
    parser = _Parser(prog="planner", description=f"{APP_NAME}: plan a treatment trip offline.")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", type=_folder, help=data_dir_help)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, load the data, show the window, and exit 0 once it has been painted",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    plans = commands.add_parser("plans", help="print the plans, one per line")
    export = commands.add_parser(
        "export",
        help="write a plan to files: its printout as PDF, its calendar, the whole plan, its expenses",
    )
    export.add_argument("plan", metavar="PLAN", help="the plan's name, as `planner plans` prints it")
    export.add_argument(
        "--pdf", metavar="FILE", type=Path, help="the printout as a PDF (the itinerary by default)"
    )
    export.add_argument("--ics", metavar="FILE", type=Path, help="the appointments as an iCalendar file")
    export.add_argument("--json", metavar="FILE", type=Path, help="the whole plan as a plan file")
    export.add_argument("--csv", metavar="FILE", type=Path, help="the expense lines as CSV")
    export.add_argument("--paper", choices=("a4", "letter"), help=PAPER_HELP)
    export.add_argument(
        "--printout",
        choices=("itinerary", "checklist", "budget", "comparison", "questions"),
        default="itinerary",
        help="which printout --pdf writes (default: itinerary)",
    )
    imported = commands.add_parser("import", help="add the plan in a plan file")
    imported.add_argument("file", metavar="FILE", type=Path, help="a plan file written by export --json")
    clash = imported.add_mutually_exclusive_group()
    clash.add_argument("--rename", action="store_true", help="if the name is taken, import under a free name")
    clash.add_argument("--replace", action="store_true", help="if the name is taken, replace that plan")
    imported.add_argument("--name", help="import under this name instead of the file's")
    for command in (plans, export, imported):
        # Accept --data-dir after the command's name too; SUPPRESS keeps an earlier value.
        command.add_argument(
            "--data-dir", metavar="DIR", type=_folder, default=argparse.SUPPRESS, help=data_dir_help
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except Exception as error:  # only the failures `_failure` knows; any other is a bug
        failure = _failure(error)
        if failure is None:
            raise
        code, message = failure
        say(message)
        return code


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser().absolute()
    if args.command == "plans":
        return _run_with_data(data_dir, _print_plans)
    if args.command == "export" and not any((args.pdf, args.ics, args.json, args.csv)):
        parser.error("export needs at least one of --pdf, --ics, --json or --csv")
    if args.command in ("export", "import"):
        return _run_with_data(data_dir, lambda db: _transfer(db, args))
    from planner.ui.application import run_gui

    return run_gui(data_dir, smoke=args.smoke)


def _failure(error: Exception) -> tuple[int, str] | None:
    """The exit code and the message for a failure of the data, the disk, a file or a path; None
    for any other error. Every command and the window's start go through here."""
    from sqlalchemy.exc import OperationalError

    from planner.catalogue.errors import CatalogueError
    from planner.datadir import DataDirError, os_error_text
    from planner.platform.instance_lock import AlreadyRunning, LockError
    from planner.services.database import DamagedDatabase, StartupError, StorageError, storage_problem

    if isinstance(error, AlreadyRunning):
        return EXIT_IN_USE, str(error)
    if isinstance(error, DamagedDatabase):
        return EXIT_DAMAGED, str(error)
    if isinstance(error, (DataDirError, StartupError, CatalogueError, StorageError, LockError)):
        return EXIT_FAILURE, str(error)
    if isinstance(error, (OperationalError, sqlite3.OperationalError)):
        problem = storage_problem(error)
        return None if problem is None else (EXIT_FAILURE, f"The data could not be used: {problem}.")
    if isinstance(error, OSError):
        return EXIT_FAILURE, f"Cannot use {os_error_text(error)}."
    return None


def _run_with_data(data_dir: Path, command: Callable[[Database], int]) -> int:
    """Open the data, run `command` on it and close it; failures are left to `main`."""
    from planner.datadir import data_dir_warning, prepare_data_dir
    from planner.platform.instance_lock import lock_data_dir
    from planner.services.database import open_database

    prepare_data_dir(data_dir)
    if (warning := data_dir_warning(data_dir)) is not None:
        say(warning)
    lock = lock_data_dir(data_dir)
    try:
        db = open_database(data_dir)
        try:
            if db.startup_backup_problem is not None:
                say(f"warning: the start-up backup could not be made: {db.startup_backup_problem}")
            return command(db)
        finally:
            db.close()
    finally:
        lock.unlock()


def _transfer(db: Database, args: argparse.Namespace) -> int:
    from planner import commands

    if args.command == "import":
        on_clash = "replace" if args.replace else "rename" if args.rename else "ask"
        return commands.import_file(db, args.file, on_clash, args.name)
    from planner.paper import default_paper, environment_locale

    paper = args.paper or default_paper(environment_locale())
    targets = {"pdf": args.pdf, "ics": args.ics, "json": args.json, "csv": args.csv}
    return commands.export(db, args.plan, targets, paper, args.printout)


def _print_plans(db: Database) -> int:
    from planner.services.plans import list_plans

    for plan in list_plans(db):
        out(plan.name, plan.condition_name, iso_date(plan.departure), iso_date(plan.return_))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
