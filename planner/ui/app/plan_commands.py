"""What the File and Help menus do: plans (new, rename, dates, details, copy, delete), printing
and exports, backups and restore, and the guide and About. Each dialog is kept on the window
while it is open, one of each at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from planner.db.database import DataFileMissing, StorageError
from planner.plans.service import (
    change_dates,
    create_plan,
    delete_plan,
    duplicate_plan,
    name_problem,
    rename_plan,
)
from planner.ui.app.pages import OVERVIEW
from planner.ui.app.plan_wizard import PlanWizard

if TYPE_CHECKING:
    from planner.ui.app.main_window import MainWindow
    from planner.ui.app.trip_dates_dialog import TripDatesDialog

SAVE_COPY, RESTORE_BACKUP = "Save a copy elsewhere…", "Restore from backup…"
"""What the window offers when its data file was deleted or replaced while it was open."""


class PlanCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.db = window.db
        self.prompter = window.prompter

    # --- plans ----------------------------------------------------------------------------
    def new_plan(self) -> None:
        window = self.window
        if window.wizard is not None:
            window.wizard.raise_()
            return
        wizard = PlanWizard(self.db, window)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.accepted.connect(lambda: self._plan_created(wizard))
        wizard.finished.connect(lambda _result: setattr(window, "wizard", None))
        window.wizard = wizard
        wizard.open()

    def _plan_created(self, wizard: PlanWizard) -> None:
        if wizard.created is None:
            return
        self.window.events.announce(create_plan.changes, plan_id=wizard.created.id)
        self.window.show_page(OVERVIEW)
        self.window.say(f"Created the plan “{wizard.created.name}”.")

    def rename_plan(self) -> None:
        plan = self.window.current_plan()
        if plan is None:
            return
        name = self.prompter.ask_text(
            self.window,
            "Rename plan",
            "New name:",
            plan.name,
            lambda text: name_problem(self.db, text, plan.id),
        )
        if name is None:
            return
        renamed = rename_plan(self.db, plan.id, name)
        self.window.events.announce(rename_plan.changes)
        self.window.say(f"Renamed to “{renamed.name}”.")

    def edit_dates(self) -> None:
        plan = self.window.current_plan()
        if plan is None:
            return
        from planner.ui.app.trip_dates_dialog import TripDatesDialog

        dialog = TripDatesDialog(self.db, plan, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._dates_saved(dialog))
        self.window.dates_dialog = dialog
        dialog.open()

    def _dates_saved(self, dialog: TripDatesDialog) -> None:
        if dialog.saved is not None:
            self.window.events.announce(change_dates.changes)
            self.window.say("Trip dates changed; due dates counted from them moved too.")

    def edit_details(self) -> None:
        plan = self.window.current_plan()
        if plan is None:
            return
        from planner.ui.app.trip_details_dialog import TripDetailsDialog

        dialog = TripDetailsDialog(self.db, plan, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.window.say("Trip details saved."))
        self.window.details_dialog = dialog
        dialog.open()

    def duplicate_plan(self) -> None:
        plan = self.window.current_plan()
        if plan is None:
            return
        copy = duplicate_plan(self.db, plan.id)
        self.window.events.announce(duplicate_plan.changes, plan_id=copy.id)
        self.window.say(f"Made a copy: “{copy.name}”.")

    def delete_plan(self) -> None:
        plan = self.window.current_plan()
        if plan is None:
            return
        if not self.prompter.confirm(
            self.window,
            "Delete plan",
            f"Delete the plan “{plan.name}” and everything in it?\n\nA backup of all your plans is "
            "taken first: to get this one back, choose File › Restore from backup and the backup "
            "marked “Before deleting a plan”.",
            "Delete plan",
        ):
            return
        delete_plan(self.db, plan.id)  # a backup first; if it fails, nothing is deleted
        self.window.events.announce(delete_plan.changes)
        self.window.say(f"Deleted the plan “{plan.name}”. File › Restore from backup brings it back.", 8000)

    # --- printing and files ---------------------------------------------------------------
    def print_plan(self, kind: str | None = None) -> None:
        """Open the print dialog on `kind`, or on the printout of the page shown."""
        plan = self.window.current_plan()
        if plan is None:
            return
        from planner.ui.printing.print_dialog import PrintDialog

        chosen = kind or self.window.current_spec().printout
        dialog = PrintDialog(self.db, self.prompter, self.window.settings, plan, chosen, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.print_dialog = dialog
        dialog.open()

    def export_plan(self) -> None:
        if (plan := self.window.current_plan()) is not None:
            self.window.plan_files.export_plan(plan)

    def export_protected_plan(self) -> None:
        if (plan := self.window.current_plan()) is not None:
            self.window.plan_files.export_protected_plan(plan)

    def import_plan(self) -> None:
        self.window.plan_files.import_plan()

    def export_calendar(self) -> None:
        if (plan := self.window.current_plan()) is not None:
            self.window.plan_files.export_calendar(plan)

    def export_expenses(self) -> None:
        if (plan := self.window.current_plan()) is not None:
            self.window.plan_files.export_expenses(plan)

    def export_fhir(self) -> None:
        if (plan := self.window.current_plan()) is not None:
            self.window.plan_files.export_fhir(plan)

    # --- backups --------------------------------------------------------------------------
    def back_up_now(self) -> None:
        try:
            path = self.db.back_up("by-you")
        except StorageError as error:
            self.prompter.error(self.window, "Back up now", str(error))
            return
        self.window.say(f"Backed up all your plans to {path.name}.", 8000)

    def back_up_to(self) -> None:
        title = "Back up to a folder"
        folder = self.prompter.ask_folder(self.window, title)
        if folder is None:
            return
        try:
            path = self.db.back_up_to(folder)
        except StorageError as error:
            self.prompter.error(self.window, title, str(error))
            return
        self.prompter.inform(
            self.window,
            title,
            f"All your plans are backed up in {path}.\n\nTo go back to them, choose File › Restore "
            "from backup, then “Open a backup file…”.",
        )
        self.window.say(f"Backed up all your plans to {path}.", 8000)

    def data_file_gone(self, error: DataFileMissing) -> None:
        """A save was refused because the data file was deleted or replaced: say so, keep saying
        so in the status bar, and offer to save a copy elsewhere or to restore a backup."""
        self.window.gone_label.show()
        text = (
            f"{error}\n\nThe window still shows your plans as they were at the last save, but "
            "nothing you change from now on can be kept.\n\n"
            f"{SAVE_COPY.rstrip('…')} writes all of it to a file you choose, to keep it safe.\n"
            f"{RESTORE_BACKUP.rstrip('…')} puts a backup in place of the lost file (what the window "
            "shows is backed up first, so you can come back to it from the same list); then saving "
            "works again."
        )
        choice = self.prompter.choose(
            self.window,
            "Not saved: your data file is gone",
            text,
            [SAVE_COPY, RESTORE_BACKUP],
            cancel="Close",
        )
        if choice == SAVE_COPY:
            self.save_copy_elsewhere()
        elif choice == RESTORE_BACKUP:
            self.open_restore()

    def save_copy_elsewhere(self) -> None:
        title = "Save a copy of your data"
        path = self.prompter.ask_save_path(
            self.window,
            title,
            "patient-journey-planner-copy.sqlite3",
            "Planner data (*.sqlite3)",
            encrypted=True,  # under the data's own key
        )
        if path is None:
            return
        try:
            self.db.save_copy(path)
        except StorageError as error:
            self.prompter.error(self.window, title, str(error))
            return
        self.prompter.inform(
            self.window,
            title,
            f"All your plans are saved in {path}.\n\nTo use them again, quit the app and put that "
            f"file in the data folder ({self.db.data_dir}) under the name {self.db.path.name}.",
        )
        self.window.say(f"Saved a copy of your data to {path.name}.", 8000)

    def open_restore(self) -> None:
        from planner.ui.app.restore_dialog import RestoreDialog

        window = self.window
        dialog = RestoreDialog(self.db, self.prompter, window)
        window.restore_dialog = dialog
        dialog.restored.connect(self._restored)
        dialog.finished.connect(lambda _result: setattr(window, "restore_dialog", None))
        dialog.open()

    def _restored(self, what: str) -> None:
        self.window.data_replaced()
        self.window.gone_label.setVisible(self.db.gone)
        self.window.say(f"Restored {what}. Your data as it was just before is kept as a backup too.", 10000)

    # --- help -----------------------------------------------------------------------------
    def show_guide(self) -> None:
        window = self.window
        if window.guide_dialog is not None:
            window.guide_dialog.raise_()
            return
        from planner.ui.app.guide_dialog import GuideDialog

        dialog = GuideDialog(self.db.data_dir, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(window, "guide_dialog", None))
        window.guide_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        from planner.ui.app.about_dialog import AboutDialog

        window = self.window
        dialog = AboutDialog(self.db, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(window, "about_dialog", None))
        window.about_dialog = dialog
        dialog.open()
