"""The Learn page: all the reference content from the articles, searchable."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from planner.plans.service import Plan
from planner.printouts.html import learn_entry_html
from planner.reference.learn_service import LearnEntry
from planner.ui.kit.page import Page
from planner.ui.kit.rich_text import rich_text_view
from planner.ui.kit.tables import row_table
from planner.ui.kit.widgets import advice_note, list_and_detail_page
from planner.ui.learn.learn_model import ENTRY_ROLE, LearnFilter, LearnModel


class LearnPage(Page):
    """The reference: the same for every plan, and shown even when the current plan cannot be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LearnModel()
        self.proxy = LearnFilter()
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search, e.g. tendonitis, visa, Germany, exosomes")
        self.search.setAccessibleName("Search the reference")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_search)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)
        self.count = QLabel()
        self.count.setObjectName("hint")

        self.table = row_table(self.proxy, "Reference items")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 190)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)

        self.detail = rich_text_view("Reference item")
        self.advice = advice_note()

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        list_and_detail_page(
            self,
            "Learn",
            "What the two source articles say about the injuries, the treatments, the "
            "clinics' prices and the costs at home. Each item names its article.",
            [search_row, self.table, self.advice],
            self.detail,
            (560, 500),
        )

    def set_entries(self, entries: list[LearnEntry]) -> None:
        self.model.set_entries(entries)
        self._apply_search(self.search.text())

    def _apply_search(self, text: str) -> None:
        self.proxy.set_query(text)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if text.strip() and shown == 0:
            self.count.setText("No matches")
            self.detail.setHtml(
                f"<p>Nothing in the reference mentions “{escape(text.strip())}”. "
                "Try a shorter or different word.</p>"
            )
            return
        self.count.setText(f"{shown} of {total}" if text.strip() else f"{total} items")
        if shown and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _show_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entry = indexes[0].data(ENTRY_ROLE) if indexes else None
        if isinstance(entry, LearnEntry):
            self.detail.setHtml(learn_entry_html(entry))

    def set_plan(self, plan: Plan | None) -> None:
        pass  # the reference is the same for every plan

    def search_box(self) -> QLineEdit:
        return self.search
