"""Strength volume as daily series: hard sets per muscle, lower-body hard sets, foot contacts.

The hard-set rule, the muscle weights and the lower-body muscle group are data, in
``science/data/muscle_volume.toml`` (see :func:`hard_set_rule`); the rule is coaching practice,
evidence grade **expert opinion**. Days are indices into a daily series, 0 = its first day, as in
:mod:`runstrong.science.load`. Exercises are looked up through a callable, so the exercise
library's ``Catalog`` can be passed in::

    volume = daily_muscle_volume(sets, lambda slug: catalog.get(slug) if slug in catalog else None,
                                 n_days)

Sets are held as columns (:class:`SetTable`, checked once when built), and every rule runs over
a whole table in one vectorised pass: a decade of sets takes milliseconds. :class:`LoggedSet`
is one set as a row, for small inputs; the functions that take rows build a table first.

The package is split by job, its modules private: ``_table`` (the columns), ``_rule`` (the data
file and what it says about each exercise), ``_intensity`` (reference e1RM, hard sets, %e1RM)
and ``_volume`` (the daily series).
"""

from runstrong.science.muscle_volume._intensity import (
    hard_set_mask,
    is_hard_set,
    percent_e1rm_per_set,
    set_percent_e1rm,
    with_reference_e1rm,
)
from runstrong.science.muscle_volume._rule import (
    ExerciseColumns,
    ExerciseProfile,
    HardSetRule,
    hard_set_rule,
)
from runstrong.science.muscle_volume._table import SIDES, LoggedSet, SetTable, as_set_table
from runstrong.science.muscle_volume._volume import (
    MuscleVolume,
    daily_muscle_volume,
    weekly_hard_sets_per_muscle,
)

__all__ = [
    "SIDES",
    "ExerciseColumns",
    "ExerciseProfile",
    "HardSetRule",
    "LoggedSet",
    "MuscleVolume",
    "SetTable",
    "as_set_table",
    "daily_muscle_volume",
    "hard_set_mask",
    "hard_set_rule",
    "is_hard_set",
    "percent_e1rm_per_set",
    "set_percent_e1rm",
    "weekly_hard_sets_per_muscle",
    "with_reference_e1rm",
]
