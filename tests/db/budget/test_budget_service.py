"""The budget through its service: expenses with kept conversions, rates, estimate, deposit.

Every test runs on a fresh database built through the migrations. Dates are fixed: `TODAY` is
passed to every service that asks for it, so nothing depends on the day the tests run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from planner.budget.deposit import Deposit, DepositDraft
from planner.budget.estimate import EstimateOverride, EstimateSettings
from planner.budget.rules import EXTRA_CATEGORIES, Expense, ExpenseConversion, ExpenseDraft
from planner.budget.service import (
    add_rate,
    delete_expense,
    delete_rate,
    expense_categories,
    list_expenses,
    load_budget,
    remove_estimate_line,
    restore_estimate_line,
    save_deposit,
    save_estimate_line,
    save_estimate_settings,
    save_expense,
)
from planner.clinics.quotes_service import (
    QuoteDraft,
    QuoteLineDraft,
    accept_quote,
    fee_categories,
    save_quote,
)
from planner.clinics.service import list_clinics
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import (
    BudgetSettingsRow,
    EstimateOverrideRow,
    ExchangeRateRow,
    ExpenseConversionRow,
    ExpenseRow,
)
from planner.plans.service import Plan, PlanDraft, create_plan, delete_plan, duplicate_plan

TODAY = date(2026, 11, 1)
RATE_DAY = date(2026, 10, 1)
NEWER_RATE_DAY = date(2026, 10, 20)
PAID_DAY = date(2026, 10, 15)

BUDGET_TABLES: tuple[type[Any], ...] = (
    ExpenseRow,
    ExpenseConversionRow,
    ExchangeRateRow,
    BudgetSettingsRow,
    EstimateOverrideRow,
)

FEE_CATEGORIES = [
    "surgeon",
    "anesthesia",
    "facility",
    "pre-op-tests",
    "post-op-care",
    "medications",
    "medical-supplies",
]
EXTRA_CATEGORY_IDS = [
    "treatment",
    "travel",
    "lodging",
    "daily-living",
    "visa",
    "insurance",
    "interpreter",
    "other",
]
JOURNEY_STEPS = [
    "virtual-consultation",
    "booking-preparation",
    "arrival-intake",
    "treatment",
    "after-treatment",
    "recovery-follow-up",
    "departure",
    "rehabilitation-home",
]


# --- helpers ---------------------------------------------------------------------------------


def make_plan(db: Database, name: str = "Knee, March", home_currency: str = "GBP") -> Plan:
    return create_plan(
        db,
        PlanDraft(
            name=name,
            condition_id="knee-cartilage-damage",
            home_country="GB",
            home_currency=home_currency,
            departure=date(2027, 3, 1),
            return_=date(2027, 3, 11),
        ),
    )


def expense(**changes: Any) -> ExpenseDraft:
    values: dict[str, Any] = {
        "label": "Flights to Seoul",
        "category": "travel",
        "step_id": None,
        "planned": "1,234.56",
        "actual": "",
        "currency": "USD",
        "paid_on": None,
        "payee": "",
        "note": "",
    }
    values.update(changes)
    return ExpenseDraft(**values)


def save(db: Database, plan_id: int, draft: ExpenseDraft, expense_id: int | None = None) -> Expense:
    return save_expense(db, plan_id, draft, expense_id, today=TODAY)


def add_test_rate(db: Database, plan_id: int, base: str, quote: str, rate: str, on: date = RATE_DAY) -> int:
    """Enter a rate; returns how many lines gained a conversion."""
    return add_rate(db, plan_id, base, quote, rate, on, today=TODAY)[1]


def with_usual_rates(db: Database, plan_id: int) -> None:
    """GBP→USD 1.27 and USD→KRW 1,380, both on RATE_DAY (GBP↔KRW only through USD)."""
    add_test_rate(db, plan_id, "GBP", "USD", "1.27")
    add_test_rate(db, plan_id, "USD", "KRW", "1,380")


def conversions(line: Expense) -> dict[str, ExpenseConversion]:
    return {c.currency: c for c in line.conversions}


def count(db: Database, model: type[Any], plan_id: int | None = None) -> int:
    with db.transaction() as session:
        query = select(func.count()).select_from(model)
        if plan_id is not None and model is ExpenseConversionRow:
            query = query.join(ExpenseRow).where(ExpenseRow.plan_id == plan_id)
        elif plan_id is not None:
            query = query.where(model.plan_id == plan_id)
        return session.scalar(query) or 0


def rate_count(db: Database, plan_id: int) -> int:
    return len(load_budget(db, plan_id).rates)


# --- 1. expense lines ------------------------------------------------------------------------


def test_a_saved_line_is_listed_with_exact_amounts(db: Database) -> None:
    plan = make_plan(db)
    flights = save(db, plan.id, expense(planned="1,234.56", currency="usd", payee="  Korean   Air "))
    hotel = save(
        db,
        plan.id,
        expense(
            label="",
            category="lodging",
            step_id="arrival-intake",
            planned="900,000",
            actual="900,000",
            currency="KRW",
            paid_on=PAID_DAY,
            note="Paid by card",
        ),
    )

    listed = list_expenses(db, plan.id)
    assert listed == [flights, hotel]
    first, second = listed
    assert (first.label, first.category, first.currency) == ("Flights to Seoul", "travel", "USD")
    assert first.planned == Decimal("1234.56") and first.actual is None
    assert first.payee == "Korean Air"
    assert (second.label, second.step_id, second.paid_on) == ("Lodging", "arrival-intake", PAID_DAY)
    assert second.planned == Decimal("900000") and second.actual == Decimal("900000")
    assert second.note == "Paid by card"
    # No rates yet: nothing is converted, and nothing is guessed.
    assert first.conversions == () and second.conversions == ()
    # Another plan's budget is its own.
    assert list_expenses(db, make_plan(db, "Other").id) == []


def test_editing_a_line_replaces_its_fields(db: Database) -> None:
    plan = make_plan(db)
    original = save(db, plan.id, expense(payee="Korean Air", note="Window seat"))
    other = save(db, plan.id, expense(label="Visa fee", category="visa", planned="60"))

    edited = save(
        db,
        plan.id,
        expense(
            label="Flights, return",
            category="travel",
            step_id="departure",
            planned="",
            actual="999.99",
            currency="EUR",
            paid_on=PAID_DAY,
            payee="",
            note="",
        ),
        expense_id=original.id,
    )

    assert edited.id == original.id
    assert (edited.label, edited.step_id, edited.currency, edited.paid_on) == (
        "Flights, return",
        "departure",
        "EUR",
        PAID_DAY,
    )
    assert (edited.planned, edited.actual) == (None, Decimal("999.99"))
    assert (edited.payee, edited.note) == ("", "")
    assert list_expenses(db, plan.id) == [edited, other]


def test_a_line_of_another_plan_cannot_be_edited_through_this_one(db: Database) -> None:
    mine = make_plan(db)
    theirs = make_plan(db, "Other")
    line = save(db, theirs.id, expense())
    with pytest.raises(ValueError, match="another plan"):
        save(db, mine.id, expense(planned="1"), expense_id=line.id)
    assert list_expenses(db, theirs.id) == [line]
    assert list_expenses(db, mine.id) == []


# --- 2. conversions --------------------------------------------------------------------------


def test_a_krw_line_in_a_gbp_plan_is_converted_to_gbp_through_usd_and_to_usd(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)

    saved = save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))

    [listed] = list_expenses(db, plan.id)
    assert listed == saved
    kept = conversions(listed)
    assert set(kept) == {"GBP", "USD"}
    # 900,000 / 1,380 = 652.17 USD; / 1.27 = 513.52 GBP, each rounded once.
    assert kept["USD"].planned == Decimal("652.17")
    assert kept["GBP"].planned == Decimal("513.52")
    assert kept["USD"].actual is None and kept["GBP"].actual is None
    assert kept["USD"].rate == 1 / Decimal(1380)
    assert kept["GBP"].rate == (1 / Decimal(1380)) * (1 / Decimal("1.27"))
    assert kept["USD"].rate_date == RATE_DAY and kept["GBP"].rate_date == RATE_DAY


def test_a_usd_line_in_a_gbp_plan_is_converted_to_gbp_and_krw(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)

    save(db, plan.id, expense(planned="1,234.56", actual="1,234.56", paid_on=PAID_DAY))

    [listed] = list_expenses(db, plan.id)
    kept = conversions(listed)
    assert set(kept) == {"GBP", "KRW"}
    # 1,234.56 / 1.27 = 972.094… GBP; × 1,380 = 1,703,692.8 → 1,703,693 KRW (whole won).
    assert (kept["GBP"].planned, kept["GBP"].actual) == (Decimal("972.09"), Decimal("972.09"))
    assert (kept["KRW"].planned, kept["KRW"].actual) == (Decimal("1703693"), Decimal("1703693"))
    assert kept["KRW"].rate == Decimal("1380")
    assert kept["GBP"].rate_date == RATE_DAY and kept["KRW"].rate_date == RATE_DAY


def test_a_line_in_the_home_currency_is_converted_to_usd_and_krw(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(planned="100", currency="GBP"))
    kept = conversions(line)
    assert set(kept) == {"USD", "KRW"}
    assert kept["USD"].planned == Decimal("127.00")
    assert kept["KRW"].planned == Decimal("175260")


def test_a_line_no_rate_reaches_is_left_unconverted(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(planned="500", currency="EUR"))
    assert line.conversions == ()


# --- 3. a past entry keeps its amount --------------------------------------------------------


def test_a_past_entry_keeps_its_amount_when_a_rate_changes(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(label="Hotel", category="lodging", planned="1,380,000", currency="KRW"))
    assert conversions(line)["GBP"].planned == Decimal("787.40")  # 1,000 USD at 1.27

    assert add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY) == 0

    [listed] = list_expenses(db, plan.id)
    assert listed == line
    assert conversions(listed)["GBP"].planned == Decimal("787.40")
    assert conversions(listed)["GBP"].rate_date == RATE_DAY


def test_editing_only_the_amount_converts_at_the_lines_old_rate(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(label="Hotel", category="lodging", planned="1,380,000", currency="KRW"))
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)

    edited = save(
        db,
        plan.id,
        expense(label="Hotel", category="lodging", planned="2,760,000", currency="KRW"),
        expense_id=line.id,
    )

    kept = conversions(edited)
    # 2,000 USD at the line's old 1.27 is 1,574.80 GBP (the newer 1.25 would give 1,600.00).
    assert kept["GBP"].planned == Decimal("1574.80")
    assert kept["GBP"].rate == conversions(line)["GBP"].rate
    assert kept["GBP"].rate_date == RATE_DAY
    assert kept["USD"].planned == Decimal("2000.00")
    assert kept["USD"].rate_date == RATE_DAY
    assert list_expenses(db, plan.id) == [edited]


def test_editing_a_paid_lines_amount_keeps_the_rate_of_its_payment(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(planned="", actual="1,000", paid_on=PAID_DAY))
    assert conversions(line)["GBP"].actual == Decimal("787.40")
    # A rate entered later but dated before the payment does not revalue the line either.
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=date(2026, 10, 10))

    edited = save(db, plan.id, expense(planned="", actual="2,000", paid_on=PAID_DAY), expense_id=line.id)

    assert conversions(edited)["GBP"].actual == Decimal("1574.80")
    assert conversions(edited)["GBP"].rate_date == RATE_DAY


def test_changing_a_lines_currency_converts_at_the_current_rate(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(label="Hotel", category="lodging", planned="1,380,000", currency="KRW"))
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)

    edited = save(
        db,
        plan.id,
        expense(label="Hotel", category="lodging", planned="1,000", currency="USD"),
        expense_id=line.id,
    )

    kept = conversions(edited)
    assert set(kept) == {"GBP", "KRW"}
    assert kept["GBP"].planned == Decimal("800.00")  # 1,000 USD at today's 1.25
    assert kept["GBP"].rate_date == NEWER_RATE_DAY
    assert kept["KRW"].planned == Decimal("1380000")
    assert list_expenses(db, plan.id) == [edited]


def test_changing_a_lines_paid_date_converts_at_that_days_rate(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(planned="", actual="1,000", paid_on=PAID_DAY))
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)

    edited = save(
        db, plan.id, expense(planned="", actual="1,000", paid_on=date(2026, 10, 25)), expense_id=line.id
    )

    assert conversions(edited)["GBP"].actual == Decimal("800.00")
    assert conversions(edited)["GBP"].rate_date == NEWER_RATE_DAY


def test_deleting_a_rate_keeps_the_amounts_converted_with_it(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    line = save(db, plan.id, expense(planned="1,000"))
    for stored in load_budget(db, plan.id).rates:
        delete_rate(db, plan.id, stored.id)
    assert rate_count(db, plan.id) == 0
    assert list_expenses(db, plan.id) == [line]

    # Even with no rate left, an amount-only edit converts at the rate the line kept.
    edited = save(db, plan.id, expense(planned="2,000"), expense_id=line.id)
    assert conversions(edited)["GBP"].planned == Decimal("1574.80")
    assert conversions(edited)["KRW"].planned == Decimal("2760000")
    # A new line, though, has nothing to convert with.
    assert save(db, plan.id, expense(planned="5")).conversions == ()


def test_a_plans_rates_convert_only_its_own_lines(db: Database) -> None:
    mine = make_plan(db)
    theirs = make_plan(db, "Other")
    their_line = save(db, theirs.id, expense())
    assert add_test_rate(db, mine.id, "GBP", "USD", "1.27") == 0
    assert save(db, theirs.id, expense(planned="5")).conversions == ()
    assert list_expenses(db, theirs.id)[0] == their_line
    assert rate_count(db, theirs.id) == 0
    # The same pair and day may be entered in each plan.
    assert add_test_rate(db, theirs.id, "GBP", "USD", "1.30") == 2


# --- 4. rates fill what is missing -----------------------------------------------------------


def test_a_new_rate_fills_lines_without_a_conversion_and_says_how_many(db: Database) -> None:
    plan = make_plan(db)
    krw = save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    usd = save(db, plan.id, expense(planned="1,234.56", currency="USD"))
    gbp = save(db, plan.id, expense(label="Insurance", category="insurance", planned="100", currency="GBP"))
    assert all(line.conversions == () for line in (krw, usd, gbp))

    # GBP→USD reaches the USD line (to GBP) and the GBP line (to USD); not the KRW one.
    assert add_test_rate(db, plan.id, "GBP", "USD", "1.27") == 2
    lines = {line.id: line for line in list_expenses(db, plan.id)}
    assert set(conversions(lines[krw.id])) == set()
    assert set(conversions(lines[usd.id])) == {"GBP"}
    assert set(conversions(lines[gbp.id])) == {"USD"}
    usd_to_gbp = conversions(lines[usd.id])["GBP"]
    assert usd_to_gbp.planned == Decimal("972.09") and usd_to_gbp.rate_date == RATE_DAY

    # USD→KRW then reaches all three lines: each gains only what it lacked.
    assert add_test_rate(db, plan.id, "USD", "KRW", "1,380", on=NEWER_RATE_DAY) == 3
    after = {line.id: line for line in list_expenses(db, plan.id)}
    assert set(conversions(after[krw.id])) == {"GBP", "USD"}
    assert conversions(after[krw.id])["GBP"].planned == Decimal("513.52")
    assert conversions(after[usd.id])["KRW"].planned == Decimal("1703693")
    assert conversions(after[gbp.id])["KRW"].planned == Decimal("175260")
    # What the lines already had is untouched.
    assert conversions(after[usd.id])["GBP"] == usd_to_gbp
    assert conversions(after[gbp.id])["USD"] == conversions(lines[gbp.id])["USD"]


def test_a_new_rate_never_touches_lines_already_converted(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    save(db, plan.id, expense(planned="1,234.56", currency="USD"))
    before = list_expenses(db, plan.id)

    assert add_test_rate(db, plan.id, "GBP", "USD", "1.10", on=NEWER_RATE_DAY) == 0
    assert add_test_rate(db, plan.id, "KRW", "USD", "0.0008", on=NEWER_RATE_DAY) == 0
    assert add_test_rate(db, plan.id, "GBP", "KRW", "1,700", on=NEWER_RATE_DAY) == 0

    assert list_expenses(db, plan.id) == before


def test_rates_are_listed_newest_first(db: Database) -> None:
    plan = make_plan(db)
    stored, filled = add_rate(db, plan.id, " gbp ", "usd", "1.27", RATE_DAY, today=TODAY)
    assert filled == 0
    assert (stored.rate.base, stored.rate.quote, stored.rate.rate) == ("GBP", "USD", Decimal("1.27"))
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)
    assert [(r.rate.rate, r.rate.on) for r in load_budget(db, plan.id).rates] == [
        (Decimal("1.25"), NEWER_RATE_DAY),
        (Decimal("1.27"), RATE_DAY),
    ]
    # Rates belong to their plan.
    assert rate_count(db, make_plan(db, "Other").id) == 0


# --- 5. bad rates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "quote", "rate", "on", "field"),
    [
        ("GBP", "USD", "0", RATE_DAY, "rate"),
        ("GBP", "USD", "-1.27", RATE_DAY, "rate"),
        ("GBP", "USD", "abc", RATE_DAY, "rate"),
        ("GBP", "USD", "", RATE_DAY, "rate"),
        ("XYZ", "USD", "1.27", RATE_DAY, "base"),
        ("GBP", "QQQ", "1.27", RATE_DAY, "quote"),
        ("GBP", "gbp", "1.27", RATE_DAY, "quote"),
        ("GBP", "USD", "1.27", date(2026, 11, 2), "on"),
        ("GBP", "USD", "1.25", RATE_DAY, "on"),  # the same pair and day as the one already entered
    ],
)
def test_a_bad_rate_is_refused_and_nothing_is_written(
    db: Database, base: str, quote: str, rate: str, on: date, field: str
) -> None:
    plan = make_plan(db)
    add_test_rate(db, plan.id, "GBP", "USD", "1.27")
    save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    before = load_budget(db, plan.id)

    with pytest.raises(ValidationError) as refused:
        add_rate(db, plan.id, base, quote, rate, on, today=TODAY)

    assert field in refused.value.errors
    after = load_budget(db, plan.id)
    assert after.rates == before.rates
    assert after.expenses == before.expenses
    assert count(db, ExchangeRateRow) == 1


def test_a_rate_for_the_same_pair_and_day_the_other_way_round_is_refused(db: Database) -> None:
    plan = make_plan(db)
    add_test_rate(db, plan.id, "GBP", "USD", "1.27")
    with pytest.raises(ValidationError) as refused:
        add_rate(db, plan.id, "USD", "GBP", "0.5", RATE_DAY, today=TODAY)
    assert "on" in refused.value.errors
    assert rate_count(db, plan.id) == 1


# --- 6. bad expense lines --------------------------------------------------------------------


BAD_EXPENSES = [
    pytest.param({"planned": "-5"}, "planned", id="negative"),
    pytest.param({"planned": "twelve"}, "planned", id="not-a-number"),
    pytest.param({"planned": "10,000,000.01"}, "planned", id="over-ten-million-usd"),
    pytest.param({"planned": "", "actual": "20,000,000"}, "actual", id="paid-over-ten-million-usd"),
    pytest.param({"currency": "XYZ"}, "currency", id="unknown-currency"),
    pytest.param(
        {"planned": "", "actual": "100", "paid_on": date(2026, 11, 2)}, "paid_on", id="paid-in-the-future"
    ),
    pytest.param({"planned": "", "actual": ""}, "planned", id="no-amount"),
    pytest.param({"category": "souvenirs"}, "category", id="unknown-category"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_EXPENSES)
def test_a_bad_new_line_is_refused_and_nothing_is_written(
    db: Database, changes: dict[str, Any], field: str
) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    existing = save(db, plan.id, expense(label="Visa fee", category="visa", planned="60"))

    with pytest.raises(ValidationError) as refused:
        save(db, plan.id, expense(**changes))

    assert field in refused.value.errors
    assert list_expenses(db, plan.id) == [existing]
    assert count(db, ExpenseRow) == 1


@pytest.mark.parametrize(("changes", "field"), BAD_EXPENSES)
def test_a_bad_edit_is_refused_and_the_line_keeps_its_old_values(
    db: Database, changes: dict[str, Any], field: str
) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    existing = save(db, plan.id, expense(planned="1,234.56", payee="Korean Air"))

    with pytest.raises(ValidationError) as refused:
        save(db, plan.id, expense(**changes), expense_id=existing.id)

    assert field in refused.value.errors
    assert list_expenses(db, plan.id) == [existing]


def test_ten_million_usd_is_the_most_a_line_may_be(db: Database) -> None:
    plan = make_plan(db)
    line = save(db, plan.id, expense(planned="10,000,000"))
    assert line.planned == Decimal("10000000")


# --- 7. a failure mid-save -------------------------------------------------------------------


def _boom(*_args: object, **_kwargs: object) -> Any:
    raise RuntimeError("disk trouble")


@pytest.mark.parametrize(
    "step", ["planner.budget.expense_store._write_conversions", "planner.budget.service.convert_expense"]
)
def test_a_failure_while_saving_leaves_the_budget_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    hotel = save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    save(db, plan.id, expense(planned="1,234.56", actual="1,234.56", paid_on=PAID_DAY))
    add_test_rate(db, plan.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)
    before = list_expenses(db, plan.id)
    rows_before = (count(db, ExpenseRow), count(db, ExpenseConversionRow))

    monkeypatch.setattr(step, _boom)
    with pytest.raises(RuntimeError):
        save(db, plan.id, expense(label="Interpreter", category="interpreter", planned="300"))
    with pytest.raises(RuntimeError):  # an amount-only edit
        save(
            db,
            plan.id,
            expense(label="Hotel", category="lodging", planned="1,800,000", currency="KRW"),
            expense_id=hotel.id,
        )
    with pytest.raises(RuntimeError):  # an edit that changes the currency
        save(db, plan.id, expense(label="Hotel", planned="700", currency="EUR"), expense_id=hotel.id)
    monkeypatch.undo()

    assert list_expenses(db, plan.id) == before
    assert (count(db, ExpenseRow), count(db, ExpenseConversionRow)) == rows_before


@pytest.mark.parametrize(
    "step", ["planner.budget.service.add_conversions", "planner.budget.service.convert_expense"]
)
def test_a_failure_while_filling_conversions_does_not_store_the_rate(
    db: Database, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    plan = make_plan(db)
    add_test_rate(db, plan.id, "GBP", "USD", "1.27")
    save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    before = load_budget(db, plan.id)

    monkeypatch.setattr(step, _boom)
    with pytest.raises(RuntimeError):
        add_rate(db, plan.id, "USD", "KRW", "1,380", RATE_DAY, today=TODAY)
    monkeypatch.undo()

    after = load_budget(db, plan.id)
    assert after.rates == before.rates
    assert after.expenses == before.expenses
    # Entered again once things work, the rate is accepted (no half-stored clash) and fills the line.
    assert add_test_rate(db, plan.id, "USD", "KRW", "1,380") == 1


# --- 8. deleting -----------------------------------------------------------------------------


def test_deleting_a_line_removes_it_and_its_conversions(db: Database) -> None:
    plan = make_plan(db)
    with_usual_rates(db, plan.id)
    hotel = save(db, plan.id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    flights = save(db, plan.id, expense())
    assert count(db, ExpenseConversionRow) == 4

    delete_expense(db, plan.id, hotel.id)

    assert list_expenses(db, plan.id) == [flights]
    assert count(db, ExpenseConversionRow) == 2


def test_a_line_is_not_deleted_through_another_plan(db: Database) -> None:
    mine = make_plan(db)
    theirs = make_plan(db, "Other")
    line = save(db, theirs.id, expense())
    delete_expense(db, mine.id, line.id)
    assert list_expenses(db, theirs.id) == [line]


def _fill_budget(db: Database, plan_id: int) -> None:
    with_usual_rates(db, plan_id)
    save(db, plan_id, expense(label="Hotel", category="lodging", planned="900,000", currency="KRW"))
    save(db, plan_id, expense(planned="", actual="1,234.56", paid_on=PAID_DAY))
    save_estimate_settings(db, plan_id, EstimateSettings("fees", 8, 12, "comfort", False, True))
    save_estimate_line(db, plan_id, "hotel", "800", "1,200", "USD")
    remove_estimate_line(db, plan_id, "travel/medical-visa", Decimal("60"), Decimal("90"), "USD")
    save_deposit(db, plan_id, DepositDraft("10", "1,500", "USD", date(2027, 1, 15), PAID_DAY), today=TODAY)


def test_deleting_a_plan_removes_all_its_budget(db: Database) -> None:
    keep = make_plan(db, "Keep")
    gone = make_plan(db, "Gone")
    _fill_budget(db, keep.id)
    _fill_budget(db, gone.id)
    kept_before = {model: count(db, model, keep.id) for model in BUDGET_TABLES}
    assert all(kept_before.values())
    assert all(count(db, model, gone.id) for model in BUDGET_TABLES)

    delete_plan(db, gone.id)

    assert {model: count(db, model) for model in BUDGET_TABLES} == kept_before
    assert {model: count(db, model, gone.id) for model in BUDGET_TABLES} == dict.fromkeys(BUDGET_TABLES, 0)


# --- 9. the estimate -------------------------------------------------------------------------


def test_estimate_settings_start_at_the_defaults_and_are_saved(db: Database) -> None:
    plan = make_plan(db)
    assert load_budget(db, plan.id).settings == EstimateSettings()

    chosen = EstimateSettings("package:package/knee-overall-range", 8, 12, "comfort", False, True)
    save_estimate_settings(db, plan.id, chosen)
    assert load_budget(db, plan.id).settings == chosen

    again = EstimateSettings("fees", None, None, "budget", True, False)
    save_estimate_settings(db, plan.id, again)
    assert load_budget(db, plan.id).settings == again
    assert load_budget(db, make_plan(db, "Other").id).settings == EstimateSettings()


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (EstimateSettings(stay_low=12, stay_high=8), "stay"),
        (EstimateSettings(stay_low=8, stay_high=None), "stay"),
        (EstimateSettings(stay_low=None, stay_high=8), "stay"),
        (EstimateSettings(stay_low=0, stay_high=0), "stay"),
        (EstimateSettings(stay_low=0, stay_high=5), "stay"),
        (EstimateSettings(stay_low=1, stay_high=367), "stay"),
        (EstimateSettings(hotel_tier="palace"), "hotel_tier"),
    ],
)
def test_bad_estimate_settings_are_refused_and_nothing_is_written(
    db: Database, settings: EstimateSettings, field: str
) -> None:
    plan = make_plan(db)
    chosen = EstimateSettings("fees", 8, 12, "comfort", False, True)
    save_estimate_settings(db, plan.id, chosen)

    with pytest.raises(ValidationError) as refused:
        save_estimate_settings(db, plan.id, settings)

    assert field in refused.value.errors
    assert load_budget(db, plan.id).settings == chosen


def test_a_stay_runs_from_one_day_to_a_year(db: Database) -> None:
    plan = make_plan(db)
    for low, high in ((1, 1), (1, 366), (366, 366)):
        settings = EstimateSettings(stay_low=low, stay_high=high)
        save_estimate_settings(db, plan.id, settings)
        assert load_budget(db, plan.id).settings == settings


def test_bad_estimate_settings_on_a_fresh_plan_write_no_row(db: Database) -> None:
    plan = make_plan(db)
    with pytest.raises(ValidationError):
        save_estimate_settings(db, plan.id, EstimateSettings(stay_low=0, stay_high=0))
    assert count(db, BudgetSettingsRow) == 0


def test_an_estimate_line_takes_the_persons_figures(db: Database) -> None:
    plan = make_plan(db)
    saved = save_estimate_line(db, plan.id, "hotel", "800", "1,200.50", "usd")
    assert saved == EstimateOverride("hotel", Decimal("800"), Decimal("1200.50"), "USD", False)
    assert load_budget(db, plan.id).overrides == [saved]

    # A single figure counts as both bounds; saving again replaces the figures.
    again = save_estimate_line(db, plan.id, "hotel", "1,000,000", "", "KRW")
    assert load_budget(db, plan.id).overrides == [
        EstimateOverride("hotel", Decimal("1000000"), Decimal("1000000"), "KRW", False)
    ]
    assert again == load_budget(db, plan.id).overrides[0]


@pytest.mark.parametrize(
    ("low", "high", "currency", "field"),
    [
        ("1,200", "800", "USD", "high"),
        ("abc", "800", "USD", "low"),
        ("-5", "800", "USD", "low"),
        ("100", "200", "XYZ", "currency"),
    ],
)
def test_bad_estimate_figures_are_refused_and_nothing_is_written(
    db: Database, low: str, high: str, currency: str, field: str
) -> None:
    plan = make_plan(db)
    kept = save_estimate_line(db, plan.id, "hotel", "800", "1,200", "USD")

    with pytest.raises(ValidationError) as refused:
        save_estimate_line(db, plan.id, "hotel", low, high, currency)
    with pytest.raises(ValidationError):
        save_estimate_line(db, plan.id, "daily", low, high, currency)

    assert field in refused.value.errors
    assert load_budget(db, plan.id).overrides == [kept]


def test_removing_and_restoring_an_estimate_line(db: Database) -> None:
    plan = make_plan(db)
    remove_estimate_line(db, plan.id, "travel/medical-visa", Decimal("60"), Decimal("90"), "USD")
    assert load_budget(db, plan.id).overrides == [
        EstimateOverride("travel/medical-visa", Decimal("60"), Decimal("90"), "USD", True)
    ]

    # A line with the person's figures keeps them while it is removed.
    save_estimate_line(db, plan.id, "hotel", "800", "1,200", "USD")
    remove_estimate_line(db, plan.id, "hotel", Decimal("300"), Decimal("400"), "USD")
    overrides = {o.key: o for o in load_budget(db, plan.id).overrides}
    assert overrides["hotel"] == EstimateOverride("hotel", Decimal("800"), Decimal("1200"), "USD", True)

    restore_estimate_line(db, plan.id, "hotel")
    restore_estimate_line(db, plan.id, "travel/medical-visa")
    restore_estimate_line(db, plan.id, "never-changed")
    assert load_budget(db, plan.id).overrides == []
    assert count(db, EstimateOverrideRow) == 0


# --- 10. the deposit -------------------------------------------------------------------------


def test_a_deposit_is_saved_with_its_dates(db: Database) -> None:
    plan = make_plan(db)
    assert load_budget(db, plan.id).deposit is None

    saved = save_deposit(
        db, plan.id, DepositDraft("12.5", "1,500.25", "usd", date(2027, 1, 15), PAID_DAY), today=TODAY
    )

    expected = Deposit(Decimal("12.5"), Decimal("1500.25"), "USD", date(2027, 1, 15), PAID_DAY)
    assert saved == expected
    loaded = load_budget(db, plan.id).deposit
    assert loaded == expected
    assert loaded is not None and loaded.paid

    # Saving the deposit leaves the estimate's choices alone, and the other way round.
    save_estimate_settings(db, plan.id, EstimateSettings("fees", 8, 12, "comfort", False, True))
    assert load_budget(db, plan.id).deposit == expected
    unpaid = save_deposit(
        db, plan.id, DepositDraft("", "2,000,000", "KRW", date(2027, 1, 20), None), today=TODAY
    )
    budget = load_budget(db, plan.id)
    assert budget.deposit == unpaid == Deposit(None, Decimal("2000000"), "KRW", date(2027, 1, 20), None)
    assert budget.settings == EstimateSettings("fees", 8, 12, "comfort", False, True)


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (DepositDraft("100.01", "1,500", "USD", None, None), "percent"),
        (DepositDraft("150", "1,500", "USD", None, None), "percent"),
        (DepositDraft("10", "1,500", "USD", None, date(2026, 11, 2)), "paid_on"),
        (DepositDraft("10", "", "USD", None, PAID_DAY), "amount"),
        (DepositDraft("10", "1,500", "XYZ", None, None), "currency"),
    ],
)
def test_a_bad_deposit_is_refused_and_nothing_is_written(
    db: Database, draft: DepositDraft, field: str
) -> None:
    plan = make_plan(db)
    with pytest.raises(ValidationError) as refused:
        save_deposit(db, plan.id, draft, today=TODAY)
    assert field in refused.value.errors
    assert load_budget(db, plan.id).deposit is None
    assert count(db, BudgetSettingsRow) == 0

    first = save_deposit(
        db, plan.id, DepositDraft("10", "1,500", "USD", date(2027, 1, 15), None), today=TODAY
    )
    with pytest.raises(ValidationError):
        save_deposit(db, plan.id, draft, today=TODAY)
    assert load_budget(db, plan.id).deposit == first


# --- 11. duplicating a plan ------------------------------------------------------------------


def test_duplicating_a_plan_copies_its_budget(db: Database) -> None:
    plan = make_plan(db)
    _fill_budget(db, plan.id)
    original = load_budget(db, plan.id)

    copy = duplicate_plan(db, plan.id)
    copied = load_budget(db, copy.id)

    assert copy.id != plan.id
    assert copied.plain_rates == original.plain_rates
    assert {r.id for r in copied.rates}.isdisjoint({r.id for r in original.rates})
    assert len(copied.expenses) == len(original.expenses) == 2
    for mine, theirs in zip(copied.expenses, original.expenses, strict=True):
        assert mine.id != theirs.id
        assert mine.conversions and mine.conversions == theirs.conversions
        assert (mine.label, mine.planned, mine.actual, mine.currency, mine.paid_on) == (
            theirs.label,
            theirs.planned,
            theirs.actual,
            theirs.currency,
            theirs.paid_on,
        )
    assert copied.settings == original.settings == EstimateSettings("fees", 8, 12, "comfort", False, True)
    assert sorted(copied.overrides, key=lambda o: o.key) == sorted(original.overrides, key=lambda o: o.key)
    assert len(copied.overrides) == 2
    assert copied.deposit == original.deposit
    assert copied.deposit is not None and copied.deposit.amount == Decimal("1500")


def test_changing_the_copy_leaves_the_original_alone(db: Database) -> None:
    plan = make_plan(db)
    _fill_budget(db, plan.id)
    copy = duplicate_plan(db, plan.id)
    original = load_budget(db, plan.id)
    hotel = list_expenses(db, copy.id)[0]

    save(
        db,
        copy.id,
        expense(label="Hotel, bigger room", category="lodging", planned="1,500,000", currency="KRW"),
        expense_id=hotel.id,
    )
    delete_expense(db, copy.id, list_expenses(db, copy.id)[1].id)
    add_test_rate(db, copy.id, "GBP", "USD", "1.25", on=NEWER_RATE_DAY)
    save_estimate_line(db, copy.id, "hotel", "5", "6", "USD")
    restore_estimate_line(db, copy.id, "travel/medical-visa")
    save_estimate_settings(db, copy.id, EstimateSettings())
    save_deposit(db, copy.id, DepositDraft("20", "", "USD", None, None), today=TODAY)

    changed = list_expenses(db, copy.id)
    assert [e.label for e in changed] == ["Hotel, bigger room"]
    assert changed[0].planned == Decimal("1500000")
    assert load_budget(db, plan.id) == original

    # Deleting the copy leaves the original's budget whole.
    delete_plan(db, copy.id)
    assert load_budget(db, plan.id) == original


# --- 12. what the budget page reads ----------------------------------------------------------


def test_the_budget_page_gets_the_accepted_quote_categories_and_steps(db: Database) -> None:
    plan = make_plan(db)
    budget = load_budget(db, plan.id)
    assert budget.plan == plan
    assert budget.accepted_quote is None
    assert list(budget.categories) == FEE_CATEGORIES + EXTRA_CATEGORY_IDS
    assert [name for key, name in EXTRA_CATEGORIES] == [budget.categories[k] for k in EXTRA_CATEGORY_IDS]
    assert list(budget.categories)[:7] == [c.id for c in fee_categories(db)]
    assert expense_categories(db) == budget.categories
    assert list(budget.steps) == JOURNEY_STEPS
    assert budget.expenses == [] and budget.rates == [] and budget.overrides == []
    assert budget.deposit is None
    assert {p.id for p in budget.points} >= {"stay/days", "travel/hotel", "fee/surgeon"}

    sh = next(c for c in list_clinics(db) if c.catalogue_id == "sh-clinic")
    lydian = next(c for c in list_clinics(db) if c.catalogue_id == "lydian")
    lines = (QuoteLineDraft("surgeon", "", "3,000"), QuoteLineDraft(None, "Hotel", "450.50"))

    def quote(clinic_id: int) -> QuoteDraft:
        return QuoteDraft(
            clinic_id=clinic_id,
            currency="USD",
            received_on=date(2027, 1, 10),
            valid_until=None,
            deposit="10",
            refund_terms="",
            note="",
            lines=lines,
        )

    save_quote(db, plan.id, quote(sh.id))
    accepted = save_quote(db, plan.id, quote(lydian.id))
    assert load_budget(db, plan.id).accepted_quote is None

    accept_quote(db, plan.id, accepted.id)
    got = load_budget(db, plan.id).accepted_quote
    assert got is not None
    assert (got.id, got.clinic_name, got.total) == (
        accepted.id,
        "Lydian Plastic Surgery Clinic",
        Decimal("3450.50"),
    )
    # Another plan does not see this plan's quote.
    assert load_budget(db, make_plan(db, "Other").id).accepted_quote is None


def test_a_line_may_be_filed_under_any_category_and_step(db: Database) -> None:
    plan = make_plan(db)
    for category in FEE_CATEGORIES + EXTRA_CATEGORY_IDS:
        save(db, plan.id, expense(label="", category=category, step_id="treatment", planned="1"))
    listed = list_expenses(db, plan.id)
    assert [e.category for e in listed] == FEE_CATEGORIES + EXTRA_CATEGORY_IDS
    assert listed[0].label == "Surgeon’s Fees"
    with pytest.raises(ValidationError) as refused:
        save(db, plan.id, expense(step_id="no-such-step"))
    assert "step" in refused.value.errors
