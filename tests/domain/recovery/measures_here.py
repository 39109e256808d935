"""The measures file of this checkout, read for the recovery tests."""

from __future__ import annotations

from pathlib import Path

from planner.recovery.measures import Measures
from planner.recovery.measures_loader import load_measures

MEASURES: Measures = load_measures(Path(__file__).resolve().parents[3] / "resources" / "catalogue")
