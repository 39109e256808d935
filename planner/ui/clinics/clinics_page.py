"""The Clinics page: search and filter every clinic, see one in full, shortlist, choose, compare."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.changes import Change
from planner.clinics.compare import MAX_COMPARED, MIN_COMPARED
from planner.clinics.rules import Clinic, ClinicIndex, ClinicQuery, Technique, why_empty
from planner.clinics.service import (
    clinic_use,
    delete_clinic,
    list_clinics,
    set_hidden,
    technique_choices,
    update_clinic,
)
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted, shortlisted_ids
from planner.core.limits import PlanFull
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.clinics.clinic_detail import ClinicDetail
from planner.ui.clinics.clinic_dialog import ClinicDialog
from planner.ui.clinics.clinic_filters import ClinicFilters
from planner.ui.clinics.clinic_model import CLINIC_ROLE, ClinicFilter, ClinicModel
from planner.ui.clinics.compare_dialog import CompareDialog
from planner.ui.kit.events import AppEvents, Changed
from planner.ui.kit.page import Page
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import row_table
from planner.ui.kit.widgets import list_and_detail_page, print_button


class ClinicsPage(Panel, Page):
    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.plan: Plan | None = None
        self.techniques: list[Technique] = []
        self.index = ClinicIndex([])
        self.clinic_dialog: ClinicDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self._detail_fresh = False
        """False after a reload: the detail pane must be redrawn even for the same clinic."""
        self._stale = True
        self._pending_select: int | None = None

        self.model = ClinicModel()
        self.proxy = ClinicFilter()
        self.proxy.setSourceModel(self.model)
        self.filters = ClinicFilters()
        self.filters.changed.connect(self.apply_filters)

        self.table = row_table(self.proxy, "Clinics", several=True)
        header = self.table.horizontalHeader()
        # Fixed widths: sizing columns to their contents would read every row on each change.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 70), (3, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_clear = QPushButton("Clear the search and filters")
        self.empty_clear.clicked.connect(self.filters.clear_filters)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_clear, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(empty)

        self.count = QLabel()
        self.count.setObjectName("hint")
        self.compare_button = QPushButton("Compare selected…")
        self.compare_button.setToolTip("Select 2 to 4 clinics (Ctrl+click) to see them side by side")
        self.compare_button.clicked.connect(self.compare_selected)
        self.compare_shortlist_button = QPushButton("Compare shortlist…")
        self.compare_shortlist_button.clicked.connect(self.compare_shortlist)
        self.add_button = QPushButton("Add your own clinic…")
        self.add_button.clicked.connect(self.add_clinic)
        # Two rows: in one, the buttons would be cut at the window's default width.
        buttons = QGridLayout()
        buttons.addWidget(self.count, 0, 0)
        buttons.setColumnStretch(0, 1)
        buttons.addWidget(self.compare_button, 0, 1)
        buttons.addWidget(self.compare_shortlist_button, 0, 2)
        buttons.addWidget(self.add_button, 1, 1)
        buttons.addWidget(print_button(events, "comparison"), 1, 2)

        self.detail = ClinicDetail(db, prompter, events)
        self.detail.shortlist_toggled.connect(self._set_shortlisted)
        self.detail.choose_requested.connect(self._toggle_chosen)
        self.detail.edit_requested.connect(self.edit_clinic)
        self.detail.hide_toggled.connect(self._set_hidden)
        self.detail.delete_requested.connect(self.delete_clinic)

        list_and_detail_page(
            self,
            "Clinics",
            "The four clinics the articles describe, and any you add. Search and filter, open one to "
            "read everything about it, shortlist the ones you like, compare them side by side, and "
            "choose one for your plan.",
            [self.filters, self.results, buttons],
            self.detail,
            (520, 560),
        )

    # --- loading --------------------------------------------------------------------------
    def set_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        self.filters.set_plan_available(plan is not None)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the clinics again, then select `select_id`; while the page is not shown, only
        remember to do so."""
        if select_id is not None:
            self._pending_select = select_id
        super().reload()

    def load(self) -> None:
        select_id, self._pending_select = self._pending_select, None
        keep = select_id if select_id is not None else (c.id if (c := self.current_clinic()) else None)
        self._detail_fresh = False
        if not self.techniques:
            self.techniques = technique_choices(self.db)
        clinics = list_clinics(self.db)
        shortlisted = shortlisted_ids(self.db, self.plan.id) if self.plan else frozenset()
        self.model.set_clinics(clinics, shortlisted, self.plan.clinic_id if self.plan else None)
        self.index = ClinicIndex(clinics)
        districts = sorted({c.district for c in clinics if c.district}, key=str.casefold)
        self.filters.set_choices(self.techniques, districts)
        self.apply_filters(keep)

    def data_changed(self, changed: Changed) -> None:
        if Change.CLINICS in changed.what:
            self.reload(changed.item_id)
        elif changed.what & (Change.QUOTES | Change.ANSWERS):
            # The panel that made the change has already shown it; only the tab counts follow.
            self.detail.update_counts()

    def apply_filters(self, keep: int | None = None) -> None:
        """Show the clinics the search and filters keep, with the counts each option shows."""
        keep = keep if isinstance(keep, int) else (c.id if (c := self.current_clinic()) else None)
        query = self.filters.query()
        shown, counts = self.index.filter(query, self.model.shortlisted)
        self.proxy.set_shown(frozenset(shown))
        hidden = len(self.index.hidden)
        self.filters.show_counts(counts, hidden)
        total = len(self.model.clinics) - (0 if query.show_hidden else hidden)
        self.count.setText(f"{len(shown)} of {total} clinics" if query.narrowed else f"{total} clinics")
        if not shown:
            self.empty_text.setText(f"{why_empty(query, self.techniques)}\n\n{self._empty_advice(query)}")
            self.empty_clear.setVisible(query.narrowed)
            self.results.setCurrentIndex(1)
            self._show_detail(None)
        else:
            self.results.setCurrentIndex(0)
            self._select(keep if keep in shown else shown[0])
        self._update_buttons()

    def _empty_advice(self, query: ClinicQuery) -> str:
        if not query.show_hidden:
            hidden, _counts = self.index.filter(replace(query, show_hidden=True), self.model.shortlisted)
            if hidden:
                many = len(hidden) != 1
                return (
                    f"{len(hidden)} hidden clinic{'s' if many else ''} match{'' if many else 'es'}: "
                    "tick “Show hidden clinics” to see them."
                )
        return "Try fewer filters or another word."

    # --- selection ------------------------------------------------------------------------
    def _select(self, clinic_id: int) -> None:
        row = self.model.row_of(clinic_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        selection = self.table.selectionModel()
        if not selection.isRowSelected(index.row()) or len(selection.selectedRows()) != 1:
            selection.select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(index)
        self._show_detail(self.current_clinic())

    def selected_clinics(self) -> list[Clinic]:
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        clinics = [index.data(CLINIC_ROLE) for index in rows]
        return [c for c in clinics if isinstance(c, Clinic)]

    def current_clinic(self) -> Clinic | None:
        index = self.table.selectionModel().currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            clinic = index.siblingAtColumn(0).data(CLINIC_ROLE)
            return clinic if isinstance(clinic, Clinic) else None
        selected = self.selected_clinics()
        return selected[0] if selected else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail(self.current_clinic())
        self._update_buttons()

    def _show_detail(self, clinic: Clinic | None) -> None:
        if clinic == self.detail.clinic and self._detail_fresh:
            return
        self._detail_fresh = True
        self.detail.show_clinic(
            self.plan,
            clinic,
            clinic is not None and clinic.id in self.model.shortlisted,
            clinic is not None and clinic.id == self.model.chosen,
        )

    def _update_buttons(self) -> None:
        selected = len(self.selected_clinics())
        self.compare_button.setEnabled(MIN_COMPARED <= selected <= MAX_COMPARED)
        self.compare_button.setText(
            f"Compare selected ({selected})…" if selected > 1 else "Compare selected…"
        )
        listed = len(self.model.shortlisted)
        self.compare_shortlist_button.setEnabled(MIN_COMPARED <= listed <= MAX_COMPARED)
        self.compare_shortlist_button.setToolTip(
            "Compare the 2 to 4 clinics on this plan's shortlist"
            if listed <= MAX_COMPARED
            else f"The shortlist has {listed} clinics; select up to {MAX_COMPARED} to compare"
        )

    # --- actions --------------------------------------------------------------------------
    def compare_selected(self) -> None:
        self._compare(self.selected_clinics())

    def compare_shortlist(self) -> None:
        self._compare([c for c in self.model.clinics if c.id in self.model.shortlisted])

    def _compare(self, clinics: list[Clinic]) -> None:
        if not MIN_COMPARED <= len(clinics) <= MAX_COMPARED:
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        dialog = CompareDialog(self.db, self.plan, clinics, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "compare_dialog", None))
        self.compare_dialog = dialog
        dialog.show()

    def _set_shortlisted(self, shortlisted: bool) -> None:
        clinic = self.current_clinic()
        if clinic is None or self.plan is None:
            return
        try:
            changed = set_shortlisted(self.db, self.plan.id, clinic.id, shortlisted)
        except PlanFull as full:
            self.prompter.error(self, "The shortlist is full", str(full))
            self._detail_fresh = False
            self._show_detail(clinic)  # the button, pressed in, springs back
            return
        self.events.announce(changed, item_id=clinic.id)

    def _toggle_chosen(self) -> None:
        clinic = self.current_clinic()
        if clinic is None or self.plan is None:
            return
        chosen = None if clinic.id == self.model.chosen else clinic.id
        try:
            choose_clinic(self.db, self.plan.id, chosen)
        except PlanFull as full:
            self.prompter.error(self, "The shortlist is full", str(full))
            return
        self.events.announce(choose_clinic.changes)

    def _set_hidden(self, hidden: bool) -> None:
        clinic = self.current_clinic()
        if clinic is None:
            return
        set_hidden(self.db, clinic.id, hidden)
        self.events.announce(set_hidden.changes, item_id=clinic.id)

    def _open_dialog(self, clinic: Clinic | None) -> None:
        if self.clinic_dialog is not None:
            self.clinic_dialog.raise_()
            return
        dialog = ClinicDialog(self.db, self.techniques, clinic, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._clinic_saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "clinic_dialog", None))
        self.clinic_dialog = dialog
        dialog.open()

    def _clinic_saved(self, dialog: ClinicDialog) -> None:
        if dialog.saved is not None:
            self.events.announce(update_clinic.changes, item_id=dialog.saved.id)

    def add_clinic(self) -> None:
        self._open_dialog(None)

    def edit_clinic(self) -> None:
        clinic = self.current_clinic()
        if clinic is not None and clinic.own:
            self._open_dialog(clinic)

    def delete_clinic(self) -> None:
        clinic = self.current_clinic()
        if clinic is None or not clinic.own:
            return
        use = clinic_use(self.db, clinic.id)
        consequences = []
        if use.quotes:
            consequences.append(f"its {use.quotes} quote{'s' if use.quotes != 1 else ''}")
        if use.chosen_by:
            consequences.append(
                "its place as the chosen clinic of " + ", ".join(f"“{n}”" for n in use.chosen_by)
            )
        also = f"\n\nThis also deletes {' and '.join(consequences)}." if consequences else ""
        if not self.prompter.confirm(
            self,
            "Delete clinic",
            f"Delete your clinic “{clinic.name}” with your notes and answers about it?{also}\n\n"
            "This cannot be undone.",
            "Delete clinic",
        ):
            return
        self.events.announce(delete_clinic(self.db, clinic.id))

    def search_box(self) -> QLineEdit:
        return self.filters.search
