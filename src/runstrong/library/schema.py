"""The exercise schema: closed sets (categories, patterns, muscles, equipment) and typed records.

These types mirror one ``[[exercise]]`` table of ``exercises.toml``; the meaning of each field is
documented at the top of that file. :func:`exercise_problem` holds the rules about one exercise
that the field types cannot express.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "CATEGORIES",
    "EQUIPMENT",
    "GRADES",
    "LEVELS",
    "MUSCLES",
    "PATTERNS",
    "Category",
    "Equipment",
    "Evidence",
    "Exercise",
    "Fault",
    "Grade",
    "Level",
    "Muscle",
    "Pattern",
    "exercise_problem",
]

Category = Literal["strength", "plyometric", "drill", "core"]
Pattern = Literal[
    "knee-dominant",
    "hip-dominant",
    "knee-flexion",
    "calf",
    "ankle-dorsiflexion",
    "hip-adduction",
    "jump",
    "hop",
    "bound",
    "running-drill",
    "anti-extension",
    "anti-rotation",
    "anti-lateral-flexion",
    "carry",
]
Muscle = Literal[
    "quadriceps",
    "hamstrings",
    "glutes",
    "hip-abductors",
    "adductors",
    "hip-flexors",
    "calves",
    "tibialis",
    "core",
    "obliques",
    "lower-back",
    "forearms",
]
Equipment = Literal[
    "bodyweight",
    "leg-press",
    "smith-machine",
    "seated-calf-machine",
    "barbell",
    "squat-rack",
    "trap-bar",
    "dumbbell",
    "kettlebell",
    "bench",
    "box",
    "step",
    "hurdle",
    "cable",
    "band",
    "anchor",
    "wall",
    "track",
]
Level = Literal["beginner", "intermediate", "advanced"]
Grade = Literal["strong", "moderate", "weak", "expert opinion"]

CATEGORIES: tuple[Category, ...] = get_args(Category)
PATTERNS: tuple[Pattern, ...] = get_args(Pattern)
MUSCLES: tuple[Muscle, ...] = get_args(Muscle)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)
LEVELS: tuple[Level, ...] = get_args(Level)
GRADES: tuple[Grade, ...] = get_args(Grade)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Fault:
    """A common fault: what goes wrong, what it risks, and how to fix it."""

    fault: str
    risk: str
    fix: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A graded statement (strong, moderate, weak, expert opinion) taken from the science notes."""

    grade: Grade
    note: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the library; field meanings are documented at the top of exercises.toml.

    ``foot_contacts_per_rep`` counts landings (a two-foot landing is one contact); for exercises
    that alternate legs one rep is one left-right cycle. It is set for every plyometric exercise
    and for nothing else.
    """

    slug: str
    name: str
    category: Category
    pattern: Pattern
    equipment: tuple[Equipment, ...]
    unilateral: bool
    primary_muscles: tuple[Muscle, ...]
    secondary_muscles: tuple[Muscle, ...] = ()
    cues: tuple[str, ...] = ()
    faults: tuple[Fault, ...] = ()
    substitutes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    variant_of: str | None = None
    foot_contacts_per_rep: int | None = None
    level: Level | None = None
    evidence: Evidence | None = None
    notes: str | None = None

    @property
    def muscles(self) -> tuple[Muscle, ...]:
        """Primary then secondary muscles."""
        return self.primary_muscles + self.secondary_muscles

    def doable_with(self, available_equipment: Collection[str]) -> bool:
        """Whether ``available_equipment`` covers everything this exercise needs.

        Body weight is always available.
        """
        return all(item == "bodyweight" or item in available_equipment for item in self.equipment)


def exercise_problem(exercise: Exercise) -> tuple[str, str] | None:
    """The first rule ``exercise`` breaks, as ``(field, problem)``, or ``None`` if it is valid.

    >>> exercise_problem(Exercise("box-jump", "Box Jump", "plyometric", "jump", ("box",), False,
    ...                           ("quadriceps",), cues=("Land softly.",)))
    ('foot_contacts_per_rep', 'required for plyometric exercises')
    """
    if not _SLUG.fullmatch(exercise.slug):
        return "slug", "use lowercase kebab-case, like 'single-leg-leg-press'"
    if not exercise.equipment:
        return "equipment", "list at least one item ('bodyweight' if none is needed)"
    if not exercise.primary_muscles:
        return "primary_muscles", "list at least one muscle"
    both = sorted(set(exercise.primary_muscles) & set(exercise.secondary_muscles))
    if both:
        return "secondary_muscles", f"'{both[0]}' is already a primary muscle"
    if not exercise.cues:
        return "cues", "give at least one coaching cue"
    if exercise.slug in exercise.substitutes:
        return "substitutes", "an exercise cannot substitute for itself"
    if exercise.variant_of == exercise.slug:
        return "variant_of", "an exercise cannot be a variant of itself"
    plyometric = exercise.category == "plyometric"
    if plyometric and exercise.foot_contacts_per_rep is None:
        return "foot_contacts_per_rep", "required for plyometric exercises"
    if not plyometric and exercise.foot_contacts_per_rep is not None:
        return "foot_contacts_per_rep", "only plyometric exercises count foot contacts"
    return None
