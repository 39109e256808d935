"""A program that saves through the app's services for ever, for the crash-safety test to kill.

Run as ``python tests/crash_writer.py DATA_DIR``. It opens the app's data the way the app does
(`open_synced_database`), makes the plan "Crash test" if it is missing, then saves without end: even
counters as an expense line, odd counters as a checklist item, each carrying the counter in its
text ("crash-save <n>") and the expense also as its planned amount. Only after a save has
returned, and so its transaction has committed, does it print ``saved <n>`` and flush.

It carries on from the highest counter already in the database, so killing it and starting it
again on the same folder keeps the counters unique and, if no commit is ever lost, gapless.
It never stops on its own; if whoever reads its output goes away, the next print fails and it
ends with that error.

Run as ``python tests/crash_writer.py --serve FD``, it starts writers on request instead, each a
process of its own forked from this one once the app's modules are imported and its mappings
set up, so that a writer starts in a few hundredths of a second instead of a second or two (see
`serve`).
"""

from __future__ import annotations

import os
import re
import socket
import sys
import traceback
from datetime import date
from pathlib import Path

# Run as a plain script, sys.path[0] is tests/; make the app importable without an install too.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from planner.budget.rules import ExpenseDraft  # noqa: E402
from planner.budget.service import list_expenses, save_expense  # noqa: E402
from planner.checklist.rules import ItemDraft  # noqa: E402
from planner.checklist.service import load_checklist, save_item  # noqa: E402
from planner.db.database import Database  # noqa: E402
from planner.plans.service import PlanDraft, create_plan, list_plans  # noqa: E402
from planner.startup import open_synced_database  # noqa: E402

PLAN_NAME = "Crash test"
PREFIX = "crash-save "
STEP = "booking-preparation"
CATEGORY = "other"
CURRENCY = "GBP"
_COUNTER = re.compile(rf"^{re.escape(PREFIX)}(\d+)$")


def is_expense(counter: int) -> bool:
    """Which table a counter's save goes to: even counters are expense lines."""
    return counter % 2 == 0


def counter_in(text: str) -> int | None:
    match = _COUNTER.match(text)
    return int(match.group(1)) if match else None


def plan_id(db: Database) -> int:
    for plan in list_plans(db):
        if plan.name == PLAN_NAME:
            return plan.id
    draft = PlanDraft(
        name=PLAN_NAME,
        condition_id="knee-cartilage-damage",
        home_country="GB",
        home_currency=CURRENCY,
        departure=date(2027, 3, 1),
        return_=date(2027, 3, 11),
        budget_limit="",
    )
    return create_plan(db, draft).id


def last_counter(db: Database, plan: int) -> int:
    """The highest counter already saved, read back through the services (0 when none)."""
    texts = [e.label for e in list_expenses(db, plan)]
    texts += [i.text for i in load_checklist(db, plan).items]
    return max((n for n in map(counter_in, texts) if n is not None), default=0)


def save(db: Database, plan: int, counter: int) -> None:
    text = f"{PREFIX}{counter}"
    if is_expense(counter):
        draft = ExpenseDraft(
            label=text,
            category=CATEGORY,
            step_id=None,
            planned=str(counter),
            actual="",
            currency=CURRENCY,
            paid_on=None,
        )
        save_expense(db, plan, draft)
    else:
        save_item(db, plan, ItemDraft(step_id=STEP, text=text))


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(f"usage: {argv[0]} DATA_DIR")
    db = open_synced_database(Path(argv[1]))
    plan = plan_id(db)
    counter = last_counter(db, plan)
    while True:
        counter += 1
        save(db, plan, counter)
        sys.stdout.write(f"saved {counter}\n")
        sys.stdout.flush()


def serve(channel: socket.socket) -> None:
    """Start a writer for each request on `channel`, a Unix socket, until it is closed. A request
    is a data folder's path, sent with two file descriptors for the writer's standard output and
    error; the answers are lines on `channel`: the writer's process id once it has started, then
    its exit code once it has ended (negative: the signal that ended it). Each writer is forked
    from this process, which is single-threaded and has no database open: it opens the data as
    the program run on its own does, and dies as alone when killed."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    while True:
        request, fds, _flags, _address = socket.recv_fds(channel, 4096, 2)
        if not request:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _be_a_writer(channel, request.decode(), fds)
        for fd in fds:
            os.close(fd)
        channel.sendall(f"{pid}\n".encode())
        _pid, status = os.waitpid(pid, 0)
        channel.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


def _be_a_writer(channel: socket.socket, data_dir: str, fds: list[int]) -> None:
    """In a forked child: write to `data_dir` with the given output and error, until killed."""
    try:
        channel.close()
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        for fd in fds:
            os.close(fd)
        main([__file__, data_dir])
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)  # never this process's exit handlers: they are the server's


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(socket.socket(fileno=int(sys.argv[2])))
    else:
        main(sys.argv)
