"""The diary as a table, newest first: the day, pain, swelling, painkillers, exercises done, side
effects and the note, each as recorded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt

from planner.core.dates import weekday_date
from planner.recovery.measures import Measure
from planner.recovery.model import DiaryEntry, Named
from planner.ui.kit.tables import RowTableModel
from planner.ui.recovery.recovery_text import exercises_text, shown_level, side_effects_text

DATE, PAIN, SWELLING, PAINKILLERS, EXERCISES, SIDE_EFFECTS, NOTE = range(7)


class DiaryModel(RowTableModel[DiaryEntry]):
    HEADERS: ClassVar[tuple[str, ...]] = (
        "Date",
        "Pain",
        "Swelling",
        "Painkillers",
        "Exercises",
        "Side effects",
        "Note",
    )

    def __init__(self) -> None:
        super().__init__()
        self.swelling: Measure | None = None
        self.exercises: tuple[Named, ...] = ()

    def set_entries(
        self, entries: Sequence[DiaryEntry], swelling: Measure, exercises: Sequence[Named]
    ) -> None:
        """`entries` in date order; shown newest first."""
        self.swelling, self.exercises = swelling, tuple(exercises)
        self.replace_rows(sorted(entries, key=lambda e: e.entry_on, reverse=True))

    def row_of(self, entry_id: int) -> int:
        return next((i for i, entry in enumerate(self.rows) if entry.id == entry_id), -1)

    def _text(self, entry: DiaryEntry, column: int) -> str:
        if column == DATE:
            return weekday_date(entry.entry_on)
        if column == PAIN:
            return "" if entry.pain is None else str(entry.pain)
        if column == SWELLING:
            return shown_level(self.swelling, entry.swelling) if self.swelling is not None else ""
        if column == PAINKILLERS:
            return "" if entry.painkillers is None else str(entry.painkillers)
        if column == EXERCISES:
            return exercises_text(entry, self.exercises)[0]
        if column == SIDE_EFFECTS:
            return side_effects_text(entry)
        return " ".join(entry.note.split())

    def cell(self, item: DiaryEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == EXERCISES:
                done = exercises_text(item, self.exercises)[1]
                return f"Done:\n{done}" if done else "None done"
            if column == SIDE_EFFECTS:
                return side_effects_text(item) or None
            if column == NOTE:
                return item.note or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PAIN, PAINKILLERS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
