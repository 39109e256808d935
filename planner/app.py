"""Command line entry point: parse arguments, open the data, run a command or the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from planner import APP_NAME, __version__
from planner.core.dates import iso_date
from planner.core.limits import PASSPHRASE
from planner.core.paths import default_data_dir
from planner.exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from planner.terminal import out, say, shown

if TYPE_CHECKING:
    from planner.db.database import Database

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
    parser = _Parser(
        prog="planner",
        description=f"{APP_NAME}: plan a treatment trip offline.",
        epilog="If your data is protected with a passphrase, every command reads it from "
        "PLANNER_PASSPHRASE or else asks for it at the terminal, unseen. "
        "`planner COMMAND --help` tells more about a command.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", type=_folder, help=data_dir_help)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, load the data, show the window, and exit 0 once it has been painted",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    plans = commands.add_parser(
        "plans",
        help="print the plans, one per line",
        description="Print your plans, one per line: name, condition, departure and return, "
        "separated by tabs.",
    )
    export = commands.add_parser(
        "export",
        help="write a plan to files: its printout as PDF, its calendar, the whole plan, its expenses, "
        "its recovery for the doctor",
        description="Write a plan to files: give at least one of --pdf, --ics, --json, --csv and "
        "--fhir. Each file is written whole or not at all.",
    )
    export.add_argument("plan", metavar="PLAN", help="the plan's name, as `planner plans` prints it")
    export.add_argument(
        "--pdf", metavar="FILE", type=Path, help="the printout as a PDF (the itinerary by default)"
    )
    export.add_argument("--ics", metavar="FILE", type=Path, help="the appointments as an iCalendar file")
    export.add_argument("--json", metavar="FILE", type=Path, help="the whole plan as a plan file")
    export.add_argument(
        "--protect",
        action="store_true",
        help="protect the --json plan file with a passphrase: from PLANNER_FILE_PASSPHRASE, "
        "else typed twice at the terminal",
    )
    export.add_argument("--csv", metavar="FILE", type=Path, help="the expense lines as CSV")
    export.add_argument(
        "--fhir", metavar="FILE", type=Path, help="the recovery records as a FHIR R4 Bundle, for the doctor"
    )
    export.add_argument("--paper", choices=("a4", "letter"), help=PAPER_HELP)
    export.add_argument(
        "--printout",
        choices=("itinerary", "checklist", "budget", "comparison", "questions", "recovery"),
        default="itinerary",
        help="which printout --pdf writes (default: itinerary)",
    )
    imported = commands.add_parser(
        "import",
        help="add the plan in a plan file",
        description="Add the plan in a plan file written by `planner export --json`. A protected "
        "file's passphrase comes from PLANNER_FILE_PASSPHRASE or else is typed at the terminal.",
    )
    imported.add_argument("file", metavar="FILE", type=Path, help="a plan file written by export --json")
    clash = imported.add_mutually_exclusive_group()
    clash.add_argument("--rename", action="store_true", help="if the name is taken, import under a free name")
    clash.add_argument("--replace", action="store_true", help="if the name is taken, replace that plan")
    imported.add_argument("--name", help="import under this name instead of the file's")
    protection = (
        commands.add_parser(
            "protect",
            help="encrypt the data and its backups with a new passphrase",
            description="Encrypt your data and every backup of it with a new passphrase, from "
            "PLANNER_NEW_PASSPHRASE or else typed twice at the terminal, unseen. It needs "
            f"{PASSPHRASE.least} to {PASSPHRASE.most:,} characters. Nobody can recover your data "
            "without it: keep it safe.",
        ),
        commands.add_parser(
            "change-passphrase",
            help="encrypt the data and its backups with another passphrase",
            description="Encrypt your data and its backups with a new passphrase instead of the "
            "current one. The current one comes from PLANNER_PASSPHRASE, the new one from "
            "PLANNER_NEW_PASSPHRASE; each one not set is typed at the terminal, unseen (the new "
            "one twice).",
        ),
        commands.add_parser(
            "unprotect",
            help="remove the passphrase: write the data and its backups plain again",
            description="Write your data and its backups plain again, no longer encrypted. The "
            "passphrase comes from PLANNER_PASSPHRASE or else is typed at the terminal, unseen.",
        ),
    )
    for command in (plans, export, imported, *protection):
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
    except KeyboardInterrupt:
        say("stopped by Ctrl+C; every file is whole, as it was before or after its last change")
        return EXIT_INTERRUPTED
    except Exception as error:  # only the failures the start-up table knows; any other is a bug
        from planner.startup import failure

        known = failure(error)
        if known is None:
            raise
        say(known.message)
        return known.code


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser().absolute()
    if args.command == "plans":
        return _run_with_data(data_dir, _print_plans)
    if args.command == "export" and not any((args.pdf, args.ics, args.json, args.csv, args.fhir)):
        parser.error("export needs at least one of --pdf, --ics, --json, --csv or --fhir")
    if args.command == "export" and args.protect and not args.json:
        parser.error("--protect protects the plan file: give --json FILE too")
    if args.command in ("export", "import"):
        return _run_with_data(data_dir, lambda db: _transfer(db, args))
    if args.command in ("protect", "change-passphrase", "unprotect"):
        from planner.protection.commands import run_protection_command

        return run_protection_command(data_dir, args.command)
    from planner.ui.app.application import run_gui

    return run_gui(data_dir, smoke=args.smoke)


def _run_with_data(data_dir: Path, command: Callable[[Database], int]) -> int:
    """Open the data, run `command` on it and close it; failures are left to `main`."""
    from planner.passphrase_input import TerminalUnlock
    from planner.startup import open_data

    with open_data(data_dir, unlock=TerminalUnlock()) as data:
        if data.db.startup_backup_problem is not None:
            say(f"warning: the start-up backup could not be made: {data.db.startup_backup_problem}")
        return command(data.db)


def _transfer(db: Database, args: argparse.Namespace) -> int:
    from planner import commands

    if args.command == "import":
        on_clash = "replace" if args.replace else "rename" if args.rename else "ask"
        return commands.import_file(db, args.file, on_clash, args.name)
    from planner.printouts.paper import default_paper, environment_locale

    paper = args.paper or default_paper(environment_locale())
    targets = {"pdf": args.pdf, "ics": args.ics, "json": args.json, "csv": args.csv, "fhir": args.fhir}
    return commands.export(db, args.plan, targets, paper, args.printout, protect=args.protect)


def _print_plans(db: Database) -> int:
    from planner.plans.service import list_plans

    for plan in list_plans(db):
        out(plan.name, plan.condition_name, iso_date(plan.departure), iso_date(plan.return_))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
