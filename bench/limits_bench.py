"""A plan at every limit (planner/core/limits.py): import it, open each page, write each printout.

Run by hand: `python bench/limits_bench.py` (not in CI). It writes a plan file holding the most a
plan may hold of everything, imports it with the `planner` command, opens every page of the
main window on it (targets: at most 1 s each) and writes every printout to PDF with the command,
each in its own process (targets: at most 5 s and 500 MB each). Times are printed, never asserted.
With `--protected`, the data is protected with a passphrase once imported, and each printout's
command unlocks it (PLANNER_PASSPHRASE).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PLANNER_NOW", "2027-03-03T10:00:00")

from timing import PASSPHRASE, STEPS, open_data, protected

from planner.core import limits
from planner.planfile.expenses import CONVERSION_COLUMNS, EXPENSE_COLUMNS, LINE
from planner.planfile.format import FORMAT, VERSION

BUILTIN_QUESTIONS = [
    q["id"]
    for q in tomllib.loads((Path(__file__).parents[1] / "resources/catalogue/questions.toml").read_text())[
        "question"
    ]
]
"""Every built-in consultation question, so each clinic can answer them all."""
PRINTOUTS = ("itinerary", "checklist", "budget", "comparison", "questions")
PAGE_TARGET_S, PRINT_TARGET_S, PRINT_TARGET_MB = 1.0, 5.0, 500
NAME = "Bench at the limits"


def plan_at_the_limits() -> dict[str, Any]:
    """A version 3 plan file holding the most of everything a plan may hold."""
    own = [
        {"key": f"own:{n}", "name": f"Clinic {n:04d}", "city": "Seoul", "focus": "Knees and shoulders"}
        for n in range(limits.OWN_CLINICS.most)
    ]
    quotes = [
        {
            "clinic": f"own:{n % len(own)}",
            "currency": "KRW",
            "received_on": "2026-10-05",
            "accepted": False,
            "lines": [
                {"fee_category": None, "label": f"Fee {k}", "amount": str(100_000 + k)}
                for k in range(limits.QUOTE_LINES.most)
            ],
        }
        for n in range(limits.QUOTES.most)
    ]
    first_rate = date(2024, 1, 1)
    rates = [
        {
            "base": "GBP",
            "quote": "KRW",
            "rate": "1750.25",
            "on_date": (first_rate + timedelta(days=n)).isoformat(),
        }
        for n in range(limits.RATES.most)
    ]
    lines = limits.EXPENSE_LINES.most
    currencies = ("GBP", "USD", "KRW", "EUR", "JPY", "AUD")[: limits.CONVERSIONS_PER_LINE.most]
    expenses = {
        "columns": list(EXPENSE_COLUMNS),
        "rows": [
            ["other", STEPS[n % len(STEPS)], f"Expense {n}", 10_000 + n, None, "CAD", None, "Payee", ""]
            for n in range(lines)
        ],
        "conversion_columns": [LINE, *CONVERSION_COLUMNS],
        "conversions": [
            [n, code, 10_000, None, "1", "2026-10-01"] for n in range(lines) for code in currencies
        ],
    }
    checklist = [
        {
            "step_id": STEPS[n % len(STEPS)],
            "text": f"Checklist item {n}",
            "kind": "task",
            "due_on": "2027-02-20",
        }
        for n in range(limits.CHECKLIST_ITEMS.most)
    ]
    start = datetime(2027, 3, 1, 9)
    appointments = []
    for n in range(limits.APPOINTMENTS.most):
        begins = start + timedelta(days=n // 4, hours=2 * (n % 4))
        appointments.append(
            {
                "uid": f"00000000-0000-4000-8000-{n:012d}",
                "step_id": STEPS[n % len(STEPS)],
                "kind": "consultation",
                "title": f"Appointment {n}",
                "start": begins.isoformat(),
                "end": (begins + timedelta(hours=1)).isoformat(),
                "zone": "Asia/Seoul",
                "location": "Gangnam-gu, Seoul",
            }
        )
    questions = [f"builtin:{q}" for q in BUILTIN_QUESTIONS] + [
        f"Question {n} of my own?" for n in range(limits.OWN_QUESTIONS.most)
    ]
    answers = [
        {"clinic": clinic["key"], "question": question, "answer": f"The answer of {clinic['name']}."}
        for clinic in own
        for question in questions
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "plan": {
            "name": NAME,
            "condition_id": "knee-cartilage-damage",
            "home_country": "GB",
            "home_currency": "GBP",
            "departure": "2027-03-01",
            "return": "2027-03-11",
            "budget_limit": "15000.00",
            "home_zone": "Europe/London",
        },
        "own_clinics": own,
        "shortlist": [c["key"] for c in own],
        "quotes": quotes,
        "rates": rates,
        "expenses": expenses,
        "checklist": checklist,
        "appointments": appointments,
        "clinic_notes": [{"clinic": c["key"], "note": "Kind staff.", "rating": 4} for c in own],
        "answers": answers,
    }


def run_measured(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess[bytes] | int]:
    """Run the planner command in its own process: seconds taken and its peak memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "planner.app", *args], stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        print(f"  failed: {error.decode(errors='replace').strip()}")
    return elapsed, usage.ru_maxrss / 1024, status


def open_pages(data: Path) -> None:
    from planner.ui.app.application import make_application
    from planner.ui.app.main_window import MainWindow, settings_for
    from planner.ui.kit.prompter import Prompter

    app = make_application()
    db = open_data(data)
    window = MainWindow(db, Prompter(), settings_for(db))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    pages = [
        ("Overview", window.overview_action),
        ("Journey", window.journey_action),
        ("Itinerary", window.itinerary_action),
        ("Clinics", window.clinics_action),
        ("Budget", window.budget_action),
        ("Checklist", window.checklist_action),
        ("Learn", window.learn_action),
    ]
    for rounds in ("first open", "open again"):
        for name, action in pages:
            start = time.perf_counter()
            action.trigger()
            app.processEvents()
            took = time.perf_counter() - start
            verdict = "within" if took <= PAGE_TARGET_S else "OVER"
            print(f"page {name:<10} {rounds:<11} {took * 1000:8.0f} ms  {verdict} {PAGE_TARGET_S:.0f} s")
    window.close()
    db.close()


def main() -> None:
    if protected():  # the data is protected once imported (open_data); each export then unlocks it
        os.environ["PLANNER_PASSPHRASE"] = PASSPHRASE
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan_file = folder / "limits.plan.json"
        plan_file.write_text(json.dumps(plan_at_the_limits()), encoding="utf-8")
        print(f"plan file at every limit: {plan_file.stat().st_size / 1e6:.1f} MB")
        data = folder / "data"
        took, peak, status = run_measured(["import", str(plan_file), "--data-dir", str(data)])
        print(f"import it: {took:.1f} s, peak {peak:.0f} MB")
        if status != 0:
            return
        open_pages(data)
        for printout in PRINTOUTS:
            pdf = folder / f"{printout}.pdf"
            took, peak, status = run_measured(
                ["export", NAME, "--pdf", str(pdf), "--printout", printout, "--data-dir", str(data)]
            )
            size = pdf.stat().st_size / 1e6 if pdf.exists() else 0.0
            verdict = "within" if took <= PRINT_TARGET_S and peak <= PRINT_TARGET_MB else "OVER"
            print(
                f"printout {printout:<11} {took:6.2f} s  peak {peak:5.0f} MB  {size:6.1f} MB PDF  "
                f"{verdict} {PRINT_TARGET_S:.0f} s / {PRINT_TARGET_MB} MB"
            )


if __name__ == "__main__":
    main()
