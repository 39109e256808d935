"""The Clinics page's search field and filters; each filter option shows how many clinics match."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from planner.clinics.rules import CONDITION_GROUPS, ClinicQuery, FacetCounts, Technique


def _labelled(text: str, field: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(field)
    return label


class ClinicFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._techniques: list[Technique] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, districts, doctors, techniques, features")
        self.search.setAccessibleName("Search clinics")
        self.search.setClearButtonEnabled(True)
        self.condition = self._combo("Condition filter")
        self.technique = self._combo("Technique filter")
        self.district = self._combo("District filter")
        self.approved = QCheckBox("Government-approved only")
        self.shortlist = QCheckBox("On this plan's shortlist")
        self.show_hidden = QCheckBox("Show hidden clinics")
        self.clear = QPushButton("Clear filters")
        self.clear.setToolTip("Show every clinic again")
        for box in (self.approved, self.shortlist, self.show_hidden):
            box.toggled.connect(self.changed)
        self.search.textChanged.connect(self.changed)
        self.clear.clicked.connect(self.clear_filters)

        self.condition.addItem("Any condition", None)
        for group_id in CONDITION_GROUPS:
            self.condition.addItem("", group_id)
        self.technique.addItem("Any technique", None)
        self.district.addItem("Any district", None)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(_labelled("&Search:", self.search), 0, 0)
        grid.addWidget(self.search, 0, 1, 1, 3)
        grid.addWidget(_labelled("C&ondition:", self.condition), 1, 0)
        grid.addWidget(self.condition, 1, 1)
        grid.addWidget(_labelled("&Technique:", self.technique), 1, 2)
        grid.addWidget(self.technique, 1, 3)
        grid.addWidget(_labelled("&District:", self.district), 2, 0)
        grid.addWidget(self.district, 2, 1)
        grid.addWidget(self.approved, 2, 2, 1, 2)
        boxes = QHBoxLayout()
        boxes.addWidget(self.shortlist)
        boxes.addWidget(self.show_hidden)
        boxes.addStretch(1)
        boxes.addWidget(self.clear)
        grid.addLayout(boxes, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def set_choices(self, techniques: Sequence[Technique], districts: Sequence[str]) -> None:
        """Offer these techniques and districts, keeping what is picked when it still exists."""
        self._techniques = list(techniques)
        self._refill(self.technique, [(t.id, t.name) for t in techniques])
        self._refill(self.district, [(d, d) for d in districts])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for key, text in items:
            combo.addItem(text, key)
        index = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        if index < 0:
            self.changed.emit()

    def query(self) -> ClinicQuery:
        return ClinicQuery(
            text=self.search.text(),
            condition_group=self.condition.currentData(),
            technique=self.technique.currentData(),
            district=self.district.currentData(),
            approved_only=self.approved.isChecked(),
            shortlist_only=self.shortlist.isChecked(),
            show_hidden=self.show_hidden.isChecked(),
        )

    def show_counts(self, counts: FacetCounts, hidden: int) -> None:
        self.condition.setItemText(0, f"Any condition ({counts.any_condition})")
        for i in range(1, self.condition.count()):
            group = str(self.condition.itemData(i))
            self.condition.setItemText(i, f"{CONDITION_GROUPS[group]} ({counts.conditions[group]})")
        self.technique.setItemText(0, f"Any technique ({counts.any_technique})")
        for i, technique in enumerate(self._techniques, start=1):
            self.technique.setItemText(i, f"{technique.name} ({counts.techniques[technique.id]})")
        self.district.setItemText(0, f"Any district ({counts.any_district})")
        for i in range(1, self.district.count()):
            name = str(self.district.itemData(i))
            self.district.setItemText(i, f"{name} ({counts.districts[name]})")
        self.approved.setText(f"Government-approved only ({counts.approved})")
        self.shortlist.setText(f"On this plan's shortlist ({counts.shortlisted})")
        self.show_hidden.setText(f"Show hidden clinics ({hidden})")
        self.show_hidden.setEnabled(hidden > 0 or self.show_hidden.isChecked())

    def set_plan_available(self, available: bool) -> None:
        self.shortlist.setEnabled(available)
        if not available:
            self.shortlist.setChecked(False)

    def clear_filters(self) -> None:
        """Back to every clinic: the search, the filters and the shortlist box all cleared."""
        widgets = (self.search, self.condition, self.technique, self.district, self.approved, self.shortlist)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.condition, self.technique, self.district):
            combo.setCurrentIndex(0)
        self.approved.setChecked(False)
        self.shortlist.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()
