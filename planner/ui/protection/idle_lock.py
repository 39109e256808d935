"""The lock when the person is away: after some minutes with no key, mouse, wheel or touch
input (or at once, with File › Lock now), every window is covered and the passphrase is asked
for; the right one uncovers them as they were.

Nothing is closed or rebuilt: each window (the main window and any open dialog, such as a form
half filled in) only gets a cover raised over its whole content, menus included, and the
passphrase prompt is application-modal, so no key, click, shortcut or menu reaches what lies
beneath. A dialog that was running its exec() keeps running it, with what was typed in it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QVBoxLayout, QWidget

from planner import APP_NAME
from planner.ui.protection.unlock_dialog import PassphrasePrompt, wrong_unless

LOCKED = "Locked. Enter your passphrase to continue."
LOCK_SHORTCUT = "Ctrl+L"
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
        QEvent.Type.InputMethod,
    }
)
"""What counts as someone using the app."""
NOT_COVERED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Desktop)
MOST_POPUPS = 20
"""More menus than can be open inside one another: closing them stops here whatever happens."""


class LockCover(QWidget):
    """A blank sheet over the whole of one window, following its size, saying it is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#lockCover { background: #eef2f6; } QLabel { color: #1d3557; font-size: 13pt; }")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        label = QLabel(LOCKED)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
            self.raise_()
        elif kind == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self, self.raise_)  # a widget added now would lie above the cover
        return False

    def remove(self) -> None:
        window = self.parentWidget()
        if window is not None:
            window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockPrompt(PassphrasePrompt):
    """The passphrase prompt over the covered windows: it cannot be closed, only unlocked (or
    the app quit)."""

    def __init__(
        self, check: Callable[[str], bool], quit_app: Callable[[], object], parent: QWidget | None
    ) -> None:
        judge = wrong_unless(check)
        super().__init__(
            judge, title=APP_NAME, message=LOCKED, action="&Unlock", leave="&Quit", parent=parent
        )
        self._quit = quit_app
        self._quitting = False
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def leave(self) -> None:
        """Quit: the app closes its windows, this one first (Qt stops at a modal window that
        will not close). Should a window refuse, the prompt comes back over the covers."""
        self._quitting = True
        try:
            self._quit()
        finally:
            self._quitting = False
        QTimer.singleShot(0, self, self._back)

    def _back(self) -> None:
        if not self.isVisible():
            self.show()
            self.activateWindow()

    def reject(self) -> None:
        """Escape does not end the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._quitting:
            self.hide()
            event.accept()
        else:
            event.ignore()


@dataclass
class _Locked:
    """What the lock covered, and how to put it back."""

    prompt: LockPrompt
    active: QWidget | None
    focus: QWidget | None
    covers: dict[QWidget, LockCover] = field(default_factory=dict)
    titles: dict[QWidget, str] = field(default_factory=dict)


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class IdleLock(QObject):
    """Watches the whole application's input (as an event filter on the QApplication) and locks
    after `minutes` without any (0: never). `check` says whether a passphrase is the data's own;
    `quit_app` is what the prompt's Quit does. `timer` is the idle timer: a test locks by calling
    its timeout instead of waiting."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        check: Callable[[str], bool],
        minutes: int,
        quit_app: Callable[[], object] = QApplication.quit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._quit = quit_app
        self._state: _Locked | None = None
        self.minutes = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        application = QApplication.instance()
        if application is None:
            raise RuntimeError("IdleLock needs the QApplication")
        application.installEventFilter(self)
        self.set_minutes(minutes)

    @property
    def is_locked(self) -> bool:
        return self._state is not None

    @property
    def prompt(self) -> LockPrompt | None:
        return self._state.prompt if self._state is not None else None

    def set_minutes(self, minutes: int) -> None:
        """Lock after `minutes` with nobody using the app, counted from now; 0 never."""
        self.minutes = max(minutes, 0)
        self._restart()

    def _restart(self) -> None:
        if self.minutes and self._state is None:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def stop(self) -> None:
        """Stop watching (when the protection is removed); a lock showing stays until unlocked."""
        self.timer.stop()
        self.minutes = 0
        application = QApplication.instance()
        if application is not None:
            application.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if self._state is None and self.minutes:
                self.timer.start()
        elif self._state is None:
            return False
        elif kind == QEvent.Type.Show and _new_window(watched, self._state):
            # Covered once it is on screen (and registered as modal, if it is), then the prompt is
            # shown again so that it is the newest modal window, the one input reaches.
            QTimer.singleShot(0, self, self._cover_new_windows)
        elif kind == QEvent.Type.WindowActivate and watched in self._state.covers:
            QTimer.singleShot(0, self, self._show_prompt)  # a covered window clicked: back to the prompt
        return False

    def lock_now(self) -> None:
        """Cover every window and ask for the passphrase; nothing happens while already locked."""
        if self._state is not None:
            return
        self.timer.stop()
        _close_popups()
        active = QApplication.activeWindow()
        windows = _windows_to_cover()
        parent = active if active is not None else (windows[0] if windows else None)
        prompt = LockPrompt(self._check, self._quit, parent)
        prompt.accepted.connect(self._unlock)
        self._state = _Locked(prompt, active, QApplication.focusWidget())
        for window in windows:
            self._cover(window)
        self._show_prompt()
        self.locked.emit()

    def _cover(self, window: QWidget) -> None:
        state = self._state
        if state is None or window in state.covers:
            return
        state.covers[window] = LockCover(window)
        state.titles[window] = window.windowTitle()
        window.setWindowTitle(APP_NAME)  # what was open (a plan's name) is not shown either

    def _cover_new_windows(self) -> None:
        state = self._state
        if state is None:
            return
        new = [w for w in _windows_to_cover() if w is not state.prompt and w not in state.covers]
        for window in new:
            self._cover(window)
        if new:
            state.prompt.hide()
            self._show_prompt()

    def _show_prompt(self) -> None:
        state = self._state
        if state is None:
            return
        state.prompt.show()
        state.prompt.raise_()
        state.prompt.activateWindow()
        state.prompt.field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _unlock(self) -> None:
        state = self._state
        if state is None:
            return
        self._state = None
        for window, cover in state.covers.items():
            if _alive(window):
                cover.remove()
                if window.windowTitle() == APP_NAME:
                    window.setWindowTitle(state.titles[window])
        state.prompt.deleteLater()
        if state.active is not None and _alive(state.active) and state.active.isVisible():
            state.active.activateWindow()
        if state.focus is not None and _alive(state.focus):
            state.focus.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self._restart()
        self.unlocked.emit()


def _new_window(watched: QObject, state: _Locked) -> bool:
    return isinstance(watched, QWidget) and watched.isWindow() and watched is not state.prompt


def _windows_to_cover() -> list[QWidget]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.isWindow()
        and widget.isVisible()
        and widget.windowType() not in NOT_COVERED
        and not widget.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # drawn for print only
        and not isinstance(widget, LockPrompt)
    ]


def _close_popups() -> None:
    """Close open menus and lists (they would sit above the covers), and any tooltip."""
    QToolTip.hideText()
    for _ in range(MOST_POPUPS):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
