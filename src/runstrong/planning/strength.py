"""Strength sessions: leg press first, complements, plyometrics, drills and core, from the library.

Loads come from the athlete's own e1RM and a target RPE through Tuchscherer's RPE chart
(:func:`runstrong.science.load_for_target`); without an e1RM only the RPE is set and the first
session finds the load. What to lift, how many sets, reps and foot contacts by focus and phase is
data: ``data/programs.toml``, with its sources (``docs/science.md`` section 5: heavy or explosive
work 2-3 times a week improves running economy, **strong**, and performance, **moderate**;
sprinters lift heavier and lower-rep with explosive intent, **moderate**; NSCA foot contacts per
session, **expert opinion**). Heavy means a lower-body set at ≥ 80 % of 1RM or RPE ≥ 8, the line
of the 48-hour rule (``docs/science.md`` section 4): :mod:`runstrong.planning.strength_load`.
Lightening a session to fit its week: :mod:`runstrong.planning.strength_adjust` (its names are
importable from here too).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from runstrong.domain.models import EventFocus
from runstrong.domain.plan import ExercisePrescription, PlanPhase, PlyometricLevel
from runstrong.library import Exercise
from runstrong.planning._programs import programs, tables
from runstrong.planning.strength_adjust import (
    lighten,
    lighten_session,
    lower_body_load,
    without_jumps,
)
from runstrong.planning.strength_load import (
    HEAVY_RPE,
    LOWER_BODY_MUSCLES,
    StrengthTargets,
    StrengthWorkout,
    heavy_workout,
    load_au,
    prescribe_lift,
)

__all__ = [
    "LOWER_BODY_MUSCLES",
    "StrengthTargets",
    "StrengthWorkout",
    "lighten",
    "lighten_session",
    "lower_body_load",
    "plyometric_contacts",
    "prescribe_strength",
    "warmup_drills",
    "without_jumps",
]

_LEVEL_RANK: Final = {"beginner": 0, "intermediate": 1, "advanced": 2}
_BUILD_STEP_AT: Final = 0.7
_LAST_HEAVY_NOTE: Final = (
    "last heavy session, 7-10 days before the race: heavy but few sets; stop well short of failure"
)


def prescribe_strength(
    targets: StrengthTargets,
    phase: PlanPhase,
    *,
    deload: bool = False,
    variant: int = 0,
    progress: float = 0.0,
    race_week: bool = False,
    last_heavy: bool = False,
) -> StrengthWorkout:
    """A strength session for one phase: leg press (or its substitute), two complements,
    plyometrics and two core exercises (running drills belong to runs: :func:`warmup_drills`).

    ``variant`` picks session A, B or C of the week; ``progress`` (0-1) moves plyometric contacts
    from the low to the high end of the athlete's NSCA range. ``last_heavy`` in the taper makes
    the plan's last heavy session, 7-10 days out (rule S4): the peak's reps at RPE ≥ 8 (intensity
    kept) on the taper's few sets (volume cut).

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> targets = StrengthTargets("distance", frozenset({"leg-press"}), {"leg-press": 200.0},
    ...                           "beginner", load_catalog())
    >>> workout = prescribe_strength(targets, "build")
    >>> main = workout.exercises[0]
    >>> main.exercise_slug, main.sets, main.reps, main.target_rpe, main.load_kg
    ('leg-press', 3, 5, 8.0, 162.5)
    >>> workout.heavy_lower_body
    True
    """
    program = programs(targets.catalog)
    main_slot = program.main[targets.focus][phase]
    sets, reps, rpe = main_slot.sets, main_slot.reps, main_slot.rpe
    if phase == "build" and not deload and progress >= _BUILD_STEP_AT and reps > 4:
        reps -= 1  # the load rises in the second half of the build (rule S2)
    if deload:  # fewer sets, and never heavier than a lightened session (rule S2)
        sets, reps, rpe = max(2, sets - 1), max(reps, 6), min(max(6.0, rpe - 1), 7.0)
    note, title = program.main_notes[phase], program.titles[targets.focus][phase]
    if last_heavy and phase == "taper" and not deload:
        peak = program.main[targets.focus]["peak"]
        reps, rpe = peak.reps, max(peak.rpe, HEAVY_RPE)
        note, title = _LAST_HEAVY_NOTE, "Last heavy strength"
    main = _main_lift(targets, program.main_lift, sets, reps, rpe, note)
    exercises = [main] if main else []
    maintenance = phase in ("peak", "taper") or deload
    templates = program.complements[targets.focus]
    for slot in templates[variant % len(templates)]:
        exercise = _pick(targets, slot.choices, {e.exercise_slug for e in exercises})
        if exercise is not None:
            n_sets = 1 if phase == "taper" else min(slot.sets, 2) if maintenance else slot.sets
            reps, slot_rpe = slot.reps, slot.rpe
            if race_week:  # activation only in the last days (rule S4)
                reps, slot_rpe = min(reps, 5), min(slot_rpe, 6.0)
            exercises.append(prescribe_lift(targets, exercise, n_sets, reps, slot_rpe))
    contacts = plyometric_contacts(
        targets.level, targets.focus, phase, deload=deload, progress=progress, race_week=race_week
    )
    exercises += _plyometrics(targets, contacts, variant)
    exercises += [
        _core(e) for e in _rotate(targets, program.core[targets.focus], "core", variant, 2)
    ]
    heavy = heavy_workout(exercises, targets)
    prefix = "Deload: " if deload else ""
    title = f"{prefix}{title} {'ABC'[variant % 3]}"
    return StrengthWorkout(title, tuple(exercises), heavy, load_au(exercises, targets, heavy))


def plyometric_contacts(
    level: PlyometricLevel,
    focus: EventFocus,
    phase: PlanPhase,
    *,
    deload: bool = False,
    progress: float = 0.0,
    race_week: bool = False,
) -> int:
    """Foot contacts for one session, rounded to 5.

    From the bottom to the top of the NSCA range for the level as ``progress`` goes 0 → 1 (base
    and build), 80 % of the top in the peak ("lower in season"), half in the taper, 30 % in race
    week, 60 % in deloads; every focus is dosed by level (rule P1; ``contacts.focus_share`` in
    ``data/programs.toml`` can scale a focus down).

    >>> plyometric_contacts("beginner", "sprint", "base"), plyometric_contacts("advanced",
    ...     "sprint", "build", progress=1.0), plyometric_contacts("beginner", "distance", "base")
    (80, 140, 80)
    """
    low, high = tables().contacts[level]
    contacts = low + min(1.0, max(0.0, progress)) * (high - low)
    if phase == "peak":
        contacts = 0.8 * high
    elif phase == "taper":
        contacts = (0.3 if race_week else 0.5) * high
    if deload:
        contacts *= 0.6
    return max(10, int(5 * round(contacts * tables().contact_share[focus] / 5)))


def warmup_drills(targets: StrengthTargets, variant: int = 0) -> tuple[ExercisePrescription, ...]:
    """Two running drills from the library for a key run or strides: 2 × 20 m each, walk back,
    after the warm-up and before the strides or the main set (rule D1)."""
    drills = programs(targets.catalog).drills
    return tuple(_drill(e) for e in _rotate(targets, drills, "drill", variant, 2))


def _main_lift(
    targets: StrengthTargets, slug: str, sets: int, reps: int, rpe: float, note: str
) -> ExercisePrescription | None:
    catalog = targets.catalog
    main = catalog.get(slug)
    if main.doable_with(targets.equipment):
        return prescribe_lift(targets, main, sets, reps, rpe, note)
    for substitute in catalog.substitutes_for(slug, targets.equipment):
        if _level_ok(substitute, targets.level):
            prescription = prescribe_lift(targets, substitute, sets, reps, rpe)
            return replace(
                prescription, note=f"instead of leg press (no leg-press machine); {note}"
            )
    return None


def _plyometrics(
    targets: StrengthTargets, contacts: int, variant: int
) -> list[ExercisePrescription]:
    count = 3 if targets.focus == "sprint" else 2
    preferences = programs(targets.catalog).plyometrics[targets.focus]
    chosen = _rotate(targets, preferences, "plyometric", variant, count)
    prescriptions: list[ExercisePrescription] = []
    remaining = min(contacts, tables().contacts[targets.level][1])
    for n, exercise in enumerate(chosen):
        per_rep = exercise.foot_contacts_per_rep or 1
        share = remaining / (len(chosen) - n)
        reps = max(1, round(10 / per_rep))
        sets = max(1, round(share / (reps * per_rep)))
        while sets > 1 and sets * reps * per_rep > remaining:
            sets -= 1
        total = sets * reps * per_rep
        if total > remaining:
            continue
        remaining -= total
        prescriptions.append(
            ExercisePrescription(
                exercise.slug,
                sets,
                reps,
                foot_contacts=total,
                note="land softly and quietly; full recovery between sets",
            )
        )
    return prescriptions


DRILL_SETS: Final = 2
DRILL_DISTANCE_M: Final = 20.0


def _drill(exercise: Exercise) -> ExercisePrescription:
    return ExercisePrescription(
        exercise.slug,
        DRILL_SETS,
        1,
        distance_m=DRILL_DISTANCE_M,
        note="walk back; after the warm-up, before the strides or the main set",
    )


def _core(exercise: Exercise) -> ExercisePrescription:
    if exercise.slug in tables().holds:
        return ExercisePrescription(exercise.slug, 3, 1, per_side=exercise.unilateral, hold_s=30.0)
    return ExercisePrescription(exercise.slug, 3, 8, per_side=True)


def _rotate(
    targets: StrengthTargets, prefs: Sequence[str], category: str, variant: int, count: int
) -> list[Exercise]:
    usable = [
        e
        for e in (targets.catalog.get(slug) for slug in prefs)
        if e.category == category
        and e.doable_with(targets.equipment)
        and _level_ok(e, targets.level)
    ]
    if not usable:
        return []
    start = (variant * count) % len(usable)
    rotated = usable[start:] + usable[:start]
    return rotated[:count]


def _pick(targets: StrengthTargets, prefs: Sequence[str], used: set[str]) -> Exercise | None:
    catalog = targets.catalog
    candidates = [catalog.get(slug) for slug in prefs]
    candidates += catalog.substitutes_for(prefs[0], targets.equipment)
    for exercise in candidates:
        if (
            exercise.slug not in used
            and exercise.category == "strength"
            and exercise.doable_with(targets.equipment)
            and _level_ok(exercise, targets.level)
        ):
            return exercise
    return None


def _level_ok(exercise: Exercise, level: PlyometricLevel) -> bool:
    return _LEVEL_RANK[exercise.level or "beginner"] <= _LEVEL_RANK[level]
