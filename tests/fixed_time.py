"""The moment every test runs at, unless it pins the clock to another (see conftest.py)."""

from __future__ import annotations

from datetime import datetime

TEST_NOW = datetime(2026, 11, 20, 10, 0)
"""A Friday, 10:00 local time: the clock stands still here for the whole test."""
TEST_NOW_ENV = {"PLANNER_NOW": TEST_NOW.isoformat()}
"""The same moment for a command-line process a test starts."""
