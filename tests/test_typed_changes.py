"""Pages are told what changed as typed flags that the services declare, never as strings."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import planner.clinics.quotes_service
import planner.clinics.service
import planner.clinics.shortlist_service
from planner.changes import Change
from planner.clinics.quotes_service import accept_quote, save_quote

UI = Path(__file__).resolve().parents[1] / "planner" / "ui"


def test_no_page_announces_a_change_as_a_string() -> None:
    emitted_strings = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            target = node.func.value
            announces = node.func.attr == "announce" or (
                node.func.attr == "emit" and isinstance(target, ast.Attribute) and target.attr == "changed"
            )
            if announces and any(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                emitted_strings.append(f"{path.name}:{node.lineno}")
    assert emitted_strings == []


def test_what_a_write_changes_is_declared_by_its_service() -> None:
    assert save_quote.changes == Change.QUOTES
    assert Change.PLAN in accept_quote.changes
    for service in (
        planner.clinics.service,
        planner.clinics.quotes_service,
        planner.clinics.shortlist_service,
    ):
        writes = [f for name, f in inspect.getmembers(service, inspect.isfunction) if hasattr(f, "changes")]
        assert writes and all(isinstance(f.changes, Change) for f in writes)


def test_everything_holds_every_change() -> None:
    for change in Change:
        assert change in Change.EVERYTHING
