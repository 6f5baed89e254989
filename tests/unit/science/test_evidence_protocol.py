"""Tests for runstrong.science.evidence.protocol: what to log when the data cannot tell."""

from __future__ import annotations

import pytest

from runstrong.errors import ValidationError
from runstrong.science.evidence import DataAvailability, what_to_log


def _joined(available: DataAvailability) -> str:
    return " ".join(what_to_log(available))


def test_enough_data_needs_no_advice() -> None:
    assert what_to_log(DataAvailability(n_weeks=104, marker_weeks=80, strength_weeks=50)) == []


def test_too_few_marker_weeks_asks_for_a_regular_check() -> None:
    advice = what_to_log(DataAvailability(n_weeks=30, marker_weeks=8, strength_weeks=12))
    text = " ".join(advice)
    assert "Every 4 weeks" in text
    assert "fixed-heart-rate easy run" in text and "5 km time trial" in text
    assert "baseline" in text and "12–16 weeks" in text
    assert "RPE and heart rate" in text
    assert "you have 8, so about 12 more" in text
    assert advice[-1].startswith("Keep logging every strength session")


@pytest.mark.parametrize(
    ("marker", "phrase"),
    [
        ("efficiency", "heart-rate monitor on your easy runs"),
        ("vdot", "Log races and all-out time trials"),
        ("critical_speed", "all-out efforts of about 2–15 minutes"),
        ("hr_drift", "long steady run of an hour or more"),
    ],
)
def test_advice_names_how_to_get_the_marker(marker: str, phrase: str) -> None:
    available = DataAvailability(n_weeks=10, marker_weeks=2, strength_weeks=4, marker=marker)  # type: ignore[arg-type]
    assert phrase in _joined(available)


def test_usable_weeks_count_instead_of_marker_weeks() -> None:
    available = DataAvailability(n_weeks=40, marker_weeks=25, strength_weeks=20, usable_weeks=15)
    assert "you have 15" in _joined(available)


def test_no_strength_and_no_variation() -> None:
    none = DataAvailability(n_weeks=60, marker_weeks=50, strength_weeks=0, strength_varies=False)
    assert "2–3 lower-body sessions a week for at least 6–8 weeks" in _joined(none)
    steady = DataAvailability(n_weeks=60, marker_weeks=50, strength_weeks=60, strength_varies=False)
    text = _joined(steady)
    assert "run blocks" in text and "keeping running volume about the same" in text
    assert "Every 4 weeks" in text


@pytest.mark.parametrize(
    ("partner", "phrase"),
    [
        ("volume", "Change one thing at a time"),
        ("trend", "general progress"),
        ("season", "another time of year"),
        ("race", "around race weeks"),
    ],
)
def test_collinear_partner_gets_its_own_advice(partner: str, phrase: str) -> None:
    available = DataAvailability(
        n_weeks=80, marker_weeks=60, strength_weeks=30, strength_moves_with=partner
    )
    assert phrase in _joined(available)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n_weeks": -1, "marker_weeks": 0, "strength_weeks": 0},
        {"n_weeks": 10, "marker_weeks": 11, "strength_weeks": 0},
        {"n_weeks": 10, "marker_weeks": 5, "strength_weeks": 0, "usable_weeks": 6},
        {"n_weeks": 10, "marker_weeks": 5, "strength_weeks": 0, "marker": "pace"},
        {"n_weeks": 10, "marker_weeks": 5, "strength_weeks": 0, "strength_moves_with": "moon"},
    ],
)
def test_availability_validates(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        DataAvailability(**kwargs)  # type: ignore[arg-type]
