"""The main window: plan selector, navigation between the pages of `pages.PAGES`, menus, status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QWidget,
)

from planner import APP_NAME
from planner.changes import Change
from planner.db.database import Database, DataFileMissing, StorageError
from planner.plans.service import Plan, list_plans
from planner.ui.app import pages
from planner.ui.app.new_day import NewDayTimer
from planner.ui.app.pages import PageHandle, PageSpec
from planner.ui.app.plan_commands import PlanCommands
from planner.ui.app.plan_files import PlanFiles
from planner.ui.app.plan_list_model import PlanListModel
from planner.ui.app.plan_wizard import PlanWizard
from planner.ui.app.protection_commands import ProtectionCommands
from planner.ui.app.unshown_plan_page import UnshownPlan, UnshownPlanPage
from planner.ui.app.welcome_page import WelcomePage
from planner.ui.app.window_actions import WindowActions
from planner.ui.kit.events import AppEvents, Changed
from planner.ui.kit.page import Page, PageContext
from planner.ui.kit.prompter import Prompter

if TYPE_CHECKING:
    from planner.ui.app.about_dialog import AboutDialog
    from planner.ui.app.guide_dialog import GuideDialog
    from planner.ui.app.trip_dates_dialog import TripDatesDialog
    from planner.ui.app.trip_details_dialog import TripDetailsDialog
    from planner.ui.printing.print_dialog import PrintDialog

P = TypeVar("P", bound=Page)


class MainWindow(WindowActions):
    overview = PageHandle(pages.OVERVIEW)
    journey = PageHandle(pages.JOURNEY)
    itinerary = PageHandle(pages.ITINERARY)
    clinics = PageHandle(pages.CLINICS)
    budget = PageHandle(pages.BUDGET)
    checklist = PageHandle(pages.CHECKLIST)
    recovery = PageHandle(pages.RECOVERY)
    learn = PageHandle(pages.LEARN)

    def __init__(self, db: Database, prompter: Prompter, settings: QSettings) -> None:
        super().__init__()
        self.db = db
        self.prompter = prompter
        self.settings = settings
        prompter.remember_in(settings)  # file dialogs start in the folder last used
        self.events = AppEvents(self)
        self.plan_files = PlanFiles(db, prompter, self.events, self, self.say)
        self.commands = PlanCommands(self)
        self.wizard: PlanWizard | None = None
        self.restore_dialog: QDialog | None = None
        self.dates_dialog: TripDatesDialog | None = None
        self.details_dialog: TripDetailsDialog | None = None
        self.print_dialog: PrintDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.guide_dialog: GuideDialog | None = None
        self.unshown: UnshownPlan | None = None
        """The current plan, when its data could not be read: the pages do not show it."""
        self._pages: dict[str, Page] = {}
        """The pages built so far, by key."""
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
        self.unshown_page = UnshownPlanPage()
        self.stack = QStackedWidget()
        for page in (self.welcome, self.unshown_page):
            self.stack.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Pages")
        self.nav.addItems([spec.label for spec in pages.PAGES])
        self.nav.setFixedWidth(170)
        self.nav.currentRowChanged.connect(self._show_page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.protection = ProtectionCommands(self, db, prompter, settings)
        self.build_actions(self.commands, self.protection)
        self.build_toolbar(self.plan_combo)
        self.build_menus()
        self.data_label = QLabel(f"Data: {db.data_dir}")
        self.data_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.data_label)
        self.gone_label = QLabel("Not saving: your data file was deleted or replaced")
        self.gone_label.setObjectName("dataFileGone")
        self.gone_label.hide()
        self.statusBar().addPermanentWidget(self.gone_label)

        self.new_day = NewDayTimer(self)
        self.new_day.new_day.connect(lambda: self._reload_plans())  # every page reads "today" again

        self.welcome.create_requested.connect(self.commands.new_plan)
        self.welcome.learn_requested.connect(lambda: self.show_page(pages.LEARN))
        self.welcome.protect_requested.connect(self.protection.open_dialog)
        self.protection.protection_followed.connect(self._protection_followed)
        self._protection_followed(db.protected)
        self.unshown_page.export_requested.connect(self.commands.export_plan)
        self.unshown_page.delete_requested.connect(self.commands.delete_plan)
        self.unshown_page.choose_requested.connect(self._choose_plan)
        self.events.changed.connect(self._data_changed)
        self.events.print_requested.connect(self.print_plan)
        self.events.check_ins_requested.connect(self.show_check_ins)
        self._restore_state()

    # --- pages ----------------------------------------------------------------------------
    def page(self, spec: PageSpec[P]) -> P:
        """The page, built the first time it is needed (start-up does not pay for it)."""
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.build(PageContext(self.db, self.prompter, self.events))
            self._pages[spec.key] = page
            self.stack.addWidget(page)
            page.set_plan(self._plan_for_pages())
        return page  # type: ignore[return-value]  # built by this spec

    def _build_eager_pages(self) -> None:
        for spec in pages.PAGES:
            if spec.eager:
                self.page(spec)

    def show_page(self, spec: PageSpec[Page]) -> None:
        self.nav.setCurrentRow(spec.row)

    def current_spec(self) -> PageSpec[Page]:
        return pages.PAGES[max(self.nav.currentRow(), 0)]

    # --- state ----------------------------------------------------------------------------
    def current_plan(self) -> Plan | None:
        return self.plans.plan_at(self.plan_combo.currentIndex())

    def _plan_for_pages(self) -> Plan | None:
        """The plan the pages show: none while the current one cannot be shown."""
        return None if self.unshown is not None else self.current_plan()

    def _reload_plans(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else (p.id if (p := self.current_plan()) else None)
        plans = list_plans(self.db)
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
        self._guarded(plan, lambda: self._set_plan(plan))
        self._show_page(self.nav.currentRow())

    def _enable_plan_actions(self) -> None:
        has_plan = self.current_plan() is not None
        exports = (self.export_plan_action, self.export_protected_action)
        for action in (self.rename_action, self.delete_action, *exports):
            action.setEnabled(has_plan)
        # What reads the whole plan waits until it can be shown.
        for action in (
            *(self.dates_action, self.details_action, self.duplicate_action),
            *(self.print_action, self.calendar_action, self.csv_action, self.fhir_action),
        ):
            action.setEnabled(has_plan and self.unshown is None)

    def _set_plan(self, plan: Plan | None) -> None:
        built = list(self._pages.values())
        self._build_eager_pages()  # each shows the plan as it is built
        for page in built:
            page.set_plan(plan)

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
            self._set_plan(None)
            self._enable_plan_actions()
            self.unshown_page.show_problem(self.unshown, self.plans.rowCount() - 1)
            self.stack.setCurrentWidget(self.unshown_page)

    def _choose_plan(self) -> None:
        self.plan_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        self.plan_combo.showPopup()

    def _show_page(self, row: int) -> None:
        spec = pages.PAGES[max(row, 0)]
        for key, page in self._pages.items():
            if key != spec.key:
                page.another_page_shown()
        if not spec.shows_plan:
            self.stack.setCurrentWidget(self.page(spec))
        elif self.unshown is not None:
            self.stack.setCurrentWidget(self.unshown_page)
        elif spec.welcome_without_plan and self.current_plan() is None:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self._guarded(self.current_plan(), lambda: self._show_plan_page(spec))

    def _show_plan_page(self, spec: PageSpec[Page]) -> None:
        page = self.page(spec)
        page.read_if_stale()
        self.stack.setCurrentWidget(page)

    def _data_changed(self, changed: Changed) -> None:
        if Change.PLAN in changed.what:
            self._reload_plans(changed.plan_id)  # every page is given its plan again
            return
        for page in list(self._pages.values()):
            page.data_changed(changed)

    def data_replaced(self) -> None:
        """Show data that was replaced underneath the window (a restored backup): every page is
        built again from it, as on a fresh start."""
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        self._reload_plans()

    def _protection_followed(self, protected: bool) -> None:
        self.welcome.show_protection_offer(not protected)
        self.lock_action.setEnabled(protected)

    def search(self) -> None:
        if self.page(self.current_spec()).focus_search():
            return
        self.show_page(pages.SEARCH_ELSEWHERE)
        self.page(pages.SEARCH_ELSEWHERE).focus_search()

    # --- what others call -----------------------------------------------------------------
    def say(self, text: str, milliseconds: int = 5000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    def show_check_ins(self, point_id: str = "") -> None:
        """Go to the Recovery page's check-ins, the point `point_id` of the schedule chosen."""
        self.show_page(pages.RECOVERY)
        page = self._pages.get(pages.RECOVERY.key)
        if page is not None and self.stack.currentWidget() is page:
            self.recovery.show_check_ins(point_id)

    def print_plan(self, kind: str | None = None) -> None:
        self.commands.print_plan(kind)

    def data_file_gone(self, error: DataFileMissing) -> None:
        self.commands.data_file_gone(error)

    # --- window state ---------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        keys = [spec.key for spec in pages.PAGES]
        page = str(self.settings.value("window/page", keys[0]))
        self.nav.setCurrentRow(keys.index(page) if page in keys else 0)
        last = str(self.settings.value("window/plan", ""))
        self._reload_plans(int(last) if last.isdigit() else None)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", self.current_spec().key)
        plan = self.current_plan()
        self.settings.setValue("window/plan", plan.id if plan else "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def settings_for(db: Database) -> QSettings:
    """Window state kept beside the database, in an owner-only file."""
    return QSettings(str(db.settings_path()), QSettings.Format.IniFormat)
