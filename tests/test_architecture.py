"""The rules of DESIGN.md a test can check: Qt only in planner/ui (QtCore also in the shared
planner/platform helpers); no database access from planner/ui; SQLAlchemy and Sessions only in
planner/db and a feature's service and store modules (its other modules hold pure rules); services
leave rows to the stores and stores never open a transaction; no import cycle between modules or
packages; dates written only by planner/core/dates.py; the time read only by planner/core/clock.py."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent
DIRECTIVE = re.compile(r"%[-#_^0]?[aAbBcdefGHIjklmMpPsSuUVwWxXyYzZ]")
"""A strftime directive: %d, %-d, %b, %Y, %H ..."""


def _tree(path: Path) -> ast.Module:
    """`path` parsed; the tests only read the trees, so each text is parsed once per run."""
    return _parsed(path.read_text(encoding="utf-8"))


@functools.cache
def _parsed(text: str) -> ast.Module:
    return ast.parse(text)


def _imports(path: Path) -> set[str]:
    tree = _tree(path)
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


UI_DATABASE_HANDLE = "planner.db.database"
"""The one module of planner/db the UI may name: the opened `Database` it hands to the services,
and the errors opening or saving it raises."""


def test_the_ui_never_touches_the_database() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE / "ui")
        for name in _imports(path)
        if name.split(".")[0] == "sqlalchemy"
        or (name.startswith("planner.db") and name != UI_DATABASE_HANDLE)
    ]
    assert offenders == []


def test_the_check_sees_imports_it_should_refuse(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import Qt\nimport sqlalchemy.orm\n")
    assert {"PySide6.QtCore", "sqlalchemy.orm"} <= _imports(sample)


DATABASE_PACKAGE = "db"
"""The package of the engine, the ORM rows, the migrations and the backups."""
DATABASE_ROLES = ("service", "store")
"""A feature's modules that may use SQLAlchemy and open or receive a Session: `service` (or
`<topic>_service`), which opens the transactions, and `store` (or `<topic>_store`), which maps
rows and takes a Session. Every other module of a feature holds its pure rules."""
SESSION_NAMES = {"Session", "sessionmaker", "scoped_session"}
SESSION_ATTRIBUTES = {"transaction", "sessions", "Session"}
"""`db.transaction()` opens a Session; `db.sessions` is the factory behind it."""


def _in_database_layers(path: Path) -> bool:
    """Whether a file of planner/ is in the database package, or is a feature's service or store."""
    parts = path.relative_to(PACKAGE).parts
    if parts[0] == DATABASE_PACKAGE:
        return True
    stem = path.stem
    return len(parts) > 1 and any(stem == role or stem.endswith(f"_{role}") for role in DATABASE_ROLES)


def test_sqlalchemy_stays_in_the_services_and_the_database_package() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE)
        if not _in_database_layers(path)
        for name in sorted(_imports(path))
        if name.split(".")[0] in {"sqlalchemy", "alembic"}
    ]
    assert offenders == []


SHARED_PACKAGES = {"core", DATABASE_PACKAGE}
"""The packages of planner that hold no feature."""


def _feature_imports(imported: set[str]) -> list[str]:
    """The names among `imported` that are in a package of planner other than core and db."""
    features = {path.parent.name for path in PACKAGE.glob("*/__init__.py")} - SHARED_PACKAGES
    return sorted(name for name in imported if name.startswith("planner.") and name.split(".")[1] in features)


def test_the_database_package_imports_no_feature() -> None:
    """The opener passes the catalogue's sync in (see `planner.startup.open_synced_database`)."""
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE / DATABASE_PACKAGE)
        for name in _feature_imports(_imports(path))
    ]
    assert offenders == []
    assert _feature_imports({"planner.catalogue.loader", "planner.core.paths", "planner.datadir"}) == [
        "planner.catalogue.loader"
    ]


def _session_uses(path: Path) -> list[str]:
    """Where a file names a Session or its factory, or opens one with `.transaction()`."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Name) and node.id in SESSION_NAMES:
            found.append(f"{path.name}:{node.lineno}: {node.id}")
        elif isinstance(node, ast.Attribute) and node.attr in SESSION_ATTRIBUTES:
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"{path.name}:{node.lineno}: {a.name}" for a in node.names if a.name in SESSION_NAMES]
    return found


def test_only_the_services_and_the_database_package_touch_a_session() -> None:
    offenders = [
        found
        for path in _python_files(PACKAGE)
        if not _in_database_layers(path)
        for found in _session_uses(path)
    ]
    assert offenders == []


def test_the_session_check_sees_a_session_taken_or_opened(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy.orm import Session\n"
        "def f(session: Session) -> None: ...\n"
        "with db.transaction() as s:\n"
        "    pass\n"
        "maker = db.sessions\n"
        "transactions = 3\n"
    )
    assert sorted(int(line.split(":")[1]) for line in _session_uses(sample)) == [1, 2, 3, 5]
    assert _in_database_layers(PACKAGE / "plans" / "service.py")
    assert _in_database_layers(PACKAGE / "clinics" / "quotes_service.py")
    assert _in_database_layers(PACKAGE / "plans" / "room_store.py")
    assert _in_database_layers(PACKAGE / "db" / "models.py")
    assert not _in_database_layers(PACKAGE / "plans" / "rules.py")
    assert not _in_database_layers(PACKAGE / "clinics" / "servicer.py")
    assert not _in_database_layers(PACKAGE / "startup.py")


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at the top or inside a function, except under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.If) and _type_checking(child):
            for node in child.orelse:
                yield from _runtime_imports(ast.Module(body=[node], type_ignores=[]))
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _runtime_imports(child)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which of the modules under `root` (a folder holding the `planner` package) each imports
    when it runs: `from planner.x import y` counts as planner.x.y when y is a module."""
    modules = {_module_name(path, root): path for path in sorted((root / "planner").rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _runtime_imports(_tree(path)):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[name] = set()
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The module graph seen a package at a time: every module of planner.x.* counts as planner.x;
    the modules directly in planner stay themselves."""

    def unit(module: str) -> str:
        return ".".join(module.split(".")[:2])

    joined: dict[str, set[str]] = {}
    for module, targets in graph.items():
        joined.setdefault(unit(module), set()).update(unit(t) for t in targets if unit(t) != unit(module))
    return joined


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan): each holds an import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_modules_or_packages() -> None:
    graph = import_graph(PACKAGE.parent)
    assert cycles(graph) == []
    assert cycles(package_graph(graph)) == []


def test_the_cycle_check_sees_cycles_through_functions_and_packages(tmp_path: Path) -> None:
    files = {
        "planner/__init__.py": "",
        "planner/app.py": "def run():\n    from planner.ui.window import show\n",
        "planner/rules.py": "import typing\nif typing.TYPE_CHECKING:\n    from planner import app\n",
        "planner/ui/__init__.py": "",
        "planner/ui/window.py": "from . import kit\n",
        "planner/ui/kit.py": "from planner.app import run\nfrom planner import rules\n",
        "planner/db/__init__.py": "",
        "planner/db/a.py": "from planner.services import b\n",
        "planner/services/__init__.py": "",
        "planner/services/b.py": "import planner.db.c\n",
        "planner/db/c.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    graph = import_graph(tmp_path)
    assert graph["planner.ui.window"] == {"planner.ui.kit"}
    assert graph["planner.rules"] == set()  # only for the type checker
    assert cycles(graph) == [["planner.app", "planner.ui.kit", "planner.ui.window"]]
    assert cycles(package_graph(graph)) == [["planner.app", "planner.ui"], ["planner.db", "planner.services"]]


def _date_patterns(path: Path) -> list[str]:
    """Where a file writes or reads a date with a strftime pattern of its own: any string (an
    f-string's format spec included) holding a directive, and any strftime or strptime call."""
    found = []
    for node in ast.walk(_tree(path)):
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
        for node in ast.walk(_tree(path))
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
        if path != PACKAGE / "core" / "dates.py"
        for found in _date_patterns(path)
    ]
    assert offenders == []


def test_only_the_clock_reads_the_time() -> None:
    offenders = [
        found
        for path in _python_files(PACKAGE)
        if path != PACKAGE / "core" / "clock.py"
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


def _module_aliases(path: Path, modules: set[str]) -> list[str]:
    """Where a file binds one of planner's modules to a name of its own: `import planner.x as y`
    or `from planner import x as y` (a feature's functions are imported by their own names)."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [
                f"{path.name}:{node.lineno}: {a.name} as {a.asname}"
                for a in node.names
                if a.asname and a.name.split(".")[0] == "planner"
            ]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [
                f"{path.name}:{node.lineno}: {node.module}.{a.name} as {a.asname}"
                for a in node.names
                if a.asname and f"{node.module}.{a.name}" in modules
            ]
    return found


def _planner_modules() -> set[str]:
    return {_module_name(path, PACKAGE.parent) for path in _python_files(PACKAGE)}


def test_no_module_of_planner_is_imported_under_another_name() -> None:
    modules = _planner_modules()
    root = PACKAGE.parent
    places = [root / "main.py", *_python_files(PACKAGE), *_python_files(root / "tests")]
    places += [*_python_files(root / "bench"), *_python_files(root / "scripts")]
    offenders = [found for path in places for found in _module_aliases(path, modules)]
    assert offenders == []


def _class_names(path: Path) -> list[str]:
    return [node.name for node in ast.walk(_tree(path)) if isinstance(node, ast.ClassDef)]


def _type_names(path: Path) -> list[str]:
    """The classes a file defines, and the type aliases it names at its top (`XRow = tuple[...]`;
    a TypeVar is not a type of its own)."""
    tree = _tree(path)
    aliases = [
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and not (isinstance(node.value, ast.Call) and getattr(node.value.func, "id", "") == "TypeVar")
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id[:1].isupper() and not target.id.isupper()
    ]
    return _class_names(path) + aliases


def test_no_two_classes_of_the_app_share_a_name() -> None:
    places: dict[str, list[str]] = {}
    for path in _python_files(PACKAGE):
        for name in _class_names(path):
            places.setdefault(name, []).append(str(path.relative_to(PACKAGE.parent)))
    assert {name: where for name, where in places.items() if len(where) > 1} == {}


def test_only_the_orm_rows_have_names_ending_in_row() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in _python_files(PACKAGE)
        if path != PACKAGE / "db" / "models.py"
        for name in _type_names(path)
        if name.endswith("Row")
    ]
    assert offenders == []


def test_the_alias_check_sees_a_module_bound_to_another_name(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import planner.plans.service as plans\n"
        "from planner.plans import service as plan_service\n"
        "from planner.plans import service\n"
        "from planner.plans.service import create_plan as make\n"
        "import json as j\n"
    )
    found = _module_aliases(sample, {"planner.plans.service", "planner.plans"})
    assert [int(line.split(":")[1]) for line in found] == [1, 2]


def _is_service(path: Path) -> bool:
    return path.parent.name != DATABASE_PACKAGE and "service" in path.stem


def _is_store(path: Path) -> bool:
    return path.stem == "store" or path.stem.endswith("_store")


def _service_offences(path: Path) -> list[str]:
    """What a service module may not import: SQLAlchemy, or the ORM rows (the stores map them)."""
    return sorted(
        name for name in _imports(path) if name.split(".")[0] == "sqlalchemy" or name == "planner.db.models"
    )


def test_services_open_transactions_and_leave_rows_to_the_stores() -> None:
    offenders = {
        str(path.relative_to(PACKAGE.parent)): found
        for path in _python_files(PACKAGE)
        if _is_service(path) and (found := _service_offences(path))
    }
    assert offenders == {}


def _opens_a_transaction(path: Path) -> bool:
    return any(
        isinstance(node, ast.Attribute) and node.attr == "transaction"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_stores_take_the_callers_session_and_never_open_a_transaction() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in _python_files(PACKAGE)
        if _is_store(path) and _opens_a_transaction(path)
    ]
    assert offenders == []


def test_the_service_and_store_checks_see_what_they_should_refuse(tmp_path: Path) -> None:
    service = tmp_path / "quotes_service.py"
    service.write_text("from sqlalchemy import select\nfrom planner.db.models import QuoteRow\n")
    assert _service_offences(service) == ["planner.db.models", "sqlalchemy"]
    store = tmp_path / "quote_store.py"
    store.write_text("def f(db):\n    with db.transaction() as session:\n        return session\n")
    assert _is_store(store) and _opens_a_transaction(store)


def _public_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


def test_each_service_and_store_function_has_a_name_of_its_own() -> None:
    """A feature's functions are imported by their own names, so no other module may define one
    of the same name."""
    places: dict[str, list[str]] = {}
    for path in _python_files(PACKAGE):
        for name in _public_functions(path):
            places.setdefault(name, []).append(str(path.relative_to(PACKAGE.parent)))
    shared = {
        name: where
        for name, where in places.items()
        if len(where) > 1 and any(_is_service(Path(p)) or _is_store(Path(p)) for p in where)
    }
    assert shared == {}


def test_only_the_cipher_module_names_an_sqlite_driver() -> None:
    """The app's files are opened with SQLCipher's SQLite only: a second SQLite library in the
    same process does not see the first one's locks, and closing a connection of it deletes the
    log the app's connections still use."""
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in _python_files(PACKAGE)
        if {"sqlite3", "sqlcipher3", "sqlcipher3.dbapi2"} & _imports(path)
        and path.relative_to(PACKAGE) != Path("db/cipher.py")
    ]
    assert offenders == []
