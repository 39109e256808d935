"""The plan-file reader takes a file holding as much as a plan may (planner/core/limits.py) and refuses
one holding more, naming the section and the limit, so nothing of it is written."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from planner.core import limits
from planner.planfile.expenses import CONVERSION_COLUMNS, EXPENSE_COLUMNS, LINE
from planner.planfile.format import VERSION, PlanFileError, parse_plan_file
from tests.cli_runner import run
from tests.domain.planfile.test_plan_file import KNOWN, minimal


def item(n: int) -> dict[str, Any]:
    return {"step_id": "treatment", "text": f"Item {n}", "kind": "task"}


def with_items(count: int) -> bytes:
    data = minimal()
    data["checklist"] = [item(n) for n in range(count)]
    return json.dumps(data).encode()


def with_expenses(lines: int, conversions_per_line: int = 1) -> bytes:
    data = minimal()
    data["version"] = VERSION
    currencies = ["KRW", "USD", "EUR", "JPY", "AUD", "CAD", "CHF", "NZD"][:conversions_per_line]
    data["expenses"] = {
        "columns": list(EXPENSE_COLUMNS),
        "rows": [["other", None, f"Line {n}", 100, None, "GBP", None, "", ""] for n in range(lines)],
        "conversion_columns": [LINE, *CONVERSION_COLUMNS],
        "conversions": [
            [n, code, 175, None, "1.75", "2026-10-01"] for n in range(lines) for code in currencies
        ],
    }
    return json.dumps(data).encode()


def test_a_checklist_at_the_limit_is_read() -> None:
    assert len(parse_plan_file(with_items(limits.CHECKLIST_ITEMS.most), KNOWN).checklist) == 2_000


def test_a_checklist_over_the_limit_is_refused_naming_the_section_and_the_limit() -> None:
    with pytest.raises(
        PlanFileError, match=r"checklist: has 2,001 checklist items; a plan holds at most 2,000"
    ):
        parse_plan_file(with_items(limits.CHECKLIST_ITEMS.most + 1), KNOWN)


def test_expense_lines_at_the_limit_are_read_and_one_more_is_refused() -> None:
    most = limits.EXPENSE_LINES.most
    assert len(parse_plan_file(with_expenses(most), KNOWN).expenses) == most
    with pytest.raises(PlanFileError, match=r"expenses: has 5,001 expense lines; a plan holds at most 5,000"):
        parse_plan_file(with_expenses(most + 1), KNOWN)


def test_conversions_per_line_at_the_limit_are_read_and_one_more_is_refused() -> None:
    most = limits.CONVERSIONS_PER_LINE.most
    assert len(parse_plan_file(with_expenses(3, most), KNOWN).conversions) == 3 * most
    with pytest.raises(
        PlanFileError, match=r"expenses\[0\]\.conversions: has 7 conversions.*at most 6 per line"
    ):
        parse_plan_file(with_expenses(3, most + 1), KNOWN)


@pytest.mark.parametrize(
    ("section", "limit", "row"),
    [
        ("appointments", limits.APPOINTMENTS, {}),
        ("quotes", limits.QUOTES, {}),
        ("rates", limits.RATES, {}),
        ("own_clinics", limits.OWN_CLINICS, {}),
    ],
)
def test_every_section_over_its_limit_is_refused(
    section: str, limit: limits.Limit, row: dict[str, Any]
) -> None:
    data = minimal()
    data[section] = [row] * (limit.most + 1)
    with pytest.raises(PlanFileError, match=rf"{section}: has {limit.most + 1:,} {limit.what}"):
        parse_plan_file(json.dumps(data).encode(), KNOWN)


def test_the_command_refuses_a_file_over_a_limit_with_exit_5_and_writes_nothing(tmp_path: Path) -> None:
    plan_file = tmp_path / "huge.plan.json"
    plan_file.write_bytes(with_items(limits.CHECKLIST_ITEMS.most + 1))
    data = tmp_path / "data"
    result = run("import", str(plan_file), "--data-dir", str(data))
    assert result.returncode == 5, result.stderr
    assert "checklist: has 2,001 checklist items; a plan holds at most 2,000" in result.stderr
    listed = run("plans", "--data-dir", str(data))
    assert listed.stdout == ""


def with_own(clinics: int, questions: int = 0, answers_each: int = 0) -> bytes:
    """A file with `clinics` clinics of its own and `answers_each` of `questions` own questions
    answered by each of them."""
    data = minimal()
    data["own_clinics"] = [{"key": f"own:{n}", "name": f"Clinic {n}"} for n in range(clinics)]
    data["answers"] = [
        {"clinic": f"own:{n}", "question": f"My question {q}?", "answer": "Yes."}
        for n in range(clinics)
        for q in range(questions)
    ][: clinics * answers_each]
    return json.dumps(data).encode()


def test_own_clinics_new_here_count_with_those_already_here() -> None:
    here = frozenset(f"clinic {n}" for n in range(limits.OWN_CLINICS.most))
    same_names = replace(KNOWN, own_clinic_names=here)
    assert len(parse_plan_file(with_own(limits.OWN_CLINICS.most), same_names).own_clinics) == 100
    others = replace(KNOWN, own_clinic_names=frozenset(f"other {n}" for n in range(90)))
    with pytest.raises(
        PlanFileError,
        match=r"own_clinics: would bring you to 101 clinics of your own with those already here; "
        r"the app keeps at most 100",
    ):
        parse_plan_file(with_own(11), others)


def test_own_questions_new_here_count_with_those_already_here() -> None:
    most = limits.OWN_QUESTIONS.most
    assert len(parse_plan_file(with_own(2, most, most), KNOWN).answers) == 2 * most
    with pytest.raises(
        PlanFileError, match=r"answers: would bring you to 31 consultation questions of your own"
    ):
        parse_plan_file(with_own(1, most + 1, most + 1), KNOWN)
    known_one = replace(KNOWN, own_questions=frozenset({"Asked before?"}))
    with pytest.raises(PlanFileError, match=r"would bring you to 31 consultation questions"):
        parse_plan_file(with_own(1, most, most), known_one)


def test_a_clinic_answering_the_same_question_twice_is_refused() -> None:
    data = json.loads(with_own(1, 1, 1))
    data["answers"].append(dict(data["answers"][0], answer="No."))
    with pytest.raises(
        PlanFileError, match=r"answers\[1\]: answers the same clinic's question a second time"
    ):
        parse_plan_file(json.dumps(data).encode(), KNOWN)


def test_names_with_control_characters_are_refused_as_the_forms_refuse_them() -> None:
    data = minimal()
    data["plan"]["name"] = "Knee \x1b]0;evil\x07 March"
    data["own_clinics"] = [{"key": "own:1", "name": "Clinic\x1b[2J"}]
    with pytest.raises(PlanFileError) as refused:
        parse_plan_file(json.dumps(data).encode(), KNOWN)
    assert "plan.name: Names cannot hold control characters" in str(refused.value)
    assert "own_clinics[0].name: Names cannot hold control characters" in str(refused.value)
