"""Add or edit a checklist item: what, which step, what kind, when it is due (a date, or days
before or after departure, treatment or return), a note, and for documents their expiry."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.checklist.rules import ANCHORS, DOCUMENTS, KINDS, Item, ItemDraft
from planner.checklist.service import save_item
from planner.core.dates import day_month_year
from planner.core.limits import PlanFull
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.ui.kit.forms import CheckedForm, choice_combo, note_box
from planner.ui.kit.widgets import heading

DUE_MODES = {"none": "No due date", "date": "On a date", **{a: f"Days from {a}" for a in ANCHORS}}


class ChecklistItemDialog(QDialog):
    """`saved` holds the item once Save has written it."""

    def __init__(
        self,
        db: Database,
        plan_id: int,
        steps: dict[str, str],
        item: Item | None = None,
        step_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.plan_id, self.item = db, plan_id, item
        self.saved: Item | None = None
        self.setWindowTitle("Edit checklist item" if item else "Add checklist item")
        self.setMinimumWidth(540)
        self.text = QLineEdit(item.text if item else "")
        self.text.setAccessibleName("What to do")
        self.text.setPlaceholderText("e.g. Print the hotel booking")
        self.step = choice_combo(
            "Journey step", steps, item.step_id if item else (step_id or next(iter(steps), ""))
        )
        self.kind = choice_combo("Kind", KINDS, item.kind if item else "task")
        due = item.due if item else None
        mode = "date" if due and due.on else (due.anchor if due and due.anchor else "none")
        self.due_mode = choice_combo("Due", DUE_MODES, mode)
        self.due_text = QLineEdit(day_month_year(due.on) if due and due.on else "")
        self.due_text.setAccessibleName("Due date")
        self.due_text.setPlaceholderText("1 Mar 2027")
        self.offset = QLineEdit(str(due.days) if due and due.days is not None else "")
        self.offset.setAccessibleName("Days from the date")
        self.offset.setPlaceholderText("-30 for a month before")
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.due_mode)
        due_layout.addWidget(self.due_text)
        due_layout.addWidget(self.offset)
        self.document = choice_combo(
            "Document", {"": "(not a document)", **DOCUMENTS}, item.document if item else ""
        )
        self.expires = QLineEdit(day_month_year(item.expires_on) if item and item.expires_on else "")
        self.expires.setAccessibleName("Expires on")
        self.expires.setPlaceholderText("20 May 2031")
        self.note = note_box("Note", item.note if item else "", 80)
        self.form = CheckedForm()
        self.form.add_field("text", "&What:", self.text)
        self.form.add_field("step", "&Step:", self.step)
        self.form.add_field("kind", "&Kind:", self.kind)
        self.form.add_field("due", "D&ue:", due_row)
        self.form.add_field("document", "D&ocument:", self.document, "For documents: which one.")
        self.form.add_field(
            "expires", "E&xpires:", self.expires, "A passport must stay valid 6 months after you return."
        )
        self.form.add_field("note", "&Note:", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.due_mode.currentIndexChanged.connect(self._due_mode_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._due_mode_changed()
        self._kind_changed()

    def _due_mode_changed(self) -> None:
        mode = self.due_mode.currentData()
        self.due_text.setVisible(mode == "date")
        self.offset.setVisible(mode in ANCHORS)

    def _kind_changed(self) -> None:
        is_document = self.kind.currentData() == "document"
        self.document.setEnabled(is_document)
        self.expires.setEnabled(is_document)

    def draft(self) -> ItemDraft:
        return ItemDraft(
            step_id=str(self.step.currentData()),
            text=self.text.text(),
            kind=str(self.kind.currentData()),
            due_mode=str(self.due_mode.currentData()),
            due_text=self.due_text.text(),
            offset_text=self.offset.text(),
            note=self.note.toPlainText(),
            document=str(self.document.currentData() or ""),
            expires_text=self.expires.text(),
        )

    def accept(self) -> None:
        try:
            self.saved = save_item(self.db, self.plan_id, self.draft(), self.item.id if self.item else None)
        except PlanFull as full:
            self.form.show_full(full)
            return
        except ValidationError as error:
            problems = dict(error.errors)
            if "offset" in problems:  # the offset is typed in the due row
                problems["due"] = problems.pop("offset")
            self.form.show_problems(problems)
            return
        super().accept()
