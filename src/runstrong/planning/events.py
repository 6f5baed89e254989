"""What a race distance implies for a plan: event group, running days, taper length, volumes.

Groups follow track-and-field practice: sprints up to 400 m, middle distance up to 3000 m,
distance beyond. Taper lengths follow Bosquet et al. 2007 (8-14 days; **moderate**); running-day
minimums and starting volumes are coaching defaults (**expert opinion**).
"""

from __future__ import annotations

from typing import Final, Literal

from runstrong.domain.models import EventFocus

__all__ = [
    "MAX_RACE_DISTANCE_M",
    "MIN_RACE_DISTANCE_M",
    "RaceGroup",
    "default_focus",
    "default_weekly_volume_s",
    "long_run_cap_s",
    "minimum_running_days",
    "race_group",
    "race_name",
    "taper_weeks",
    "usual_running_days",
]

RaceGroup = Literal["sprint", "middle", "distance"]

MIN_RACE_DISTANCE_M: Final = 60.0
MAX_RACE_DISTANCE_M: Final = 42195.0
_HALF_M: Final = 21097.5
_NAMES: Final = {42195.0: "marathon", _HALF_M: "half-marathon"}


def race_group(distance_m: float) -> RaceGroup:
    """Event group of a race: ``sprint`` up to 400 m, ``middle`` up to 3000 m, else ``distance``.

    >>> race_group(400), race_group(1500), race_group(5000)
    ('sprint', 'middle', 'distance')
    """
    if distance_m <= 400:
        return "sprint"
    if distance_m <= 3000:
        return "middle"
    return "distance"


def default_focus(distance_m: float) -> EventFocus:
    """The strength focus that suits a race when the athlete names none (its event group).

    >>> default_focus(200), default_focus(42195)
    ('sprint', 'distance')
    """
    return race_group(distance_m)


def race_name(distance_m: float) -> str:
    """A short name for messages: ``marathon``, ``half-marathon``, ``10 km``, ``800 m``.

    >>> race_name(42195), race_name(10000), race_name(800)
    ('marathon', '10 km', '800 m')
    """
    if distance_m in _NAMES:
        return _NAMES[distance_m]
    if distance_m >= 3000 and distance_m % 1000 == 0:
        return f"{distance_m / 1000:g} km"
    return f"{distance_m:g} m"


def minimum_running_days(distance_m: float) -> int:
    """Fewest running days a week a plan for this race needs: 2 for sprints, else 3.

    Sprinters train speed on two track days and lift on others; for 800 m and longer, fewer than
    three runs a week leaves no room for both a key session and easy running (expert opinion).

    >>> minimum_running_days(100), minimum_running_days(42195)
    (2, 3)
    """
    return 2 if race_group(distance_m) == "sprint" else 3


def usual_running_days(distance_m: float) -> tuple[int, int]:
    """Default and highest number of runs a week: (3, 4) for sprints, (4, 6) otherwise."""
    return (3, 4) if race_group(distance_m) == "sprint" else (4, 6)


def taper_weeks(distance_m: float) -> int:
    """Taper length in weeks: two (14 days, the race week included) beyond 3000 m, the top of
    Bosquet et al. 2007's 8-14 days (rule T1, docs/science.md); one for sprint and middle
    distance, whose weekly running is small (expert opinion).

    >>> taper_weeks(1500), taper_weeks(10000), taper_weeks(42195)
    (1, 2, 2)
    """
    return 1 if distance_m <= 3000 else 2


def default_weekly_volume_s(distance_m: float) -> float:
    """Starting weekly running time when the log does not say: 90 min for sprinters, 150 min
    for middle distance and 5 km, 180 min to 10 km, 210 min to the half, 240 min beyond."""
    if distance_m <= 400:
        return 90 * 60.0
    if distance_m <= 5000:
        return 150 * 60.0
    if distance_m <= 10000:
        return 180 * 60.0
    if distance_m <= _HALF_M:
        return 210 * 60.0
    return 240 * 60.0


def long_run_cap_s(distance_m: float) -> float:
    """Longest long run: 150 min for the marathon (Daniels' cap), 120 for the half, 90 to
    10 km, 75 to 5 km and 70 for middle distance."""
    if distance_m <= 3000:
        return 70 * 60.0
    if distance_m <= 5000:
        return 75 * 60.0
    if distance_m <= 10000:
        return 90 * 60.0
    if distance_m <= _HALF_M:
        return 120 * 60.0
    return 150 * 60.0
