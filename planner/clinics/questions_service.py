"""What to ask each clinic: the built-in questions, the user's own, and each clinic's answers.

A question's `key` is "builtin:<template id>" or "own:<number>"; answers are per clinic.
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.changes import Change, changes
from planner.clinics.drafts import one_line
from planner.clinics.question_store import (
    add_own_question,
    answers_in,
    delete_own_question,
    own_question_count,
    questions_in,
    write_answer,
)
from planner.clinics.questions import (
    MAX_ANSWER,
    MAX_QUESTION,
    Question,
    answer_problem,
    own_question_number,
    question_problem,
)
from planner.core.limits import OWN_QUESTIONS, check_room
from planner.core.validation import ValidationError
from planner.db.database import Database

__all__ = [
    "MAX_ANSWER",
    "MAX_QUESTION",
    "Question",
    "add_question",
    "answers_for",
    "delete_question",
    "list_questions",
    "own_questions_full_message",
    "question_problem",
    "save_answer",
]


def list_questions(db: Database) -> list[Question]:
    """The built-in questions in the catalogue's order, then the user's own, oldest first."""
    with db.transaction() as session:
        return questions_in(session)


def own_questions_full_message(db: Database) -> str | None:
    """What to tell the person who wants to add one more question, or None while there is room."""
    with db.transaction() as session:
        return OWN_QUESTIONS.full_message() if own_question_count(session) >= OWN_QUESTIONS.most else None


@changes(Change.ANSWERS)
def add_question(db: Database, text: str) -> Question:
    """Add one of the person's own questions. Raises ValidationError on bad text and PlanFull
    when they already have the most the app keeps; nothing is saved then."""
    if problem := question_problem(text):
        raise ValidationError.single("question", problem)
    with db.transaction() as session:
        check_room(OWN_QUESTIONS, own_question_count(session))
        return add_own_question(session, one_line(text))


@changes(Change.ANSWERS)
def delete_question(db: Database, key: str) -> None:
    """Remove one of the user's own questions, with every clinic's answer to it."""
    number = own_question_number(key)
    with db.transaction() as session:
        delete_own_question(session, number)


def answers_for(db: Database, clinic_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each clinic's answers by question key (clinics with no answers map to an empty dict)."""
    with db.transaction() as session:
        return answers_in(session, clinic_ids)


@changes(Change.ANSWERS)
def save_answer(db: Database, clinic_id: int, key: str, answer: str) -> None:
    """Record a clinic's answer; an empty answer removes the record."""
    text = answer.strip()
    if problem := answer_problem(text):
        raise ValidationError.single("answer", problem)
    with db.transaction() as session:
        write_answer(session, clinic_id, key, text)
