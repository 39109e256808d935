"""The questions to ask clinics in the database: the catalogue's built-in ones, the person's own,
and each clinic's answers by question key. Every function works in the caller's Session."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from planner.clinics.questions import BUILTIN, OWN, OWN_TOPIC, OWN_WHY, Question, own_question_number
from planner.core.clock import utc_now
from planner.core.validation import ValidationError
from planner.db.models import ClinicAnswerRow, ClinicRow, OwnQuestionRow, QuestionTemplateRow


def _own(row: OwnQuestionRow) -> Question:
    return Question(f"{OWN}{row.id}", row.text, OWN_WHY, OWN_TOPIC)


def questions_in(session: Session) -> list[Question]:
    """The built-in questions in the catalogue's order, then the person's own, oldest first."""
    builtin = session.scalars(
        select(QuestionTemplateRow)
        .where(QuestionTemplateRow.retired.is_(False))
        .order_by(QuestionTemplateRow.sort_order)
    )
    questions = [Question(BUILTIN + r.id, r.text, r.why, r.topic) for r in builtin]
    own = session.scalars(select(OwnQuestionRow).order_by(OwnQuestionRow.id))
    return questions + [_own(r) for r in own]


def own_question_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OwnQuestionRow)) or 0


def add_own_question(session: Session, text: str) -> Question:
    """Store a checked question of the person's own."""
    row = OwnQuestionRow(text=text, created_at=utc_now())
    session.add(row)
    session.flush()
    return _own(row)


def delete_own_question(session: Session, number: int) -> None:
    """Delete the person's own question `own:<number>` with every answer to it; nothing when it
    is already gone."""
    row = session.get(OwnQuestionRow, number)
    if row is not None:
        session.delete(row)


def _answer_key(row: ClinicAnswerRow) -> str:
    return BUILTIN + row.template_id if row.template_id is not None else f"{OWN}{row.own_question_id}"


def answers_in(session: Session, clinic_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each clinic's answers by question key (clinics with no answers map to an empty dict)."""
    ids = list(clinic_ids)
    result: dict[int, dict[str, str]] = {clinic_id: {} for clinic_id in ids}
    for row in session.scalars(select(ClinicAnswerRow).where(ClinicAnswerRow.clinic_id.in_(ids))):
        result[row.clinic_id][_answer_key(row)] = row.answer
    return result


def _where(session: Session, key: str) -> dict[str, object]:
    """The answer row's columns naming the question `key`; ValidationError when it is gone."""
    if key.startswith(BUILTIN):
        template = session.get(QuestionTemplateRow, key[len(BUILTIN) :])
        if template is None:
            raise ValidationError.single("question", "That question is no longer in the list.")
        return {"template_id": template.id}
    number = own_question_number(key)
    if session.get(OwnQuestionRow, number) is None:
        raise ValidationError.single("question", "That question has been removed.")
    return {"own_question_id": number}


def write_answer(session: Session, clinic_id: int, key: str, text: str) -> None:
    """Store a clinic's checked answer to the question `key`; an empty one removes the record.
    NoResultFound when the clinic is gone, ValidationError when the question is."""
    session.get_one(ClinicRow, clinic_id)
    where = _where(session, key)
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
