"""Choosing a passphrase for the data (File › Protection… › Protect with a passphrase…) or
changing it: typed twice, checked at each field, with the plain warning that a forgotten one
cannot be recovered by anyone, and a recovery sheet to print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.core import clock
from planner.ui.kit.widgets import ErrorLabel, action_button, heading, wrapped_text
from planner.ui.protection.busy import busy_cursor
from planner.ui.protection.passphrase_field import PassphraseField, show_toggle
from planner.ui.protection.recovery_sheet import PrintSheet, print_recovery_sheet, recovery_sheet

FORGOTTEN = (
    "If you forget this passphrase, nobody can recover your data: not you, not anyone you ask, "
    f"not even the makers of {APP_NAME}. There is no reset."
)
WHAT_IS_ENCRYPTED = (
    "Your data, its working log and its backups are encrypted with it. Files you save out of the "
    "app are not: exported plans (unless you protect the plan file as you export it), PDFs, CSV "
    "and calendar files are written as ordinary files anyone can read."
)
PROTECT_INTRO = (
    f"You will type it each time {APP_NAME} starts. A few words together are easier to remember "
    "and harder to guess than one short word."
)
CHANGE_INTRO = "Type your passphrase as it is now, then the new one twice."
UNDERSTAND = "I &understand that if I forget it, my data cannot be recovered"
SHEET_HINT = "One page with the passphrase, to keep somewhere safe. It goes to a printer, never to a file."
NOT_SAME = "The two passphrases are not the same. Type it again."
NOT_CURRENT = "That is not your passphrase as it is now. Try again."
NO_CURRENT = "Type your passphrase as it is now."
UNCHANGED = "The new passphrase is the same as the one you have now."



class NewPassphraseDialog(QDialog):
    """`problem` says what is wrong with a new passphrase (the app's one rule). On OK the fields
    are checked; then, when changing, `check_current` must accept the passphrase as it is now;
    then `apply(current, new)` ("" for current when protecting) does it, returning None or, in
    plain words, why it could not (said in the dialog, which stays open)."""

    def __init__(
        self,
        *,
        change: bool,
        problem: Callable[[str], str | None],
        data_dir: Path,
        apply: Callable[[str, str], str | None],
        check_current: Callable[[str], bool] | None = None,
        print_sheet: PrintSheet = print_recovery_sheet,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if change and check_current is None:
            raise ValueError("changing the passphrase needs check_current")
        self.change = change
        self._problem, self._apply, self._check_current = problem, apply, check_current
        self.data_dir = data_dir
        self._print_sheet = print_sheet
        self.setWindowTitle("Change passphrase" if change else "Protect with a passphrase")

        self.current = PassphraseField("Current passphrase")
        self.current_problem = ErrorLabel("Current passphrase")
        self.new = PassphraseField("New passphrase")
        self.new_problem = ErrorLabel("New passphrase")
        self.again = PassphraseField("New passphrase again")
        self.again_problem = ErrorLabel("New passphrase again")
        form = QFormLayout()
        rows = [("&Current passphrase:", self.current, self.current_problem)] if change else []
        rows += [
            ("&New passphrase:", self.new, self.new_problem),
            ("Type it &again:", self.again, self.again_problem),
        ]
        for caption, field, error in rows:
            label = QLabel(caption)
            label.setBuddy(field)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(error)
            form.addRow(label, column)
            field.textEdited.connect(lambda _text, error=error: error.show_problem(None))
        self.show_box = show_toggle("&Show passphrases", [self.current, self.new, self.again])
        form.addRow("", self.show_box)

        self.warning = wrapped_text(FORGOTTEN, "warningOver")
        self.warning.setAccessibleName("Warning")
        self.print_button = action_button("P&rint a recovery sheet…", self.print_sheet, SHEET_HINT)
        self.printed = wrapped_text("", "hint")
        self.printed.hide()
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.print_button)
        sheet_row.addWidget(wrapped_text(SHEET_HINT, "hint"), 1)
        self.understand = QCheckBox(UNDERSTAND)
        self.apply_problem = ErrorLabel("Passphrase")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            "C&hange passphrase" if change else "&Protect", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("primary")
        self.ok_button.clicked.connect(lambda _checked=False: self.try_accept())
        self.buttons.rejected.connect(self.reject)
        self.understand.toggled.connect(lambda _on: self._enable())

        layout = QVBoxLayout(self)
        title = "Change your passphrase" if change else "Protect your data with a passphrase"
        layout.addWidget(heading(title, 2))
        layout.addWidget(wrapped_text(CHANGE_INTRO if change else PROTECT_INTRO))
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(wrapped_text(WHAT_IS_ENCRYPTED))
        layout.addLayout(sheet_row)
        layout.addWidget(self.printed)
        layout.addWidget(self.understand)
        if change:
            self.understand.hide()  # asked only when protection is turned on
        layout.addWidget(self.apply_problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.print_button.setAutoDefault(False)  # Enter never prints
        self.ok_button.setDefault(True)  # once it is in the dialog, so it stays the default
        (self.current if change else self.new).setFocus()
        self._enable()

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.change or self.understand.isChecked())

    def _new_passphrase(self) -> str | None:
        """The new passphrase when it will do and was typed the same twice; else the problems
        are said at the fields and the first is focused."""
        new, again = self.new.text(), self.again.text()
        problem = self._problem(new)
        mismatch = None if problem or new == again else NOT_SAME
        self.new_problem.show_problem(problem)
        self.again_problem.show_problem(mismatch)
        if problem:
            self.new.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        if mismatch:
            self.again.clear()
            self.again.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return new

    def try_accept(self) -> None:
        self.apply_problem.show_problem(None)
        current = self.current.text() if self.change else ""
        if self.change and not current:
            self._refuse_current(NO_CURRENT)
            return
        new = self._new_passphrase()
        if new is None or not self.ok_button.isEnabled():
            return
        if self.change and new == current:
            self.new_problem.show_problem(UNCHANGED)
            self.new.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        with busy_cursor():
            if self._check_current is not None and self.change and not self._check_current(current):
                self._refuse_current(NOT_CURRENT)
                return
            problem = self._apply(current, new)
        if problem:
            self.apply_problem.show_problem(problem)
            return
        for field in (self.current, self.new, self.again):
            field.clear()
        self.accept()

    def _refuse_current(self, message: str) -> None:
        self.current_problem.show_problem(message)
        self.current.clear()
        self.current.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_sheet(self) -> None:
        """Print the recovery sheet of the new passphrase, once it will do and both match."""
        new = self._new_passphrase()
        if new is None:
            return
        document = recovery_sheet(new, self.data_dir, clock.today())
        try:
            said = self._print_sheet(self, document)
        finally:
            document.clear()
            document.deleteLater()
        if said:
            self.printed.setText(said)
            self.printed.show()
