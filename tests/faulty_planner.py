"""The `planner` command with a disk fault: ``python tests/faulty_planner.py FAULT ARGS...``.

FAULT is `disk-full` (no database file may grow by a page, as when the disk is full) or
`read-only` (every connection may read and not write, as with a read-only data file); either
holds for every connection the app opens, from its start. ARGS are the command's, as for
`planner`. The fault comes from SQLite itself, so what the app does with it is what it does when
the disk is full or the file read-only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from sqlalchemy import Engine, event  # noqa: E402

from planner.app import main  # noqa: E402


def disk_full(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    (pages,) = cursor.execute("PRAGMA page_count").fetchone()
    cursor.execute(f"PRAGMA max_page_count = {int(pages)}")
    cursor.close()


def read_only(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


FAULTS = {"disk-full": disk_full, "read-only": read_only}

if __name__ == "__main__":
    event.listen(Engine, "connect", FAULTS[sys.argv[1]])  # every engine, after its own pragmas
    sys.exit(main(sys.argv[2:]))
