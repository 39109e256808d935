"""The File menu's exports and import: a whole plan to and from a plan file (protected with a
passphrase when the person asks), the appointments as
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
PROTECT_TITLE = "Export plan with a passphrase"
PROTECT_TEXT = (
    "The plan file will open only with the passphrase you choose here, on any computer. Use at "
    "least 8 characters: a few words together are easy to remember and hard to guess.\n\n"
    "Keep the passphrase somewhere safe. If it is forgotten, the plan in the file cannot be "
    "recovered: not by you, and not by anyone else."
)


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

    def _save(
        self, title: str, suggested: str, file_filter: str, data: Callable[[], bytes], encrypted: bool = False
    ) -> None:
        path = self.prompter.ask_save_path(self.parent, title, suggested, file_filter, encrypted)
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

    def export_protected_plan(self, plan: Plan) -> None:
        """Ask for a new passphrase, then where to save the plan file sealed with it."""
        from planner.core.passphrase import passphrase_problem
        from planner.planfile.sealed import seal
        from planner.planfile.service import export_plan

        passphrase = self.prompter.ask_new_passphrase(
            self.parent, PROTECT_TITLE, PROTECT_TEXT, passphrase_problem
        )
        if passphrase is None:
            return
        self._save(
            PROTECT_TITLE,
            f"{plan.name} (protected).plan.json",
            "Plan files (*.json)",
            lambda: seal(export_plan(self.db, plan.id), passphrase),
            encrypted=True,
        )

    def _unsealed(self, title: str, name: str, data: bytes) -> bytes | None:
        """The plan file in a protected one, once the person types its passphrase; None when
        they cancel. Raises SealedFileError (before asking) when the file is damaged."""
        from planner.planfile.sealed import SealedFileError, check_sealed, unseal

        check_sealed(data)
        opened: list[bytes] = []

        def check(passphrase: str) -> str | None:
            try:
                opened.append(unseal(data, passphrase))
            except SealedFileError as error:
                return str(error)
            return None

        text = f"“{name}” is protected with a passphrase. Type it to import the plan."
        if self.prompter.ask_passphrase(self.parent, title, text, check) is None:
            return None
        return opened[-1]

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
        from planner.planfile.sealed import is_sealed
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
            if is_sealed(data):
                opened = self._unsealed(title, path.name, data)
                if opened is None:
                    return None
                data = opened
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
