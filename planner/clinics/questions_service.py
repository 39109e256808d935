"""What to ask each clinic: the built-in questions, the user's own, and each clinic's answers.

A question's `key` is "builtin:<template id>" or "own:<number>"; answers are per clinic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planner.changes import Change, changes
from planner.clinics.drafts import one_line
from planner.core.clock import utc_now
from planner.core.limits import OWN_QUESTIONS, check_room
from planner.core.validation import ValidationError
from planner.db.database import Database
from planner.db.models import ClinicAnswerRow, ClinicRow, OwnQuestionRow, QuestionTemplateRow

MAX_QUESTION = 500
MAX_ANSWER = 5_000
BUILTIN, OWN = "builtin:", "own:"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    why: str
    topic: str

    @property
    def own(self) -> bool:
        return self.key.startswith(OWN)


def list_questions(db: Database) -> list[Question]:
    """The built-in questions in the catalogue's order, then the user's own, oldest first."""
    with db.transaction() as session:
        builtin = session.scalars(
            select(QuestionTemplateRow)
            .where(QuestionTemplateRow.retired.is_(False))
            .order_by(QuestionTemplateRow.sort_order)
        )
        questions = [Question(BUILTIN + r.id, r.text, r.why, r.topic) for r in builtin]
        own = session.scalars(select(OwnQuestionRow).order_by(OwnQuestionRow.id))
        questions += [Question(f"{OWN}{r.id}", r.text, "Your own question.", "yours") for r in own]
        return questions


def question_problem(text: str) -> str | None:
    cleaned = one_line(text)
    if not cleaned:
        return "Type the question."
    if len(cleaned) > MAX_QUESTION:
        return f"Keep the question under {MAX_QUESTION} characters."
    return None


def full_message(db: Database) -> str | None:
    """What to tell the person who wants to add one more question, or None while there is room."""
    with db.transaction() as session:
        held = session.scalar(select(func.count()).select_from(OwnQuestionRow)) or 0
        return OWN_QUESTIONS.full_message() if held >= OWN_QUESTIONS.most else None


@changes(Change.ANSWERS)
def add_question(db: Database, text: str) -> Question:
    """Add one of the person's own questions. Raises ValidationError on bad text and PlanFull
    when they already have the most the app keeps; nothing is saved then."""
    if problem := question_problem(text):
        raise ValidationError.single("question", problem)
    with db.transaction() as session:
        check_room(OWN_QUESTIONS, session.scalar(select(func.count()).select_from(OwnQuestionRow)) or 0)
        row = OwnQuestionRow(text=one_line(text), created_at=utc_now())
        session.add(row)
        session.flush()
        return Question(f"{OWN}{row.id}", row.text, "Your own question.", "yours")


def _own_id(key: str) -> int:
    if not key.startswith(OWN) or not key[len(OWN) :].isdigit():
        raise ValidationError.single("question", "Only your own questions can be removed.")
    return int(key[len(OWN) :])


@changes(Change.ANSWERS)
def delete_question(db: Database, key: str) -> None:
    """Remove one of the user's own questions, with every clinic's answer to it."""
    own_id = _own_id(key)
    with db.transaction() as session:
        row = session.get(OwnQuestionRow, own_id)
        if row is not None:
            session.delete(row)


def _answer_key(row: ClinicAnswerRow) -> str:
    return BUILTIN + row.template_id if row.template_id is not None else f"{OWN}{row.own_question_id}"


def answers_for(db: Database, clinic_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each clinic's answers by question key (clinics with no answers map to an empty dict)."""
    ids = list(clinic_ids)
    with db.transaction() as session:
        result: dict[int, dict[str, str]] = {clinic_id: {} for clinic_id in ids}
        for row in session.scalars(select(ClinicAnswerRow).where(ClinicAnswerRow.clinic_id.in_(ids))):
            result[row.clinic_id][_answer_key(row)] = row.answer
        return result


def _where(session: Session, clinic_id: int, key: str) -> dict[str, object]:
    if key.startswith(BUILTIN):
        template = session.get(QuestionTemplateRow, key[len(BUILTIN) :])
        if template is None:
            raise ValidationError.single("question", "That question is no longer in the list.")
        return {"template_id": template.id}
    own_id = _own_id(key)
    if session.get(OwnQuestionRow, own_id) is None:
        raise ValidationError.single("question", "That question has been removed.")
    return {"own_question_id": own_id}


@changes(Change.ANSWERS)
def save_answer(db: Database, clinic_id: int, key: str, answer: str) -> None:
    """Record a clinic's answer; an empty answer removes the record."""
    text = answer.strip()
    if len(text) > MAX_ANSWER:
        raise ValidationError.single("answer", f"Keep the answer under {MAX_ANSWER:,} characters.")
    with db.transaction() as session:
        session.get_one(ClinicRow, clinic_id)
        where = _where(session, clinic_id, key)
        row = session.scalar(select(ClinicAnswerRow).filter_by(clinic_id=clinic_id, **where))
        if not text:
            if row is not None:
                session.execute(delete(ClinicAnswerRow).where(ClinicAnswerRow.id == row.id))
            return
        if row is None:
            session.add(ClinicAnswerRow(clinic_id=clinic_id, answer=text, updated_at=utc_now(), **where))
        else:
            row.answer = text
            row.updated_at = utc_now()
