"""Command line entry point: parse arguments, open the data, run a command or the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from planner import APP_NAME, __version__
from planner.paths import default_data_dir

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


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
    # Accept --data-dir after the command's name too; SUPPRESS keeps an earlier value.
    plans.add_argument("--data-dir", metavar="DIR", type=Path, default=argparse.SUPPRESS, help=data_dir_help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser().absolute()
    if args.command == "plans":
        return _print_plans(data_dir)
    from planner.ui.application import run_gui

    return run_gui(data_dir, smoke=args.smoke)


def _print_plans(data_dir: Path) -> int:
    from planner.catalogue.errors import CatalogueError
    from planner.services.database import StartupError, open_database
    from planner.services.plans import list_plans

    try:
        db = open_database(data_dir)
    except (StartupError, CatalogueError) as error:
        print(f"planner: {error}", file=sys.stderr)
        return EXIT_FAILURE
    try:
        for plan in list_plans(db):
            print(f"{plan.name}\t{plan.condition_name}\t{plan.departure:%Y-%m-%d}\t{plan.return_:%Y-%m-%d}")
    finally:
        db.close()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
