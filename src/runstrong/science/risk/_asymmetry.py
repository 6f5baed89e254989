"""Risk detector for left-right asymmetry in single-leg strength work.

Private to :mod:`runstrong.science.risk`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from runstrong.science._checks import whole_number
from runstrong.science.muscle_volume import LoggedSet, SetTable, as_set_table
from runstrong.science.muscle_volume._table import BoolArray, FloatArray, IntArray
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, make_signal, signal_names
from runstrong.science.strength import (
    asymmetry_percent_per_pair,
    limb_symmetry_index_per_pair,
    one_rep_max_per_set,
)

_LEFT, _RIGHT = 1, 2  # side codes, see runstrong.science.muscle_volume.SIDES


@dataclass(frozen=True, slots=True, eq=False)
class _Measurements:
    """One left-right comparison per (day, exercise), ordered by day, then exercise."""

    day: IntArray
    exercise_code: IntArray
    by_e1rm: BoolArray
    left: FloatArray
    right: FloatArray


def asymmetry(
    sets: SetTable | Iterable[LoggedSet],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
    exercise_names: Mapping[str, str] | None = None,
) -> tuple[RiskSignal, ...]:
    """Left-right asymmetry in single-leg work above 10 % (caution) or 15 % (high).

    Per session (day) and exercise, the best e1RM of each side
    (:func:`runstrong.science.set_one_rep_max`) is compared; when both sides are body weight
    only, the best reps. ``asymmetry = 100 − LSI`` with ``LSI = weaker / stronger × 100``. A
    measurement stays current for 28 days or until the exercise is measured again. Grade
    **weak** for predicting running injury. Sets logged for both sides are ignored.

    Examples
    --------
    >>> left = LoggedSet(0, "step-up", 8, 40, rpe=8, side="left")
    >>> right = LoggedSet(0, "step-up", 8, 32, rpe=8, side="right")
    >>> signal = asymmetry([left, right], n_days=3)[0]
    >>> signal.severity, round(signal.metrics["asymmetry_percent"], 1), signal.labels["weaker_side"]
    ('high', 20.0, 'right')
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    today = whole_number("n_days", n_days, 1, 10_000_000) - 1
    table = as_set_table(sets)
    measured = _measure(table, today)
    day, code = measured.day, measured.exercise_code
    percent = asymmetry_percent_per_pair(measured.left, measured.right)
    # a measurement is current until the next one of the same exercise
    by_exercise = np.lexsort((day, code))
    following = np.full(day.size, today + chosen.asymmetry_lookback_days + 1)
    same = code[by_exercise][1:] == code[by_exercise][:-1]
    following[by_exercise[:-1][same]] = day[by_exercise][1:][same]
    last = np.minimum(np.minimum(day + chosen.asymmetry_lookback_days - 1, today), following - 1)
    flagged = percent > chosen.asymmetry_caution_percent
    if every_day:
        active = np.where(flagged, last - day + 1, 0)
        rows = np.repeat(np.arange(day.size), active)
        current = day[rows] + np.arange(rows.size) - np.repeat(np.cumsum(active) - active, active)
    else:
        rows = np.flatnonzero(flagged & (today <= last))
        current = np.full(rows.size, today)
    # report order: by day, then exercise in order of its first measurement, then measurement
    first_measured = np.full(len(table.exercise_slugs), day.size)
    np.minimum.at(first_measured, code, np.arange(day.size))
    order = np.lexsort((rows, first_measured[code[rows]], current))
    return tuple(
        _signal(
            measured, int(row), int(day_index), float(percent[row]), chosen, table, exercise_names
        )
        for row, day_index in zip(rows[order], current[order], strict=True)
    )


def _measure(sets: SetTable, today: int) -> _Measurements:
    """Best e1RM (or, for body-weight work, best reps) of each side per (day, exercise)."""
    single = (sets.side_code != 0) & (sets.day_index <= today)
    n_exercises = len(sets.exercise_slugs)
    keys, group = np.unique(
        sets.day_index[single] * n_exercises + sets.exercise_code[single], return_inverse=True
    )
    side = sets.side_code[single] - _LEFT
    e1rm = one_rep_max_per_set(sets.load_kg[single], sets.reps[single], sets.rpe[single])
    best_e1rm = np.full((2, keys.size), -np.inf)
    np.fmax.at(best_e1rm, (side, group), e1rm)
    best_reps = np.zeros((2, keys.size))
    np.maximum.at(best_reps, (side, group), sets.reps[single])
    logged = np.zeros((2, keys.size), dtype=np.bool_)
    logged[side, group] = True
    loaded = np.bincount(group, weights=sets.load_kg[single] > 0, minlength=keys.size) > 0
    both_sides = logged.all(axis=0)
    by_e1rm = both_sides & np.isfinite(best_e1rm).all(axis=0)
    by_reps = both_sides & ~by_e1rm & ~loaded & (best_reps > 0).all(axis=0)
    kept = by_e1rm | by_reps
    values = np.where(by_e1rm, best_e1rm, best_reps)[:, kept]
    return _Measurements(
        day=keys[kept] // max(n_exercises, 1),
        exercise_code=keys[kept] % max(n_exercises, 1),
        by_e1rm=by_e1rm[kept],
        left=values[_LEFT - 1],
        right=values[_RIGHT - 1],
    )


def _signal(
    measured: _Measurements,
    row: int,
    day_index: int,
    percent: float,
    thresholds: RiskThresholds,
    sets: SetTable,
    exercise_names: Mapping[str, str] | None,
) -> RiskSignal:
    left, right = float(measured.left[row]), float(measured.right[row])
    high = percent > thresholds.asymmetry_high_percent
    slug = sets.exercise_slugs[measured.exercise_code[row]]
    metrics = {
        "asymmetry_percent": percent,
        "threshold_percent": thresholds.asymmetry_high_percent
        if high
        else thresholds.asymmetry_caution_percent,
        "limb_symmetry_index": float(limb_symmetry_index_per_pair(left, right)),
        "left": left,
        "right": right,
        "days_since": day_index - int(measured.day[row]),
    }
    labels = {
        "exercise": (exercise_names or {}).get(slug, slug),
        "weaker_side": "left" if left < right else "right",
        "measure": signal_names("asymmetry")["e1rm" if measured.by_e1rm[row] else "reps"],
    }
    return make_signal("asymmetry", "high" if high else "caution", day_index, metrics, labels)
