"""Create the QApplication, open the data, show the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import APP_NAME, __version__
from planner.money import set_number_locale
from planner.paths import resources_dir
from planner.services.database import CatalogueError, StartupError, open_database
from planner.ui.main_window import MainWindow, settings_for
from planner.ui.prompter import Prompter

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
    app.setStyle("Fusion")
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def run_gui(data_dir: Path, smoke: bool = False) -> int:
    app = make_application()
    set_number_locale(QLocale.system().name())  # amounts are typed and shown the user's way
    try:
        db = open_database(data_dir)
    except (StartupError, CatalogueError) as error:
        print(f"planner: {error}", file=sys.stderr)
        if not smoke:
            QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start.\n\n{error}")
        return 1
    window = MainWindow(db, Prompter(), settings_for(db))
    watcher = _FirstPaint(app)
    if smoke:
        window.installEventFilter(watcher)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: app.exit(3))
    window.show()
    code = app.exec()
    if not smoke:
        window.save_state()
    db.close()
    if smoke and not watcher.painted:
        print("planner: the main window was never painted", file=sys.stderr)
        return 1
    return code
