"""Create the QApplication, open the data, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import __version__
from planner.core.money import set_number_locale
from planner.core.paths import resources_dir
from planner.exit_codes import EXIT_DAMAGED, EXIT_FAILURE, EXIT_IN_USE, EXIT_LOCKED
from planner.identity import APP_ID, APP_NAME
from planner.passphrase_input import TerminalUnlock
from planner.protection.service import UnlockAnswer, asking_unlock
from planner.startup import OpenData, RecoveryDeclined, Unlock, UnlockDeclined, failure, open_data
from planner.terminal import say
from planner.ui.app.damaged_data import recover
from planner.ui.app.main_window import MainWindow, settings_for
from planner.ui.kit.app_icon import app_icon
from planner.ui.kit.prompter import Prompter
from planner.ui.kit.storage_errors import install_storage_error_handler
from planner.ui.protection.unlock_dialog import UnlockResult, ask_to_unlock

SMOKE_TIMEOUT_MS = 30_000


class _FirstPaint(QObject):
    """Ends the event loop with exit code 0 once the watched window has been painted."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: self.app.exit(0))
        return False


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # The desktop entry's name without ".desktop": Wayland's app id, so the shell matches the
    # window to packaging/linux/APP_ID.desktop and shows its icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def run_gui(data_dir: Path, smoke: bool = False) -> int:
    app = make_application()
    set_number_locale(QLocale.system().name())  # amounts are typed and shown the user's way
    return _run_window(app, data_dir, Prompter(), smoke)


def _cannot_start(message: str, smoke: bool, code: int) -> int:
    say(message)
    if not smoke:
        if code == EXIT_IN_USE:
            QMessageBox.information(None, APP_NAME, message)
        else:
            QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start.\n\n{message}")
    return code


ANSWERS = {
    UnlockResult.UNLOCKED: UnlockAnswer.UNLOCKED,
    UnlockResult.QUIT: UnlockAnswer.QUIT,
    UnlockResult.NOT_PROTECTED: UnlockAnswer.NEVER_PROTECTED,
}


def window_unlock() -> Unlock:
    """Protected data asks for its passphrase in the unlock dialog, before anything is read."""
    return asking_unlock(lambda judge: ANSWERS[ask_to_unlock(None, judge)])


def _run_window(app: QApplication, data_dir: Path, prompter: Prompter, smoke: bool) -> int:
    """Open the data as the commands do (protected data asks for its passphrase and a damaged
    file is offered for recovery, except with --smoke, which takes the passphrase as the
    commands do), then show the window until it is closed."""
    try:
        data = open_data(
            data_dir,
            recover=None if smoke else lambda damaged: recover(prompter, damaged),
            unlock=TerminalUnlock() if smoke else window_unlock(),
        )
    except RecoveryDeclined:
        return EXIT_DAMAGED
    except UnlockDeclined:
        return EXIT_LOCKED
    except Exception as error:  # only the failures the start-up table knows; any other is a bug
        known = failure(error)
        if known is None:
            raise
        return _cannot_start(known.message, smoke, known.code)
    with data:
        return _show_window(app, data, prompter, smoke)


def _show_window(app: QApplication, data: OpenData, prompter: Prompter, smoke: bool) -> int:
    db = data.db
    window = MainWindow(db, prompter, settings_for(db))
    install_storage_error_handler(
        prompter, lambda: QApplication.activeWindow() or window, window.data_file_gone
    )
    if window.unshown is not None:
        print(f"planner: {window.unshown.message()}", file=sys.stderr)
    shared = data.shared_warning
    if data.recovered is not None:
        window.statusBar().showMessage(data.recovered, 20000)
    elif db.startup_backup_problem is not None:
        window.statusBar().showMessage(
            f"The start-up backup could not be made: {db.startup_backup_problem}", 20000
        )
    elif shared is not None:
        window.statusBar().showMessage(shared[0].upper() + shared[1:], 30000)
    watcher = _FirstPaint(app)
    if smoke:
        window.installEventFilter(watcher)
        # Tied to the watcher, so it ends with this run and cannot end a later event loop.
        QTimer.singleShot(SMOKE_TIMEOUT_MS, watcher, lambda: app.exit(EXIT_FAILURE))
    window.show()
    code = app.exec()
    if not smoke:
        window.save_state()
    if smoke and not watcher.painted:
        say("the main window was never painted")
        return EXIT_FAILURE
    return code
