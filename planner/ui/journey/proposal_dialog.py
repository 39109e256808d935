"""Propose a schedule: from the arrival day, the length of the stay, the treatment day and how the
cells are prepared, the stay day by day and the follow-ups at home. Each proposed appointment can
be kept, edited or left out; the warnings follow every change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core import clock
from planner.core.dates import weekday_date
from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.core.zones import SEOUL
from planner.db.database import Database
from planner.journey.itinerary import AppointmentDraft, appointment, validate_appointment
from planner.journey.itinerary_service import ItineraryData, StayDraft, accept_proposal, propose_schedule
from planner.journey.itinerary_text import span_in, zone_label
from planner.journey.journey_warnings import journey_warnings
from planner.journey.rules import CELL_MODES, DEFAULT_CULTURE_DAYS, MAX_CULTURE_DAYS
from planner.plans.service import Plan
from planner.ui.journey.appointment_dialog import AppointmentDialog
from planner.ui.kit.forms import CheckedForm, choice_combo, date_edit, to_date
from planner.ui.kit.tables import ROW_ROLE, Index, RowTableModel, row_table
from planner.ui.kit.widgets import action_button, heading


class ProposalModel(RowTableModel[AppointmentDraft]):
    """Proposed appointments with a tick each: ticked ones are added when the dialog is accepted."""

    HEADERS: ClassVar[tuple[str, ...]] = ("Keep", "Day", "Time", "Also", "What", "Where")

    def __init__(self, home_zone: str) -> None:
        super().__init__()
        self.home_zone = home_zone
        self.left_out: set[str] = set()

    def kept(self) -> list[AppointmentDraft]:
        return [d for d in self.rows if d.proposal_key not in self.left_out]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() and index.column() == 0 else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        key = self.rows[index.row()].proposal_key
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.left_out.discard(key)
        else:
            self.left_out.add(key)
        self.dataChanged.emit(index, index)
        return True

    def set_all(self, keep: bool) -> None:
        self.left_out = set() if keep else {d.proposal_key for d in self.rows}
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def cell(self, item: AppointmentDraft, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Unchecked if item.proposal_key in self.left_out else Qt.CheckState.Checked
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        shown = appointment(0, item)
        other = self.home_zone if item.zone == SEOUL else SEOUL
        values = {
            1: weekday_date(item.start),
            2: f"{span_in(shown, item.zone, item.start.date())} {zone_label(item.zone)}",
            3: f"{span_in(shown, other, item.start.date())} {zone_label(other)}"
            if other != item.zone
            else "",
            4: item.title,
            5: item.location,
        }
        return values.get(column)


class ProposalDialog(QDialog):
    """`saved` is how many appointments were added or updated once accepted."""

    def __init__(
        self,
        db: Database,
        plan: Plan,
        data: ItineraryData,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.plan, self.data = db, plan, data
        self.today = today or clock.today()
        self.saved = 0
        self.edited: dict[str, AppointmentDraft] = {}
        self.editor: AppointmentDialog | None = None
        self.setWindowTitle("Propose a schedule")
        self.resize(1060, 720)
        stay = data.stay
        self.arrival = date_edit("Arrival in Seoul", stay.arrival)
        self.days = QSpinBox()
        self.days.setAccessibleName("Days in Korea")
        self.days.setRange(1, 366)
        self.days.setValue(max(1, stay.days))
        self.days.setSuffix(" days")
        self.treatment = date_edit("Treatment day", stay.treatment_day)
        self.cells = choice_combo("How the cells are prepared", CELL_MODES, stay.cells)
        self.culture = QSpinBox()
        self.culture.setAccessibleName("Days to culture the cells")
        self.culture.setRange(1, MAX_CULTURE_DAYS)
        self.culture.setValue(stay.culture_days or DEFAULT_CULTURE_DAYS)
        self.culture.setSuffix(" days")
        self.leave_label = QLabel()
        self.leave_label.setObjectName("hint")
        self.form = CheckedForm()
        self.form.add_field("arrival", "&Arrival in Seoul:", self.arrival)
        self.form.add_field("days", "Days in &Korea:", self.days, self.leave_label)
        self.form.add_field("treatment", "&Treatment day:", self.treatment, "The day of the injection.")
        self.form.add_field("cells", "&Cells:", self.cells)
        self.form.add_field(
            "culture",
            "C&ulturing:",
            self.culture,
            "The articles say growing cells in the lab can take days to weeks; ask your clinic.",
        )
        self.warnings = QLabel()
        self.warnings.setObjectName("warningNear")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Warnings")
        self.model = ProposalModel(data.home_zone)
        self.model.dataChanged.connect(lambda *_: self._show_warnings())
        self.table = row_table(self.model, "Proposed appointments")
        header = self.table.horizontalHeader()
        for column, width in enumerate((52, 120, 205, 205, 300)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.appointment_error = QLabel()
        self.appointment_error.setObjectName("fieldError")
        self.appointment_error.setWordWrap(True)
        self.appointment_error.hide()
        tools = QHBoxLayout()
        tools.addWidget(action_button("&Edit the selected one…", self.edit_selected))
        tools.addWidget(action_button("Keep a&ll", lambda: self._keep_all(True)))
        tools.addWidget(action_button("Keep &none", lambda: self._keep_all(False)))
        tools.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.addButton(
            "Add the kept appointments", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setObjectName("primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(
            "Untick what you do not want, or edit it. Accepting again later updates these appointments "
            "instead of adding them twice. Appointments you added yourself are kept."
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addLayout(self.form, 1)
        top.addWidget(self.warnings, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Propose a schedule", 2))
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.appointment_error)
        layout.addWidget(self.buttons)
        for signal in (self.arrival.dateChanged, self.treatment.dateChanged):
            signal.connect(self.refresh)
        self.days.valueChanged.connect(self.refresh)
        self.culture.valueChanged.connect(self.refresh)
        self.cells.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def stay_draft(self) -> StayDraft:
        return StayDraft(
            to_date(self.arrival.date()),
            self.days.value(),
            to_date(self.treatment.date()),
            str(self.cells.currentData()),
            self.culture.value(),
        )

    def refresh(self) -> None:
        draft = self.stay_draft()
        self.culture.setEnabled(draft.cells == "cultured")
        self.leave_label.setText(f"Flight home on {weekday_date(draft.leave)}.")
        proposed = propose_schedule(self.db, self.plan.id, draft, self.today)
        self.model.replace_rows([self.edited.get(d.proposal_key, d) for d in proposed])
        self._show_warnings()

    def _show_warnings(self) -> None:
        draft = self.stay_draft()
        kept = self.model.kept()
        keys = {d.proposal_key for d in self.model.rows}
        mine = [a for a in self.data.appointments if a.proposal_key not in keys]
        shown = mine + [appointment(-n - 1, d) for n, d in enumerate(kept)]
        found = journey_warnings(draft.stay(), self.plan.departure, draft.leave, shown)
        self.warnings.setText(
            "\n".join(f"⚠ {w.text}" for w in found) if found else "✓ No warnings for this schedule."
        )
        self.warnings.setObjectName("warningNear" if found else "hint")
        self.warnings.style().polish(self.warnings)

    def _keep_all(self, keep: bool) -> None:
        self.model.set_all(keep)
        self._show_warnings()

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = rows[0].data(ROW_ROLE) if rows else None
        if not isinstance(chosen, AppointmentDraft):
            return
        steps, span = self.data.steps, self.data.span
        wider = replace(span, return_=max(span.return_, self.stay_draft().leave))
        dialog = AppointmentDialog(
            lambda d: validate_appointment(d, steps, wider),
            steps,
            self.data.home_zone,
            self.data.clinic,
            chosen,
            "Edit proposed appointment",
            self,
        )
        dialog.accepted.connect(lambda: self._edited(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "editor", None))
        self.editor = dialog
        dialog.open()

    def _edited(self, dialog: AppointmentDialog) -> None:
        if isinstance(draft := dialog.result_value, AppointmentDraft):
            self.edited[draft.proposal_key] = draft
            self.refresh()

    def accept(self) -> None:
        try:
            self.saved = accept_proposal(self.db, self.plan.id, self.stay_draft(), self.model.kept())
        except PlanFull as full:
            self.appointment_error.setText(str(full))
            self.appointment_error.setVisible(True)
            return
        except ValidationError as error:
            problems = dict(error.errors)
            message = problems.pop("appointment", None)
            self.appointment_error.setText(message or "")
            self.appointment_error.setVisible(bool(message))
            self.form.show_problems(problems)
            return
        super().accept()
