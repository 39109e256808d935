"""The layering rules of DESIGN.md: Qt only in planner/ui; no database access from planner/ui."""

from __future__ import annotations

import ast
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _python_files(under: Path) -> list[Path]:
    return sorted(under.rglob("*.py"))


def test_nothing_outside_the_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in _python_files(PACKAGE)
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] == "PySide6" for name in _imports(path))
    ]
    offenders += [p for p in ("main.py",) if "PySide6" in (PACKAGE.parent / p).read_text()]
    assert offenders == []


def test_the_ui_never_touches_the_database() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE / "ui")
        for name in _imports(path)
        if name.split(".")[0] == "sqlalchemy" or name.startswith("planner.db")
    ]
    assert offenders == []


def test_the_check_sees_imports_it_should_refuse(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import Qt\nimport sqlalchemy.orm\n")
    assert {"PySide6.QtCore", "sqlalchemy.orm"} <= _imports(sample)
