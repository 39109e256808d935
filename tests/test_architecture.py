"""The rules of DESIGN.md a test can check: Qt only in planner/ui; no database access from
planner/ui; dates written only by planner/dates.py; the time read only by planner/clock.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent
DIRECTIVE = re.compile(r"%[-#_^0]?[aAbBcdefGHIjklmMpPsSuUVwWxXyYzZ]")
"""A strftime directive: %d, %-d, %b, %Y, %H ..."""


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


PLATFORM = PACKAGE / "platform"
"""The helpers the command line and the window share: QtCore (only) is allowed there."""


def _qt_offences(place: Path, imported: set[str]) -> list[str]:
    """The Qt modules a file at `place` (inside planner/) may not import among `imported`: any
    outside planner/ui, except QtCore in planner/platform."""
    if "ui" in place.parts:
        return []
    qt = sorted(name for name in imported if name.split(".")[0] == "PySide6")
    if place.parts[0] == PLATFORM.name:
        return [name for name in qt if name != "PySide6.QtCore"]
    return qt


def test_qt_stays_in_the_ui_and_only_qtcore_in_the_shared_platform_helpers() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE)
        for name in _qt_offences(path.relative_to(PACKAGE), _imports(path))
    ]
    offenders += [p for p in ("main.py",) if "PySide6" in (PACKAGE.parent / p).read_text()]
    assert offenders == []


def test_the_qt_check_allows_qtcore_only_in_the_platform_helpers(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QLockFile\nimport PySide6.QtGui\n")
    imported = _imports(sample)
    assert _qt_offences(Path("platform", "sample.py"), imported) == ["PySide6.QtGui"]
    assert _qt_offences(Path("sample.py"), imported) == ["PySide6.QtCore", "PySide6.QtGui"]
    assert _qt_offences(Path("services", "sample.py"), imported) == ["PySide6.QtCore", "PySide6.QtGui"]
    assert _qt_offences(Path("ui", "sample.py"), imported) == []


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


def _date_patterns(path: Path) -> list[str]:
    """Where a file writes or reads a date with a strftime pattern of its own: any string (an
    f-string's format spec included) holding a directive, and any strftime or strptime call."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and DIRECTIVE.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Attribute) and node.attr in {"strftime", "strptime"}:
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    return found


def _clock_reads(path: Path) -> list[str]:
    """Where a file asks the machine for the date or time: date.today(), datetime.now() and kin,
    and Qt's QDate.currentDate() and QDateTime.currentDateTime()."""
    return [
        f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}()"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (
            (node.value.id in {"date", "datetime"} and node.attr in {"today", "now", "utcnow"})
            or (node.value.id in {"QDate", "QDateTime", "QTime"} and node.attr.startswith("current"))
        )
    ]


def test_only_the_dates_module_has_date_patterns() -> None:
    offenders = [
        found
        for path in _python_files(PACKAGE)
        if path != PACKAGE / "dates.py"
        for found in _date_patterns(path)
    ]
    assert offenders == []


def test_only_the_clock_reads_the_time() -> None:
    offenders = [
        found
        for path in _python_files(PACKAGE)
        if path != PACKAGE / "clock.py"
        for found in _clock_reads(path)
    ]
    assert offenders == []


def test_the_checks_see_date_patterns_and_clock_reads_they_should_refuse(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from datetime import date, datetime\n"
        'a = f"{day:%-d %b %Y}"\n'
        'b = f"{day:%d %b}"\n'
        "c = day.strftime(PATTERN)\n"
        'd = format(moment, "%H:%M")\n'
        "e = date.today()\n"
        "f = datetime.now()\n"
        'g = f"{amount:,.2f} and {share:.0%}"\n'
        "h = QDate.currentDate()\n"
    )
    assert sorted(int(line.split(":")[1]) for line in _date_patterns(sample)) == [2, 3, 4, 5]
    assert sorted(int(line.split(":")[1]) for line in _clock_reads(sample)) == [6, 7, 9]
