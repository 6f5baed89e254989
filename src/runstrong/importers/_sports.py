"""Map the sport vocabularies of FIT, GPX, TCX and Strava onto runstrong's :data:`Sport`.

Everything that is not one of runstrong's sports becomes ``"other"``: it is still imported,
because it still carries training load. The words and numbers of GPX, TCX and export indexes are
data, in ``sport_names.toml`` (see :mod:`runstrong.importers._sport_names`).
"""

from __future__ import annotations

from runstrong.domain.models import Sport
from runstrong.importers._sport_names import read_sport_name

__all__ = ["FIT_TRANSITION", "fit_sport", "sport_from_name"]

#: FIT ``sport`` value of a multisport transition (T1, T2).
FIT_TRANSITION = 3

# FIT profile "sport" enum values.
_FIT_SPORT: dict[int, Sport] = {
    1: "running",
    2: "cycling",
    5: "swimming",
    11: "walking",
    12: "skiing",  # cross_country_skiing
    13: "skiing",  # alpine_skiing
    14: "skiing",  # snowboarding
    15: "rowing",
    17: "hiking",
    21: "cycling",  # e_biking
    35: "hiking",  # snowshoeing
    65: "walking",  # wheelchair_push_walk
    66: "running",  # wheelchair_push_run
}
# FIT "sub_sport" values that refine running, or name the machine of fitness_equipment (4).
_FIT_RUNNING_SUB: dict[int, Sport] = {
    1: "treadmill_running",
    3: "trail_running",
    4: "track_running",
    45: "treadmill_running",  # indoor_running
}
_FIT_EQUIPMENT_SUB: dict[int, Sport] = {
    1: "treadmill_running",
    6: "cycling",  # indoor_cycling
    14: "rowing",  # indoor_rowing
    25: "skiing",  # indoor_skiing
    27: "walking",  # indoor_walking
}
_FIT_FITNESS_EQUIPMENT = 4


def fit_sport(sport: int | None, sub_sport: int | None) -> Sport:
    """runstrong's sport for a FIT ``sport``/``sub_sport`` pair.

    >>> fit_sport(1, 3), fit_sport(4, 14), fit_sport(2, None), fit_sport(0, 0)
    ('trail_running', 'rowing', 'cycling', 'other')
    """
    if sport == 1 and sub_sport in _FIT_RUNNING_SUB:
        return _FIT_RUNNING_SUB[sub_sport]
    if sport == _FIT_FITNESS_EQUIPMENT and sub_sport in _FIT_EQUIPMENT_SUB:
        return _FIT_EQUIPMENT_SUB[sub_sport]
    if sport is None:
        return "other"
    if sport == FIT_TRANSITION:
        return "transition"
    return _FIT_SPORT.get(sport, "other")


def sport_from_name(name: str | None) -> Sport | None:
    """runstrong's sport for a sport name from GPX, TCX or Strava; ``None`` if unknown.

    >>> sport_from_name("Run"), sport_from_name("Trail Run"), sport_from_name("Biking")
    ('running', 'trail_running', 'cycling')
    >>> sport_from_name("WeightTraining"), sport_from_name("Quidditch")
    ('other', None)
    """
    return read_sport_name(name).sport
