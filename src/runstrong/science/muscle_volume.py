"""Strength volume as daily series: hard sets per muscle, lower-body hard sets, foot contacts.

The hard-set rule, the muscle weights and the lower-body muscle group are data, in
``science/data/muscle_volume.toml`` (see :func:`hard_set_rule`); the rule is coaching practice,
evidence grade **expert opinion**. Days are indices into a daily series, 0 = its first day, as in
:mod:`runstrong.science.load`. Exercises are looked up through a callable, so the exercise
library's ``Catalog`` can be passed in::

    volume = daily_muscle_volume(sets, lambda slug: catalog.get(slug) if slug in catalog else None,
                                 n_days)
"""

from __future__ import annotations

import bisect
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Literal, Protocol

import numpy as np

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, non_negative, positive, whole_number
from runstrong.science.load import FloatArray, daily_totals, rolling_sum
from runstrong.science.strength import percent_one_rep_max, set_one_rep_max

__all__ = [
    "ExerciseProfile",
    "HardSetRule",
    "LoggedSet",
    "MuscleVolume",
    "daily_muscle_volume",
    "hard_set_rule",
    "is_hard_set",
    "set_percent_e1rm",
    "weekly_hard_sets_per_muscle",
    "with_reference_e1rm",
]

_DATA_FILE: Final = "muscle_volume.toml"
_SCHEMA_VERSION: Final = 1
_SIDES: Final = ("both", "left", "right")
_EPLEY_REPS_PER_UNIT: Final = 30.0
# Each side of a single-leg exercise is logged as its own set; a left and a right set together
# make one set of the exercise, so each counts half.
_SIDE_WEIGHT: Final = {"both": 1.0, "left": 0.5, "right": 0.5}


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One logged set, placed on a day of a daily series.

    Attributes
    ----------
    day_index : int
        Day of the set, 0 = the first day of the series.
    exercise_slug : str
        The exercise's slug in the exercise library.
    reps : int
        Repetitions done, zero or more (for plyometrics, reps as defined by the exercise's
        ``foot_contacts_per_rep``).
    load_kg : float
        External load, kg, zero for body weight only.
    rpe : float or None
        RPE on the reps-in-reserve scale (10 = no reps left), or ``None`` when not logged.
    side : {"both", "left", "right"}
        ``"left"`` or ``"right"`` for one side of a single-leg exercise.
    reference_e1rm_kg : float or None
        The lifter's estimated 1RM for this exercise when the set was done (for example the best
        e1RM of the previous 12 weeks, see :func:`with_reference_e1rm`), if known.
    """

    day_index: int
    exercise_slug: str
    reps: int
    load_kg: float = 0.0
    rpe: float | None = None
    side: Literal["both", "left", "right"] = "both"
    reference_e1rm_kg: float | None = None

    def __post_init__(self) -> None:
        whole_number("day_index", self.day_index, 0, 10_000_000)
        whole_number("reps", self.reps, 0, 100_000)
        non_negative("load_kg", self.load_kg)
        if self.rpe is not None:
            in_range("rpe", self.rpe, 0.0, 10.0)
        if self.side not in _SIDES:
            raise ValidationError(f"side must be 'both', 'left' or 'right', got {self.side!r}")
        if self.reference_e1rm_kg is not None:
            positive("reference_e1rm_kg", self.reference_e1rm_kg)


class ExerciseProfile(Protocol):
    """What volume counting needs to know about an exercise (the library's ``Exercise`` fits)."""

    @property
    def category(self) -> str: ...

    @property
    def primary_muscles(self) -> tuple[str, ...]: ...

    @property
    def secondary_muscles(self) -> tuple[str, ...]: ...

    @property
    def foot_contacts_per_rep(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class HardSetRule:
    """How sets are counted, as read from ``science/data/muscle_volume.toml``.

    Attributes
    ----------
    min_rpe : float
        A set with a logged RPE is hard at this RPE or above (7 = at most 3 reps in reserve).
    max_reps_in_reserve : float
        Without RPE but with a reference e1RM, a set is hard when its estimated reps in reserve
        are at most this.
    categories : tuple[str, ...]
        Exercise categories whose sets count as sets (plyometrics count foot contacts instead).
    primary_weight, secondary_weight : float
        What one hard set adds to each primary and secondary muscle (1 and 0.5).
    lower_body_categories, lower_body_muscles : tuple[str, ...]
        A hard set of an exercise in one of these categories with one of these primary muscles is
        a lower-body set.
    grade, source : str
        Evidence grade and source of the rule.
    """

    min_rpe: float
    max_reps_in_reserve: float
    categories: tuple[str, ...]
    primary_weight: float
    secondary_weight: float
    lower_body_categories: tuple[str, ...]
    lower_body_muscles: tuple[str, ...]
    grade: str
    source: str


@dataclass(frozen=True, slots=True, eq=False)
class MuscleVolume:
    """Strength volume per day (or summed over a trailing window, see :meth:`rolling`).

    Attributes
    ----------
    hard_sets_by_muscle : Mapping[str, FloatArray]
        Weighted hard sets per muscle (primary 1, secondary 0.5; a left or right set half of
        that), for every muscle that any counted set trains.
    lower_body_hard_sets : FloatArray
        Hard sets of lower-body exercises (a left or right set counts 0.5).
    foot_contacts : FloatArray
        Plyometric foot contacts (landings), both sides counted in full.
    unknown_slugs : tuple[str, ...]
        Exercise slugs the lookup did not know; their sets were left out.
    """

    hard_sets_by_muscle: Mapping[str, FloatArray]
    lower_body_hard_sets: FloatArray
    foot_contacts: FloatArray
    unknown_slugs: tuple[str, ...] = ()

    def rolling(self, window_days: int = 7) -> MuscleVolume:
        """Sums over the trailing ``window_days`` days ending on each day (weekly by default).

        >>> volume = MuscleVolume({"calves": np.ones(8)}, np.ones(8), np.zeros(8))
        >>> volume.rolling(7).lower_body_hard_sets[-1]
        np.float64(7.0)
        """
        return MuscleVolume(
            hard_sets_by_muscle=MappingProxyType(
                {
                    muscle: rolling_sum(series, window_days)
                    for muscle, series in self.hard_sets_by_muscle.items()
                }
            ),
            lower_body_hard_sets=rolling_sum(self.lower_body_hard_sets, window_days),
            foot_contacts=rolling_sum(self.foot_contacts, window_days),
            unknown_slugs=self.unknown_slugs,
        )


@cache
def hard_set_rule() -> HardSetRule:
    """The packaged hard-set rule (``science/data/muscle_volume.toml``), read once.

    >>> rule = hard_set_rule()
    >>> rule.min_rpe, rule.secondary_weight, rule.grade
    (7.0, 0.5, 'expert opinion')
    """
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    return _parse_rule(tomllib.loads(text))


def is_hard_set(logged: LoggedSet, rule: HardSetRule | None = None) -> bool:
    """Whether a set counts as a hard set (a working set near failure).

    The rule (coaching practice, grade **expert opinion**), in order:

    1. with a logged RPE: hard when ``rpe >= 7`` (at most 3 reps in reserve);
    2. without RPE, with load above zero and a reference e1RM: reps in reserve are estimated by
       inverting Epley (1985), ``reps possible = 30 × (e1RM / load − 1)``, and the set is hard
       when ``reps possible − reps <= 3``;
    3. otherwise hard: logs rarely hold warm-up sets, so a logged set without RPE is taken as a
       working set.

    The exercise category is not checked here; :func:`daily_muscle_volume` counts only sets of
    the rule's categories (strength and core).

    Examples
    --------
    >>> is_hard_set(LoggedSet(0, "leg-press", 8, 150, rpe=8))
    True
    >>> is_hard_set(LoggedSet(0, "leg-press", 5, 150, reference_e1rm_kg=200))
    False
    >>> is_hard_set(LoggedSet(0, "leg-press", 8, 150, reference_e1rm_kg=200))
    True
    """
    chosen = hard_set_rule() if rule is None else rule
    if logged.rpe is not None:
        return logged.rpe >= chosen.min_rpe
    if logged.reference_e1rm_kg is not None and logged.load_kg > 0:
        reps_possible = _EPLEY_REPS_PER_UNIT * (logged.reference_e1rm_kg / logged.load_kg - 1)
        return reps_possible - logged.reps <= chosen.max_reps_in_reserve
    return True


def set_percent_e1rm(logged: LoggedSet) -> float | None:
    """How heavy a set was, in percent of one-rep max, or ``None`` when it cannot be told.

    ``load / reference e1RM × 100`` when the set has a load and a reference e1RM; otherwise,
    with an RPE of 6 to 10 (half steps), the %1RM that allows its reps at that RPE on
    Tuchscherer's chart (2008; see :func:`runstrong.science.percent_one_rep_max`).

    Examples
    --------
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 170, reference_e1rm_kg=200))
    85.0
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150, rpe=8))
    81.1
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150)) is None
    True
    """
    if logged.reference_e1rm_kg is not None and logged.load_kg > 0:
        return logged.load_kg / logged.reference_e1rm_kg * 100
    if logged.rpe is None or logged.reps < 1:
        return None
    try:
        return percent_one_rep_max(logged.reps, logged.rpe)
    except ValidationError:
        return None


def with_reference_e1rm(
    sets: Iterable[LoggedSet], lookback_days: int = 84
) -> tuple[LoggedSet, ...]:
    """Fill in each set's reference e1RM: the best e1RM of the previous ``lookback_days`` days.

    The best :func:`runstrong.science.set_one_rep_max` of the same exercise and side on the days
    ``day_index − lookback_days`` to ``day_index − 1`` (the set's own day is left out, so a set
    is never compared with itself). Sets that already have a reference, and sets with no earlier
    loaded set in the window, are returned unchanged. Order is preserved.

    Examples
    --------
    >>> sets = [LoggedSet(0, "leg-press", 5, 150, rpe=8), LoggedSet(3, "leg-press", 5, 160)]
    >>> round(with_reference_e1rm(sets)[1].reference_e1rm_kg, 1)
    185.0
    """
    lookback = whole_number("lookback_days", lookback_days, 1, 3650)
    chosen = tuple(sets)
    best_by_day: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for logged in chosen:
        e1rm = _set_e1rm(logged)
        if e1rm is not None:
            best = best_by_day[(logged.exercise_slug, logged.side)]
            best[logged.day_index] = max(e1rm, best.get(logged.day_index, 0.0))
    ordered = {
        key: (sorted(best), [best[day] for day in sorted(best)])
        for key, best in best_by_day.items()
    }
    result = []
    for logged in chosen:
        key = (logged.exercise_slug, logged.side)
        if logged.reference_e1rm_kg is None and key in ordered:
            set_days, bests = ordered[key]
            low = bisect.bisect_left(set_days, logged.day_index - lookback)
            high = bisect.bisect_left(set_days, logged.day_index)
            if high > low:
                logged = replace(logged, reference_e1rm_kg=max(bests[low:high]))
        result.append(logged)
    return tuple(result)


def daily_muscle_volume(
    sets: Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    n_days: int,
    rule: HardSetRule | None = None,
) -> MuscleVolume:
    """Hard sets per muscle, lower-body hard sets and foot contacts for each of ``n_days`` days.

    Hard sets (:func:`is_hard_set`) of strength and core exercises count 1 for each primary and
    0.5 for each secondary muscle (common practice, **expert opinion**); a ``left`` or ``right``
    set counts half, so one set per leg makes one set. Plyometric sets add
    ``reps × foot_contacts_per_rep`` foot contacts instead (the NSCA guideline counts contacts per
    session: about 80-100 for beginners). Running drills are not counted. Sets on day
    ``n_days`` or later are left out.

    Parameters
    ----------
    sets : Iterable[LoggedSet]
        The logged sets.
    exercise_for : Callable[[str], ExerciseProfile | None]
        Looks an exercise up by slug; ``None`` for an unknown exercise (reported in
        ``unknown_slugs``).
    n_days : int
        Length of the daily series.
    rule : HardSetRule or None
        The counting rule; by default :func:`hard_set_rule`.

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> catalog = load_catalog()
    >>> volume = daily_muscle_volume([LoggedSet(1, "leg-press", 8, 150, rpe=8)], catalog.get, 2)
    >>> volume.hard_sets_by_muscle["quadriceps"], volume.hard_sets_by_muscle["hamstrings"]
    (array([0., 1.]), array([0. , 0.5]))
    """
    chosen = hard_set_rule() if rule is None else rule
    length = whole_number("n_days", n_days, 0, 10_000_000)
    muscle_days: dict[str, list[int]] = defaultdict(list)
    muscle_weights: dict[str, list[float]] = defaultdict(list)
    lower_days: list[int] = []
    lower_weights: list[float] = []
    contact_days: list[int] = []
    contact_counts: list[float] = []
    unknown: set[str] = set()
    lower_body = frozenset(chosen.lower_body_muscles)
    for logged in sets:
        if logged.day_index >= length:
            continue
        exercise = exercise_for(logged.exercise_slug)
        if exercise is None:
            unknown.add(logged.exercise_slug)
            continue
        if exercise.foot_contacts_per_rep is not None:
            contact_days.append(logged.day_index)
            contact_counts.append(float(logged.reps * exercise.foot_contacts_per_rep))
            continue
        if exercise.category not in chosen.categories or not is_hard_set(logged, chosen):
            continue
        side_weight = _SIDE_WEIGHT[logged.side]
        for muscles, weight in (
            (exercise.primary_muscles, chosen.primary_weight),
            (exercise.secondary_muscles, chosen.secondary_weight),
        ):
            for muscle in muscles:
                muscle_days[muscle].append(logged.day_index)
                muscle_weights[muscle].append(weight * side_weight)
        if exercise.category in chosen.lower_body_categories and lower_body.intersection(
            exercise.primary_muscles
        ):
            lower_days.append(logged.day_index)
            lower_weights.append(side_weight)
    return MuscleVolume(
        hard_sets_by_muscle=MappingProxyType(
            {
                muscle: _daily(muscle_days[muscle], muscle_weights[muscle], length)
                for muscle in sorted(muscle_days)
            }
        ),
        lower_body_hard_sets=_daily(lower_days, lower_weights, length),
        foot_contacts=_daily(contact_days, contact_counts, length),
        unknown_slugs=tuple(sorted(unknown)),
    )


def weekly_hard_sets_per_muscle(
    sets: Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    n_days: int,
    rule: HardSetRule | None = None,
) -> Mapping[str, FloatArray]:
    """Weighted hard sets per muscle over the trailing 7 days, for each of ``n_days`` days.

    :func:`daily_muscle_volume` summed over the 7 days ending on and including each day
    (primary muscle 1, secondary 0.5; **expert opinion**).

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> sets = [LoggedSet(day, "calf-press", 10, 100, rpe=8) for day in (0, 3, 8)]
    >>> weekly_hard_sets_per_muscle(sets, load_catalog().get, 9)["calves"]
    array([1., 1., 1., 2., 2., 2., 2., 1., 2.])
    """
    return daily_muscle_volume(sets, exercise_for, n_days, rule).rolling(7).hard_sets_by_muscle


def _daily(days: Sequence[int], values: Sequence[float], n_days: int) -> FloatArray:
    return daily_totals(np.asarray(days, dtype=np.intp), np.asarray(values, dtype=float), n_days)


def _set_e1rm(logged: LoggedSet) -> float | None:
    if logged.load_kg <= 0 or logged.reps < 1:
        return None
    try:
        return set_one_rep_max(logged.load_kg, logged.reps, logged.rpe)
    except ValidationError:
        return None


def _parse_rule(document: Mapping[str, Any]) -> HardSetRule:
    if document.get("schema_version") != _SCHEMA_VERSION:
        raise ValidationError(f"{_DATA_FILE}: expected schema_version = {_SCHEMA_VERSION}")
    try:
        hard, weights, lower = document["hard_set"], document["weights"], document["lower_body"]
        return HardSetRule(
            min_rpe=float(hard["min_rpe"]),
            max_reps_in_reserve=float(hard["max_reps_in_reserve"]),
            categories=tuple(hard["categories"]),
            primary_weight=float(weights["primary"]),
            secondary_weight=float(weights["secondary"]),
            lower_body_categories=tuple(lower["categories"]),
            lower_body_muscles=tuple(lower["muscles"]),
            grade=str(hard["grade"]),
            source=str(hard["source"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{_DATA_FILE}: missing or malformed field ({exc})") from exc
