"""Small widgets shared by forms and pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLayout,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.ui.kit.events import AppEvents


class ErrorLabel(QLabel):
    """A message under a field saying what is wrong with it; hidden while there is nothing wrong."""

    def __init__(self, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setAccessibleName(f"{field_name} problem")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
        if message:
            grow_to_fit(self.window())


def grow_to_fit(window: QWidget) -> None:
    """Make a dialog tall enough for what it now shows (a message wrapped on more lines), never
    smaller than the person made it; a main window is left alone."""
    if not isinstance(window, QDialog) or window.layout() is None:
        return
    layout = window.layout()
    assert layout is not None
    layout.activate()
    wanted = layout.heightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    wanted = max(wanted, window.minimumSizeHint().height())
    if wanted > window.height():
        window.resize(window.width(), wanted)


def wrapped_text(text: str = "", object_name: str = "") -> QLabel:
    """A label of plain text (never read as HTML) that wraps; styled by `object_name` if given."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


def advice_note(parent: QWidget | None = None) -> QLabel:
    """The sentence that says the app is not medical advice, as a quiet note."""
    from planner.core.advice import NOT_MEDICAL_ADVICE

    label = QLabel(NOT_MEDICAL_ADVICE, parent)
    label.setObjectName("adviceNote")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(f"heading{level}")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def list_and_detail_page(
    page: QWidget,
    title: str,
    intro: str,
    left: list[QWidget | QLayout],
    detail: QWidget,
    sizes: tuple[int, int],
) -> None:
    """Lay out a page as a heading, a hint, and a list (with its controls) beside a detail pane."""
    column = QWidget()
    column_layout = QVBoxLayout(column)
    column_layout.setContentsMargins(0, 0, 0, 0)
    for part in left:
        if isinstance(part, QLayout):
            column_layout.addLayout(part)
        else:
            column_layout.addWidget(part, 1 if isinstance(part, (QAbstractItemView, QStackedWidget)) else 0)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(column)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    hint = QLabel(intro)
    hint.setWordWrap(True)
    hint.setObjectName("hint")
    layout = QVBoxLayout(page)
    layout.addWidget(heading(title))
    layout.addWidget(hint)
    layout.addWidget(splitter, 1)


def action_button(text: str, slot: Callable[[], object], tip: str = "", primary: bool = False) -> QPushButton:
    """A push button that calls `slot` when clicked; `primary` gives it the main action's look."""
    button = QPushButton(text)
    if primary:
        button.setObjectName("primary")
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def print_button(events: AppEvents, kind: str) -> QPushButton:
    """The page's Print button: opens the print dialog on this page's printout."""
    button = action_button(
        "Print…", lambda: events.print_requested.emit(kind), "Print, preview or save as PDF (Ctrl+P)"
    )
    button.setAccessibleName("Print this page's printout")
    return button


KeyActions = dict[tuple[Qt.Key, bool], Callable[[], object]]
"""What a key does in a table: (key, with Ctrl) to the action."""


def row_keys(
    open_row: Callable[[], object], delete_row: Callable[[], object], undo: Callable[[], object]
) -> KeyActions:
    """The keys every list of the person's own rows shares: Enter opens, Delete deletes, Ctrl+Z
    puts the last deleted back."""
    return {
        (Qt.Key.Key_Return, False): open_row,
        (Qt.Key.Key_Enter, False): open_row,
        (Qt.Key.Key_Delete, False): delete_row,
        (Qt.Key.Key_Z, True): undo,
    }


def run_key_action(event: QEvent, actions: KeyActions) -> bool:
    """Run the action bound to a key press (watched through an event filter, which works where
    shortcuts do not, such as offscreen); True when there was one."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    action = actions.get((Qt.Key(event.key()), ctrl))
    if action is None:
        return False
    action()
    return True
