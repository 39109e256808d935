"""The plans offered by the plan selector. Holds the rows it is given; never queries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from planner.core.dates import day_month_year
from planner.plans.service import Plan

PLAN_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PlanListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._plans: list[Plan] = []

    def set_plans(self, plans: list[Plan]) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._plans)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._plans):
            return None
        plan = self._plans[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return plan.name
        if role == Qt.ItemDataRole.ToolTipRole:
            trip = f"{day_month_year(plan.departure)} to {day_month_year(plan.return_)}"
            return f"{plan.condition_name}, {trip}"
        if role == PLAN_ROLE:
            return plan
        return None

    def row_of(self, plan_id: int) -> int:
        return next((i for i, p in enumerate(self._plans) if p.id == plan_id), -1)

    def plan_at(self, row: int) -> Plan | None:
        return self._plans[row] if 0 <= row < len(self._plans) else None
