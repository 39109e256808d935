"""The estimate: what it is based on (package, accepted quote or fee breakdown; stay; hotel;
flights; visa) and its lines, each a low-high range with its article, which the person can
change, remove and put back."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.budget.estimate import (
    EstimateItem,
    EstimateSettings,
    RangeTotal,
    counted_lines,
    default_stay,
    totals_by_currency,
)
from planner.budget.service import (
    HOTEL_TIER_NAMES,
    MAX_STAY_DAYS,
    BudgetData,
    include_estimate_line,
    remove_estimate_line,
    restore_estimate_line,
    save_estimate_line,
    save_estimate_settings,
)
from planner.budget.text import money_range
from planner.core.money import format_amount, format_money
from planner.core.validation import ValidationError
from planner.ui.kit.forms import CheckedForm, currency_code, currency_combo
from planner.ui.kit.panel import Panel
from planner.ui.kit.tables import ROW_ROLE, RowTableModel, row_table
from planner.ui.kit.widgets import ErrorLabel, heading


class EstimateModel(RowTableModel[EstimateItem]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Line", "Low", "High", "Based on", "Article", "Status")

    def cell(self, item: EstimateItem, column: int, role: int) -> Any:
        line = item.line
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return line.label
            if column in (1, 2):
                return format_money(line.low if column == 1 else line.high, line.currency)
            if column == 3:
                return line.basis
            if column == 4:
                return line.source
            return "Removed" if item.removed else ("Changed by you" if item.changed else "Proposed")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and item.removed:
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.ToolTipRole and item.changed:
            proposed = item.proposed
            return f"Proposed: {money_range(proposed.low, proposed.high, proposed.currency)}"
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 3, 4):
            return (line.label, "", "", line.basis, line.source)[column]
        return None


def estimate_total_text(rows: list[EstimateItem], ranges: list[RangeTotal]) -> str:
    """The estimate's range in every report currency it can be converted to; where the home
    currency needs a rate first, the totals in the lines' own currencies and what is missing."""
    if not rows:
        return ""
    parts = [money_range(r.low, r.high, r.currency) for r in ranges if not r.missing]
    if ranges and not ranges[0].missing:
        return f"Estimated trip: {parts[0]}" + (f"  ({' · '.join(parts[1:])})" if parts[1:] else "")
    own = totals_by_currency(counted_lines(rows))
    text = " + ".join(money_range(low, high, code) for code, (low, high) in own.items())
    if ranges:
        missing = ", ".join(sorted(ranges[0].missing))
        text += f"  (enter a rate from {missing} to {ranges[0].currency} to see it in {ranges[0].currency})"
    return f"Estimated trip: {text}"


class EstimateLineDialog(QDialog):
    """The person's own low and high figures for one estimate line."""

    def __init__(self, db: Any, plan_id: int, row: EstimateItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.plan_id, self.row = db, plan_id, row
        self.saved = False
        self.setWindowTitle("Change estimate line")
        line = row.line
        self.low = QLineEdit(format_amount(line.low))
        self.low.setAccessibleName("Low figure")
        self.high = QLineEdit(format_amount(line.high))
        self.high.setAccessibleName("High figure")
        self.currency = currency_combo("Currency", line.currency)
        self.form = CheckedForm()
        self.form.add_field("low", "&Low:", self.low)
        self.form.add_field("high", "&High:", self.high, "Leave it empty when you know the exact cost.")
        self.form.add_field("currency", "C&urrency:", self.currency)
        proposed = row.proposed
        hint = QLabel(
            f"Proposed from the articles: {money_range(proposed.low, proposed.high, proposed.currency)} "
            f"({proposed.basis})."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(line.label, 2))
        layout.addWidget(hint)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            save_estimate_line(
                self.db,
                self.plan_id,
                self.row.line.key,
                self.low.text(),
                self.high.text(),
                currency_code(self.currency),
            )
        except ValidationError as error:
            self.form.show_problems(error.errors)
            return
        self.saved = True
        super().accept()


class EstimatePanel(Panel):
    changed = Signal()
    """The estimate's settings or lines were saved: the page reads the budget again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.data: BudgetData | None = None
        self.dialog: EstimateLineDialog | None = None
        self._filling = False
        self.basis = QComboBox()
        self.basis.setAccessibleName("Treatment based on")
        self.stay_low = QSpinBox()
        self.stay_high = QSpinBox()
        for spin, name in (
            (self.stay_low, "Shortest stay in days"),
            (self.stay_high, "Longest stay in days"),
        ):
            spin.setRange(1, MAX_STAY_DAYS)
            spin.setSuffix(" days")
            spin.setAccessibleName(name)
        self.hotel = QComboBox()
        self.hotel.setAccessibleName("Hotel tier")
        for key, name in HOTEL_TIER_NAMES.items():
            self.hotel.addItem(name, key)
        self.flights = QCheckBox("F&lights")
        self.visa = QCheckBox("V&isa")
        self.settings_error = ErrorLabel("Estimate settings")
        for widget in (self.basis, self.hotel):
            widget.currentIndexChanged.connect(self._settings_edited)
        for spin in (self.stay_low, self.stay_high):
            spin.editingFinished.connect(self._settings_edited)
        for box in (self.flights, self.visa):
            box.toggled.connect(self._settings_edited)
        choices = QHBoxLayout()
        basis_label = QLabel("Tre&atment:")
        basis_label.setBuddy(self.basis)
        stay_label = QLabel("&Stay:")
        stay_label.setBuddy(self.stay_low)
        choices.addWidget(basis_label)
        choices.addWidget(self.basis, 1)
        choices.addWidget(stay_label)
        choices.addWidget(self.stay_low)
        choices.addWidget(QLabel("to"))
        choices.addWidget(self.stay_high)
        hotel_label = QLabel("H&otel:")
        hotel_label.setBuddy(self.hotel)
        choices.addWidget(hotel_label)
        choices.addWidget(self.hotel)
        choices.addWidget(self.flights)
        choices.addWidget(self.visa)

        self.model = EstimateModel()
        self.table = row_table(self.model, "Estimate lines")
        header = self.table.horizontalHeader()
        for column, width in enumerate((260, 100, 100, 250, 220)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.change_line())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.change_button = QPushButton("Chan&ge figures…")
        self.change_button.clicked.connect(self.change_line)
        self.remove_button = QPushButton("Re&move from estimate")
        self.remove_button.clicked.connect(self.toggle_removed)
        self.restore_button = QPushButton("&Back to proposed")
        self.restore_button.setToolTip("Forget your figures for this line and use the articles' again")
        self.restore_button.clicked.connect(self.restore_line)
        self.total = QLabel()
        self.total.setObjectName("heading2")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.change_button, self.remove_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.settings_error)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)

    def show_estimate(
        self, data: BudgetData | None, rows: list[EstimateItem], ranges: list[RangeTotal]
    ) -> None:
        self.data = data
        keep = self.current_row()
        self._filling = True
        self.basis.clear()
        if data is not None:
            quote = data.accepted_quote
            self.basis.addItem("Automatic: your accepted quote, else the articles' overall price", "auto")
            if quote is not None:
                self.basis.addItem(f"Your accepted quote from {quote.clinic_name}", "quote")
            for point in (p for p in data.points if p.kind == "package"):
                self.basis.addItem(f"Package: {point.name} ({point.text})", f"package:{point.id}")
            self.basis.addItem("The articles' fee breakdown, line by line", "fees")
            settings = data.settings
            self.basis.setCurrentIndex(max(self.basis.findData(settings.treatment_basis), 0))
            low, high = default_stay(data.points, data.stay_days)
            self.stay_low.setValue(settings.stay_low or low)
            self.stay_high.setValue(settings.stay_high or high)
            self.hotel.setCurrentIndex(max(self.hotel.findData(settings.hotel_tier), 0))
            self.flights.setChecked(settings.flights)
            self.visa.setChecked(settings.visa)
        self._filling = False
        self.model.replace_rows(rows)
        if keep is not None:
            row = next((i for i, r in enumerate(rows) if r.line.key == keep.line.key), -1)
            if row >= 0:
                self.table.selectRow(row)
        self.total.setText(estimate_total_text(rows, ranges))
        self._update_buttons()

    def current_row(self) -> EstimateItem | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, EstimateItem) else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.change_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.remove_button.setText(
            "P&ut back in estimate" if row and row.removed else "Re&move from estimate"
        )
        self.restore_button.setEnabled(row is not None and (row.changed or row.removed))

    def settings(self) -> EstimateSettings:
        """The choices on screen; a stay equal to the plan's own (or, without one, the articles')
        keeps following it."""
        low: int | None = self.stay_low.value()
        high: int | None = self.stay_high.value()
        if self.data is not None and (low, high) == default_stay(self.data.points, self.data.stay_days):
            low = high = None
        return EstimateSettings(
            str(self.basis.currentData() or "auto"),
            low,
            high,
            str(self.hotel.currentData()),
            self.flights.isChecked(),
            self.visa.isChecked(),
        )

    def _settings_edited(self) -> None:
        if self._filling or self.data is None:
            return
        try:
            save_estimate_settings(self.db, self.data.plan.id, self.settings())
        except ValidationError as error:
            self.settings_error.show_problem(" ".join(error.errors.values()))
            return
        self.settings_error.show_problem(None)
        self.changed.emit()

    def change_line(self) -> None:
        row = self.current_row()
        if row is None or self.data is None:
            return
        dialog = EstimateLineDialog(self.db, self.data.plan.id, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.changed)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def toggle_removed(self) -> None:
        row = self.current_row()
        if row is None or self.data is None:
            return
        line = row.line
        if row.removed:
            include_estimate_line(self.db, self.data.plan.id, line.key)
        else:
            remove_estimate_line(self.db, self.data.plan.id, line.key, line.low, line.high, line.currency)
        self.changed.emit()

    def restore_line(self) -> None:
        row = self.current_row()
        if row is not None and self.data is not None:
            restore_estimate_line(self.db, self.data.plan.id, row.line.key)
            self.changed.emit()
