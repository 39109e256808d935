"""The wheel and sdist carry everything the app reads at run time, so an install anywhere works."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shipped_files() -> Iterator[str]:
    """Every file the app needs, as its path inside the installed package."""
    for path in sorted((ROOT / "planner").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(ROOT).as_posix()
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield "planner/resources/" + path.relative_to(ROOT / "resources").as_posix()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_the_wheel_holds_every_module_catalogue_file_migration_and_icon(built: Path) -> None:
    (wheel,) = built.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in _shipped_files() if name not in names]
    assert missing == []
    assert "planner/resources/catalogue/clinics.toml" in names
    assert "planner/db/migrations/script.py.mako" in names
    assert any(n.startswith("planner/db/migrations/versions/0001_") for n in names)


def test_the_sdist_holds_the_resources_at_the_top(built: Path) -> None:
    (sdist,) = built.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert "resources/catalogue/clinics.toml" in names
    assert "planner/db/migrations/script.py.mako" in names


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "planner").rglob("__init__.py")
    }
    assert on_disk | {"planner.resources"} == listed


def test_the_lock_files_pin_every_version_with_hashes() -> None:
    for lock in ("app.lock", "dev.lock"):
        text = (ROOT / "requirements" / lock).read_text()
        pins = [line for line in text.splitlines() if line and line[0].isalpha()]
        assert pins and all("==" in pin for pin in pins), lock
        assert text.count("--hash=sha256:") >= len(pins), lock
    app = (ROOT / "requirements" / "app.lock").read_text()
    assert "pytest" not in app and "ruff" not in app and "mypy" not in app
