"""The File menu's exports and import: a whole plan to and from a plan file, the appointments as
a calendar, the expense lines as CSV, the recovery as FHIR for the doctor. Every file is written
through QSaveFile. The services are imported when used, so start-up does not load them (nor
icalendar)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from planner.db.database import Database
from planner.plans.service import Plan
from planner.platform.files import write_bytes_atomically
from planner.ui.kit.events import AppEvents
from planner.ui.kit.prompter import Prompter

RENAME, REPLACE = "Import as a copy", "Replace it"


class PlanFiles:
    def __init__(
        self,
        db: Database,
        prompter: Prompter,
        events: AppEvents,
        parent: QWidget,
        show: Callable[[str], None],
    ) -> None:
        self.db, self.prompter, self.events, self.parent = db, prompter, events, parent
        self.show = show
        """Shows a short message in the status bar."""

    def _save(self, title: str, suggested: str, file_filter: str, data: Callable[[], bytes]) -> None:
        path = self.prompter.ask_save_path(self.parent, title, suggested, file_filter)
        if path is None:
            return
        problem = write_bytes_atomically(path, data())
        if problem:
            self.prompter.error(self.parent, title, problem)
        else:
            self.show(f"Saved {path.name}.")

    def export_plan(self, plan: Plan) -> None:
        from planner.planfile.service import export_plan

        self._save(
            "Export plan",
            f"{plan.name}.plan.json",
            "Plan files (*.json)",
            lambda: export_plan(self.db, plan.id),
        )

    def export_calendar(self, plan: Plan) -> None:
        from planner.journey.calendar_service import plan_calendar

        self._save(
            "Export calendar",
            f"{plan.name}.ics",
            "Calendar files (*.ics)",
            lambda: plan_calendar(self.db, plan.id),
        )

    def export_expenses(self, plan: Plan) -> None:
        from planner.budget.service import expenses_csv_text

        self._save(
            "Export expenses",
            f"{plan.name} expenses.csv",
            "CSV files (*.csv)",
            lambda: expenses_csv_text(self.db, plan.id).encode("utf-8"),
        )

    def export_fhir(self, plan: Plan) -> None:
        """The recovery records as a FHIR R4 Bundle, for the doctor's system."""
        from planner.recovery.fhir_service import recovery_fhir_json

        self._save(
            "Export for the doctor (FHIR)",
            f"{plan.name} recovery.json",
            "FHIR JSON files (*.json)",
            lambda: recovery_fhir_json(self.db, plan.id),
        )

    def import_plan(self) -> Plan | None:
        """Ask for a plan file and import it; on a name clash, ask whether to import a copy or
        replace the plan. Returns the new plan, or None when nothing was imported."""
        from planner.planfile.service import NameClash, OnClash, PlanFileError, import_plan, read_plan_file

        title = "Import plan"
        path = self.prompter.ask_open_path(self.parent, title, "Plan files (*.json);;All files (*)")
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError as error:
            self.prompter.error(self.parent, title, f"Could not read {path.name}: {error.strerror or error}")
            return None
        try:
            plan_file = read_plan_file(self.db, data)
            try:
                plan = import_plan(self.db, plan_file)
            except NameClash as clash:
                answer = self.prompter.choose(
                    self.parent,
                    title,
                    f"{clash}\n\nImport this one as “{clash.suggested}”, or replace the plan you have "
                    "with the one in the file? Replacing deletes everything in the plan you have.",
                    [RENAME, REPLACE],
                )
                if answer is None:
                    return None
                plan = import_plan(
                    self.db, plan_file, OnClash.REPLACE if answer == REPLACE else OnClash.RENAME
                )
        except PlanFileError as error:
            self.prompter.error(self.parent, title, f"{path.name} was not imported.\n\n{error}")
            return None
        self.events.announce(import_plan.changes, plan_id=plan.id)
        self.show(f"Imported the plan “{plan.name}”.")
        return plan
