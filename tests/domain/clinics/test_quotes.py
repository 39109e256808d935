"""Quote drafts, totals, deposits and the line-by-line comparison, without storage."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.clinics.quotes import (
    MAX_LINES,
    Quote,
    QuoteDraft,
    QuoteLine,
    QuoteLineDraft,
    compare_lines,
    deposit_amount,
    parse_percent,
    quote_total,
    validate_quote,
)
from planner.core.money import MAX_AMOUNT
from planner.core.validation import ValidationError

CATEGORIES = {"surgeon": "Surgeon’s Fees", "anesthesia": "Anesthesia", "facility": "Facility Fees"}
RECEIVED = date(2027, 1, 10)


def line(amount: str = "2,000", label: str = "", category: str | None = "surgeon") -> QuoteLineDraft:
    return QuoteLineDraft(category, label, amount)


BLANK = QuoteLineDraft(None, "", "")


def draft(*lines: QuoteLineDraft, **changes: object) -> QuoteDraft:
    values: dict[str, object] = {
        "clinic_id": 1,
        "currency": "USD",
        "received_on": RECEIVED,
        "valid_until": None,
        "deposit": "",
        "refund_terms": "",
        "note": "",
        "lines": lines or (line(),),
    }
    values.update(changes)
    return QuoteDraft(**values)  # type: ignore[arg-type]


def refusal(quote: QuoteDraft) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        validate_quote(quote, CATEGORIES)
    return refused.value.errors


def test_a_good_quote_is_cleaned() -> None:
    clean = validate_quote(
        draft(
            line("2,000.50"),
            line("350", label="  Airport   pick-up ", category=None),
            currency=" usd ",
            valid_until=date(2027, 2, 10),
            deposit="12.5 %",
            refund_terms="  Refundable until 14 days before. ",
            note=" Includes one follow-up. ",
        ),
        CATEGORIES,
    )
    assert clean.currency == "USD"
    assert clean.deposit_percent == Decimal("12.5")
    assert clean.refund_terms == "Refundable until 14 days before."
    assert clean.note == "Includes one follow-up."
    assert clean.lines == (
        QuoteLine("surgeon", "Surgeon’s Fees", Decimal("2000.50")),
        QuoteLine(None, "Airport pick-up", Decimal("350")),
    )
    assert quote_total(clean.lines) == Decimal("2350.50")


@pytest.mark.parametrize(
    ("quote", "field", "message"),
    [
        (draft(line("-5")), "line1.amount", "cannot be negative"),
        (draft(line("lots")), "line1.amount", "is not an amount"),
        (draft(line("", label="Hotel", category=None)), "line1.amount", "Enter an amount"),
        (draft(line("", label="Dr. Kim")), "line1.amount", "Enter an amount"),
        (draft(line("12.345")), "line1.amount", "at most 2 decimal places"),
        (draft(line("100.5"), currency="KRW"), "line1.amount", "at most 0 decimal places"),
        (draft(currency="XYZ"), "currency", "not a known currency"),
        (draft(currency=" "), "currency", "Choose a currency"),
        (draft(deposit="101"), "deposit", "between 0 and 100"),
        (draft(deposit="-1"), "deposit", "between 0 and 100"),
        (draft(deposit="12.125"), "deposit", "two decimal places"),
        (draft(deposit="ten"), "deposit", "not a percentage"),
        (draft(valid_until=date(2027, 1, 9)), "valid_until", "cannot expire before"),
        (draft(BLANK, BLANK), "lines", "Add at least one line"),
        (draft(line("5", category=None)), "line1.label", "Say what this line is for"),
        (draft(line("5", category="old-fee")), "line1.label", "no longer exists"),
        (draft(line("5", label="x" * 201, category=None)), "line1.label", "under 200 characters"),
    ],
)
def test_bad_quotes_are_refused_with_a_message_per_field(quote: QuoteDraft, field: str, message: str) -> None:
    errors = refusal(quote)
    assert message in errors[field], errors


def test_line_messages_name_the_line_as_numbered_on_the_form() -> None:
    errors = refusal(draft(line("100"), BLANK, line("abc", label="Hotel", category=None), line("-1")))
    # Blank line 2 still counts in the numbering, so the messages point at the rows the user sees.
    assert set(errors) == {"line3.amount", "line4.amount"}


def test_every_problem_is_reported_at_once() -> None:
    errors = refusal(draft(line("x"), currency="USD", deposit="200", valid_until=date(2026, 1, 1)))
    assert set(errors) == {"line1.amount", "deposit", "valid_until"}


def test_too_many_lines_are_refused() -> None:
    assert "at most 60 lines" in refusal(draft(*[line("1")] * (MAX_LINES + 1)))["lines"]
    assert len(validate_quote(draft(*[line("1")] * MAX_LINES), CATEGORIES).lines) == MAX_LINES


def test_wholly_empty_lines_are_dropped() -> None:
    clean = validate_quote(draft(BLANK, line("100"), QuoteLineDraft(None, "   ", "  "), BLANK), CATEGORIES)
    assert [ln.amount for ln in clean.lines] == [Decimal("100")]


def test_a_fee_category_row_left_without_an_amount_is_dropped() -> None:
    # The form may be pre-filled with the fee categories; those the clinic did not quote stay blank.
    clean = validate_quote(
        draft(line("", category="anesthesia"), line("900", category="facility")), CATEGORIES
    )
    assert [(ln.label, ln.amount) for ln in clean.lines] == [("Facility Fees", Decimal("900"))]
    assert "lines" in refusal(draft(line(" ", category="anesthesia")))


def test_a_category_line_without_a_label_is_named_after_the_category() -> None:
    clean = validate_quote(
        draft(line("1", category="anesthesia"), line("2", label="Dr. Kim", category="surgeon")), CATEGORIES
    )
    assert [(ln.category_id, ln.label) for ln in clean.lines] == [
        ("anesthesia", "Anesthesia"),
        ("surgeon", "Dr. Kim"),
    ]


def test_a_quote_may_expire_on_the_day_it_arrived() -> None:
    assert validate_quote(draft(valid_until=RECEIVED), CATEGORIES).valid_until == RECEIVED


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", None), ("  ", None), ("0", Decimal(0)), ("100", Decimal(100)), ("12.5%", Decimal("12.5"))],
)
def test_deposit_percentages(text: str, expected: Decimal | None) -> None:
    assert parse_percent(text) == expected


@settings(deadline=None)
@given(
    st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["USD", "GBP", "EUR"]),
)
def test_typed_amounts_round_trip_exactly(amount: Decimal, currency: str) -> None:
    typed = f"{amount:,.2f}"
    clean = validate_quote(draft(line(typed), currency=currency), CATEGORIES)
    assert clean.lines[0].amount == amount


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)
quote_lines = st.builds(
    QuoteLine,
    category_id=st.sampled_from([None, "surgeon", "anesthesia"]),
    label=st.sampled_from(["Hotel", "HOTEL", "hotel", "Taxi", "Surgeon’s Fees"]),
    amount=amounts,
)


@settings(deadline=None)
@given(st.lists(quote_lines, max_size=MAX_LINES), st.data())
def test_the_total_is_the_exact_sum_in_any_order(lines: list[QuoteLine], data: st.DataObject) -> None:
    cents = sum(int(ln.amount * 100) for ln in lines)
    expected = Decimal(cents) / 100
    assert quote_total(lines) == expected
    assert quote_total(data.draw(st.permutations(lines))) == expected
    assert quote_total(tuple(lines)) == expected


@settings(deadline=None)
@given(
    st.sampled_from([("USD", 2), ("GBP", 2), ("KRW", 0), ("JPY", 0)]),
    st.integers(min_value=0, max_value=int(MAX_AMOUNT) * 100),
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
)
def test_deposits_are_in_whole_minor_units_rounded_half_up(
    currency: tuple[str, int], minor: int, percent: Decimal
) -> None:
    code, decimals = currency
    total = Decimal(minor).scaleb(-decimals)
    deposit = deposit_amount(total, percent, code)
    assert deposit.as_tuple().exponent == -decimals
    exact = total * percent / 100
    step = Decimal(1).scaleb(-decimals)
    assert exact - step / 2 < deposit <= exact + step / 2  # nearest unit, a half rounded up
    assert Decimal(0) <= deposit <= total


@pytest.mark.parametrize(
    ("total", "percent", "currency", "expected"),
    [
        ("1005", "10", "KRW", "101"),  # 100.5 won rounds up to a whole won
        ("1004", "10", "KRW", "100"),
        ("0.05", "10", "USD", "0.01"),  # half a cent rounds up
        ("2500", "20", "USD", "500.00"),
        ("2500", "0", "USD", "0.00"),
    ],
)
def test_deposit_examples(total: str, percent: str, currency: str, expected: str) -> None:
    deposit = deposit_amount(Decimal(total), Decimal(percent), currency)
    assert str(deposit) == expected


def quote(lines: tuple[QuoteLine, ...], deposit: str | None = "10", currency: str = "USD") -> Quote:
    return Quote(
        id=1,
        plan_id=1,
        clinic_id=1,
        clinic_name="SH Clinic",
        currency=currency,
        received_on=RECEIVED,
        valid_until=None,
        deposit_percent=Decimal(deposit) if deposit is not None else None,
        refund_terms="",
        note="",
        accepted=False,
        lines=lines,
    )


def test_a_quote_shows_its_total_deposit_and_title() -> None:
    q = quote((QuoteLine("surgeon", "Surgeon", Decimal("2000")), QuoteLine(None, "Hotel", Decimal("505"))))
    assert q.total == Decimal("2505")
    assert q.deposit_amount == Decimal("250.50")
    assert q.title == "SH Clinic, received 10 Jan 2027"
    assert quote(q.lines, deposit=None).deposit_amount is None
    won = quote((QuoteLine(None, "All in", Decimal("3333335")),), deposit="15", currency="KRW")
    assert won.deposit_amount == Decimal("500000")


def test_compared_lines_pair_by_category_then_by_description() -> None:
    first = (
        QuoteLine("surgeon", "Surgeon’s Fees", Decimal("3000")),
        QuoteLine(None, "Hotel transfer", Decimal("100")),
        QuoteLine(None, "Pre-op MRI", Decimal("400")),
    )
    second = (
        QuoteLine("surgeon", "Dr. Kim's fee", Decimal("2500")),  # same category, other wording
        QuoteLine(None, "HOTEL TRANSFER", Decimal("80")),  # same description, other case
        QuoteLine("anesthesia", "Anesthesia", Decimal("900")),
    )
    rows = compare_lines(first, second)
    assert [(r.label, r.first, r.second, r.difference) for r in rows] == [
        ("Surgeon’s Fees", Decimal("3000"), Decimal("2500"), Decimal("-500")),
        ("Hotel transfer", Decimal("100"), Decimal("80"), Decimal("-20")),
        ("Pre-op MRI", Decimal("400"), None, Decimal("-400")),
        ("Anesthesia", None, Decimal("900"), Decimal("900")),
    ]


def test_lines_filed_twice_under_one_key_are_added() -> None:
    first = (QuoteLine("facility", "Room", Decimal("100")), QuoteLine("facility", "Theatre", Decimal("50")))
    second = (QuoteLine("facility", "Facility Fees", Decimal("120")),)
    [row] = compare_lines(first, second)
    assert (row.first, row.second, row.difference) == (Decimal("150"), Decimal("120"), Decimal("-30"))


def _key(line: QuoteLine) -> str:
    return f"c:{line.category_id}" if line.category_id else f"l:{line.label.casefold()}"


@settings(deadline=None)
@given(st.lists(quote_lines, max_size=12), st.lists(quote_lines, max_size=12))
def test_differences_add_up_to_the_difference_in_totals(
    first: list[QuoteLine], second: list[QuoteLine]
) -> None:
    rows = compare_lines(tuple(first), tuple(second))
    assert sum((r.difference for r in rows), Decimal(0)) == quote_total(second) - quote_total(first)
    # One row per category, or per description regardless of case, holding that key's sums.
    sums: dict[str, list[Decimal | None]] = defaultdict(lambda: [None, None])
    for side, lines in enumerate((first, second)):
        for ln in lines:
            pair = sums[_key(ln)]
            pair[side] = (pair[side] or Decimal(0)) + ln.amount
    assert Counter((r.first, r.second) for r in rows) == Counter(tuple(pair) for pair in sums.values())
