"""The exit codes live in one module, each with a one-line meaning, and the README lists exactly
those codes with the same meanings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import planner
from planner import exit_codes

PACKAGE = Path(planner.__file__).parent
README = PACKAGE.parent / "README.md"
ROW = re.compile(r"^\| (\d+) \| (.+) \|$")


def _documented(module: Path) -> dict[str, str]:
    """Each EXIT_ constant assigned in `module`, with the docstring under it ("" if none)."""
    body = ast.parse(module.read_text(encoding="utf-8")).body
    found = {}
    for index, node in enumerate(body):
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        after = body[index + 1] if index + 1 < len(body) else None
        doc = (
            after.value.value if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) else ""
        )
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.startswith("EXIT_"):
                    found[name.id] = doc
    return found


def _readme_codes(text: str) -> dict[int, str]:
    """The README's table of exit codes: code -> meaning."""
    lines = text.splitlines()
    start = lines.index("| Code | Meaning |")
    rows = {}
    for line in lines[start + 2 :]:
        match = ROW.match(line)
        if match is None:
            break
        rows[int(match[1])] = match[2]
    return rows


def _codes() -> dict[int, str]:
    documented = _documented(Path(exit_codes.__file__))
    return {getattr(exit_codes, name): doc for name, doc in documented.items()}


def test_every_exit_code_is_distinct_and_has_a_one_line_meaning() -> None:
    documented = _documented(Path(exit_codes.__file__))
    assert len(documented) >= 8
    assert len(set(_codes())) == len(documented)
    for name, doc in documented.items():
        assert doc.strip() and "\n" not in doc.strip() and doc.strip().endswith("."), name


def test_the_readme_lists_exactly_these_codes_with_the_same_meanings() -> None:
    readme = _readme_codes(README.read_text(encoding="utf-8"))
    codes = _codes()
    assert sorted(readme) == sorted(codes)
    for code, meaning in codes.items():
        assert readme[code].lower().startswith(meaning.strip().rstrip(".").lower()), code


def test_no_other_module_defines_an_exit_code() -> None:
    elsewhere = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != Path(exit_codes.__file__)
        for name in _documented(path)
    ]
    assert elsewhere == []


def test_the_checks_read_a_table_and_see_a_missing_meaning(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('EXIT_A = 0\n"""Done."""\nEXIT_B: int = 9\nOTHER, EXIT_C = 1, 2\n')
    assert _documented(sample) == {"EXIT_A": "Done.", "EXIT_B": "", "EXIT_C": ""}
    table = "Exit codes:\n\n| Code | Meaning |\n|---|---|\n| 0 | done |\n| 9 | `x`: y |\n\nMore.\n"
    assert _readme_codes(table) == {0: "done", 9: "`x`: y"}
