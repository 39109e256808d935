"""Questions to ask a clinic beside that clinic's recorded answers. Holds rows; never queries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.services.questions import Question

QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Question", "Their answer")


class QuestionModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._questions: list[Question] = []
        self._answers: dict[str, str] = {}

    def set_rows(self, questions: list[Question], answers: dict[str, str]) -> None:
        self.beginResetModel()
        self._questions = list(questions)
        self._answers = dict(answers)
        self.endResetModel()

    def answer(self, key: str) -> str:
        return self._answers.get(key, "")

    def row_of(self, key: str) -> int:
        return next((i for i, q in enumerate(self._questions) if q.key == key), -1)

    def answered(self) -> int:
        return sum(1 for q in self._questions if self._answers.get(q.key))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._questions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._questions):
            return None
        question = self._questions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return question.text
            return self._answers.get(question.key, "") or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{question.text}\n\nWhy ask: {question.why}"
        if role == QUESTION_ROLE:
            return question
        return None
