"""The start-up unlock dialog: a wrong passphrase is said at the field and asked for again, the
right one unlocks, Quit quits, and "It was never protected?" says so to the caller."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner import APP_NAME
from planner.ui.protection.unlock_dialog import (
    NO_PASSPHRASE,
    PROTECTED,
    WRONG_PASSPHRASE,
    UnlockDialog,
    UnlockResult,
    ask_to_unlock,
)
from tests.ui.protection.conftest import RIGHT, answer_modal, press, type_and_enter


class Unlocker:
    """The data's side: opens with RIGHT only, and remembers each try and the cursor shown."""

    def __init__(self) -> None:
        self.tried: list[str] = []
        self.cursors: list[Qt.CursorShape | None] = []

    def __call__(self, passphrase: str) -> str | None:
        self.tried.append(passphrase)
        cursor = QApplication.overrideCursor()
        self.cursors.append(cursor.shape() if cursor is not None else None)
        return None if passphrase == RIGHT else WRONG_PASSPHRASE


def shown(qtbot: QtBot, unlocker: Unlocker) -> UnlockDialog:
    dialog = UnlockDialog(unlocker)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_it_says_what_is_asked_and_hides_what_is_typed(qtbot: QtBot) -> None:
    dialog = shown(qtbot, Unlocker())
    assert dialog.windowTitle() == APP_NAME
    assert dialog.message.text() == PROTECTED
    assert dialog.field.hasFocus()
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(dialog.show_box, Qt.MouseButton.LeftButton, pos=dialog.show_box.rect().center())
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(dialog.show_box, Qt.MouseButton.LeftButton, pos=dialog.show_box.rect().center())
    assert dialog.field.echoMode() == QLineEdit.EchoMode.Password


def test_a_wrong_passphrase_is_said_at_the_field_and_asked_for_again(qtbot: QtBot) -> None:
    unlocker = Unlocker()
    dialog = shown(qtbot, unlocker)
    type_and_enter(qtbot, dialog.field, "correct horse")  # Enter presses Unlock
    assert unlocker.tried == ["correct horse"]
    assert unlocker.cursors == [Qt.CursorShape.WaitCursor]  # busy while the key is derived
    assert QApplication.overrideCursor() is None
    assert dialog.isVisible()
    assert dialog.problem.isVisible() and dialog.problem.text() == WRONG_PASSPHRASE
    assert dialog.field.text() == "" and dialog.field.hasFocus()

    qtbot.keyClicks(dialog.field, "still wrong")
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.problem.text() == WRONG_PASSPHRASE
    assert dialog.field.hasFocus() and dialog.action_button.isDefault()  # Enter still unlocks

    type_and_enter(qtbot, dialog.field, RIGHT)
    assert unlocker.tried == ["correct horse", "still wrong", RIGHT]
    assert not dialog.isVisible()
    assert dialog.unlock_result() is UnlockResult.UNLOCKED
    assert dialog.field.text() == ""  # not kept in the widget once used


def test_nothing_typed_is_not_tried(qtbot: QtBot) -> None:
    unlocker = Unlocker()
    dialog = shown(qtbot, unlocker)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert unlocker.tried == []
    assert dialog.isVisible() and dialog.problem.text() == NO_PASSPHRASE


def test_quit_and_escape_end_it_as_quit(qtbot: QtBot) -> None:
    unlocker = Unlocker()
    dialog = shown(qtbot, unlocker)
    qtbot.keyClicks(dialog.field, "half typed")
    qtbot.mouseClick(dialog.leave_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.unlock_result() is UnlockResult.QUIT
    again = shown(qtbot, unlocker)
    qtbot.keyClick(again.field, Qt.Key.Key_Escape)
    assert not again.isVisible() and again.unlock_result() is UnlockResult.QUIT
    assert unlocker.tried == []


def test_never_protected_ends_it_with_its_own_answer(qtbot: QtBot) -> None:
    unlocker = Unlocker()
    dialog = shown(qtbot, unlocker)
    assert dialog.never_button.text() == "It was &never protected?"
    qtbot.mouseClick(dialog.never_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.unlock_result() is UnlockResult.NOT_PROTECTED
    assert unlocker.tried == []


def test_never_protected_answers_to_its_alt_key(qtbot: QtBot) -> None:
    dialog = shown(qtbot, Unlocker())
    press(qtbot, dialog, "Alt+N")
    qtbot.waitUntil(lambda: not dialog.isVisible())  # a button's Alt key clicks it a moment later
    assert dialog.unlock_result() is UnlockResult.NOT_PROTECTED


def test_ask_to_unlock_waits_until_the_passphrase_opens_the_data(qtbot: QtBot) -> None:
    unlocker = Unlocker()

    def answer(modal: QWidget) -> None:
        assert isinstance(modal, UnlockDialog)
        type_and_enter(qtbot, modal.field, "wrong one")
        assert modal.isVisible() and modal.problem.text() == WRONG_PASSPHRASE
        type_and_enter(qtbot, modal.field, RIGHT)

    problems = answer_modal(qtbot, answer)
    assert ask_to_unlock(None, unlocker) is UnlockResult.UNLOCKED
    assert problems == []
    assert unlocker.tried == ["wrong one", RIGHT]


def test_ask_to_unlock_says_quit_and_never_protected(qtbot: QtBot) -> None:
    unlocker = Unlocker()
    problems = answer_modal(qtbot, lambda modal: press(qtbot, modal, "Alt+Q"))
    assert ask_to_unlock(None, unlocker) is UnlockResult.QUIT
    problems += answer_modal(qtbot, lambda modal: press(qtbot, modal, "Alt+N"))
    assert ask_to_unlock(None, unlocker) is UnlockResult.NOT_PROTECTED
    assert problems == [] and unlocker.tried == []


def test_a_long_refusal_is_shown_whole(qtbot: QtBot) -> None:
    long_problem = "That passphrase does not open your data. Check it and try again, slowly."
    dialog = UnlockDialog(lambda _typed: long_problem)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_and_enter(qtbot, dialog.field, "wrong one")
    qtbot.waitUntil(dialog.problem.isVisible)
    label = dialog.problem
    assert label.text() == long_problem
    assert label.height() >= label.heightForWidth(label.width())
