"""Developer aid: open the app in a given state, to look at it (e.g. under ../shared/tools/xshot).

    python scripts/show.py DATA_DIR [empty|wizard|wizard-errors|plan|learn] [--size 1280x800]

Creates sample plans in DATA_DIR for the "plan" and "learn" states. Never used by the app itself.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer

from planner.services import plans as plan_service
from planner.services.database import open_database
from planner.ui.application import make_application
from planner.ui.main_window import MainWindow, settings_for
from planner.ui.prompter import Prompter


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("state", default="plan", nargs="?")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--search", default="")
    args = parser.parse_args()
    app = make_application()
    db = open_database(args.data_dir)
    if args.state in ("plan", "learn") and not plan_service.list_plans(db):
        plan_service.create_plan(
            db,
            plan_service.PlanDraft(
                "Knee, Cellinique, March",
                "knee-cartilage-damage",
                "GB",
                "GBP",
                date(2027, 3, 1),
                date(2027, 3, 11),
                "18,000",
            ),
        )
        plan_service.create_plan(
            db,
            plan_service.PlanDraft(
                "Achilles, Lydian, May", "tendonitis", "US", "USD", date(2027, 5, 3), date(2027, 5, 12), ""
            ),
        )
    window = MainWindow(db, Prompter(), settings_for(db))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    if args.state == "learn":
        window.learn_action.trigger()
        window.learn.search.setText(args.search)
    if args.state.startswith("wizard"):
        window.new_plan()
        wizard = window.wizard
        assert wizard is not None
        if args.state == "wizard-errors":
            wizard.name_edit.setText("Knee, Cellinique, March")
            wizard.next()
            wizard.country_combo.setCurrentText("United Kingdom")
            wizard.currency_combo.setCurrentText("GBP")
            wizard.next()
            wizard.return_edit.setDate(wizard.departure_edit.date().addDays(-3))
            wizard.budget_edit.setText("-500")
            QTimer.singleShot(300, wizard.validateCurrentPage)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
