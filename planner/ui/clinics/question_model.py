"""Questions to ask a clinic beside that clinic's recorded answers. Holds rows; never queries."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt

from planner.clinics.questions_service import Question
from planner.ui.kit.tables import ROW_ROLE, RowTableModel

QUESTION_ROLE = ROW_ROLE


class QuestionModel(RowTableModel[Question]):
    HEADERS: ClassVar[tuple[str, ...]] = ("Question", "Their answer")

    def __init__(self) -> None:
        super().__init__()
        self._answers: dict[str, str] = {}

    def set_rows(self, questions: list[Question], answers: dict[str, str]) -> None:
        self._answers = dict(answers)
        self.replace_rows(questions)

    def answer(self, key: str) -> str:
        return self._answers.get(key, "")

    def row_of(self, key: str) -> int:
        return next((i for i, q in enumerate(self.rows) if q.key == key), -1)

    def answered(self) -> int:
        return sum(1 for q in self.rows if self._answers.get(q.key))

    def cell(self, item: Question, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text if column == 0 else (self._answers.get(item.key, "") or "—")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.text}\n\nWhy ask: {item.why}"
        return None
