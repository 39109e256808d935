"""The app never touches the network: a whole session, driven like a person, makes no connection.

The session: create a plan with the New plan wizard, shortlist and choose a clinic on the Clinics
page, add two expense lines on the Budget page, add checklist items (one typed, one in Korean) and
tick one on the Checklist page, then print the itinerary with the print dialog's Save as PDF into
a real file.

Two layers prove it:

1. In this process. A Python audit hook records every socket connect, bind and send to an
   internet (AF_INET/AF_INET6) address, every name lookup, and anything urllib, http.client or
   the other standard network clients open, while the session runs; `socket.socket.connect`,
   `socket.create_connection` and `socket.getaddrinfo` are replaced by versions that record and
   refuse. Nothing may be recorded, and `PySide6.QtNetwork` (Qt's own networking, which does not
   go through Python's sockets) must never have been imported.
2. In native code. Qt, fontconfig, CUPS and the C library bypass Python, so the same session runs
   again in a child process under `strace -f`, as do the command line's `--smoke` start and its
   `export --pdf`; no system call may connect, bind or send to an internet address, nor ask a
   local DNS resolver daemon (nscd, systemd-resolved). Other connections to local (AF_UNIX)
   sockets, such as D-Bus, are allowed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QListWidget, QWizard
from pytestqt.qtbot import QtBot

from planner.budget.rules import ExpenseDraft
from planner.budget.service import list_expenses, save_expense
from planner.checklist.service import load_checklist
from planner.clinics.service import list_clinics
from planner.clinics.shortlist_service import choose_clinic, set_shortlisted, shortlisted_ids
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan, list_plans
from planner.ui.app.main_window import MainWindow
from planner.ui.app.pages import BUDGET, CHECKLIST, CLINICS, OVERVIEW
from tests.ui.conftest import FakePrompter
from tests.ui.test_budget_ui import add_expense, click, click_row, column, home_card_planned
from tests.ui.test_checklist_ui import press, save, select
from tests.ui.test_plan_wizard import click_wizard_button, fill_home, open_wizard
from tests.ui.test_print_ui import print_dialog_of

PLAN = "Knee, Cellinique, March"
CLINIC = "Cellinique Clinic"
TYPED_ITEM = "Pack the knee brace"
KOREAN_ITEM = "병원 주소 출력하기"  # "print the clinic's address": set, as QTest cannot type Hangul
REPO = Path(__file__).resolve().parents[2]
SESSION_TEST = "test_a_whole_ui_session_opens_no_network_connection"
STRACE = shutil.which("strace")
CHILD_TIMEOUT_S = 180

INET_FAMILIES = (socket.AF_INET, socket.AF_INET6)
SOCKET_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})
"""Recorded for internet sockets only; the lookups and clients below always."""
LOOKUP_EVENTS = frozenset(
    {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}
)
CLIENT_EVENTS = frozenset(
    {
        "urllib.Request",
        "http.client.connect",
        "http.client.send",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "telnetlib.Telnet.open",
        "webbrowser.open",
    }
)


# --- layer 1: in this process -------------------------------------------------------------------
class NetworkRefused(ConnectionError):
    """What the replaced socket functions raise: to the app it looks like being offline."""


@dataclass
class NetworkLog:
    """What the audit hook and the replaced socket functions saw while `recording` was set."""

    recording: bool = False
    seen: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if self.recording:
            self.seen.append(what)


LOG = NetworkLog()
_hook_installed = False


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """The audit hook. It stays installed for the rest of the process (hooks cannot be removed),
    so it does nothing unless the session is being recorded."""
    if not LOG.recording:
        return
    if event in SOCKET_EVENTS:
        family = getattr(args[0], "family", None)
        if family in INET_FAMILIES:
            LOG.note(f"{event} to {args[1]!r}")
    elif event in LOOKUP_EVENTS or event in CLIENT_EVENTS:
        LOG.note(f"{event} {args!r}")
    elif event == "import" and str(args[0]).startswith("PySide6.QtNetwork"):
        LOG.note(f"import {args[0]}")


def _install_audit_hook() -> None:
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[NetworkLog]:
    """Records (and refuses) network use from before the data is opened until after the window
    is closed: autouse fixtures are set up before the others and torn down after them."""
    _install_audit_hook()
    original_connect = socket.socket.connect

    def refuse(what: str) -> NoReturn:
        LOG.note(what)
        raise NetworkRefused(f"the test refused a network call: {what}")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in INET_FAMILIES:
            refuse(f"socket.socket.connect to {address!r}")
        original_connect(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> NoReturn:
        refuse(f"socket.create_connection to {address!r}")

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> NoReturn:
        refuse(f"socket.getaddrinfo of {host!r} port {port!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    LOG.seen.clear()
    LOG.recording = True
    try:
        yield LOG
    finally:
        LOG.recording = False
    assert LOG.seen == [], "network use after the test's own checks (closing the window)"


def test_the_guard_records_what_it_should(network_guard: NetworkLog) -> None:
    """Guards against passing for nothing; no packet leaves: the events are raised by hand and the
    replaced functions refuse before any system call."""
    with socket.socket(socket.AF_INET) as internet, socket.socket(socket.AF_UNIX) as local:
        sys.audit("socket.connect", local, "/run/local.sock")
        sys.audit("socket.connect", internet, ("192.0.2.1", 443))
        with pytest.raises(NetworkRefused):
            internet.connect(("192.0.2.1", 443))
    sys.audit("urllib.Request", "https://example.com/", None, {}, "GET")
    sys.audit("import", "PySide6.QtNetwork", None, [], [], [])
    for refused in (
        lambda: socket.create_connection(("example.com", 443)),
        lambda: socket.getaddrinfo("example.com", 443),
    ):
        with pytest.raises(NetworkRefused):
            refused()
    assert [seen.split(" ")[0] for seen in network_guard.seen] == [
        "socket.connect",
        "socket.socket.connect",
        "urllib.Request",
        "import",
        "socket.create_connection",
        "socket.getaddrinfo",
    ]
    network_guard.seen.clear()


# --- the session, as a person does it -----------------------------------------------------------
def show_page(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Click the page's name in the navigation list."""
    nav: QListWidget = window.nav
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert nav.currentRow() == row


def create_plan_with_the_wizard(qtbot: QtBot, window: MainWindow) -> None:
    wizard = open_wizard(qtbot, window)
    qtbot.keyClicks(wizard.name_edit, PLAN)
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_home(qtbot, wizard, "United Kingdom")
    click_wizard_button(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.trip_page
    qtbot.keyClicks(wizard.budget_edit, "15,000")
    with qtbot.waitSignal(wizard.accepted):
        click_wizard_button(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert window.plan_combo.currentText() == PLAN


def shortlist_and_choose_a_clinic(qtbot: QtBot, window: MainWindow) -> None:
    show_page(qtbot, window, CLINICS.row)
    page = window.clinics
    names = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    click_row(qtbot, page.table, names.index(CLINIC))
    click(qtbot, page.detail.shortlist)
    assert "Shortlisted" in page.detail.shortlist.text()
    click(qtbot, page.detail.choose)
    assert page.detail.choose.text() == "Un-choose"


def add_two_expense_lines(qtbot: QtBot, window: MainWindow) -> None:
    show_page(qtbot, window, BUDGET.row)
    page = window.budget
    add_expense(qtbot, page, "Return flight to Seoul", "1,200", category="Travel")
    add_expense(qtbot, page, "Hotel in Gangnam, ten nights", "900", category="Lodging")
    assert column(page.expenses.table, 0) == ["Return flight to Seoul", "Hotel in Gangnam, ten nights"]
    assert home_card_planned(page) == "£2,100.00"


def add_checklist_items(qtbot: QtBot, window: MainWindow) -> None:
    show_page(qtbot, window, CHECKLIST.row)
    page = window.checklist
    before = page.model.rowCount()
    for text in (TYPED_ITEM, KOREAN_ITEM):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        dialog = page.dialog
        assert dialog is not None
        if text.isascii():
            qtbot.keyClicks(dialog.text, text)
        else:
            dialog.text.setText(text)
        save(dialog)
        assert page.dialog is None
    texts = [item.text for item in page.model.rows]
    assert len(texts) == before + 2 and {TYPED_ITEM, KOREAN_ITEM} <= set(texts)
    select(qtbot, page, 0)
    press(qtbot, page, Qt.Key.Key_Space)
    assert page.overall_label.text().startswith(f"1 of {before + 2} done")


def save_the_itinerary_as_pdf(qtbot: QtBot, window: MainWindow, prompter: FakePrompter, pdf: Path) -> None:
    show_page(qtbot, window, OVERVIEW.row)
    assert CLINIC in window.overview.view.toPlainText()
    qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    dialog = print_dialog_of(window)
    assert dialog.what.currentText() == "Itinerary"
    prompter.save_path = pdf
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert prompter.errors == []
    assert dialog.status.text().startswith("Saved ") and dialog.status.text().endswith(f"to {pdf.name}.")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def check_pdf(pdf: Path) -> None:
    assert pdf.is_file() and pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)
    assert PLAN in text and CLINIC in text


def test_a_whole_ui_session_opens_no_network_connection(
    qtbot: QtBot,
    network_guard: NetworkLog,
    make_window: Callable[[], MainWindow],
    prompter: FakePrompter,
    db: Database,
    tmp_path: Path,
) -> None:
    window = make_window()
    window.resize(790, 760)  # the offscreen screen is 800x800
    create_plan_with_the_wizard(qtbot, window)
    shortlist_and_choose_a_clinic(qtbot, window)
    add_two_expense_lines(qtbot, window)
    add_checklist_items(qtbot, window)
    pdf = tmp_path / "itinerary.pdf"
    save_the_itinerary_as_pdf(qtbot, window, prompter, pdf)
    open_dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert open_dialogs == [], "every dialog of the session was closed"
    window.close()

    [plan] = list_plans(db)
    assert plan.name == PLAN and plan.clinic_name == CLINIC
    assert len(shortlisted_ids(db, plan.id)) == 1
    assert len(list_expenses(db, plan.id)) == 2
    assert KOREAN_ITEM in [item.text for item in load_checklist(db, plan.id).items]
    check_pdf(pdf)
    assert network_guard.seen == []
    assert "PySide6.QtNetwork" not in sys.modules


# --- layer 2: native code, seen by strace -------------------------------------------------------
INET_CALL = re.compile(
    r"^\d+\s+(connect|bind|sendto|sendmsg|sendmmsg)\(.*"
    r"(sa_family=AF_INET6?[,}]|sun_path=\"[^\"]*(nscd/socket|io\.systemd\.Resolve))"
)
"""A call to an internet address, or to a local daemon that looks names up in the DNS (nscd,
systemd-resolved): the C library asks those before it sends a query itself."""


@dataclass
class Traced:
    """A command running with its children under strace, logging to `log`."""

    command: list[str]
    log: Path
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, command: list[str], log: Path, env: dict[str, str]) -> Traced:
        assert STRACE is not None
        strace = [STRACE, "--follow-forks", "--seccomp-bpf", "-qq", "-s", "32", "-e", "signal=none"]
        strace += ["-e", "trace=connect,bind,sendto,sendmsg,sendmmsg", "-o", str(log)]
        with log.with_suffix(".out").open("w") as output:  # a file, not a pipe that could fill up
            process = subprocess.Popen(
                strace + command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, text=True
            )
        return cls(command, log, process)

    def network_calls(self) -> list[str]:
        """Waits for the command, which must succeed; returns each call that connected, bound or
        sent to an internet address or asked a resolver daemon (`INET_CALL`)."""
        try:
            code = self.process.wait(timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            code = None
        if code != 0:
            output = self.log.with_suffix(".out").read_text(errors="replace")
            outcome = "did not finish" if code is None else f"failed ({code})"
            pytest.fail(f"{shlex.join(self.command)} {outcome}:\n{output[-6000:]}")
        lines = self.log.read_text(errors="replace").splitlines()
        return [line for line in lines if INET_CALL.match(line)]


def strace_sees_a_childs_connect(tmp_path: Path, env: dict[str, str]) -> None:
    """Guards against passing for nothing: under the same options, a connect made by a child
    process (here to a local socket that does not exist) is in the log."""
    canary = f"import socket; socket.socket(socket.AF_UNIX).connect_ex({str(tmp_path / 'canary')!r})"
    log = tmp_path / "canary.strace"
    assert Traced.start(["sh", "-c", '"$0" -c "$1"', sys.executable, canary], log, env).network_calls() == []
    assert "canary" in log.read_text(), "strace did not see the child's connect()"
    sample = "7 connect(5, {sa_family=AF_INET6, sin6_port=htons(443), ...}, 28) = -1 ENETUNREACH"
    assert INET_CALL.match(sample)
    lookup = '7 connect(5, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT'
    assert INET_CALL.match(lookup) and not INET_CALL.match(lookup.replace("nscd", "dbus"))


def plan_for_the_command_line(db: Database) -> None:
    """A plan with a shortlisted and chosen clinic and an expense line, like the session's, saved
    in `db`, which is then closed."""
    try:
        plan = create_plan(
            db,
            PlanDraft(
                PLAN, "knee-cartilage-damage", "GB", "GBP", date(2027, 3, 1), date(2027, 3, 11), "15000"
            ),
        )
        save_expense(
            db,
            plan.id,
            ExpenseDraft("Return flight to Seoul", "travel", None, "1200", "", "GBP", None),
            today=date(2026, 11, 1),
        )
        [clinic] = [c for c in list_clinics(db) if c.name == CLINIC]
        set_shortlisted(db, plan.id, clinic.id, True)
        choose_clinic(db, plan.id, clinic.id)
    finally:
        db.close()


@pytest.mark.skipif(STRACE is None, reason="strace is not installed (Debian package: strace)")
def test_native_code_opens_no_network_connection(
    tmp_path: Path, fresh_database: Callable[[Path], Database]
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    strace_sees_a_childs_connect(tmp_path, env)
    python = sys.executable
    session = [
        *(python, "-m", "pytest", f"{Path(__file__).relative_to(REPO)}::{SESSION_TEST}"),
        *("-q", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'session'}"),
        *("-p", "no:hypothesispytest"),  # the session uses no Hypothesis; importing it is a second
    ]
    pdf = tmp_path / "itinerary.pdf"
    app: dict[str, list[str]] = {}
    for name in ("smoke", "export"):  # a data folder each: the app refuses to open one twice
        plan_for_the_command_line(fresh_database(tmp_path / name))
        app[name] = [python, "-m", "planner.app", "--data-dir", str(tmp_path / name)]
    running = {  # all at once: the two short ones run while the session's pytest starts
        "the UI session": Traced.start(session, tmp_path / "session.strace", env),
        "planner --smoke": Traced.start([*app["smoke"], "--smoke"], tmp_path / "smoke.strace", env),
        "planner export --pdf": Traced.start(
            [*app["export"], "export", PLAN, "--pdf", str(pdf)], tmp_path / "export.strace", env
        ),
    }
    try:
        seen = {name: traced.network_calls() for name, traced in running.items()}
    finally:  # when one failed, stop the others
        for traced in running.values():
            if traced.process.poll() is None:
                traced.process.kill()
                traced.process.wait()
    assert {name: calls for name, calls in seen.items() if calls} == {}
    check_pdf(pdf)
