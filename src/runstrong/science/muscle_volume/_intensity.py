"""How hard each set was: reference e1RM, the hard-set rule and %e1RM, for a whole table at once.

Private to :mod:`runstrong.science.muscle_volume`, which re-exports the public names. The
one-set functions (:func:`is_hard_set`, :func:`set_percent_e1rm`) and :class:`LoggedSet` input
to :func:`with_reference_e1rm` go through the table functions, so each rule exists once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Final, overload

import numpy as np

from runstrong.science._checks import whole_number
from runstrong.science.muscle_volume._rule import HardSetRule, hard_set_rule
from runstrong.science.muscle_volume._table import (
    SIDES,
    BoolArray,
    FloatArray,
    IntArray,
    LoggedSet,
    SetTable,
)
from runstrong.science.strength import one_rep_max_per_set, percent_one_rep_max_per_set

_EPLEY_REPS_PER_UNIT: Final = 30.0


def hard_set_mask(sets: SetTable, rule: HardSetRule | None = None) -> BoolArray:
    """Whether each set counts as a hard set (a working set near failure).

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
    >>> table = SetTable.from_columns(day_index=[0, 0, 0], exercise_slug=["leg-press"] * 3,
    ...     reps=[8, 5, 8], load_kg=[150] * 3, rpe=[8, None, None],
    ...     reference_e1rm_kg=[None, 200, 200])
    >>> hard_set_mask(table)
    array([ True, False,  True])
    """
    chosen = hard_set_rule() if rule is None else rule
    with np.errstate(divide="ignore", invalid="ignore"):
        reps_possible = _EPLEY_REPS_PER_UNIT * (sets.reference_e1rm_kg / sets.load_kg - 1)
    by_reference = _has_reference(sets)
    return np.where(
        ~np.isnan(sets.rpe),
        sets.rpe >= chosen.min_rpe,
        ~by_reference | (reps_possible - sets.reps <= chosen.max_reps_in_reserve),
    )


def percent_e1rm_per_set(sets: SetTable) -> FloatArray:
    """How heavy each set was, in percent of one-rep max, ``nan`` where it cannot be told.

    ``load / reference e1RM × 100`` when the set has a load and a reference e1RM; otherwise,
    with an RPE of 6 to 10 (half steps), the %1RM that allows its reps at that RPE on
    Tuchscherer's chart (2008; see :func:`runstrong.science.percent_one_rep_max`).

    Examples
    --------
    >>> table = SetTable.from_columns(day_index=[0, 0, 0], exercise_slug=["leg-press"] * 3,
    ...     reps=[5] * 3, load_kg=[170, 150, 150], rpe=[None, 8, None],
    ...     reference_e1rm_kg=[200, None, None])
    >>> percent_e1rm_per_set(table)
    array([85. , 81.1,  nan])
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        by_reference = sets.load_kg / sets.reference_e1rm_kg * 100
    by_chart = percent_one_rep_max_per_set(sets.reps, sets.rpe)
    return np.where(_has_reference(sets), by_reference, by_chart)


def is_hard_set(logged: LoggedSet, rule: HardSetRule | None = None) -> bool:
    """Whether one set counts as a hard set: :func:`hard_set_mask` (expert opinion) for one set.

    Examples
    --------
    >>> is_hard_set(LoggedSet(0, "leg-press", 8, 150, rpe=8))
    True
    >>> is_hard_set(LoggedSet(0, "leg-press", 5, 150, reference_e1rm_kg=200))
    False
    >>> is_hard_set(LoggedSet(0, "leg-press", 8, 150, reference_e1rm_kg=200))
    True
    """
    return bool(hard_set_mask(SetTable.from_sets([logged]), rule)[0])


def set_percent_e1rm(logged: LoggedSet) -> float | None:
    """How heavy one set was, in percent of one-rep max, or ``None`` when it cannot be told.

    :func:`percent_e1rm_per_set` for one set (reference e1RM, else Tuchscherer's 2008 chart).

    Examples
    --------
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 170, reference_e1rm_kg=200))
    85.0
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150, rpe=8))
    81.1
    >>> set_percent_e1rm(LoggedSet(0, "leg-press", 5, 150)) is None
    True
    """
    percent = float(percent_e1rm_per_set(SetTable.from_sets([logged]))[0])
    return None if np.isnan(percent) else percent


@overload
def with_reference_e1rm(sets: SetTable, lookback_days: int = 84) -> SetTable: ...


@overload
def with_reference_e1rm(
    sets: Iterable[LoggedSet], lookback_days: int = 84
) -> tuple[LoggedSet, ...]: ...


def with_reference_e1rm(
    sets: SetTable | Iterable[LoggedSet], lookback_days: int = 84
) -> SetTable | tuple[LoggedSet, ...]:
    """Fill in each set's reference e1RM: the best e1RM of the previous ``lookback_days`` days.

    The best :func:`runstrong.science.set_one_rep_max` (Epley 1985 or Tuchscherer's 2008 RPE
    chart) of the same exercise and side on the days ``day_index − lookback_days`` to
    ``day_index − 1`` (the set's own day is left out, so a set is never compared with itself).
    Sets that already have a reference, and sets with no earlier loaded set in the window, are
    left as they are. Order is preserved; a :class:`SetTable` gives a table, sets give sets.

    Examples
    --------
    >>> sets = [LoggedSet(0, "leg-press", 5, 150, rpe=8), LoggedSet(3, "leg-press", 5, 160)]
    >>> round(with_reference_e1rm(sets)[1].reference_e1rm_kg, 1)
    185.0
    """
    lookback = whole_number("lookback_days", lookback_days, 1, 3650)
    table = sets if isinstance(sets, SetTable) else SetTable.from_sets(sets)
    given = table.reference_e1rm_kg
    filled = replace(
        table,
        reference_e1rm_kg=np.where(np.isnan(given), _best_earlier_e1rm(table, lookback), given),
    )
    return filled if isinstance(sets, SetTable) else filled.rows()


def _has_reference(sets: SetTable) -> BoolArray:
    return ~np.isnan(sets.reference_e1rm_kg) & (sets.load_kg > 0)


def _best_earlier_e1rm(sets: SetTable, lookback_days: int) -> FloatArray:
    """Per set, the best e1RM of its exercise and side on the ``lookback_days`` days before it.

    The sets with an e1RM are sorted by (exercise, side, day); for each set, two binary searches
    find the window of earlier days in that order and a sparse table answers the range maximum.
    """
    e1rm = one_rep_max_per_set(sets.load_kg, sets.reps, sets.rpe)
    estimated = ~np.isnan(e1rm)
    if not estimated.any():
        return np.full(len(sets), np.nan)
    # one key per (exercise, side, day), with room below each group for the look-back
    span = int(sets.day_index.max()) + lookback_days + 1
    group = sets.exercise_code * len(SIDES) + sets.side_code
    key = group * span + sets.day_index + lookback_days
    order = np.argsort(key[estimated], kind="stable")
    keys = key[estimated][order]
    start = np.searchsorted(keys, key - lookback_days, side="left")
    stop = np.searchsorted(keys, key, side="left")
    return _range_max(e1rm[estimated][order], start, stop)


def _range_max(values: FloatArray, start: IntArray, stop: IntArray) -> FloatArray:
    """``max(values[start:stop])`` for each pair, ``nan`` for an empty range.

    A sparse table: level ``k`` holds the maxima of ``2**k`` consecutive values, and two
    overlapping blocks of one level cover any range. Only the levels the longest range needs
    are built.
    """
    length = stop - start
    found = length > 0
    result = np.full(length.shape, np.nan)
    if not found.any():
        return result
    level = np.zeros(length.shape, dtype=np.intp)
    level[found] = np.log2(length[found]).astype(np.intp)
    table = np.full((int(level.max()) + 1, values.size), np.nan)
    table[0] = values
    for number in range(1, table.shape[0]):
        width = 1 << (number - 1)
        table[number, : values.size - 2 * width + 1] = np.maximum(
            table[number - 1, : values.size - 2 * width + 1],
            table[number - 1, width : values.size - width + 1],
        )
    chosen = level[found]
    result[found] = np.maximum(
        table[chosen, start[found]], table[chosen, stop[found] - (1 << chosen)]
    )
    return result
