"""The baseline for start-up: a bare PySide6 window that exits once it has been painted."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
watcher = FirstPaint()
window.installEventFilter(watcher)
window.resize(1200, 760)
window.show()
sys.exit(app.exec())
