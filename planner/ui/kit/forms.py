"""Pieces every form shares: fields with their message underneath, searchable and currency
combos, and date editors."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.dates import read_typed_date
from planner.core.limits import EARLIEST_DAY, LATEST_DAY, PlanFull
from planner.reference.service import currency_choices
from planner.ui.kit.widgets import ErrorLabel, heading


class CheckedForm(QFormLayout):
    """A form layout whose fields each carry an ErrorLabel, shown by `show_problems`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.errors: dict[str, ErrorLabel] = {}

    def add_field(self, key: str, label: str, widget: QWidget, hint: str | QLabel = "") -> None:
        """Add a row; the field is called by its label (screen readers do not find a buddy label
        that sits outside the field's box) unless it has an accessible name of its own."""
        name = label.rstrip(":").replace("&", "")
        if not widget.accessibleName():
            widget.setAccessibleName(name)
        error = ErrorLabel(name)
        self.errors[key] = error
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = hint if isinstance(hint, QLabel) else QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            column.addWidget(note)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.addRow(caption, box)

    def show_problems(self, problems: dict[str, str]) -> bool:
        """Show the messages that belong to this form's fields; True when there are none."""
        mine = {k: v for k, v in problems.items() if k in self.errors}
        for key, label in self.errors.items():
            label.show_problem(mine.get(key))
        return not mine

    def show_full(self, full: PlanFull) -> None:
        """Say at the form's first field that the plan has no room for what is being added."""
        self.show_problems({next(iter(self.errors)): str(full)} if self.errors else {})


def note_box(name: str, text: str = "", height: int = 0, placeholder: str = "") -> QPlainTextEdit:
    """A box for a few lines of free text that Tab leaves, like every other field (Ctrl+Tab would
    otherwise be the only way out); `height` caps it, 0 lets it grow."""
    box = QPlainTextEdit(text)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    if placeholder:
        box.setPlaceholderText(placeholder)
    if height:
        box.setMaximumHeight(height)
    return box


def choice_combo(name: str, choices: dict[str, str], current: str) -> QComboBox:
    """A combo of labelled choices whose item data is the key; `current` chosen (else the first)."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def searchable_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    completer = combo.completer()
    assert completer is not None
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def currency_combo(name: str, current: str = "") -> QComboBox:
    """Every ISO 4217 currency as "CODE — name"; any text may be typed (checked on save)."""
    combo = searchable_combo(name)
    for currency in currency_choices():
        combo.addItem(f"{currency.code} — {currency.name}", currency.code)
    index = combo.findData(current) if current else -1
    combo.setCurrentIndex(index)
    if index < 0:
        combo.setCurrentText(current)
    return combo


def currency_code(combo: QComboBox) -> str:
    """The code typed or picked: the first word of the combo's text, upper-cased."""
    text = combo.currentText().strip()
    return text.split(" ", 1)[0].upper() if text else ""


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def optional_date(
    check_text: str, name: str, value: date | None, default: date
) -> tuple[QCheckBox, QDateEdit, QWidget]:
    """A tick box that enables a date editor beside it (ticked when there is a `value`), and the
    row holding both."""
    box = QCheckBox(check_text)
    edit = date_edit(name, value or default)
    box.setChecked(value is not None)
    edit.setEnabled(value is not None)
    box.toggled.connect(edit.setEnabled)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(box)
    layout.addWidget(edit)
    layout.addStretch(1)
    return box, edit, row


class DateEdit(QDateEdit):
    """A date editor that also takes a whole date typed over it: with all its text selected
    (Ctrl+A, or arriving with Tab), typing replaces the text, and Enter or leaving the field
    reads it ("12 Mar 2027", "2027-03-12"); what is not a date puts the date back, as does
    Escape. Otherwise it edits day, month and year in place, as Qt's does."""

    _typing = False

    def _set_typing(self, typing: bool) -> None:
        """While a whole date is typed, the field takes any text: Qt's own reading of each key,
        section by section, is set aside until the text is read."""
        line = self.lineEdit()
        assert line is not None
        if typing and not self._typing:
            self._sections = line.validator()
            line.setValidator(None)  # type: ignore[arg-type]  # Qt takes none
        elif not typing and self._typing:
            line.setValidator(self._sections)
        line.blockSignals(typing)  # else the editor reads each key as it comes and puts its text back
        self._typing = typing

    def _all_selected(self) -> bool:
        line = self.lineEdit()
        return line is not None and bool(self.text()) and line.selectedText() == self.text()

    def _finish_typing(self, keep: bool) -> None:
        typed = self.text()
        self._set_typing(False)
        day = read_typed_date(typed) if keep else None
        if day is not None and self.minimumDate() <= to_qdate(day) <= self.maximumDate():
            self.setDate(to_qdate(day))
        line = self.lineEdit()
        if line is not None:
            line.setText(self.textFromDateTime(self.dateTime()))

    def take_typed(self) -> None:
        """Read a date being typed now, as Enter would (for a form that saves on a key of its own)."""
        if self._typing:
            self._finish_typing(True)
        self.interpretText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.selectAll()
            return
        if self._typing:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                self._finish_typing(key != Qt.Key.Key_Escape)
                event.accept()
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                self._finish_typing(True)
                super().keyPressEvent(event)
                return
            QAbstractSpinBox.keyPressEvent(self, event)  # plain line editing, no sections
            return
        if event.text().isprintable() and event.text().strip() and self._all_selected():
            self._set_typing(True)
            QAbstractSpinBox.keyPressEvent(self, event)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._typing:
            self._finish_typing(True)
        super().focusOutEvent(event)


def date_edit(name: str, value: date) -> DateEdit:
    edit = DateEdit(to_qdate(value))
    edit.setDateRange(to_qdate(EARLIEST_DAY), to_qdate(LATEST_DAY))
    edit.setCalendarPopup(True)
    edit.setLocale(QLocale(QLocale.Language.English))  # month names as planner.core.dates writes them
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


def lay_out_form_dialog(dialog: QDialog, title: str, hint: str, form: CheckedForm) -> QDialogButtonBox:
    """A heading, a hint under it, the form and Save and Cancel (wired to accept and reject);
    returns the buttons."""
    note = QLabel(hint)
    note.setObjectName("hint")
    note.setWordWrap(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(heading(title, 2))
    layout.addWidget(note)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons
