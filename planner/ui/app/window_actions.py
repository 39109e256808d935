"""The main window's actions, its File, View and Help menus and its toolbar."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QToolBar

from planner import APP_NAME
from planner.ui.app import pages
from planner.ui.app.pages import PageSpec
from planner.ui.kit.page import Page

if TYPE_CHECKING:
    from planner.ui.app.plan_commands import PlanCommands
    from planner.ui.app.protection_commands import ProtectionCommands

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class WindowActions(QMainWindow):
    """The base of the main window: its actions (`window.new_action`, `window.journey_action`, ...),
    with the menus and toolbar that hold them. The View menu has one item per page of `PAGES`."""

    def show_page(self, spec: PageSpec[Page]) -> None:
        raise NotImplementedError

    def search(self) -> None:
        """Ctrl+F: the search box of the page shown, else the reference's."""
        raise NotImplementedError

    def _action(self, text: str, shortcut: Shortcut, slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def build_actions(self, do: PlanCommands, protection: ProtectionCommands) -> None:
        act = self._action
        self.new_action = act("&New plan…", "Ctrl+N", do.new_plan, "Create a plan with a short wizard")
        self.rename_action = act("Rena&me plan…", "F2", do.rename_plan)
        self.dates_action = act(
            "Trip &dates…", "Ctrl+T", do.edit_dates, "Change departure, return and treatment dates"
        )
        self.duplicate_action = act(
            "D&uplicate plan", "Ctrl+D", do.duplicate_plan, "Make a copy of this plan to try other choices"
        )
        self.delete_action = act("De&lete plan…", "Ctrl+Del", do.delete_plan)
        self.details_action = act(
            "Trip det&ails…", None, do.edit_details, "Hotel, insurance and emergency contact for the printout"
        )
        self.print_action = act(
            "&Print…", QKeySequence.StandardKey.Print, do.print_plan, "Print, preview or save as PDF"
        )
        self.export_plan_action = act(
            "&Export plan…",
            "Ctrl+E",
            do.export_plan,
            "Save the whole plan in a file to open on another computer",
        )
        self.export_protected_action = act(
            "Export plan with a pa&ssphrase…",
            None,
            do.export_protected_plan,
            "Save the whole plan in a file that opens only with a passphrase you choose",
        )
        self.import_plan_action = act(
            "&Import plan…", "Ctrl+I", do.import_plan, "Add a plan from a plan file"
        )
        self.calendar_action = act(
            "Export &calendar (.ics)…", None, do.export_calendar, "The appointments, for your calendar app"
        )
        self.csv_action = act(
            "Export expenses (CS&V)…", None, do.export_expenses, "The expense lines, for a spreadsheet"
        )
        self.fhir_action = act(
            "Export for the doctor (&FHIR)…",
            None,
            do.export_fhir,
            "Your check-ins and diary as a FHIR R4 file, for your doctor's medical-records system",
        )
        self.backup_action = act("&Back up now", None, do.back_up_now, "Make a backup of all your plans now")
        self.backup_to_action = act(
            "Back up &to…",
            None,
            do.back_up_to,
            "Copy all your plans to a folder you choose, such as a USB stick",
        )
        self.restore_action = act(
            "&Restore from backup…", None, do.open_restore, "Go back to the data as it was in a backup"
        )
        self.protection_action = act(
            "Pr&otection…",
            None,
            protection.open_dialog,
            "Encrypt your data with a passphrase; change or remove it; lock when away",
        )
        self.lock_action = act(
            "Loc&k now",
            "Ctrl+L",
            protection.lock_now,
            "Hide every window until your passphrase is typed again",
        )
        self.quit_action = act("&Quit", "Ctrl+Q", self.close)
        self.page_actions = [
            act(spec.menu_text, spec.shortcut, partial(self.show_page, spec)) for spec in pages.PAGES
        ]
        for spec, action in zip(pages.PAGES, self.page_actions, strict=True):
            setattr(self, f"{spec.key}_action", action)  # window.journey_action, for the tests
        self.search_action = act(
            "&Search", "Ctrl+F", self.search, "Search the clinics on the Clinics page, else the reference"
        )
        self.guide_action = act(
            "&User guide", "F1", do.show_guide, "What each page is for, shortcuts, your data and backups"
        )
        self.about_action = act(
            f"&About {APP_NAME}", None, do.show_about, "Version, licence, data folder and sources"
        )

    def build_toolbar(self, plan_combo: QComboBox) -> None:
        bar = QToolBar("Plan")
        bar.setObjectName("planToolbar")
        bar.setMovable(False)
        label = QLabel("  &Plan: ")
        label.setBuddy(plan_combo)
        bar.addWidget(label)
        bar.addWidget(plan_combo)
        bar.addSeparator()
        bar.addAction(self.new_action)
        self.addToolBar(bar)

    def build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for action in (
            *(self.new_action, self.rename_action, self.dates_action, self.details_action),
            *(self.duplicate_action, self.delete_action, None),
            *(self.print_action, self.calendar_action, self.csv_action, self.fhir_action, None),
            *(self.export_plan_action, self.export_protected_action, self.import_plan_action, None),
            *(self.backup_action, self.backup_to_action, self.restore_action, None),
            *(self.protection_action, self.lock_action, None, self.quit_action),
        ):
            if action is None:
                file_menu.addSeparator()
            else:
                file_menu.addAction(action)
        view_menu = menus.addMenu("&View")
        for action in (*self.page_actions, self.search_action):
            view_menu.addAction(action)
        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)
