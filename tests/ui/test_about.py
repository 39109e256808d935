"""Help › About, opened and closed with the keyboard: version, licence, data folder, sources."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from planner import __version__
from planner.core.paths import catalogue_dir
from planner.db.database import Database
from planner.identity import APP_NAME, ICON_SIZES, icon_png
from planner.ui.app.about_dialog import AboutDialog
from planner.ui.app.main_window import MainWindow
from planner.ui.kit.app_icon import app_icon
from tests.ui.conftest import FakePrompter


def _article_titles() -> list[str]:
    """The titles as the shipped catalogue gives them (read here, not through the app)."""
    with (catalogue_dir() / "sources.toml").open("rb") as file:
        return [source["title"] for source in tomllib.load(file)["source"]]


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Make the window the active one, as a click on it would, so its shortcuts work."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _about_dialog_shown(qtbot: QtBot, window: MainWindow) -> AboutDialog:
    """The About box, once it is open and active (it takes the keys)."""
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isActiveWindow())
    dialog = window.about_dialog
    assert isinstance(dialog, AboutDialog)
    return dialog


def _open_help_menu(qtbot: QtBot, window: MainWindow) -> QMenu:
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.title() == "&Help"
    return menu


def test_about_opens_from_the_help_menu_and_shows_what_the_app_is(
    qtbot: QtBot, make_window: Callable[[], MainWindow], db: Database, prompter: FakePrompter
) -> None:
    window = make_window()
    menu = _open_help_menu(qtbot, window)
    qtbot.keyClick(menu, Qt.Key.Key_A)  # the About action's key
    dialog = _about_dialog_shown(qtbot, window)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # opened with open(), never exec()

    shown = dialog.shown_text()
    assert APP_NAME in shown and f"Version {__version__}" in shown
    assert "MIT licence" in shown
    assert dialog.data_folder.text() == str(db.data_dir)
    titles = _article_titles()
    assert len(titles) == 2
    for title in titles:
        assert title in dialog.sources.text()
    assert "offline" in dialog.offline.text()
    assert not dialog.windowIcon().isNull()
    for label in (dialog.version, dialog.licence, dialog.data_folder, dialog.sources):
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.isDefault() and dialog.focusWidget() is close
    assert prompter.asked == []  # a dialog of its own, not a blocking message box

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.about_dialog is None)
    assert not dialog.isVisible()


def test_about_closes_with_enter_on_its_default_button(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    menu = _open_help_menu(qtbot, window)
    qtbot.keyClick(menu, Qt.Key.Key_A)
    dialog = _about_dialog_shown(qtbot, window)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.about_dialog is None)


def test_the_app_icon_uses_the_rendered_png_at_each_of_its_sizes(qtbot: QtBot) -> None:
    icon = app_icon()
    assert not icon.isNull()
    for size in ICON_SIZES:
        drawn = icon.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
        rendered = QImage(str(icon_png(size))).convertToFormat(QImage.Format.Format_ARGB32)
        assert drawn.size() == QSize(size, size) and drawn == rendered, size
    between = icon.pixmap(40, 40).toImage()  # no PNG at 40 px: drawn from the SVG
    assert between.size() == QSize(40, 40)
    assert between.pixelColor(0, 0).alpha() == 0 and between.pixelColor(20, 20).alpha() == 255
