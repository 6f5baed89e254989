"""Units at the edges: parse what people type and format what they read.

Everything inside runstrong is SI (metres, seconds, kilograms); these helpers convert from and to
what a runner writes ("5k", "half", "6.2mi", "20:00", "1:31:50", "140kg", "300lb").
"""

from __future__ import annotations

import math
import re

from runstrong.errors import ValidationError

__all__ = [
    "KG_PER_LB",
    "METRES_PER_MILE",
    "RACE_DISTANCES_M",
    "format_distance",
    "format_duration",
    "format_pace",
    "kg_to_lb",
    "lb_to_kg",
    "parse_distance",
    "parse_duration",
    "parse_load",
]

METRES_PER_MILE = 1609.344
KG_PER_LB = 0.45359237

RACE_DISTANCES_M: dict[str, float] = {
    "100m": 100.0,
    "200m": 200.0,
    "400m": 400.0,
    "800m": 800.0,
    "1500": 1500.0,
    "1500m": 1500.0,
    "mile": METRES_PER_MILE,
    "3k": 3000.0,
    "5k": 5000.0,
    "10k": 10000.0,
    "15k": 15000.0,
    "half": 21097.5,
    "half-marathon": 21097.5,
    "marathon": 42195.0,
}

_DISTANCE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|km|k|mi|miles?)?\s*$", re.IGNORECASE)
_LOAD_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kg|kgs|lb|lbs)?\s*$", re.IGNORECASE)


def lb_to_kg(load_lb: float) -> float:
    """Pounds to kilograms (exact international pound).

    >>> round(lb_to_kg(100), 3)
    45.359
    """
    return load_lb * KG_PER_LB


def kg_to_lb(load_kg: float) -> float:
    """Kilograms to pounds."""
    return load_kg / KG_PER_LB


def parse_distance(text: str, default_unit: str = "m") -> float:
    """Parse a race name or a distance with an optional unit into metres.

    Accepts the race names in :data:`RACE_DISTANCES_M` (``5k``, ``half``, ``marathon`` ...) and
    numbers with ``m``, ``km``/``k`` or ``mi``; a bare number uses ``default_unit``.

    >>> parse_distance("5k"), parse_distance("half"), parse_distance("1500")
    (5000.0, 21097.5, 1500.0)
    >>> round(parse_distance("6.2mi"))
    9978
    >>> parse_distance("10", default_unit="km")
    10000.0
    """
    key = text.strip().lower()
    if key in RACE_DISTANCES_M:
        return RACE_DISTANCES_M[key]
    match = _DISTANCE_RE.match(key)
    if not match:
        names = ", ".join(sorted({k for k in RACE_DISTANCES_M if not k.endswith("m")}))
        raise ValidationError(
            f"unknown distance {text!r}: use a race name ({names}) or a number with m, km or mi"
        )
    value = float(match.group(1))
    unit = (match.group(2) or default_unit).lower()
    metres = {
        "m": value,
        "km": value * 1000,
        "k": value * 1000,
        "mi": value * METRES_PER_MILE,
        "mile": value * METRES_PER_MILE,
        "miles": value * METRES_PER_MILE,
    }[unit]
    if metres <= 0:
        raise ValidationError(f"distance must be greater than zero, got {text!r}")
    return metres


def parse_duration(text: str) -> float:
    """Parse ``SS``, ``MM:SS`` or ``H:MM:SS`` (fractions of a second allowed) into seconds.

    >>> parse_duration("20:00"), parse_duration("1:31:50"), parse_duration("75.5")
    (1200.0, 5510.0, 75.5)
    """
    raw = text.strip()
    parts = raw.split(":")
    if not raw or len(parts) > 3:
        raise ValidationError(f"invalid time {text!r}: use MM:SS or H:MM:SS, e.g. 20:00 or 1:31:50")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise ValidationError(
            f"invalid time {text!r}: use MM:SS or H:MM:SS, e.g. 20:00 or 1:31:50"
        ) from None
    if any(not math.isfinite(n) or n < 0 for n in numbers):
        raise ValidationError(f"invalid time {text!r}: parts must be non-negative numbers")
    if any(n != int(n) for n in numbers[:-1]):
        raise ValidationError(f"invalid time {text!r}: only the seconds may have a fraction")
    if len(numbers) > 1 and numbers[-1] >= 60:
        raise ValidationError(f"invalid time {text!r}: seconds must be below 60")
    if len(numbers) == 3 and numbers[1] >= 60:
        raise ValidationError(f"invalid time {text!r}: minutes must be below 60")
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    if seconds <= 0:
        raise ValidationError(f"invalid time {text!r}: must be longer than zero")
    return seconds


def parse_load(text: str, default_unit: str = "kg") -> float:
    """Parse a load such as ``140kg``, ``300lb`` or ``60`` (in ``default_unit``) into kilograms.

    >>> parse_load("140kg"), round(parse_load("300lb"), 2), parse_load("60")
    (140.0, 136.08, 60.0)
    """
    match = _LOAD_RE.match(text)
    if not match:
        raise ValidationError(f"invalid load {text!r}: use a number with kg or lb, e.g. 140kg")
    value = float(match.group(1))
    unit = (match.group(2) or default_unit).lower().rstrip("s")
    return lb_to_kg(value) if unit == "lb" else value


def format_duration(seconds: float) -> str:
    """Seconds as ``M:SS`` or ``H:MM:SS``.

    >>> format_duration(1200), format_duration(5510), format_duration(324.8)
    ('20:00', '1:31:50', '5:25')
    """
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_pace(pace_s_per_km: float, units: str = "metric") -> str:
    """A pace in seconds per km as ``M:SS/km`` or ``M:SS/mi``.

    >>> format_pace(255), format_pace(255, "imperial")
    ('4:15/km', '6:50/mi')
    """
    if units == "imperial":
        return f"{format_duration(pace_s_per_km * METRES_PER_MILE / 1000)}/mi"
    return f"{format_duration(pace_s_per_km)}/km"


def format_distance(distance_m: float, units: str = "metric") -> str:
    """Metres as ``12.3 km`` or ``7.6 mi``.

    >>> format_distance(12345), format_distance(12345, "imperial")
    ('12.3 km', '7.7 mi')
    """
    if units == "imperial":
        return f"{distance_m / METRES_PER_MILE:.1f} mi"
    return f"{distance_m / 1000:.1f} km"
