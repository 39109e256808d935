"""What the Recovery page says in words: the treatment day, the next check-in, a check-in's answers
and a diary entry's, each as the patient recorded them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from planner.core.dates import weekday_date
from planner.recovery.checkins import BASELINE, Scheduled
from planner.recovery.measures import Measure
from planner.recovery.model import CheckIn, DiaryEntry, Named
from planner.recovery.progress import SIDE_EFFECT_LABELS, shown_value
from planner.recovery.rules import SIDE_EFFECTS
from planner.recovery.scoring import score

NO_TREATMENT_DAY = (
    "No treatment day yet. Set it in File › Trip dates… (Ctrl+T) once the clinic has confirmed it: "
    "the check-ins and the diary count from that day."
)
SHORT_NAMES = {
    "pain-rest": "Pain at rest",
    "pain-activity": "Pain in activity",
    "psfs": "Activities",
    "walking-time": "Walking",
    "knee-bend": "Knee bend",
}
"""Names short enough for a table cell; the others are short already."""


def _how_long(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 70:
        return f"{days // 7} weeks"
    months = days // 30
    return f"{months} months" if months < 24 else f"{days // 365} years"


def treatment_sentence(treatment: date | None, today: date) -> str:
    """ "Treatment day: Sat 14 Nov 2026, 6 days ago."; without a day, where to set it."""
    if treatment is None:
        return NO_TREATMENT_DAY
    days = (treatment - today).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "tomorrow"
    elif days == -1:
        when = "yesterday"
    elif days > 0:
        when = f"in {_how_long(days)}"
    else:
        when = f"{_how_long(-days)} ago"
    return f"Treatment day: {weekday_date(treatment)}, {when}."


def next_open_point(schedule: Sequence[Scheduled], treatment: date | None, today: date) -> Scheduled | None:
    """The next point to answer: the first not done, passing over a baseline missed once the
    treatment day has come (a baseline is dated before treatment)."""
    missed = treatment is not None and today > treatment
    return next((s for s in schedule if not s.done and not (missed and s.point.id == BASELINE)), None)


def next_check_in_sentence(
    schedule: Sequence[Scheduled], treatment: date | None, today: date
) -> tuple[str, bool]:
    """The next check-in and when it is due, and whether it is overdue; "" without a schedule."""
    if not schedule:
        return "", False
    due = next_open_point(schedule, treatment, today)
    if due is None:
        return "Check-ins: all done, from the baseline to 12 months.", False
    label = due.point.label
    days = (due.due - today).days
    if days > 0:
        return f"Next check-in: {label}, due {weekday_date(due.due)}.", False
    if days == 0:
        return f"Next check-in: {label}, due today ({weekday_date(due.due)}).", False
    late = _how_long(-days)
    return f"Next check-in: {label}, due {weekday_date(due.due)}, {late} ago: record it when you can.", True


def short_name(measure: Measure) -> str:
    return SHORT_NAMES.get(measure.id, measure.name)


def check_in_summary(check_in: CheckIn, measures: Sequence[Measure]) -> str:
    """The answers on one line in the measures' order, the activities by their average."""
    answers: list[str] = []
    for measure in measures:
        if measure.kind == "activities":
            ratings = list(check_in.activity_ratings.values())
            average = score(measure, ratings) if ratings else None
            if average is not None:
                answers.append(f"{short_name(measure)} {average.normalize():f}")
            continue
        value = check_in.values.get(measure.id)
        if value is not None:
            answers.append(f"{short_name(measure)} {shown_value(measure, Decimal(value))}")
    return " · ".join(answers)


def side_effects_text(entry: DiaryEntry) -> str:
    named = [SIDE_EFFECT_LABELS[k] for k, _ in SIDE_EFFECTS if k in entry.side_effects]
    if entry.side_effect_other:
        named.append(entry.side_effect_other)
    return ", ".join(named)


def exercises_text(entry: DiaryEntry, exercises: Sequence[Named]) -> tuple[str, str]:
    """ "2 of 3", and the names of those done, one a line."""
    if not exercises:
        return "", ""
    done = [e.name for e in exercises if e.id in entry.exercises_done]
    return f"{len(done)} of {len(exercises)}", "\n".join(done)


def shown_level(measure: Measure, value: int | None) -> str:
    return "" if value is None else shown_value(measure, Decimal(value))


def access_letters(texts: Sequence[str], taken: str) -> list[str]:
    """Each text with an Alt letter of its own ("Pain at rest" -> "&Pain at rest"), none of them one
    already `taken` or given to an earlier text; a text with no free letter is left without one.
    A "&" in the text itself is doubled so it shows."""
    used = {c.casefold() for c in taken}
    result: list[str] = []
    for text in texts:
        plain = text.replace("&", "&&")
        spot = next(
            (i for i, c in enumerate(plain) if c.isascii() and c.isalpha() and c.casefold() not in used),
            None,
        )
        if spot is None:
            result.append(plain)
            continue
        used.add(plain[spot].casefold())
        result.append(plain[:spot] + "&" + plain[spot:])
    return result


def shortened(text: str, most: int) -> str:
    """`text` cut to `most` characters, with "…" when it was longer."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def escaped(text: str) -> str:
    """User text for a button or a tick box, its "&" shown rather than taken as an Alt letter."""
    return text.replace("&", "&&")
