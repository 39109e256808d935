"""Budget page with as many expense lines as a plan may hold (5,000): work out every total,
refresh the page after a line changed, redraw the charts, and the whole edit of one line
including its save.

Run through `make bench` (or `python bench/budget_bench.py`). Times are printed, never asserted.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import bench_plan, median_ms, open_data, report, seed_engine, show_filled

from planner.core.limits import EXPENSE_LINES

LINES = EXPENSE_LINES.most
TARGET_MS = 50.0
CURRENCIES = ("GBP", "USD", "KRW", "EUR")
CATEGORIES = ("travel", "lodging", "daily-living", "visa", "insurance", "interpreter", "surgeon", "other")


def seed_budget(db: Any, plan_id: int) -> None:
    """LINES lines in four currencies, each with its kept conversions, written straight in."""
    from sqlalchemy import insert

    from planner.db.models import ExchangeRateRow, ExpenseConversionRow, ExpenseRow

    engine = seed_engine(db)
    now = datetime.now(UTC).replace(tzinfo=None)
    day = date.today() - timedelta(days=30)
    factors = {  # (source, target) -> factor, as GBP 1.27 USD and USD 1380 KRW give
        ("USD", "GBP"): "0.7874015748",
        ("KRW", "GBP"): "0.0005705808513",
        ("EUR", "GBP"): "0.85",
        ("GBP", "USD"): "1.27",
        ("KRW", "USD"): "0.0007246376812",
        ("EUR", "USD"): "1.08",
        ("GBP", "KRW"): "1752.6",
        ("USD", "KRW"): "1380",
        ("EUR", "KRW"): "1490.4",
    }
    lines = []
    conversions = []
    for i in range(LINES):
        currency = CURRENCIES[i % len(CURRENCIES)]
        planned = (1000 + i % 9000) * (1 if currency == "KRW" else 100)
        paid = planned if i % 3 == 0 else None
        lines.append(
            {
                "id": i + 1,
                "plan_id": plan_id,
                "category": CATEGORIES[i % len(CATEGORIES)],
                "step_id": None,
                "label": f"Line {i}",
                "planned_minor": planned,
                "actual_minor": paid,
                "currency": currency,
                "paid_on": day if paid else None,
                "payee": "",
                "note": "",
                "created_at": now,
                "updated_at": now,
            }
        )
        for target in ("GBP", "USD", "KRW"):
            if target == currency:
                continue
            factor = float(factors[(currency, target)])  # seeding only: plausible figures, not exact ones
            scale = (1 if target == "KRW" else 100) / (1 if currency == "KRW" else 100)
            conversions.append(
                {
                    "expense_id": i + 1,
                    "currency": target,
                    "planned_minor": round(planned * factor * scale),
                    "actual_minor": round(paid * factor * scale) if paid else None,
                    "rate": factors[(currency, target)],
                    "rate_date": day,
                }
            )
    with engine.begin() as connection:
        connection.execute(
            insert(ExchangeRateRow),
            [
                {"plan_id": plan_id, "base": b, "quote": q, "rate": r, "on_date": day, "created_at": now}
                for b, q, r in (("GBP", "USD", "1.27"), ("USD", "KRW", "1380"), ("EUR", "USD", "1.08"))
            ],
        )
        connection.execute(insert(ExpenseRow), lines)
        connection.execute(insert(ExpenseConversionRow), conversions)
    engine.dispose()


def main() -> None:
    from planner.budget.rules import ExpenseDraft
    from planner.budget.service import save_expense
    from planner.budget.summary_service import expense_totals, summarise
    from planner.ui.app.application import make_application
    from planner.ui.budget.budget_page import TAB_CHARTS, TAB_EXPENSES, BudgetPage
    from planner.ui.kit.events import AppEvents
    from planner.ui.kit.prompter import Prompter

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_data(Path(tmp))
        plan = bench_plan(db, "100,000")
        seed_budget(db, plan.id)
        page = BudgetPage(db, Prompter(), AppEvents())
        load = show_filled(page, plan, app)
        lines = page.expenses.model.rowCount()
        print(f"{f'budget page: load {lines:,} lines from the database':<48} {load:7.1f} ms")
        data = page.data
        assert data is not None

        ledger = page.ledger
        assert ledger is not None
        report(
            "recompute all totals (3 currencies + limit)",
            *median_ms(lambda _n: expense_totals(data, ledger), 30),
            TARGET_MS,
        )
        report(
            "totals by category (for the charts)",
            *median_ms(lambda _n: ledger.by_category("GBP"), 30),
            TARGET_MS,
        )
        report(
            "whole summary (totals, estimate, home, deposit)",
            *median_ms(lambda _n: summarise(data, date.today(), ledger), 30),
            TARGET_MS,
        )

        def refresh(_n: int) -> None:
            page.refresh()
            app.processEvents()

        report("refresh the page after a line changed", *median_ms(refresh, 30), TARGET_MS)
        page.tabs.setCurrentIndex(TAB_CHARTS)
        app.processEvents()
        report("refresh with the charts shown", *median_ms(refresh, 30), TARGET_MS)
        page.tabs.setCurrentIndex(TAB_EXPENSES)
        app.processEvents()

        expense = data.expenses[500]

        def edit_line(n: int) -> None:
            draft = ExpenseDraft(
                expense.label, expense.category, None, f"{100 + n}", "", expense.currency, None
            )
            saved = save_expense(db, plan.id, draft, expense.id)
            page.expenses._replace(saved)
            page._line_saved(saved)
            app.processEvents()

        report("edit one line: save (fsync) + refresh", *median_ms(edit_line, 20), None)
        page.close()
        db.close()


if __name__ == "__main__":
    main()
