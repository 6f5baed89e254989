"""Tests for runstrong.domain.units: what runners type in, what they read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.domain.units import (
    KG_PER_LB,
    METRES_PER_MILE,
    RACE_DISTANCES_M,
    format_distance,
    format_duration,
    format_pace,
    kg_to_lb,
    lb_to_kg,
    parse_distance,
    parse_duration,
    parse_load,
)
from runstrong.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "default_unit", "metres"),
    [
        ("5k", "m", 5000.0),
        ("5K", "m", 5000.0),
        ("  half  ", "m", 21097.5),
        ("Half-Marathon", "m", 21097.5),
        ("marathon", "m", 42195.0),
        ("mile", "m", METRES_PER_MILE),
        ("1500", "m", 1500.0),
        ("1500m", "m", 1500.0),
        ("400m", "m", 400.0),
        ("10km", "m", 10000.0),
        ("10 km", "m", 10000.0),
        ("12.5k", "m", 12500.0),
        ("6.2mi", "m", 6.2 * METRES_PER_MILE),
        ("3 miles", "m", 3 * METRES_PER_MILE),
        ("1 mile", "m", METRES_PER_MILE),
        ("800", "m", 800.0),
        ("10", "km", 10000.0),
        ("10", "mi", 10 * METRES_PER_MILE),
        ("10m", "km", 10.0),  # an explicit unit wins over the default
    ],
)
def test_parse_distance(text: str, default_unit: str, metres: float) -> None:
    assert parse_distance(text, default_unit=default_unit) == pytest.approx(metres)


@pytest.mark.parametrize(
    "text", ["", "  ", "5q", "parkrun", "-5k", "0", "0km", "5 k m", "nan", "1e3"]
)
def test_parse_distance_refuses(text: str) -> None:
    with pytest.raises(ValidationError, match="distance"):
        parse_distance(text)


def test_every_race_name_parses_to_its_distance() -> None:
    for name, metres in RACE_DISTANCES_M.items():
        assert parse_distance(name) == metres
        assert parse_distance(name.upper()) == metres


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20:00", 1200.0),
        ("1:31:50", 5510.0),
        ("4:00:00", 14400.0),
        ("75.5", 75.5),
        ("90", 90.0),
        (" 20:00 ", 1200.0),
        ("0:00:01", 1.0),
        ("5:24.8", 324.8),
        ("1:00:00.5", 3600.5),
        ("61:00", 3660.0),  # MM:SS may run past an hour
        ("05:07", 307.0),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "MM:SS"),
        ("   ", "MM:SS"),
        ("20:75", "seconds must be below 60"),
        ("1:60:00", "minutes must be below 60"),
        ("1:2:3:4", "MM:SS"),
        ("a:b", "MM:SS"),
        ("20:", "MM:SS"),
        (":30", "MM:SS"),
        ("-1:00", "non-negative"),
        ("1.5:00", "only the seconds"),
        ("0", "longer than zero"),
        ("0:00", "longer than zero"),
        ("inf", "non-negative"),
        ("nan", "non-negative"),
    ],
)
def test_parse_duration_refuses(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1200, "20:00"),
        (5510, "1:31:50"),
        (324.8, "5:25"),
        (3600, "1:00:00"),
        (59.4, "0:59"),
        (0, "0:00"),
        (36000, "10:00:00"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


_canonical_durations = st.tuples(st.integers(0, 99), st.integers(0, 59), st.integers(0, 59)).filter(
    lambda hms: any(hms)
)


@given(_canonical_durations)
def test_format_of_parse_is_identity_on_canonical_text(hms: tuple[int, int, int]) -> None:
    hours, minutes, secs = hms
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    assert format_duration(parse_duration(text)) == text


@given(st.integers(1, 500_000))
def test_parse_of_format_is_identity_on_whole_seconds(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.floats(0.001, 10_000, allow_nan=False))
def test_lb_kg_round_trip(value: float) -> None:
    assert kg_to_lb(lb_to_kg(value)) == pytest.approx(value, rel=1e-12)
    assert lb_to_kg(kg_to_lb(value)) == pytest.approx(value, rel=1e-12)


def test_pound_is_the_international_pound() -> None:
    assert KG_PER_LB == 0.45359237
    assert lb_to_kg(100) == pytest.approx(45.359237)
    assert kg_to_lb(1) == pytest.approx(2.20462262)
    assert METRES_PER_MILE == 1609.344


@pytest.mark.parametrize(
    ("text", "default_unit", "kg"),
    [
        ("140kg", "kg", 140.0),
        ("140 KG", "kg", 140.0),
        ("140kgs", "kg", 140.0),
        ("300lb", "kg", 300 * KG_PER_LB),
        ("300 lbs", "kg", 300 * KG_PER_LB),
        ("60", "kg", 60.0),
        ("60", "lb", 60 * KG_PER_LB),
        ("102.5kg", "lb", 102.5),
    ],
)
def test_parse_load(text: str, default_unit: str, kg: float) -> None:
    assert parse_load(text, default_unit=default_unit) == pytest.approx(kg)


@pytest.mark.parametrize("text", ["", "heavy", "-5kg", "140 stone", "kg"])
def test_parse_load_refuses(text: str) -> None:
    with pytest.raises(ValidationError, match="invalid load"):
        parse_load(text)


def test_format_pace_and_distance() -> None:
    assert format_pace(255) == "4:15/km"
    assert format_pace(255, "imperial") == "6:50/mi"
    assert format_distance(12345) == "12.3 km"
    assert format_distance(12345, "imperial") == "7.7 mi"
    assert format_distance(METRES_PER_MILE * 26.2, "imperial") == "26.2 mi"


@given(st.floats(0.1, 500, allow_nan=False))
def test_distance_in_km_parses_back(km: float) -> None:
    assert parse_distance(f"{km!r}km") == pytest.approx(km * 1000)
