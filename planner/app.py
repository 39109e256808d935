"""Command line entry point: parse arguments, open the data, run a command or the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner import APP_NAME, __version__
from planner.dates import iso_date
from planner.paths import default_data_dir

if TYPE_CHECKING:
    from planner.services.database import Database

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
EXIT_IN_USE, EXIT_DAMAGED = 6, 7
"""The app is already open with this data; the data file is damaged (the window offers recovery)."""
PAPER_HELP = "paper size of the PDF: a4 or letter (default: from the system's locale)"


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = "keep the data in DIR instead of the user's data folder"
    parser = argparse.ArgumentParser(
        prog="planner", description=f"{APP_NAME}: plan a treatment trip offline."
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, help=data_dir_help)
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
            "--data-dir", metavar="DIR", type=Path, default=argparse.SUPPRESS, help=data_dir_help
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser().absolute()
    if args.command == "plans":
        return _run_with_data(data_dir, _print_plans)
    if args.command == "export" and not any((args.pdf, args.ics, args.json, args.csv)):
        parser.error("export needs at least one of --pdf, --ics, --json or --csv")
    if args.command in ("export", "import"):
        return _run_with_data(data_dir, lambda db: _transfer(db, args))
    from planner.ui.application import run_gui

    return run_gui(data_dir, smoke=args.smoke)


def _run_with_data(data_dir: Path, command: Callable[[Database], int]) -> int:
    """Open the data, run `command` on it and close it; a failure to open is a message, exit 1."""
    from planner.catalogue.errors import CatalogueError
    from planner.datadir import DataDirError, prepare_data_dir
    from planner.services.database import DamagedDatabase, StartupError, open_database
    from planner.ui.instance_lock import AlreadyRunning, lock_data_dir

    try:
        prepare_data_dir(data_dir)
        lock = lock_data_dir(data_dir)
    except DataDirError as error:
        print(f"planner: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except AlreadyRunning as error:
        print(f"planner: {error}", file=sys.stderr)
        return EXIT_IN_USE
    try:
        db = open_database(data_dir)
    except DamagedDatabase as error:
        print(f"planner: {error}", file=sys.stderr)
        lock.unlock()
        return EXIT_DAMAGED
    except (StartupError, CatalogueError) as error:
        print(f"planner: {error}", file=sys.stderr)
        lock.unlock()
        return EXIT_FAILURE
    try:
        return command(db)
    finally:
        db.close()
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
        print(f"{plan.name}\t{plan.condition_name}\t{iso_date(plan.departure)}\t{iso_date(plan.return_)}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
