"""A clinic's quotes for the current plan: enter, edit, delete, accept, compare."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.budget.summary_service import relation_sentence
from planner.clinics.quotes import Quote
from planner.clinics.quotes_service import (
    accept_quote,
    delete_quote,
    list_quotes,
    quote_room_problem,
    save_quote,
)
from planner.clinics.rules import Clinic
from planner.db.database import Database
from planner.plans.service import Plan
from planner.ui.clinics.quote_compare_dialog import QuoteCompareDialog
from planner.ui.clinics.quote_dialog import QuoteDialog
from planner.ui.clinics.quote_model import QUOTE_ROLE, QuoteModel
from planner.ui.kit.events import AppEvents
from planner.ui.kit.panel import Panel
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.tables import row_table


class ClinicQuotes(Panel):
    def __init__(
        self, db: Database, prompter: Prompter, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, prompter, events, parent)
        self.plan: Plan | None = None
        self.clinic: Clinic | None = None
        self.plan_quotes: list[Quote] = []
        self.dialog: QuoteDialog | None = None
        self.compare_dialog: QuoteCompareDialog | None = None
        self.model = QuoteModel()
        self.table = row_table(self.model, "Quotes from this clinic")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnHidden(0, True)
        self.table.doubleClicked.connect(lambda _index: self.edit_quote())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.intro = QLabel()
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        self.new_button = QPushButton("&New quote…")
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_quote)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit_quote)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.clicked.connect(self.delete_quote)
        self.accept_button = QPushButton("&Accept this quote")
        self.accept_button.clicked.connect(self.toggle_accepted)
        self.compare_button = QPushButton("Compare &quotes…")
        self.compare_button.setToolTip("Compare two of this plan's quotes line by line")
        self.compare_button.clicked.connect(self.compare_quotes)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.accept_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_clinic(self, plan: Plan | None, clinic: Clinic | None) -> None:
        self.plan = plan
        self.clinic = clinic
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read the plan's quotes again, keeping the selected one (or selecting `select_id`)."""
        if select_id is None and (current := self.current_quote()) is not None:
            select_id = current.id
        self.plan_quotes = list_quotes(self.db, self.plan.id) if self.plan else []
        mine = [q for q in self.plan_quotes if self.clinic and q.clinic_id == self.clinic.id]
        self.model.set_quotes(mine)
        if self.plan is None:
            self.intro.setText("Create a plan first: quotes are kept per plan.")
        elif self.clinic is not None:
            self.intro.setText(
                f"Quotes {self.clinic.name} sent for “{self.plan.name}”. Itemise them by the "
                "articles' fee categories to compare like with like; accept one to make it the "
                "plan's quote (this also chooses the clinic). "
                + relation_sentence(next((q for q in self.plan_quotes if q.accepted), None))
            )
        row = self.model.row_of(select_id) if select_id is not None else -1
        row = row if row >= 0 else (0 if mine else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def current_quote(self) -> Quote | None:
        rows = self.table.selectionModel().selectedRows()
        quote = rows[0].data(QUOTE_ROLE) if rows else None
        return quote if isinstance(quote, Quote) else None

    def _update_buttons(self) -> None:
        quote = self.current_quote()
        ready = self.plan is not None and self.clinic is not None
        self.new_button.setEnabled(ready)
        for button in (self.edit_button, self.delete_button, self.accept_button):
            button.setEnabled(ready and quote is not None)
        self.accept_button.setText("Un&accept" if quote and quote.accepted else "&Accept this quote")
        self.compare_button.setEnabled(len(self.plan_quotes) >= 2)

    def _open(self, quote: Quote | None) -> None:
        if self.plan is None or self.clinic is None:
            return
        dialog = QuoteDialog(self.db, self.plan, self.clinic, quote, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: QuoteDialog) -> None:
        if dialog.saved is not None:
            self.reload(dialog.saved.id)
            self.events.announce(save_quote.changes, item_id=dialog.saved.id)

    def new_quote(self) -> None:
        if self.plan is not None and (full := quote_room_problem(self.db, self.plan.id)):
            self.prompter.error(self, "No room for another quote", full)
            return
        self._open(None)

    def edit_quote(self) -> None:
        if (quote := self.current_quote()) is not None:
            self._open(quote)

    def delete_quote(self) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        if not self.prompter.confirm(
            self, "Delete quote", f"Delete the quote {quote.title}?\n\nThis cannot be undone.", "Delete quote"
        ):
            return
        delete_quote(self.db, quote.id)
        self.reload()
        self.events.announce(delete_quote.changes)

    def toggle_accepted(self) -> None:
        quote = self.current_quote()
        if quote is None or self.plan is None:
            return
        accept_quote(self.db, self.plan.id, None if quote.accepted else quote.id)
        self.reload(quote.id)
        self.events.announce(accept_quote.changes)

    def compare_quotes(self) -> None:
        if len(self.plan_quotes) < 2:
            return
        dialog = QuoteCompareDialog(self.plan_quotes, self.current_quote(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "compare_dialog", None))
        self.compare_dialog = dialog
        dialog.show()
