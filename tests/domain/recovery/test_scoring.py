"""Scores and their change against the published minimal important change, with the worked
examples of the published rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.recovery.scoring import change_between, score
from tests.domain.recovery.measures_here import MEASURES

PAIN = MEASURES.get("pain-activity")
PSFS = MEASURES.get("psfs")
KNEE_BEND = MEASURES.get("knee-bend")


@pytest.mark.parametrize(
    ("baseline", "latest", "reaches"),
    [
        (6, 4, True),  # a fall of 2 points
        (8, 6, True),  # 2 points though only 25%
        (3, 2, True),  # 1 point, but 33% of the baseline
        (5, 4, False),  # 1 point, 20%
        (10, 8, True),
        (4, 4, False),
        (2, 5, False),  # worse
    ],
)
def test_pain_reaches_the_change_people_notice_at_two_points_or_thirty_percent(
    baseline: int, latest: int, reaches: bool
) -> None:
    change = change_between(PAIN, Decimal(baseline), Decimal(latest))
    assert change.reaches is reaches


def test_a_pain_change_says_how_far_and_which_way() -> None:
    change = change_between(PAIN, Decimal(6), Decimal(3))
    assert (change.improvement, change.percent) == (Decimal(3), Decimal(50))
    worse = change_between(PAIN, Decimal(2), Decimal(5))
    assert worse.improvement == Decimal(-3) and worse.percent == Decimal(-150)


def test_no_percent_from_a_baseline_of_nothing() -> None:
    change = change_between(PAIN, Decimal(0), Decimal(1))
    assert change.percent is None and change.reaches is False


def test_psfs_scores_the_mean_of_the_activities_to_one_decimal() -> None:
    assert score(PSFS, [3, 4, 5]) == Decimal("4.0")
    assert score(PSFS, [2, 3, 3]) == Decimal("2.7")
    assert score(PSFS, [1, 2, 3, 4, 5]) == Decimal("3.0")


def test_psfs_is_not_scored_from_fewer_than_three_activities() -> None:
    assert score(PSFS, [5, 6]) is None


@pytest.mark.parametrize(
    ("baseline", "latest", "single", "reaches"),
    [
        ("4.0", "6.0", False, True),  # the average up 2 points
        ("4.0", "5.7", False, False),
        ("3", "6", True, True),  # one activity up 3
        ("3", "5", True, False),  # one activity up 2 is within its error
    ],
)
def test_psfs_change_is_two_points_for_the_average_and_three_for_one_activity(
    baseline: str, latest: str, single: bool, reaches: bool
) -> None:
    change = change_between(PSFS, Decimal(baseline), Decimal(latest), single_activity=single)
    assert change.reaches is reaches


def test_a_measure_without_a_published_change_says_none() -> None:
    change = change_between(KNEE_BEND, Decimal(90), Decimal(120))
    assert change.improvement == Decimal(30) and change.reaches is None


def test_one_value_measures_score_their_value() -> None:
    assert score(KNEE_BEND, [95]) == Decimal(95)
    assert score(KNEE_BEND, []) is None
