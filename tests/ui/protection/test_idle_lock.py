"""The lock when the person is away: input keeps it off, the idle timer's timeout (called here, not
waited for) covers every window and asks for the passphrase, nothing reaches the covered windows,
and the right passphrase puts everything back as it was, a dialog half filled in still running."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from planner import APP_NAME
from planner.db.database import Database
from planner.protection.service import protect_data
from planner.ui.app.main_window import MainWindow
from planner.ui.protection.idle_lock import (
    LOCK_SHORTCUT,
    LOCKED,
    IdleLock,
    LockCover,
    LockPrompt,
)
from planner.ui.protection.unlock_dialog import WRONG_PASSPHRASE
from tests.ui.protection.conftest import RIGHT, press, type_and_enter

TITLE = "Knee, March — " + APP_NAME


class Window(QMainWindow):
    """A main window with a menu and a shortcut (Ctrl+K) that counts its presses."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(TITLE)
        self.pressed = 0
        self.action = QAction("&Count", self)
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.triggered.connect(self._count)
        self.menuBar().addMenu("&File").addAction(self.action)
        self.field = QLineEdit()
        self.setCentralWidget(self.field)
        self.resize(700, 500)

    def _count(self) -> None:
        self.pressed += 1


@pytest.fixture
def window(qtbot: QtBot) -> Window:
    shown = Window()
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


@pytest.fixture
def make_lock() -> Iterator[Callable[..., IdleLock]]:
    made: list[IdleLock] = []

    def make(minutes: int = 15, quit_app: Callable[[], object] = lambda: None) -> IdleLock:
        lock = IdleLock(lambda passphrase: passphrase == RIGHT, minutes, quit_app)
        made.append(lock)
        return lock

    yield make
    for lock in made:
        if lock.prompt is not None:
            lock.prompt.accept()  # a test that failed while locked leaves nothing covered
        lock.stop()
        lock.deleteLater()


def covers(widget: QWidget) -> list[LockCover]:
    found = widget.findChildren(LockCover, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [child for child in found if child.isVisible()]


def wait_locked(qtbot: QtBot, lock: IdleLock) -> LockPrompt:
    prompt = lock.prompt
    assert prompt is not None
    qtbot.waitUntil(prompt.isActiveWindow)
    return prompt


def test_the_idle_timer_runs_for_the_minutes_chosen_and_input_starts_it_again(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock(5)
    assert lock.timer.isActive() and lock.timer.interval() == 5 * 60_000
    lock.timer.stop()
    qtbot.keyClick(window.field, Qt.Key.Key_A)
    assert lock.timer.isActive()  # a key counted as someone there
    lock.timer.stop()
    qtbot.mouseMove(window.field, QPoint(10, 10))
    qtbot.mouseClick(window.field, Qt.MouseButton.LeftButton)
    assert lock.timer.isActive()
    lock.set_minutes(0)
    assert not lock.timer.isActive()
    qtbot.keyClick(window.field, Qt.Key.Key_B)
    assert not lock.timer.isActive() and not lock.is_locked  # never
    lock.set_minutes(60)
    assert lock.timer.interval() == 60 * 60_000


def test_the_timeout_covers_the_window_and_asks_for_the_passphrase(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    with qtbot.waitSignal(lock.locked):
        lock.timer.timeout.emit()  # fifteen minutes with nobody there
    prompt = wait_locked(qtbot, lock)
    assert QApplication.activeModalWidget() is prompt
    assert prompt.windowModality() == Qt.WindowModality.ApplicationModal
    [cover] = covers(window)
    assert cover.geometry() == window.rect()
    menu_bar = window.menuBar().geometry()
    assert cover.geometry().contains(menu_bar)
    assert window.childAt(menu_bar.center()) is not window.menuBar()  # the cover is on top
    assert window.childAt(window.rect().center()) is not window.field
    assert window.windowTitle() == APP_NAME  # the plan's name is not shown either
    assert not lock.timer.isActive()  # paused while locked
    qtbot.keyClick(prompt, Qt.Key.Key_X)
    assert not lock.timer.isActive()


def test_a_wrong_passphrase_keeps_it_locked_and_escape_does_not_end_it(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    type_and_enter(qtbot, prompt.field, "not it")
    assert lock.is_locked and prompt.isVisible() and prompt.problem.text() == WRONG_PASSPHRASE
    qtbot.keyClick(prompt.field, Qt.Key.Key_Escape)
    prompt.close()
    assert lock.is_locked and prompt.isVisible() and covers(window)


def test_the_right_passphrase_uncovers_everything_as_it_was(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    qtbot.keyClicks(window.field, "half a sentence")
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    with qtbot.waitSignal(lock.unlocked):
        type_and_enter(qtbot, prompt.field, RIGHT)
    assert not lock.is_locked and not prompt.isVisible()
    qtbot.waitUntil(lambda: covers(window) == [])
    assert window.windowTitle() == TITLE
    qtbot.waitUntil(window.isActiveWindow)
    assert window.field.hasFocus() and window.field.text() == "half a sentence"
    assert lock.timer.isActive()  # counting again


def test_shortcuts_and_menus_do_not_reach_a_locked_window(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    press(qtbot, window, "Ctrl+K")
    assert window.pressed == 1  # the shortcut works while unlocked
    lock = make_lock()
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    press(qtbot, window, "Ctrl+K")
    press(qtbot, window, "Alt+F")
    window.activateWindow()  # as a click on the covered window would try
    qtbot.waitUntil(prompt.isActiveWindow)
    press(qtbot, window, "Ctrl+K")
    assert window.pressed == 1
    assert QApplication.activePopupWidget() is None  # no menu opened
    assert QApplication.activeModalWidget() is prompt
    type_and_enter(qtbot, prompt.field, RIGHT)
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Ctrl+K")
    assert window.pressed == 2


def test_a_dialog_half_filled_in_is_covered_and_still_running_after_unlocking(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    dialog = QDialog(window)
    dialog.setWindowTitle("Add expense")
    amount = QLineEdit()
    ok = QPushButton("OK")
    ok.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(amount)
    layout.addWidget(ok)
    seen: dict[str, object] = {}
    problems: list[str] = []

    def while_open() -> None:
        try:
            qtbot.waitUntil(dialog.isActiveWindow)
            qtbot.keyClicks(amount, "1,20")
            lock.timer.timeout.emit()
            prompt = wait_locked(qtbot, lock)
            seen["covered"] = (len(covers(dialog)), len(covers(window)))
            seen["titles"] = (dialog.windowTitle(), window.windowTitle())
            press(qtbot, dialog, "Return")  # the dialog's OK must not be reached
            seen["still open"] = dialog.isVisible()
            type_and_enter(qtbot, prompt.field, RIGHT)
            qtbot.waitUntil(lambda: covers(dialog) == [] and covers(window) == [])
            qtbot.waitUntil(dialog.isActiveWindow)
            seen["after"] = (dialog.isVisible(), amount.text(), amount.hasFocus(), dialog.windowTitle())
            qtbot.keyClicks(amount, "0")
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        except Exception as error:
            problems.append(repr(error))
            dialog.reject()

    QTimer.singleShot(0, while_open)
    result = dialog.exec()
    assert problems == []
    assert seen["covered"] == (1, 1)
    assert seen["titles"] == (APP_NAME, APP_NAME)
    assert seen["still open"] is True
    assert seen["after"] == (True, "1,20", True, "Add expense")
    assert result == QDialog.DialogCode.Accepted and amount.text() == "1,200"


def test_locking_again_while_locked_does_nothing(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    lock.lock_now()
    lock.timer.timeout.emit()
    assert lock.prompt is prompt and len(covers(window)) == 1


def test_a_window_that_opens_while_locked_is_covered_too(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    lock = make_lock()
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    notice = QMessageBox(QMessageBox.Icon.Warning, "Not saved", "The disk is full.", parent=window)
    notice.setWindowModality(Qt.WindowModality.ApplicationModal)
    notice.show()
    qtbot.waitUntil(lambda: len(covers(notice)) == 1)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is prompt)  # still the one typed into
    qtbot.waitUntil(prompt.isActiveWindow)
    type_and_enter(qtbot, prompt.field, RIGHT)
    qtbot.waitUntil(lambda: covers(notice) == [])
    assert notice.isVisible() and notice.windowTitle() == "Not saved"
    notice.close()


def test_quit_in_the_prompt_asks_the_app_to_quit(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    quits: list[bool] = []
    lock = make_lock(quit_app=lambda: quits.append(True))
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    press(qtbot, prompt, "Alt+Q")
    qtbot.waitUntil(lambda: quits == [True])


def test_quitting_closes_the_prompt_first_and_it_comes_back_if_a_window_will_not_close(
    qtbot: QtBot, window: Window, make_lock: Callable[..., IdleLock]
) -> None:
    refusing = [True]
    window.closeEvent = lambda event: event.setAccepted(not refusing[0])  # type: ignore[method-assign]
    prompt_shown: list[bool] = []

    def quit_app() -> None:
        QApplication.closeAllWindows()  # what Qt's quit does first; it stops at a modal that will not close
        prompt_shown.append(prompt.isVisible())

    lock = make_lock(quit_app=quit_app)
    lock.lock_now()
    prompt = wait_locked(qtbot, lock)
    press(qtbot, prompt, "Alt+Q")
    qtbot.waitUntil(lambda: prompt_shown == [False])  # it closed
    qtbot.waitUntil(prompt.isVisible)  # the window refused: still locked, the prompt back
    assert lock.is_locked and window.isVisible() and len(covers(window)) == 1
    refusing[0] = False
    press(qtbot, prompt, "Alt+Q")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert prompt_shown == [False, False]


def test_ctrl_l_locks_a_protected_window_and_nothing_else_in_it_uses_ctrl_l(
    qtbot: QtBot, db: Database, make_window: Callable[[], MainWindow]
) -> None:
    protect_data(db, RIGHT)
    main = make_window()
    taken = [
        sequence.toString()
        for action in main.findChildren(QAction)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    ]
    assert "Ctrl+F" in taken and taken.count(LOCK_SHORTCUT) == 1
    assert main.lock_action.shortcut().toString() == LOCK_SHORTCUT
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    press(qtbot, main, LOCK_SHORTCUT)
    lock = main.protection.idle_lock
    assert lock is not None
    prompt = wait_locked(qtbot, lock)
    assert lock.is_locked and len(covers(main)) == 1
    assert LOCKED in prompt.message.text()
    type_and_enter(qtbot, prompt.field, RIGHT)
    assert not lock.is_locked


def test_lock_now_is_greyed_out_while_the_data_is_not_protected(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    main = make_window()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    assert not main.lock_action.isEnabled()
    press(qtbot, main, LOCK_SHORTCUT)
    assert main.protection.idle_lock is None
    assert QApplication.activeModalWidget() is None
