"""The hard-set rule as data, and what it says about each exercise of a set table.

Private to :mod:`runstrong.science.muscle_volume`, which re-exports the public names.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final, Protocol

import numpy as np

from runstrong.errors import ValidationError
from runstrong.science.muscle_volume._table import BoolArray, FloatArray

_DATA_FILE: Final = "muscle_volume.toml"
_SCHEMA_VERSION: Final = 1


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


@cache
def hard_set_rule() -> HardSetRule:
    """The packaged hard-set rule (``science/data/muscle_volume.toml``), read once.

    >>> rule = hard_set_rule()
    >>> rule.min_rpe, rule.secondary_weight, rule.grade
    (7.0, 0.5, 'expert opinion')
    """
    text = resources.files("runstrong.science").joinpath("data", _DATA_FILE).read_text("utf-8")
    return _parse_rule(tomllib.loads(text))


@dataclass(frozen=True, slots=True, eq=False)
class ExerciseColumns:
    """What the rule says about each exercise of a table, one entry per ``exercise_slugs`` entry.

    ``known``: the lookup found it. ``contacts_per_rep``: foot contacts per rep of a plyometric
    exercise, ``nan`` for others. ``counted``: its hard sets count towards muscles (a known,
    non-plyometric exercise of the rule's categories). ``lower_body``: an exercise of the rule's
    lower-body categories with a lower-body primary muscle. ``muscle_weights[e, m]``: what one
    hard set of exercise ``e`` adds to ``muscles[m]`` (``trains`` marks the non-zero entries
    even when a rule weighs them 0).
    """

    known: BoolArray
    contacts_per_rep: FloatArray
    counted: BoolArray
    lower_body: BoolArray
    muscles: tuple[str, ...]
    muscle_weights: FloatArray
    trains: BoolArray

    @classmethod
    def build(
        cls,
        exercise_slugs: tuple[str, ...],
        exercise_for: Callable[[str], ExerciseProfile | None],
        rule: HardSetRule,
    ) -> ExerciseColumns:
        """Look every exercise up once (a table holds few exercises and many sets)."""
        profiles = [exercise_for(slug) for slug in exercise_slugs]
        muscles = tuple(
            sorted(
                {
                    muscle
                    for profile in profiles
                    if profile is not None
                    for muscle in (*profile.primary_muscles, *profile.secondary_muscles)
                }
            )
        )
        column = {muscle: number for number, muscle in enumerate(muscles)}
        size = len(exercise_slugs)
        known = np.zeros(size, dtype=np.bool_)
        contacts = np.full(size, np.nan)
        counted = np.zeros(size, dtype=np.bool_)
        lower_body = np.zeros(size, dtype=np.bool_)
        weights = np.zeros((size, len(muscles)))
        trains = np.zeros((size, len(muscles)), dtype=np.bool_)
        lower_muscles = frozenset(rule.lower_body_muscles)
        for number, profile in enumerate(profiles):
            if profile is None:
                continue
            known[number] = True
            if profile.foot_contacts_per_rep is not None:
                contacts[number] = profile.foot_contacts_per_rep
            else:
                counted[number] = profile.category in rule.categories
            lower_body[number] = profile.category in rule.lower_body_categories and bool(
                lower_muscles.intersection(profile.primary_muscles)
            )
            for muscles_of, weight in (
                (profile.primary_muscles, rule.primary_weight),
                (profile.secondary_muscles, rule.secondary_weight),
            ):
                for muscle in muscles_of:
                    weights[number, column[muscle]] += weight
                    trains[number, column[muscle]] = True
        return cls(known, contacts, counted, lower_body, muscles, weights, trains)


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
