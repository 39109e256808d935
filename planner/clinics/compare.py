"""Clinics side by side: one row per fact, one column per clinic, rows whose values differ marked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from planner.clinics.quotes import Quote, compare_lines, percent_text
from planner.clinics.rules import CONDITION_GROUPS, Clinic
from planner.core.dates import day_month_year
from planner.core.money import format_money

MIN_COMPARED, MAX_COMPARED = 2, 4
NOT_GIVEN = "—"


class AskedQuestion(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ComparedFact:
    label: str
    values: tuple[str, ...]
    group: str

    differs: bool


def _row(label: str, values: tuple[str, ...], group: str) -> ComparedFact:
    return ComparedFact(label, values, group, len(set(values)) > 1)


def _pair(label: str, first: str, second: str, difference: str, group: str) -> ComparedFact:
    return ComparedFact(label, (first, second, difference), group, first != second)


def stars(rating: int | None) -> str:
    return "Not rated" if rating is None else "★" * rating + "☆" * (5 - rating) + f"  {rating}/5"


def _lines(items: Sequence[str]) -> str:
    return "\n".join(items) if items else NOT_GIVEN


def quote_summary(quote: Quote | None, locale: str | None = None) -> str:
    if quote is None:
        return "No quote yet"
    text = format_money(quote.total, quote.currency, locale)
    return text + (" (accepted)" if quote.accepted else f" (received {day_month_year(quote.received_on)})")


def deposit_summary(quote: Quote | None, locale: str | None = None) -> str:
    if quote is None or quote.deposit_percent is None or quote.deposit_amount is None:
        return NOT_GIVEN
    amount = format_money(quote.deposit_amount, quote.currency, locale)
    return f"{percent_text(quote.deposit_percent)} = {amount}"


def build_comparison(
    clinics: Sequence[Clinic],
    quotes: Mapping[int, Quote],
    answers: Mapping[int, Mapping[str, str]],
    questions: Sequence[AskedQuestion],
    locale: str | None = None,
) -> list[ComparedFact]:
    """The rows of the comparison, facts first, then the user's own findings.

    Questions appear only when at least one of the clinics has an answer to them.
    """

    def row(label: str, group: str, value: Callable[[Clinic], str]) -> ComparedFact:
        return _row(label, tuple(value(c) for c in clinics), group)

    rows = [
        row("District", "Facts", lambda c: ", ".join(p for p in (c.district, c.city) if p) or NOT_GIVEN),
        row("Lead doctors", "Facts", lambda c: _lines(c.lead_doctors)),
        row("Focus", "Facts", lambda c: c.focus or NOT_GIVEN),
        row(
            "Treats",
            "Facts",
            lambda c: _lines([CONDITION_GROUPS.get(g, g) for g in c.condition_groups]),
        ),
        row("Techniques", "Facts", lambda c: _lines([t.name for t in c.techniques])),
        row("Government-approved", "Facts", lambda c: "Yes" if c.government_approved else "Not stated"),
        row("Approvals and certifications", "Facts", lambda c: _lines(c.approvals)),
        row(
            "Claims to verify",
            "Facts",
            lambda c: (
                f"{len(c.claims)} claim{'s' if len(c.claims) != 1 else ''}" if c.claims else "None recorded"
            ),
        ),
        row("Your quote total", "Yours", lambda c: quote_summary(quotes.get(c.id), locale)),
        row("Deposit", "Yours", lambda c: deposit_summary(quotes.get(c.id), locale)),
        row("Your rating", "Yours", lambda c: stars(c.rating)),
        row("Your note", "Yours", lambda c: c.note or NOT_GIVEN),
    ]
    for question in questions:
        given = [answers.get(c.id, {}).get(question.key, "") for c in clinics]
        if any(given):
            rows.append(_row(question.text, tuple(a or "Not asked yet" for a in given), "Answers"))
    return rows


def _signed(amount: Decimal, currency: str, locale: str | None) -> str:
    if amount == 0:
        return "same"
    sign = "+" if amount > 0 else "−"
    return sign + format_money(abs(amount), currency, locale)


def quote_comparison(first: Quote, second: Quote, locale: str | None = None) -> list[ComparedFact]:
    """Two quotes line by line (matched by fee category or description), then totals and terms.

    Values are (first, second, difference); the difference is left out when the currencies differ.
    """
    same_currency = first.currency == second.currency

    def money(amount: Decimal | None, currency: str) -> str:
        return "—" if amount is None else format_money(amount, currency, locale)

    def difference(a: Decimal | None, b: Decimal | None) -> str:
        if not same_currency:
            return "—"
        return _signed((b or Decimal(0)) - (a or Decimal(0)), first.currency, locale)

    rows = [
        _pair(
            line.label,
            money(line.first, first.currency),
            money(line.second, second.currency),
            difference(line.first, line.second),
            "Lines",
        )
        for line in compare_lines(first.lines, second.lines)
    ]
    valid = [day_month_year(q.valid_until) if q.valid_until else "Not stated" for q in (first, second)]
    rows += [
        _pair(
            "Total",
            money(first.total, first.currency),
            money(second.total, second.currency),
            difference(first.total, second.total),
            "Totals",
        ),
        _pair("Deposit", deposit_summary(first, locale), deposit_summary(second, locale), "", "Terms"),
        _pair("Valid until", valid[0], valid[1], "", "Terms"),
        _pair("Refund terms", first.refund_terms or "—", second.refund_terms or "—", "", "Terms"),
    ]
    return rows
