"""Strength volume as daily series: hard sets per muscle, lower-body hard sets, foot contacts.

Private to :mod:`runstrong.science.muscle_volume`, which re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

import numpy as np

from runstrong.science._checks import whole_number
from runstrong.science.load import FloatArray, daily_totals, rolling_sum
from runstrong.science.muscle_volume._intensity import hard_set_mask
from runstrong.science.muscle_volume._rule import (
    ExerciseColumns,
    ExerciseProfile,
    HardSetRule,
    hard_set_rule,
)
from runstrong.science.muscle_volume._table import LoggedSet, SetTable, as_set_table

# Each side of a single-leg exercise is logged as its own set; a left and a right set together
# make one set of the exercise, so each counts half (in the order of SIDES).
_SIDE_WEIGHT: Final = np.array([1.0, 0.5, 0.5])


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


def daily_muscle_volume(
    sets: SetTable | Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    n_days: int,
    rule: HardSetRule | None = None,
) -> MuscleVolume:
    """Hard sets per muscle, lower-body hard sets and foot contacts for each of ``n_days`` days.

    Hard sets (:func:`hard_set_mask`) of strength and core exercises count 1 for each primary
    and 0.5 for each secondary muscle (common practice, **expert opinion**); a ``left`` or
    ``right`` set counts half, so one set per leg makes one set. Plyometric sets add
    ``reps × foot_contacts_per_rep`` foot contacts instead (the NSCA guideline counts contacts per
    session: about 80-100 for beginners). Running drills are not counted. Sets on day
    ``n_days`` or later are left out. Each exercise is looked up once.

    Parameters
    ----------
    sets : SetTable or Iterable[LoggedSet]
        The logged sets, with their reference e1RM if known (:func:`with_reference_e1rm`).
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
    table = as_set_table(sets)
    exercises = ExerciseColumns.build(table.exercise_slugs, exercise_for, chosen)
    code, day = table.exercise_code, table.day_index
    in_series = day < length
    known = in_series & exercises.known[code]
    unknown = np.unique(code[in_series & ~exercises.known[code]])
    plyometric = known & ~np.isnan(exercises.contacts_per_rep[code])
    counted = known & exercises.counted[code] & hard_set_mask(table, chosen)
    weight = np.where(counted, _SIDE_WEIGHT[table.side_code], 0.0)

    # hard sets per (exercise, day), then per (muscle, day) through the exercise-muscle weights
    used = np.unique(code[counted])
    position = np.zeros(len(table.exercise_slugs), dtype=np.intp)
    position[used] = np.arange(used.size)
    by_exercise = np.bincount(
        position[code[counted]] * length + day[counted],
        weights=weight[counted],
        minlength=used.size * length,
    ).reshape(used.size, length)
    trained = exercises.trains[used].any(axis=0)
    muscles = [exercises.muscles[number] for number in np.flatnonzero(trained).tolist()]
    by_muscle = exercises.muscle_weights[np.ix_(used, trained)].T @ by_exercise
    lower_body = weight * exercises.lower_body[code]
    contacts = table.reps * np.nan_to_num(exercises.contacts_per_rep[code])
    return MuscleVolume(
        hard_sets_by_muscle=MappingProxyType(dict(zip(muscles, by_muscle, strict=True))),
        lower_body_hard_sets=daily_totals(day[counted], lower_body[counted], length),
        foot_contacts=daily_totals(day[plyometric], contacts[plyometric], length),
        unknown_slugs=tuple(table.exercise_slugs[number] for number in unknown),
    )


def weekly_hard_sets_per_muscle(
    sets: SetTable | Iterable[LoggedSet],
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
