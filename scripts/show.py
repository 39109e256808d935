"""Developer aid: open the app in a given state, to look at it (e.g. under ../shared/tools/xshot).

    python scripts/show.py DATA_DIR STATE [--size 1280x800] [--search TEXT]

STATE: empty, wizard, wizard-errors, plan, learn, clinics, clinics-empty, compare, quote,
quote-errors, quote-compare, clinic-form, clinic-form-long, budget, budget-estimate, budget-rates,
budget-home, budget-charts, budget-errors, checklist, checklist-form, journey (--step ID), itinerary,
itinerary-propose, appointment-form, appointment-errors, restore, damaged, import-bad, about. Creates
sample plans (and for the clinic states a shortlist, notes, answers and two quotes; for the budget states
rates and expense lines) in DATA_DIR. Never used by the app itself.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QTimer

from planner.budget.rules import ExpenseDraft
from planner.budget.service import add_rate, save_expense
from planner.clinics.questions_service import save_answer
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import accept_quote, list_quotes, save_quote
from planner.clinics.service import list_clinics, save_notes
from planner.clinics.shortlist_service import set_shortlisted
from planner.db.database import Database
from planner.plans.service import PlanDraft, create_plan, list_plans
from planner.startup import open_synced_database
from planner.ui.app.application import make_application
from planner.ui.app.main_window import MainWindow, settings_for
from planner.ui.kit.prompter import Prompter


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("state", default="plan", nargs="?")
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--search", default="")
    parser.add_argument("--step", default="")
    args = parser.parse_args()
    app = make_application()
    if args.state == "damaged":
        return show_damaged(args.data_dir)
    db = open_synced_database(args.data_dir)
    if args.state not in ("empty",) and not args.state.startswith("wizard"):
        ensure_samples(db)
    window = MainWindow(db, Prompter(), settings_for(db))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    window.plan_combo.setCurrentIndex(max(window.plan_combo.findText("Knee, Cellinique, March"), 0))
    if args.state == "learn":
        window.learn_action.trigger()
        window.learn.search.setText(args.search)
    if args.state.startswith("wizard"):
        window.new_plan()
        wizard = window.wizard
        assert wizard is not None
        if args.state == "wizard-errors":
            wizard.name_edit.setText("Knee, Cellinique, March")
            wizard.next()
            wizard.country_combo.setCurrentText("United Kingdom")
            wizard.currency_combo.setCurrentText("GBP")
            wizard.next()
            wizard.return_edit.setDate(wizard.departure_edit.date().addDays(-3))
            wizard.budget_edit.setText("-500")
            QTimer.singleShot(300, wizard.validateCurrentPage)
    if args.state.startswith(("clinics", "compare", "quote", "clinic-")):
        show_clinic_state(window, args.state, args.search)
    if args.state.startswith("budget"):
        show_budget_state(window, args.state)
    if args.state.startswith("checklist"):
        show_checklist_state(window, args.state)
    if args.state.startswith(("journey", "itinerary", "appointment")):
        show_journey_state(window, args.state, args.step)
    if args.state.startswith(("print", "trip-details")):
        show_print_state(window, args.state)
    if args.state == "import-bad":
        show_bad_import(window, args.data_dir)
    if args.state == "about":
        window.show_about()
    if args.state == "restore":
        for reason in ("start-up", "before-import", "by-you"):
            db.back_up(reason)
        window.open_restore()
    return app.exec()


def show_damaged(data_dir: Path) -> int:
    """The question asked at start-up when the data file is damaged (after a backup of samples)."""
    from planner.db.database import DamagedDatabase
    from planner.ui.app.damaged_data import recover

    db = open_synced_database(data_dir)
    ensure_samples(db)
    db.back_up("by-you")
    db.close()
    path = data_dir / "planner.sqlite3"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    try:
        open_synced_database(data_dir)
    except DamagedDatabase as damaged:
        print(recover(Prompter(), damaged))
    return 0


def show_bad_import(window: MainWindow, data_dir: Path) -> None:
    """File › Import plan with a plan file whose expense tables were spoiled by hand."""
    import json

    from planner.planfile.service import export_plan

    plan = window.current_plan()
    assert plan is not None
    parsed = json.loads(export_plan(window.db, plan.id))
    parsed["plan"]["name"] = "Spoiled"
    rows = parsed["expenses"]["rows"]
    rows[0][3] = "850.00"
    rows[-1][6] = "2027-02-30"
    parsed["expenses"]["conversions"].append([len(rows) + 5, "KRW", 1, None, "1750", "2026-10-01"])
    spoiled = data_dir / "spoiled plan.json"
    spoiled.write_text(json.dumps(parsed, indent=1), encoding="utf-8")
    window.plan_files.prompter.ask_open_path = lambda *_args: spoiled  # type: ignore[method-assign]
    QTimer.singleShot(300, window.plan_files.import_plan)


def show_print_state(window: MainWindow, state: str) -> None:
    """print: the print dialog; print-preview: Qt's preview of the itinerary; trip-details: the
    form, with an over-long field refused when the state ends in -errors."""
    plan = window.current_plan()
    assert plan is not None
    add_journey_samples(window.db, plan.id)
    if state.startswith("trip-details"):
        window.edit_details()
        if state.endswith("errors"):
            window.details_dialog.insurance.setPlainText("x" * 1_200)
            QTimer.singleShot(300, window.details_dialog.accept)
        return
    window.nav.setCurrentRow(2)
    window.print_plan()
    if state == "print-preview":
        QTimer.singleShot(300, window.print_dialog.preview)


def ensure_samples(db: Database) -> None:
    """Two sample plans with clinics, quotes, costs, a schedule and trip details, made once."""
    if list_plans(db):
        return
    create_plan(
        db,
        PlanDraft(
            "Knee, Cellinique, March",
            "knee-cartilage-damage",
            "GB",
            "GBP",
            date(2027, 3, 1),
            date(2027, 3, 11),
            "18,000",
        ),
    )
    create_plan(
        db,
        PlanDraft(
            "Achilles, Lydian, May", "tendonitis", "US", "USD", date(2027, 5, 3), date(2027, 5, 12), ""
        ),
    )
    add_clinic_samples(db)
    add_budget_samples(db)
    add_trip_details(db)


def add_trip_details(db: Database) -> None:
    from planner.journey.trip_details_service import TripDetails, save_details

    plan = next(p for p in list_plans(db) if p.name.startswith("Knee"))
    save_details(
        db,
        plan.id,
        TripDetails(
            "Hotel Gangnam Stay",
            "123 Teheran-ro, Gangnam-gu, Seoul\n서울특별시 강남구 테헤란로 123",
            "+82 2 555 0100",
            "Allianz Travel, policy AZ-4471-9920; 24-hour line +44 20 7946 0000",
            "Sam Taylor (partner), +44 7700 900123",
        ),
    )


def add_journey_samples(db: Database, plan_id: int) -> None:
    from planner.journey.itinerary_service import StayDraft, accept_proposal, load_itinerary, propose_schedule
    from planner.journey.rules import StepDraft
    from planner.journey.service import save_step

    if load_itinerary(db, plan_id).appointments:
        return
    stay = StayDraft(date(2027, 3, 2), 10, date(2027, 3, 4), "same-day", 14)
    proposed = propose_schedule(db, plan_id, stay, date(2026, 11, 21))
    accept_proposal(db, plan_id, stay, proposed)
    save_step(
        db, plan_id, "virtual-consultation", StepDraft("done", date(2026, 11, 2), date(2026, 11, 12), "")
    )
    save_step(
        db,
        plan_id,
        "booking-preparation",
        StepDraft("in-progress", date(2026, 11, 13), None, "Deposit paid; visa application sent on 18 Nov."),
    )


def show_journey_state(window: MainWindow, state: str, step: str) -> None:
    plan = window.current_plan()
    assert plan is not None
    add_journey_samples(window.db, plan.id)
    window.events.changed.emit("plans", plan.id)
    if state == "journey":
        window.journey_action.trigger()
        if step:
            window.journey.show_step(step)
        return
    window.itinerary_action.trigger()
    page = window.itinerary
    if state == "itinerary-propose":
        page.propose()
    elif state.startswith("appointment"):
        page.add_appointment()
        dialog = page.dialog
        assert dialog is not None
        if state == "appointment-errors":
            from PySide6.QtCore import QTime

            dialog.zone.setEditText("America/New_York")
            dialog.start_date.setDate(dialog.start_date.date().addDays(12 - dialog.start_date.date().day()))
            dialog.start_time.setTime(QTime(2, 30))
            dialog.end_time.setTime(QTime(1, 0))
            QTimer.singleShot(300, dialog.accept)


def add_budget_samples(db: Database) -> None:
    plan = next(p for p in list_plans(db) if p.name == "Knee, Cellinique, March")
    day = date.today()
    add_rate(db, plan.id, "GBP", "USD", "1.27", day.replace(day=1))
    add_rate(db, plan.id, "USD", "KRW", "1,380", day.replace(day=1))
    lines = (
        (
            "Return flights London–Seoul",
            "travel",
            "booking-preparation",
            "1,450",
            "1,388.40",
            "GBP",
            True,
            "Korean Air",
        ),
        ("Treatment (accepted quote)", "treatment", "treatment", "6,780", "", "USD", False, "Cellinique"),
        (
            "Deposit to book the date",
            "treatment",
            "booking-preparation",
            "678",
            "678",
            "USD",
            True,
            "Cellinique",
        ),
        (
            "Hotel near the clinic, 9 nights",
            "lodging",
            "arrival-intake",
            "1,620,000",
            "",
            "KRW",
            False,
            "Gangnam hotel",
        ),
        ("Medical visa", "visa", "booking-preparation", "90", "85", "USD", True, "Embassy"),
        (
            "Travel insurance with medical cover",
            "insurance",
            "booking-preparation",
            "210",
            "196.50",
            "GBP",
            True,
            "Insurer",
        ),
        (
            "Interpreter for the consultation day",
            "interpreter",
            "arrival-intake",
            "250,000",
            "",
            "KRW",
            False,
            "",
        ),
        ("Food and local transport", "daily-living", "recovery-follow-up", "450,000", "", "KRW", False, ""),
        (
            "Physiotherapy at home, 12 sessions",
            "other",
            "rehabilitation-home",
            "720",
            "",
            "GBP",
            False,
            "NHS / private",
        ),
    )
    for label, category, step, planned, actual, currency, paid, payee in lines:
        save_expense(
            db,
            plan.id,
            ExpenseDraft(label, category, step, planned, actual, currency, day if paid else None, payee),
        )


def show_budget_state(window: MainWindow, state: str) -> None:
    from planner.ui.budget.budget_page import TAB_CHARTS, TAB_ESTIMATE, TAB_HOME, TAB_RATES

    window.budget_action.trigger()
    page = window.budget
    tabs = {"budget-estimate": TAB_ESTIMATE, "budget-rates": TAB_RATES, "budget-home": TAB_HOME}
    tabs["budget-charts"] = TAB_CHARTS
    page.tabs.setCurrentIndex(tabs.get(state, 0))
    if state == "budget-errors":
        page.expenses.add_expense()
        dialog = page.expenses.dialog
        assert dialog is not None
        dialog.label.setText("Taxi from the airport")
        dialog.planned.setText("-40")
        dialog.actual.setText("twelve")
        dialog.is_paid.setChecked(True)
        dialog.paid_on.setDate(date.today().replace(year=date.today().year + 1))
        QTimer.singleShot(300, dialog.accept)


def show_checklist_state(window: MainWindow, state: str) -> None:
    from planner.checklist.service import ItemDraft, load_checklist, save_item, set_done

    plan = window.current_plan()
    assert plan is not None
    items = load_checklist(window.db, plan.id).items
    if not any(i.done for i in items):
        for item in items[:6]:
            set_done(window.db, plan.id, item.id, True)
        passport = next(i for i in items if i.document == "passport")
        save_item(
            window.db,
            plan.id,
            ItemDraft(
                passport.step_id,
                passport.text,
                "document",
                "departure",
                "",
                "-90",
                "",
                "passport",
                "2027-06-30",
            ),
            passport.id,
        )
        late = (date.today() - timedelta(days=5)).isoformat()
        for text in (
            "Send your MRI and X-rays to the two shortlisted clinics",
            "Ask your GP for a referral letter",
        ):
            save_item(
                window.db,
                plan.id,
                ItemDraft("virtual-consultation", text, "task", "date", late),
            )
    window.checklist_action.trigger()
    window.checklist.reload()
    if state == "checklist-form":
        page = window.checklist
        page.add_item()
        dialog = page.dialog
        assert dialog is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData("document"))
        dialog.due_mode.setCurrentIndex(dialog.due_mode.findData("departure"))
        dialog.offset.setText("-400")
        QTimer.singleShot(300, dialog.accept)


def add_clinic_samples(db: Database) -> None:
    plan = list_plans(db)[1]
    clinics = {c.catalogue_id: c for c in list_clinics(db)}
    for key in ("cellinique", "lydian", "theplus"):
        set_shortlisted(db, plan.id, clinics[key].id, True)
    save_notes(db, clinics["cellinique"].id, "Friendly video call; answered every question.", 4)
    save_notes(db, clinics["lydian"].id, "Approved provider; slower to reply.", 5)
    save_answer(db, clinics["cellinique"].id, "builtin:cell-source", "My own fat (autologous)")
    save_answer(db, clinics["lydian"].id, "builtin:cell-source", "Own fat, processed in their lab")
    for key, amounts in (
        ("cellinique", ("3,500", "1,200", "2,000")),
        ("lydian", ("4,200", "1,500", "1,800")),
    ):
        save_quote(
            db,
            plan.id,
            QuoteDraft(
                clinics[key].id,
                "USD",
                date(2027, 1, 10),
                date(2027, 3, 31),
                "10",
                "Deposit refundable up to 14 days before treatment",
                "",
                (
                    QuoteLineDraft("surgeon", "", amounts[0]),
                    QuoteLineDraft("anesthesia", "", amounts[1]),
                    QuoteLineDraft("facility", "", amounts[2]),
                    QuoteLineDraft(None, "Airport pick-up", "80"),
                ),
            ),
        )
    cellinique_quote = list_quotes(db, plan.id, clinics["cellinique"].id)[0]
    accept_quote(db, plan.id, cellinique_quote.id)


def show_clinic_state(window: MainWindow, state: str, search: str) -> None:
    window.plan_combo.setCurrentIndex(window.plan_combo.findText("Knee, Cellinique, March"))
    window.clinics_action.trigger()
    page = window.clinics
    page.filters.search.setText(search)
    if state == "clinics-empty":
        page.filters.search.setText("Busan")
        page.filters.approved.setChecked(True)
        return
    lydian = next(c for c in page.model.clinics if c.catalogue_id == "lydian")
    page.reload(lydian.id)
    if state == "compare":
        page.table.selectAll()
        selection = page.table.selectionModel()
        last = page.proxy.index(page.proxy.rowCount() - 1, 0)
        selection.select(
            last, QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows
        )
        page.compare_selected()
    if state.startswith("quote"):
        page.detail.tabs.setCurrentWidget(page.detail.quotes)
    if state == "quote-compare":
        page.detail.quotes.compare_quotes()
    if state in ("quote", "quote-errors"):
        page.detail.quotes.edit_quote()
        dialog = page.detail.quotes.dialog
        assert dialog is not None
        if state == "quote-errors":
            dialog.currency.setCurrentText("XYZ")
            dialog.deposit.setText("120")
            dialog.rows[0].amount.setText("-50")
            QTimer.singleShot(300, dialog.accept)
    if state == "clinic-form":
        page.add_clinic()
        assert page.clinic_dialog is not None
        page.clinic_dialog.name.setText("")
        QTimer.singleShot(300, page.clinic_dialog.accept)
    if state == "clinic-form-long":
        page.add_clinic()
        assert page.clinic_dialog is not None
        page.clinic_dialog.name.setText("Seoul Knee Centre")
        page.clinic_dialog.district.setText("Gangnam" * 30)
        page.clinic_dialog.features.setPlainText("\n".join(f"Feature {n}" for n in range(201)))
        QTimer.singleShot(300, page.clinic_dialog.accept)


if __name__ == "__main__":
    sys.exit(main())
