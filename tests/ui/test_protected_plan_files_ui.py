"""File > Export plan with a passphrase… and Import plan… of a protected file: a new passphrase is
typed twice, with the plain warning that a forgotten one cannot be recovered; a protected file
asks for its passphrase, says so when it is wrong and asks again, and Cancel imports nothing.
The passphrase dialog is driven with real keys and clicks; the file dialogs are the fake's."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from planner.db.database import Database
from planner.planfile.sealed import FORMAT, is_sealed, seal, unseal
from planner.planfile.service import export_plan
from planner.plans.service import Plan, list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.kit.passphrase_dialog import NOT_THE_SAME, PassphraseDialog
from tests.ui.conftest import FakePrompter
from tests.ui.test_accessible_names import from_menu, press

PLAN = "Knee, March"
PASSPHRASE = "a walk along the Han river"
WRONG = "The passphrase is wrong, or the file was changed after it was written."
TOO_SHORT = (
    "A passphrase needs at least 8 characters; this one has 5. "
    "A few words together are easy to remember and hard to guess."
)


@pytest.fixture
def window(qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]) -> MainWindow:
    add_plan(PLAN)
    shown = make_window()
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


@pytest.fixture
def protected_file(db: Database, window: MainWindow, tmp_path: Path) -> Path:
    """The plan's file protected with PASSPHRASE, and the plan renamed here, so it imports clean."""
    [plan] = list_plans(db)
    path = tmp_path / "knee (protected).plan.json"
    path.write_bytes(seal(export_plan(db, plan.id), PASSPHRASE))
    envelope = json.loads(path.read_bytes())
    assert envelope["format"] == FORMAT
    return path


def plan_names(db: Database) -> list[str]:
    return sorted(p.name for p in list_plans(db))


# --- the menu ------------------------------------------------------------------------------------
def test_the_file_menu_offers_it_next_to_export_and_only_with_a_plan(
    qtbot: QtBot, make_window: Callable[[], MainWindow], add_plan: Callable[..., Plan]
) -> None:
    empty = make_window()
    assert not empty.export_protected_action.isEnabled()
    file_menu = empty.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    at = texts.index("&Export plan…")
    assert texts[at : at + 3] == ["&Export plan…", "Export plan with a pa&ssphrase…", "&Import plan…"]
    add_plan(PLAN)
    assert make_window().export_protected_action.isEnabled()


def test_alt_f_then_s_protects_the_plan_with_the_passphrase_typed(
    qtbot: QtBot, db: Database, window: MainWindow, prompter: FakePrompter, tmp_path: Path
) -> None:
    prompter.passphrases = ["short", PASSPHRASE]
    prompter.save_path = tmp_path / "knee.plan.json"
    from_menu(qtbot, window, "F", "S")
    qtbot.waitUntil(lambda: prompter.save_path is not None and prompter.save_path.exists())
    assert prompter.passphrase_problems == [TOO_SHORT, None]
    [warning] = [text for text in prompter.asked if "passphrase you choose" in text]
    assert "If it is forgotten, the plan in the file cannot be recovered" in warning
    assert prompter.starts[-1].endswith(f"{PLAN} (protected).plan.json")
    written = prompter.save_path.read_bytes()
    assert is_sealed(written) and PLAN.encode() not in written
    assert json.loads(unseal(written, PASSPHRASE))["plan"]["name"] == PLAN
    assert window.statusBar().currentMessage() == "Saved knee.plan.json."
    assert prompter.errors == []


def test_cancelling_the_passphrase_asks_no_file_and_writes_nothing(
    window: MainWindow, prompter: FakePrompter, tmp_path: Path
) -> None:
    prompter.save_path = tmp_path / "knee.plan.json"
    window.export_protected_action.trigger()
    assert "Export plan with a passphrase" not in prompter.asked  # the save dialog's title
    assert not prompter.save_path.exists()


# --- importing a protected file ----------------------------------------------------------------------
def test_a_wrong_passphrase_is_said_to_be_wrong_and_asked_again(
    db: Database, window: MainWindow, prompter: FakePrompter, protected_file: Path
) -> None:
    prompter.open_path = protected_file
    prompter.passphrases = ["a walk along the Han River", PASSPHRASE]
    prompter.choice_answer = "Import as a copy"
    window.import_plan_action.trigger()
    assert prompter.passphrase_problems == [WRONG, None]
    assert "“knee (protected).plan.json” is protected with a passphrase. Type it to import the plan." in (
        prompter.asked
    )
    assert prompter.errors == []
    assert plan_names(db) == [PLAN, f"{PLAN} (copy)"]
    current = window.current_plan()
    assert current is not None and current.name == f"{PLAN} (copy)"


def test_cancel_at_the_passphrase_imports_nothing_and_says_nothing_more(
    db: Database, window: MainWindow, prompter: FakePrompter, protected_file: Path
) -> None:
    prompter.open_path = protected_file
    prompter.passphrases = ["not it at all"]
    window.import_plan_action.trigger()
    assert prompter.passphrase_problems == [WRONG]
    assert prompter.errors == []
    assert plan_names(db) == [PLAN]


def test_a_damaged_protected_file_is_refused_before_any_passphrase_is_asked(
    db: Database, window: MainWindow, prompter: FakePrompter, protected_file: Path
) -> None:
    envelope = json.loads(protected_file.read_bytes())
    envelope["version"] = 9
    protected_file.write_text(json.dumps(envelope))
    prompter.open_path = protected_file
    prompter.passphrases = [PASSPHRASE]
    window.import_plan_action.trigger()
    [error] = prompter.errors
    assert error.startswith("knee (protected).plan.json was not imported.")
    assert "newer version of this app" in error
    assert prompter.passphrases == [PASSPHRASE]  # never asked
    assert plan_names(db) == [PLAN]


# --- the real dialog, with keys ------------------------------------------------------------------
def answer_dialog(qtbot: QtBot, answer: Callable[[PassphraseDialog], None]) -> list[PassphraseDialog]:
    """Answer the passphrase dialog with `answer` once it is shown (it runs its own event loop)."""
    seen: list[PassphraseDialog] = []

    def look() -> None:
        shown = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, PassphraseDialog) and w.isVisible()
        ]
        if not shown:
            QTimer.singleShot(10, look)
            return
        seen.append(shown[0])
        try:
            answer(shown[0])
        except BaseException:
            shown[0].reject()  # never left waiting
            raise

    QTimer.singleShot(0, look)
    return seen


def type_composed(field: QLineEdit, text: str) -> None:
    """Type `text` as an input method for Korean does: each syllable committed when composed."""
    for character in text:
        event = QInputMethodEvent()
        event.setCommitString(character)
        QApplication.sendEvent(field, event)


def ok_button(dialog: PassphraseDialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_real_dialog_takes_a_new_passphrase_typed_twice_the_same(
    qtbot: QtBot, window: MainWindow, prompter: FakePrompter, tmp_path: Path
) -> None:
    prompter.real_passphrase_dialogs = True
    prompter.save_path = tmp_path / "knee.plan.json"
    steps: list[str | None] = []

    def answer(dialog: PassphraseDialog) -> None:
        assert dialog.field.echoMode() is QLineEdit.EchoMode.Password
        assert dialog.field.hasFocus() or dialog.focusWidget() is dialog.field
        qtbot.keyClicks(dialog.field, "short")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        steps.append(dialog.error.text() if dialog.isVisible() else None)
        type_composed(dialog.field, "무릎 수술 비밀번호")  # replaces the selected "short"
        qtbot.keyClick(dialog.field, Qt.Key.Key_Tab)
        type_composed(dialog.again, "무릎 수술 비밀번호")
        qtbot.keyClicks(dialog.again, "!")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
        steps.append(dialog.error.text() if dialog.isVisible() else None)
        qtbot.keyClick(dialog.again, Qt.Key.Key_Backspace)
        qtbot.waitUntil(dialog.isActiveWindow)
        press(qtbot, dialog, "Alt+S")  # Show the passphrase
        qtbot.waitUntil(lambda: dialog.again.echoMode() is QLineEdit.EchoMode.Normal)
        assert dialog.again.text() == "무릎 수술 비밀번호" == dialog.field.text()
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]

    seen = answer_dialog(qtbot, answer)
    window.export_protected_action.trigger()
    assert len(seen) == 1
    assert steps == [TOO_SHORT, NOT_THE_SAME]
    assert json.loads(unseal(prompter.save_path.read_bytes(), "무릎 수술 비밀번호"))["plan"]["name"] == PLAN


def test_the_real_dialog_says_wrong_keeps_asking_and_opens_with_the_right_one(
    qtbot: QtBot, db: Database, window: MainWindow, prompter: FakePrompter, protected_file: Path
) -> None:
    prompter.real_passphrase_dialogs = True
    prompter.open_path = protected_file
    prompter.choice_answer = "Import as a copy"
    steps: list[str | None] = []

    def answer(dialog: PassphraseDialog) -> None:
        assert not dialog.again.isVisible()
        qtbot.keyClicks(dialog.field, "a walk along the Han River")
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        steps.append(dialog.error.text() if dialog.isVisible() else None)
        assert dialog.field.selectedText() == "a walk along the Han River"  # typing replaces it
        qtbot.keyClicks(dialog.field, PASSPHRASE)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    seen = answer_dialog(qtbot, answer)
    window.import_plan_action.trigger()
    assert len(seen) == 1 and steps == [WRONG]
    assert plan_names(db) == [PLAN, f"{PLAN} (copy)"]
    assert prompter.errors == []


def test_escape_at_the_real_dialog_imports_nothing(
    qtbot: QtBot, db: Database, window: MainWindow, prompter: FakePrompter, protected_file: Path
) -> None:
    prompter.real_passphrase_dialogs = True
    prompter.open_path = protected_file
    seen = answer_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    window.import_plan_action.trigger()
    assert len(seen) == 1
    assert plan_names(db) == [PLAN] and prompter.errors == []


def test_the_dialog_names_its_fields_and_gives_them_letters(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(None, "Export plan with a passphrase", "Text.", lambda _text: None, new=True)
    qtbot.addWidget(dialog)
    assert dialog.field.accessibleName() == "Passphrase"
    assert dialog.again.accessibleName() == "Passphrase again"
    assert dialog.show_box.text() == "&Show the passphrase"
