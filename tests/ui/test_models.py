"""Every item model passes Qt's model tester."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.modeltest import ModelTester

from planner.clinics.compare import build_comparison
from planner.clinics.questions_service import list_questions
from planner.clinics.quotes import QuoteDraft, QuoteLineDraft
from planner.clinics.quotes_service import list_quotes, save_quote
from planner.clinics.service import list_clinics
from planner.db.database import Database
from planner.plans.service import Plan, list_plans
from planner.reference.learn_service import list_learn_entries
from planner.ui.app.plan_list_model import PLAN_ROLE, PlanListModel
from planner.ui.clinics.clinic_model import CLINIC_ROLE, ClinicFilter, ClinicModel
from planner.ui.clinics.comparison_view import ComparisonModel, DifferencesOnly
from planner.ui.clinics.question_model import QuestionModel
from planner.ui.clinics.quote_model import QuoteModel
from planner.ui.learn.learn_model import LearnFilter, LearnModel


def test_plan_list_model(qtmodeltester: ModelTester, db: Database, add_plan: Callable[..., Plan]) -> None:
    add_plan("One")
    add_plan("Two")
    model = PlanListModel()
    model.set_plans(list_plans(db))
    qtmodeltester.check(model)
    assert model.index(1, 0).data(PLAN_ROLE).name == "Two"
    model.set_plans([])
    qtmodeltester.check(model)


def test_learn_model_and_filter(qtmodeltester: ModelTester, db: Database) -> None:
    model = LearnModel()
    model.set_entries(list_learn_entries(db))
    qtmodeltester.check(model)
    proxy = LearnFilter()
    proxy.setSourceModel(model)
    proxy.set_query("visa")
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_clinic_model_and_filter(qtmodeltester: ModelTester, db: Database) -> None:
    clinics = list_clinics(db)
    model = ClinicModel()
    model.set_clinics(clinics, frozenset({clinics[0].id}), clinics[0].id)
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "Chosen"
    proxy = ClinicFilter()
    proxy.setSourceModel(model)
    proxy.set_shown(frozenset({clinics[1].id}))
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(CLINIC_ROLE) == clinics[1]


def test_question_and_quote_models(
    qtmodeltester: ModelTester, db: Database, add_plan: Callable[..., Plan]
) -> None:
    questions = QuestionModel()
    questions.set_rows(list_questions(db), {"builtin:cell-source": "Own fat"})
    qtmodeltester.check(questions)
    assert questions.answered() == 1

    plan = add_plan("Quoted")
    clinic = list_clinics(db)[0]
    save_quote(
        db,
        plan.id,
        QuoteDraft(
            clinic.id, "USD", date(2027, 1, 5), None, "10", "", "", (QuoteLineDraft(None, "All in", "9000"),)
        ),
    )
    quotes = QuoteModel()
    quotes.set_quotes(list_quotes(db, plan.id))
    qtmodeltester.check(quotes)
    assert quotes.index(0, 2).data() == "$9,000.00"
    assert quotes.index(0, 3).data() == "10 % = $900.00"


def test_comparison_model_and_differences_filter(qtmodeltester: ModelTester, db: Database) -> None:
    clinics = list_clinics(db)[:3]
    rows = build_comparison(clinics, {}, {}, [])
    model = ComparisonModel()
    model.set_rows([c.name for c in clinics], rows)
    qtmodeltester.check(model)
    proxy = DifferencesOnly()
    proxy.setSourceModel(model)
    proxy.set_only_differences(True)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == sum(1 for r in rows if r.differs) < model.rowCount()
