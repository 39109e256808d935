"""A program that saves through the app's services for ever, for the crash-safety test to kill.

Run as ``python tests/crash_writer.py DATA_DIR``. It opens the app's data the way the app does
(`open_synced_database`), makes the plan "Crash test" if it is missing, then saves without end: even
counters as an expense line, odd counters as a checklist item, each carrying the counter in its
text ("crash-save <n>") and the expense also as its planned amount. Only after a save has
returned, and so its transaction has committed, does it print ``saved <n>`` and flush.

With a passphrase in PLANNER_PASSPHRASE (never on the command line) the data is protected: new
data is protected with it first, and protected data is opened with its key.

It carries on from the highest counter already in the database, so killing it and starting it
again on the same folder keeps the counters unique and, if no commit is ever lost, gapless.
It never stops on its own; if whoever reads its output goes away, the next print fails and it
ends with that error.

The crash test starts it from `tests/fork_server.py`, which calls `prepare` once and forks a
writer for each run (see there).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
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
from planner.core.paths import DATABASE_FILE  # noqa: E402
from planner.db.cipher import Key, file_salt, looks_encrypted, new_key, unlock_key  # noqa: E402
from planner.db.database import Database  # noqa: E402
from planner.passphrase_input import CURRENT as PASSPHRASE_ENV  # noqa: E402
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


def write(data_dir: Path, key: Key | None) -> None:
    """Save for ever into the data in `data_dir`, protected with `key` (None: plain)."""
    db = open_synced_database(data_dir, key=key)
    if key is not None and not db.protected:
        db.change_key(key)  # new data: protected as protect_data does, with the key already derived
    plan = plan_id(db)
    counter = last_counter(db, plan)
    while True:
        counter += 1
        save(db, plan, counter)
        sys.stdout.write(f"saved {counter}\n")
        sys.stdout.flush()


def prepare() -> Callable[[Path], None]:
    """The writer, with the passphrase in PLANNER_PASSPHRASE (if any) turned into a key once, here:
    each writer forked after this opens the data with it without deriving it again (a third of a
    second each). Data protected with another salt is unlocked with the passphrase."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None:
        return lambda data_dir: write(data_dir, None)
    prepared = new_key(passphrase)

    def protected(data_dir: Path) -> None:
        path = data_dir / DATABASE_FILE
        if looks_encrypted(path) and file_salt(path) != prepared.salt:
            write(data_dir, unlock_key(path, passphrase))
        else:
            write(data_dir, prepared)

    return protected


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(f"usage: {argv[0]} DATA_DIR")
    prepare()(Path(argv[1]))


if __name__ == "__main__":
    main(sys.argv)
