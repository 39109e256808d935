"""Asking for the passphrase of protected data: at start-up, before anything is read, and (as a
variant) wherever the person must prove it is theirs. A wrong one is said at the field, which is
emptied for another try; the dialog keeps asking until the passphrase is right or the person
leaves."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.ui.kit.widgets import ErrorLabel, heading, wrapped_text
from planner.ui.protection.busy import busy_cursor
from planner.ui.protection.passphrase_field import PassphraseField, show_toggle

WRONG_PASSPHRASE = "That passphrase is wrong. Try again."
NO_PASSPHRASE = "Type your passphrase."
PROTECTED = "Your data is protected with a passphrase."
NEVER_PROTECTED_TIP = (
    "If you never set a passphrase, your data file may be damaged instead; "
    "you will be offered a way to recover it."
)
NOT_PROTECTED_CODE = 2
"""What `UnlockDialog.exec()` returns when the person says the data was never protected."""


class UnlockResult(Enum):
    UNLOCKED = "unlocked"
    QUIT = "quit"
    NOT_PROTECTED = "not protected"
    """The person says they never set a passphrase: the file may be a damaged one."""


def wrong_unless(right: Callable[[str], bool]) -> Callable[[str], str | None]:
    """A judge of passphrases for `PassphrasePrompt` from a yes/no check."""
    return lambda passphrase: None if right(passphrase) else WRONG_PASSPHRASE



class PassphrasePrompt(QDialog):
    """One passphrase field and an action that `judge` decides: it returns None when the
    passphrase did what was asked (the dialog is then accepted) or, in plain words, what was wrong
    (said under the field, which is emptied and focused for another try). The person leaves with
    the second button, or Escape."""

    def __init__(
        self,
        judge: Callable[[str], str | None],
        *,
        title: str,
        message: str,
        action: str,
        leave: str,
        headline: str = APP_NAME,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._judge = judge
        self.setWindowTitle(title)
        self.field = PassphraseField("Passphrase")
        label = QLabel("&Passphrase:")
        label.setBuddy(self.field)
        self.show_box = show_toggle("&Show", [self.field])
        self.show_box.setAccessibleName("Show the passphrase")
        self.problem = ErrorLabel("Passphrase")
        self.message = wrapped_text(message)
        self.buttons = QDialogButtonBox()
        self.action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.action_button.setObjectName("primary")
        self.leave_button = self.buttons.addButton(leave, QDialogButtonBox.ButtonRole.RejectRole)
        self.action_button.clicked.connect(lambda _checked=False: self.try_passphrase())
        self.leave_button.clicked.connect(lambda _checked=False: self.leave())
        field_row = QHBoxLayout()
        field_row.addWidget(self.field, 1)
        field_row.addWidget(self.show_box)
        self.body = QVBoxLayout()
        self.body.addWidget(self.message)
        self.body.addSpacing(6)
        self.body.addWidget(label)
        self.body.addLayout(field_row)
        self.body.addWidget(self.problem)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(headline, 2))
        layout.addLayout(self.body)
        layout.addStretch(1)
        self.bottom = QHBoxLayout()
        self.bottom.addStretch(1)
        self.bottom.addWidget(self.buttons)
        layout.addLayout(self.bottom)
        self.setMinimumWidth(440)
        self.action_button.setDefault(True)  # Enter in the field presses it
        self.field.setFocus()

    def try_passphrase(self) -> None:
        passphrase = self.field.text()
        if not passphrase:
            self._ask_again(NO_PASSPHRASE)
            return
        self.action_button.setEnabled(False)
        try:
            with busy_cursor():
                problem = self._judge(passphrase)
        finally:
            self.action_button.setEnabled(True)
        self.field.clear()
        if problem:
            self._ask_again(problem)
            return
        self.problem.show_problem(None)
        self.accept()

    def _ask_again(self, problem: str) -> None:
        self.problem.show_problem(problem)
        self.field.clear()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def leave(self) -> None:
        self.reject()


class UnlockDialog(PassphrasePrompt):
    """The start-up question, before anything is read: Unlock, Quit, or "It was never
    protected?" (`exec()` then returns NOT_PROTECTED_CODE), for a file that only looks
    encrypted because it is damaged."""

    def __init__(self, try_unlock: Callable[[str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(
            try_unlock, title=APP_NAME, message=PROTECTED, action="&Unlock", leave="&Quit", parent=parent
        )
        self.never_button = QPushButton("It was &never protected?")
        self.never_button.setFlat(True)
        self.never_button.setObjectName("quietLink")
        self.never_button.setToolTip(NEVER_PROTECTED_TIP)
        self.never_button.setAutoDefault(False)
        self.never_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.never_button.clicked.connect(lambda _checked=False: self.done(NOT_PROTECTED_CODE))
        self.bottom.insertWidget(0, self.never_button)

    def unlock_result(self) -> UnlockResult:
        """What the person chose, once the dialog has ended."""
        if self.result() == NOT_PROTECTED_CODE:
            return UnlockResult.NOT_PROTECTED
        return UnlockResult.UNLOCKED if self.result() == QDialog.DialogCode.Accepted else UnlockResult.QUIT


def ask_to_unlock(parent: QWidget | None, try_unlock: Callable[[str], str | None]) -> UnlockResult:
    """Ask for the passphrase until `try_unlock` opens the data with one (it returns None then,
    else the problem in plain words, such as WRONG_PASSPHRASE), or the person quits or says the
    data was never protected."""
    dialog = UnlockDialog(try_unlock, parent)
    dialog.exec()
    result = dialog.unlock_result()
    dialog.deleteLater()
    return result
