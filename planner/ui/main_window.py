"""The main window: plan selector, navigation between pages, menus, status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from planner import APP_NAME, clock
from planner.services import budget_summary
from planner.services import checklist as checklist_service
from planner.services import journey as journey_service
from planner.services import learn as learn_service
from planner.services import plans as plan_service
from planner.services.database import Database, DataFileMissing, StorageError
from planner.services.plans import Plan
from planner.ui.events import AppEvents
from planner.ui.learn_page import LearnPage
from planner.ui.overview_page import OverviewPage
from planner.ui.plan_files import PlanFiles
from planner.ui.plan_list_model import PlanListModel
from planner.ui.plan_wizard import PlanWizard
from planner.ui.prompter import Prompter
from planner.ui.unshown_plan_page import UnshownPlan, UnshownPlanPage
from planner.ui.welcome_page import WelcomePage

if TYPE_CHECKING:
    from planner.ui.about_dialog import AboutDialog
    from planner.ui.budget_page import BudgetPage
    from planner.ui.checklist_page import ChecklistPage
    from planner.ui.clinics_page import ClinicsPage
    from planner.ui.guide_dialog import GuideDialog
    from planner.ui.itinerary_page import ItineraryPage
    from planner.ui.journey_page import JourneyPage
    from planner.ui.trip_dates_dialog import TripDatesDialog

NAV_OVERVIEW, NAV_JOURNEY, NAV_ITINERARY, NAV_CLINICS, NAV_BUDGET, NAV_CHECKLIST, NAV_LEARN = range(7)
PAGE_KEYS = ("overview", "journey", "itinerary", "clinics", "budget", "checklist", "learn")
"""How the last page shown is remembered (by name, so adding a page does not shift it)."""
PAGE_PRINTOUTS = {"checklist": "checklist", "budget": "budget", "clinics": "comparison"}
"""The printout Print offers first on a page; the itinerary elsewhere."""
SAVE_COPY, RESTORE_BACKUP = "Save a copy elsewhere…", "Restore from backup…"
"""What the window offers when its data file was deleted or replaced while it was open."""


class MainWindow(QMainWindow):
    def __init__(self, db: Database, prompter: Prompter, settings: QSettings) -> None:
        super().__init__()
        self.db = db
        self.prompter = prompter
        self.settings = settings
        prompter.remember_in(settings)  # file dialogs start in the folder last used
        self.events = AppEvents(self)
        self.plan_files = PlanFiles(
            db, prompter, self.events, self, lambda text: self.statusBar().showMessage(text, 5000)
        )
        self.wizard: PlanWizard | None = None
        self.restore_dialog: QDialog | None = None
        self.dates_dialog: TripDatesDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.guide_dialog: GuideDialog | None = None
        self._overview_fresh = False
        """Whether the overview shows the current plan as it is (one read per visit, not two)."""
        self.unshown: UnshownPlan | None = None
        """The current plan, when its data could not be read: the pages do not show it."""
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(760, 520)

        self.plans = PlanListModel()
        self.plan_combo = QComboBox()
        self.plan_combo.setModel(self.plans)
        self.plan_combo.setAccessibleName("Current plan")
        self.plan_combo.setMinimumWidth(280)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)

        self.welcome = WelcomePage()
        self.overview = OverviewPage(self.events)
        self.learn = LearnPage()
        self.unshown_page = UnshownPlanPage()
        self._clinics: ClinicsPage | None = None
        self._budget: BudgetPage | None = None
        self._checklist: ChecklistPage | None = None
        self._journey: JourneyPage | None = None
        self._itinerary: ItineraryPage | None = None
        self.stack = QStackedWidget()
        for page in (self.welcome, self.overview, self.learn, self.unshown_page):
            self.stack.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Pages")
        self.nav.addItems(
            ["Plan overview", "Journey", "Itinerary", "Clinics", "Budget", "Checklist", "Learn"]
        )
        self.nav.setFixedWidth(170)
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.data_label = QLabel(f"Data: {db.data_dir}")
        self.data_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.data_label)
        self.gone_label = QLabel("Not saving: your data file was deleted or replaced")
        self.gone_label.setObjectName("dataFileGone")
        self.gone_label.hide()
        self.statusBar().addPermanentWidget(self.gone_label)

        self.welcome.create_requested.connect(self.new_plan)
        self.welcome.learn_requested.connect(lambda: self.nav.setCurrentRow(NAV_LEARN))
        self.unshown_page.export_requested.connect(self._export_plan)
        self.unshown_page.delete_requested.connect(self.delete_plan)
        self.unshown_page.choose_requested.connect(self._choose_plan)
        self.events.changed.connect(self._data_changed)
        self.events.print_requested.connect(self.print_plan)

        self.learn.set_entries(learn_service.list_learn_entries(db))
        self._steps = journey_service.list_steps(db)
        self._restore_state()

    # --- building -------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "&New plan…", "Ctrl+N", self.new_plan, "Create a plan with a short wizard"
        )
        self.rename_action = self._action("Rena&me plan…", "F2", self.rename_plan)
        self.dates_action = self._action(
            "Trip &dates…", "Ctrl+T", self.edit_dates, "Change departure, return and treatment dates"
        )
        self.duplicate_action = self._action(
            "D&uplicate plan", "Ctrl+D", self.duplicate_plan, "Make a copy of this plan to try other choices"
        )
        self.delete_action = self._action("De&lete plan…", "Ctrl+Del", self.delete_plan)
        self.details_action = self._action(
            "Trip det&ails…",
            None,
            self.edit_details,
            "Hotel, insurance and emergency contact for the printout",
        )
        self.print_action = self._action(
            "&Print…",
            QKeySequence.StandardKey.Print,
            lambda: self.print_plan(),
            "Print, preview or save as PDF",
        )
        self.export_plan_action = self._action(
            "&Export plan…",
            "Ctrl+E",
            self._export_plan,
            "Save the whole plan in a file to open on another computer",
        )
        self.import_plan_action = self._action(
            "&Import plan…", "Ctrl+I", self.plan_files.import_plan, "Add a plan from a plan file"
        )
        self.calendar_action = self._action(
            "Export &calendar (.ics)…", None, self._export_calendar, "The appointments, for your calendar app"
        )
        self.csv_action = self._action(
            "Export expenses (CS&V)…", None, self._export_expenses, "The expense lines, for a spreadsheet"
        )
        self.backup_action = self._action(
            "&Back up now", None, self.back_up_now, "Make a backup of all your plans now"
        )
        self.backup_to_action = self._action(
            "Back up &to…",
            None,
            self.back_up_to,
            "Copy all your plans to a folder you choose, such as a USB stick",
        )
        self.restore_action = self._action(
            "&Restore from backup…", None, self.open_restore, "Go back to the data as it was in a backup"
        )
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        self.overview_action = self._action(
            "Plan &overview", "Ctrl+1", lambda: self.nav.setCurrentRow(NAV_OVERVIEW)
        )
        self.journey_action = self._action("&Journey", "Ctrl+2", lambda: self.nav.setCurrentRow(NAV_JOURNEY))
        self.itinerary_action = self._action(
            "&Itinerary", "Ctrl+3", lambda: self.nav.setCurrentRow(NAV_ITINERARY)
        )
        self.clinics_action = self._action("&Clinics", "Ctrl+4", lambda: self.nav.setCurrentRow(NAV_CLINICS))
        self.budget_action = self._action("&Budget", "Ctrl+5", lambda: self.nav.setCurrentRow(NAV_BUDGET))
        self.checklist_action = self._action(
            "Chec&klist", "Ctrl+6", lambda: self.nav.setCurrentRow(NAV_CHECKLIST)
        )
        self.learn_action = self._action("&Learn", "Ctrl+7", lambda: self.nav.setCurrentRow(NAV_LEARN))
        self.search_action = self._action(
            "&Search", "Ctrl+F", self._search, "Search the clinics on the Clinics page, else the reference"
        )
        self.guide_action = self._action(
            "&User guide", "F1", self.show_guide, "What each page is for, shortcuts, your data and backups"
        )
        self.about_action = self._action(
            f"&About {APP_NAME}", None, self.show_about, "Version, licence, data folder and sources"
        )

    def _build_toolbar(self) -> None:
        bar = QToolBar("Plan")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        label = QLabel("  &Plan: ")
        label.setBuddy(self.plan_combo)
        bar.addWidget(label)
        bar.addWidget(self.plan_combo)
        bar.addSeparator()
        bar.addAction(self.new_action)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (
            self.new_action,
            self.rename_action,
            self.dates_action,
            self.details_action,
            self.duplicate_action,
            self.delete_action,
            None,
            self.print_action,
            self.calendar_action,
            self.csv_action,
            None,
            self.export_plan_action,
            self.import_plan_action,
            None,
            self.backup_action,
            self.backup_to_action,
            self.restore_action,
        ):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menus.addMenu("&View")
        for action in (
            self.overview_action,
            self.journey_action,
            self.itinerary_action,
            self.clinics_action,
            self.budget_action,
            self.checklist_action,
            self.learn_action,
            self.search_action,
        ):
            view_menu.addAction(action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)

    @property
    def clinics(self) -> ClinicsPage:
        """The Clinics page, built the first time it is needed (start-up does not pay for it)."""
        if self._clinics is None:
            from planner.ui.clinics_page import ClinicsPage

            self._clinics = ClinicsPage(self.db, self.prompter, self.events)
            self.stack.addWidget(self._clinics)
            self._clinics.set_plan(self._plan_for_pages())
        return self._clinics

    @property
    def budget(self) -> BudgetPage:
        """The Budget page, built the first time it is needed."""
        if self._budget is None:
            from planner.ui.budget_page import BudgetPage

            self._budget = BudgetPage(self.db, self.prompter, self.events)
            self.stack.addWidget(self._budget)
            self._budget.set_plan(self._plan_for_pages())
        return self._budget

    @property
    def checklist(self) -> ChecklistPage:
        """The Checklist page, built the first time it is needed."""
        if self._checklist is None:
            from planner.ui.checklist_page import ChecklistPage

            self._checklist = ChecklistPage(self.db, self.prompter, self.events)
            self.stack.addWidget(self._checklist)
            self._checklist.set_plan(self._plan_for_pages())
        return self._checklist

    @property
    def journey(self) -> JourneyPage:
        """The Journey page, built the first time it is needed."""
        if self._journey is None:
            from planner.ui.journey_page import JourneyPage

            self._journey = JourneyPage(self.db, self.prompter, self.events)
            self.stack.addWidget(self._journey)
            self._journey.set_plan(self._plan_for_pages())
        return self._journey

    @property
    def itinerary(self) -> ItineraryPage:
        """The Itinerary page, built the first time it is needed."""
        if self._itinerary is None:
            from planner.ui.itinerary_page import ItineraryPage

            self._itinerary = ItineraryPage(self.db, self.prompter, self.events)
            self.stack.addWidget(self._itinerary)
            self._itinerary.set_plan(self._plan_for_pages())
        return self._itinerary

    def _built_pages(self) -> list[ClinicsPage | BudgetPage | ChecklistPage | JourneyPage | ItineraryPage]:
        pages = (self._clinics, self._budget, self._checklist, self._journey, self._itinerary)
        return [page for page in pages if page is not None]

    # --- state ----------------------------------------------------------------------------
    def current_plan(self) -> Plan | None:
        return self.plans.plan_at(self.plan_combo.currentIndex())

    def _plan_for_pages(self) -> Plan | None:
        """The plan the pages show: none while the current one cannot be shown."""
        return None if self.unshown is not None else self.current_plan()

    def _reload_plans(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (p.id if (p := self.current_plan()) else None)
        plans = plan_service.list_plans(self.db)
        self.plan_combo.blockSignals(True)
        self.plans.set_plans(plans)
        row = self.plans.row_of(keep) if keep is not None else -1
        self.plan_combo.setCurrentIndex(row if row >= 0 else (0 if plans else -1))
        self.plan_combo.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self) -> None:
        plan = self.current_plan()
        self.unshown = None
        self._enable_plan_actions()
        self.plan_combo.setEnabled(plan is not None)
        self.setWindowTitle(f"{plan.name} — {APP_NAME}" if plan is not None else APP_NAME)
        self._guarded(plan, lambda: self._load_plan(plan))
        self._show_page(self.nav.currentRow())

    def _enable_plan_actions(self) -> None:
        has_plan = self.current_plan() is not None
        for action in (self.rename_action, self.delete_action, self.export_plan_action):
            action.setEnabled(has_plan)
        # What reads the whole plan waits until it can be shown.
        for action in (
            self.dates_action,
            self.details_action,
            self.duplicate_action,
            self.print_action,
            self.calendar_action,
            self.csv_action,
        ):
            action.setEnabled(has_plan and self.unshown is None)

    def _load_plan(self, plan: Plan | None) -> None:
        for page in self._built_pages():
            page.set_plan(plan)
        if plan is not None:
            self._show_overview(plan)

    def _guarded(self, plan: Plan | None, load: Callable[[], None]) -> None:
        """Run `load`, which reads `plan` into the pages. One plan whose data cannot be read must
        not stop the window: on an unexpected error the plan is marked as one that cannot be
        shown, which says why and offers the other plans, export and delete."""
        try:
            load()
        except StorageError:
            raise  # the disk or the file, not the plan: told as "Not saved"
        except Exception as error:
            if plan is None:
                raise
            self.unshown = UnshownPlan(plan.id, plan.name, error)
            self._overview_fresh = False
            for page in self._built_pages():
                page.set_plan(None)
            self._enable_plan_actions()
            self.unshown_page.show_problem(self.unshown, self.plans.rowCount() - 1)
            self.stack.setCurrentWidget(self.unshown_page)

    def _choose_plan(self) -> None:
        self.plan_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        self.plan_combo.showPopup()

    def _show_page(self, row: int) -> None:
        if row != NAV_OVERVIEW:
            self._overview_fresh = False  # other pages may change what the overview sums up
        if row == NAV_LEARN:
            self.stack.setCurrentWidget(self.learn)
        elif self.unshown is not None:
            self.stack.setCurrentWidget(self.unshown_page)
        else:
            self._guarded(self.current_plan(), lambda: self._show_plan_page(row))

    def _show_plan_page(self, row: int) -> None:
        if row == NAV_JOURNEY:
            self.stack.setCurrentWidget(self.journey)
        elif row == NAV_ITINERARY:
            self.stack.setCurrentWidget(self.itinerary)
        elif row == NAV_CLINICS:
            self.stack.setCurrentWidget(self.clinics)
        elif row == NAV_BUDGET:
            self.stack.setCurrentWidget(self.budget)
        elif row == NAV_CHECKLIST:
            self.stack.setCurrentWidget(self.checklist)
        elif (plan := self.current_plan()) is None:
            self.stack.setCurrentWidget(self.welcome)
        else:
            if not self._overview_fresh:
                self._show_overview(plan)
            self.stack.setCurrentWidget(self.overview)

    def _show_overview(self, plan: Plan) -> None:
        self.overview.show_plan(
            plan,
            self._steps,
            checklist_service.glance(self.db, plan.id),
            journey_service.load_journey(self.db, plan.id),
            budget_summary.budget_glance(self.db, plan.id, clock.today()),
        )
        self._overview_fresh = True

    def _data_changed(self, kind: str, focus_id: object) -> None:
        if kind == "plans":
            self._reload_plans(focus_id if isinstance(focus_id, int) else None)
            return
        if kind in ("journey", "itinerary", "checklist"):
            # The page that made the change shows it already; the others read again when shown.
            for page in (self._journey, self._itinerary, self._checklist):
                if page is not None and not page.isVisible():
                    page.reload()
            return
        if kind == "quotes" and self._budget is not None:
            self._budget.reload()  # an accepted quote's total and deposit feed the estimate
        if self._clinics is None:
            return
        if kind == "clinics":
            self._clinics.reload(focus_id if isinstance(focus_id, int) else None)
        elif kind in ("quotes", "answers"):
            # The panel that made the change has already shown it; only the tab counts follow.
            self._clinics.detail.update_counts()

    # --- actions --------------------------------------------------------------------------
    def new_plan(self) -> None:
        if self.wizard is not None:
            self.wizard.raise_()
            return
        wizard = PlanWizard(self.db, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.accepted.connect(lambda: self._plan_created(wizard))
        wizard.finished.connect(lambda _result: setattr(self, "wizard", None))
        self.wizard = wizard
        wizard.open()

    def _plan_created(self, wizard: PlanWizard) -> None:
        if wizard.created is None:
            return
        self.events.changed.emit("plans", wizard.created.id)
        self.nav.setCurrentRow(NAV_OVERVIEW)
        self.statusBar().showMessage(f"Created the plan “{wizard.created.name}”.", 5000)

    def rename_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        name = self.prompter.ask_text(
            self,
            "Rename plan",
            "New name:",
            plan.name,
            lambda text: plan_service.name_problem(self.db, text, plan.id),
        )
        if name is None:
            return
        renamed = plan_service.rename_plan(self.db, plan.id, name)
        self.events.changed.emit("plans", renamed.id)
        self.statusBar().showMessage(f"Renamed to “{renamed.name}”.", 5000)

    def edit_dates(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        from planner.ui.trip_dates_dialog import TripDatesDialog

        dialog = TripDatesDialog(self.db, plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._dates_saved(dialog))
        self.dates_dialog = dialog
        dialog.open()

    def _dates_saved(self, dialog: TripDatesDialog) -> None:
        if dialog.saved is not None:
            self.events.changed.emit("plans", dialog.saved.id)
            self.statusBar().showMessage("Trip dates changed; due dates counted from them moved too.", 5000)

    def print_plan(self, kind: str | None = None) -> None:
        """Open the print dialog on `kind`, or on the printout of the page shown."""
        plan = self.current_plan()
        if plan is None:
            return
        from planner.ui.print_dialog import PrintDialog

        chosen = kind or PAGE_PRINTOUTS.get(PAGE_KEYS[max(self.nav.currentRow(), 0)], "itinerary")
        dialog = PrintDialog(self.db, self.prompter, self.settings, plan, chosen, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.print_dialog = dialog
        dialog.open()

    def edit_details(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        from planner.ui.trip_details_dialog import TripDetailsDialog

        dialog = TripDetailsDialog(self.db, plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage("Trip details saved.", 5000))
        self.details_dialog = dialog
        dialog.open()

    def _export_plan(self) -> None:
        if (plan := self.current_plan()) is not None:
            self.plan_files.export_plan(plan)

    def _export_calendar(self) -> None:
        if (plan := self.current_plan()) is not None:
            self.plan_files.export_calendar(plan)

    def _export_expenses(self) -> None:
        if (plan := self.current_plan()) is not None:
            self.plan_files.export_expenses(plan)

    def duplicate_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        copy = plan_service.duplicate_plan(self.db, plan.id)
        self.events.changed.emit("plans", copy.id)
        self.statusBar().showMessage(f"Made a copy: “{copy.name}”.", 5000)

    def delete_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        if not self.prompter.confirm(
            self,
            "Delete plan",
            f"Delete the plan “{plan.name}” and everything in it?\n\nA backup of all your plans is "
            "taken first: to get this one back, choose File › Restore from backup and the backup "
            "marked “Before deleting a plan”.",
            "Delete plan",
        ):
            return
        plan_service.delete_plan(self.db, plan.id)  # a backup first; if it fails, nothing is deleted
        self.events.changed.emit("plans", None)
        self.statusBar().showMessage(
            f"Deleted the plan “{plan.name}”. File › Restore from backup brings it back.", 8000
        )

    def back_up_now(self) -> None:
        try:
            path = self.db.back_up("by-you")
        except StorageError as error:
            self.prompter.error(self, "Back up now", str(error))
            return
        self.statusBar().showMessage(f"Backed up all your plans to {path.name}.", 8000)

    def back_up_to(self) -> None:
        title = "Back up to a folder"
        folder = self.prompter.ask_folder(self, title)
        if folder is None:
            return
        try:
            path = self.db.back_up_to(folder)
        except StorageError as error:
            self.prompter.error(self, title, str(error))
            return
        self.prompter.inform(
            self,
            title,
            f"All your plans are backed up in {path}.\n\nTo go back to them, choose File › Restore "
            "from backup, then “Open a backup file…”.",
        )
        self.statusBar().showMessage(f"Backed up all your plans to {path}.", 8000)

    def data_file_gone(self, error: DataFileMissing) -> None:
        """A save was refused because the data file was deleted or replaced: say so, keep saying
        so in the status bar, and offer to save a copy elsewhere or to restore a backup."""
        self.gone_label.show()
        text = (
            f"{error}\n\nThe window still shows your plans as they were at the last save, but "
            "nothing you change from now on can be kept.\n\n"
            f"{SAVE_COPY.rstrip('…')} writes all of it to a file you choose, to keep it safe.\n"
            f"{RESTORE_BACKUP.rstrip('…')} puts a backup in place of the lost file (what the window "
            "shows is backed up first, so you can come back to it from the same list); then saving "
            "works again."
        )
        choice = self.prompter.choose(
            self, "Not saved: your data file is gone", text, [SAVE_COPY, RESTORE_BACKUP], cancel="Close"
        )
        if choice == SAVE_COPY:
            self.save_copy_elsewhere()
        elif choice == RESTORE_BACKUP:
            self.open_restore()

    def save_copy_elsewhere(self) -> None:
        title = "Save a copy of your data"
        path = self.prompter.ask_save_path(
            self, title, "patient-journey-planner-copy.sqlite3", "Planner data (*.sqlite3)"
        )
        if path is None:
            return
        try:
            self.db.save_copy(path)
        except StorageError as error:
            self.prompter.error(self, title, str(error))
            return
        self.prompter.inform(
            self,
            title,
            f"All your plans are saved in {path}.\n\nTo use them again, quit the app and put that "
            f"file in the data folder ({self.db.data_dir}) under the name {self.db.path.name}.",
        )
        self.statusBar().showMessage(f"Saved a copy of your data to {path.name}.", 8000)

    def open_restore(self) -> None:
        from planner.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.db, self.prompter, self)
        self.restore_dialog = dialog
        dialog.restored.connect(self._restored)
        dialog.finished.connect(lambda _result: setattr(self, "restore_dialog", None))
        dialog.open()

    def _restored(self, what: str) -> None:
        self.data_replaced()
        self.gone_label.setVisible(self.db.gone)
        self.statusBar().showMessage(
            f"Restored {what}. Your data as it was just before is kept as a backup too.", 10000
        )

    def data_replaced(self) -> None:
        """Show data that was replaced underneath the window (a restored backup): every page is
        built again from it, as on a fresh start."""
        for page in self._built_pages():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._clinics = self._budget = self._checklist = self._journey = self._itinerary = None
        self.learn.set_entries(learn_service.list_learn_entries(self.db))
        self._steps = journey_service.list_steps(self.db)
        self._overview_fresh = False
        self._reload_plans()

    def _search(self) -> None:
        if self.nav.currentRow() == NAV_CLINICS:
            self.clinics.focus_search()
            return
        if self.nav.currentRow() == NAV_CHECKLIST:
            self.checklist.focus_search()
            return
        self.nav.setCurrentRow(NAV_LEARN)
        self.learn.focus_search()

    def show_guide(self) -> None:
        if self.guide_dialog is not None:
            self.guide_dialog.raise_()
            return
        from planner.ui.guide_dialog import GuideDialog

        dialog = GuideDialog(self.db.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "guide_dialog", None))
        self.guide_dialog = dialog
        dialog.open()

    def show_about(self) -> None:
        from planner.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "about_dialog", None))
        self.about_dialog = dialog
        dialog.open()

    # --- window state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        page = str(self.settings.value("window/page", PAGE_KEYS[NAV_OVERVIEW]))
        self.nav.setCurrentRow(PAGE_KEYS.index(page) if page in PAGE_KEYS else NAV_OVERVIEW)
        last = str(self.settings.value("window/plan", ""))
        self._reload_plans(int(last) if last.isdigit() else None)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", PAGE_KEYS[max(self.nav.currentRow(), 0)])
        plan = self.current_plan()
        self.settings.setValue("window/plan", plan.id if plan else "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def settings_for(db: Database) -> QSettings:
    """Window state kept beside the database, in an owner-only file."""
    return QSettings(str(db.settings_path()), QSettings.Format.IniFormat)
