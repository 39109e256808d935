"""What to ask each clinic: a question and its key, and the rules for questions and answers.

A question's `key` is "builtin:<template id>" or "own:<number>"; answers are per clinic.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.clinics.drafts import one_line
from planner.core.validation import ValidationError

MAX_QUESTION = 500
MAX_ANSWER = 5_000
BUILTIN, OWN = "builtin:", "own:"
OWN_WHY, OWN_TOPIC = "Your own question.", "yours"
"""What a question of the person's own shows as its reason and topic."""


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    why: str
    topic: str

    @property
    def own(self) -> bool:
        return self.key.startswith(OWN)


def question_problem(text: str) -> str | None:
    cleaned = one_line(text)
    if not cleaned:
        return "Type the question."
    if len(cleaned) > MAX_QUESTION:
        return f"Keep the question under {MAX_QUESTION} characters."
    return None


def answer_problem(text: str) -> str | None:
    """What is wrong with a (stripped) answer, or None."""
    if len(text) > MAX_ANSWER:
        return f"Keep the answer under {MAX_ANSWER:,} characters."
    return None


def own_question_number(key: str) -> int:
    """The number in an "own:<number>" key; ValidationError for any other key."""
    if not key.startswith(OWN) or not key[len(OWN) :].isdigit():
        raise ValidationError.single("question", "Only your own questions can be removed.")
    return int(key[len(OWN) :])
