"""The control the keyboard is on is clearly marked, whatever its kind (the style sheet draws the
ring itself, since a style sheet drops Qt's own focus frame on many controls)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

STYLE = Path(__file__).resolve().parents[2] / "resources" / "style.qss"


def table() -> QTableView:
    view = QTableView()
    view.setModel(QStandardItemModel(3, 2, view))
    return view


def tabs() -> QTabBar:
    bar = QTabBar()
    bar.addTab("Expenses")
    bar.addTab("Estimate")
    bar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return bar


KINDS: dict[str, Callable[[], QWidget]] = {
    "button": lambda: QPushButton("Save"),
    "line edit": QLineEdit,
    "combo box": lambda: QComboBox(),
    "date edit": QDateEdit,
    "spin box": QSpinBox,
    "check box": lambda: QCheckBox("Started"),
    "list": lambda: QListWidget(),
    "table": table,
    "tabs": tabs,
}


def picture(widget: QWidget) -> QImage:
    QApplication.processEvents()
    return widget.grab().toImage()


@pytest.mark.parametrize("kind", list(KINDS))
def test_focus_shows_on_every_kind_of_control(qtbot: QtBot, kind: str) -> None:
    host = QWidget()
    host.setStyleSheet(STYLE.read_text(encoding="utf-8"))
    layout = QVBoxLayout(host)
    other, control = QLineEdit(), KINDS[kind]()
    layout.addWidget(other)
    layout.addWidget(control)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    other.setFocus(Qt.FocusReason.TabFocusReason)
    without = picture(control)
    control.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: control.hasFocus())
    assert picture(control) != without, f"a focused {kind} looks the same as one without focus"
