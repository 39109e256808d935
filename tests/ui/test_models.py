"""Every item model passes Qt's model tester."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.modeltest import ModelTester

from planner.services import learn as learn_service
from planner.services import plans as plan_service
from planner.services.database import Database
from planner.services.plans import Plan
from planner.ui.learn_model import LearnFilter, LearnModel
from planner.ui.plan_list_model import PLAN_ROLE, PlanListModel


def test_plan_list_model(qtmodeltester: ModelTester, db: Database, add_plan: Callable[..., Plan]) -> None:
    add_plan("One")
    add_plan("Two")
    model = PlanListModel()
    model.set_plans(plan_service.list_plans(db))
    qtmodeltester.check(model)
    assert model.index(1, 0).data(PLAN_ROLE).name == "Two"
    model.set_plans([])
    qtmodeltester.check(model)


def test_learn_model_and_filter(qtmodeltester: ModelTester, db: Database) -> None:
    model = LearnModel()
    model.set_entries(learn_service.list_learn_entries(db))
    qtmodeltester.check(model)
    proxy = LearnFilter()
    proxy.setSourceModel(model)
    proxy.set_query("visa")
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()
