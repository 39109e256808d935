"""The Linux desktop entry and AppStream metainfo: they agree with planner.identity, and the
freedesktop validators accept them (when the validators are installed)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from planner import __version__
from planner.identity import APP_ID, APP_NAME, LICENCE, SUMMARY, icon_png, icon_svg

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_names_the_app_by_its_id() -> None:
    entry = _desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == APP_NAME
    assert entry["Comment"] == SUMMARY  # the same line as the About box
    assert entry["Exec"] == "planner"  # the gui script pyproject.toml installs
    assert entry["Terminal"] == "false" and entry["Type"] == "Application"
    # Qt's X11 window class is the application's name (Wayland uses the desktop file name).
    assert entry["StartupWMClass"] == APP_NAME


def test_the_metainfo_agrees_with_the_desktop_entry_and_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("project_license") == LICENCE
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    versions = [release.get("version") for release in root.iterfind("releases/release")]
    assert versions[0] == __version__  # the newest release first, and it is this one
    categories = _desktop_entry()["Categories"].rstrip(";").split(";")
    assert [category.text for category in root.iterfind("categories/category")] == categories


def test_the_icon_the_entry_names_is_shipped() -> None:
    assert icon_svg().exists()
    assert icon_png(48).name == f"{APP_ID}.png" and icon_png(48).exists()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_accepts_the_metainfo() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
