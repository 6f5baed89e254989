"""Strength sessions: leg press first, complements, plyometrics, drills and core, from the library.

Loads come from the athlete's own e1RM and a target RPE through Tuchscherer's RPE chart
(:func:`runstrong.science.load_for_target`); without an e1RM only the RPE is set and the first
session finds the load. What to lift, how many sets, reps and foot contacts by focus and phase is
data: ``data/programs.toml``, with its sources (``docs/science.md`` section 5: heavy or explosive
work 2-3 times a week improves running economy, **strong**, and performance, **moderate**;
sprinters lift heavier and lower-rep with explosive intent, **moderate**; NSCA foot contacts per
session, **expert opinion**). Heavy means a lower-body set at ≥ 80 % of 1RM or RPE ≥ 8, the line
of the 48-hour rule (``docs/science.md`` section 4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from runstrong.domain.models import EventFocus
from runstrong.domain.plan import (
    ExercisePrescription,
    PlannedSession,
    PlanPhase,
    PlyometricLevel,
)
from runstrong.errors import ValidationError
from runstrong.library import Catalog, Exercise
from runstrong.planning._programs import programs, tables
from runstrong.science import load_for_target, percent_one_rep_max

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

LOWER_BODY_MUSCLES: Final = frozenset(
    {"quadriceps", "hamstrings", "glutes", "hip-abductors", "adductors", "hip-flexors", "calves"}
    | {"tibialis"}
)
_LEVEL_RANK: Final = {"beginner": 0, "intermediate": 1, "advanced": 2}
_HEAVY_PERCENT: Final = 80.0
_HEAVY_RPE: Final = 8.0
_BUILD_STEP_AT: Final = 0.7


@dataclass(frozen=True, slots=True)
class StrengthTargets:
    """What strength prescriptions need to know about the athlete."""

    focus: EventFocus
    equipment: frozenset[str]
    e1rm_kg_by_exercise: Mapping[str, float]
    level: PlyometricLevel
    catalog: Catalog
    plate_step_kg: float = 2.5


@dataclass(frozen=True, slots=True)
class StrengthWorkout:
    """One strength session's content, before it has a day."""

    title: str
    exercises: tuple[ExercisePrescription, ...]
    heavy_lower_body: bool
    load_au: float


def prescribe_strength(
    targets: StrengthTargets,
    phase: PlanPhase,
    *,
    deload: bool = False,
    variant: int = 0,
    progress: float = 0.0,
    race_week: bool = False,
) -> StrengthWorkout:
    """A strength session for one phase: leg press (or its substitute), two complements,
    plyometrics and two core exercises (running drills belong to runs: :func:`warmup_drills`).

    ``variant`` picks session A, B or C of the week; ``progress`` (0-1) moves plyometric contacts
    from the low to the high end of the athlete's NSCA range.

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
    main = _main_lift(targets, program.main_lift, sets, reps, rpe, program.main_notes[phase])
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
            exercises.append(_prescribe_lift(targets, exercise, n_sets, reps, slot_rpe))
    contacts = plyometric_contacts(
        targets.level, targets.focus, phase, deload=deload, progress=progress, race_week=race_week
    )
    exercises += _plyometrics(targets, contacts, variant)
    exercises += [
        _core(e) for e in _rotate(targets, program.core[targets.focus], "core", variant, 2)
    ]
    heavy = _heavy(exercises, targets)
    prefix = "Deload: " if deload else ""
    title = f"{prefix}{program.titles[targets.focus][phase]} {'ABC'[variant % 3]}"
    return StrengthWorkout(title, tuple(exercises), heavy, _load_au(exercises, targets, heavy))


def lighten(
    workout: StrengthWorkout,
    targets: StrengthTargets,
    note: str = "lightened: a key run follows within 48 h",
) -> StrengthWorkout:
    """The same session below the heavy line (at least 6 reps, RPE ≤ 7: about 76 % of 1RM),
    for weeks where a key run follows within 48 hours.

    >>> from runstrong.library import load_catalog
    >>> targets = StrengthTargets("sprint", frozenset({"leg-press"}), {}, "beginner",
    ...                           load_catalog())
    >>> light = lighten(prescribe_strength(targets, "build"), targets)
    >>> light.heavy_lower_body, light.exercises[0].reps, light.exercises[0].target_rpe
    (False, 6, 7.0)
    """
    if not workout.heavy_lower_body:
        return workout
    exercises = []
    for item in workout.exercises:
        exercise = targets.catalog.get(item.exercise_slug)
        if _lower_body(exercise) and _heavy_set(item, targets):
            lighter = _prescribe_lift(
                targets, exercise, item.sets, max(item.reps, 6), min(item.target_rpe or 7.0, 7.0)
            )
            instead = (item.note or "").split(";")[0]
            kept = f"{instead}; {note}" if instead.startswith("instead of") else note
            item = replace(lighter, note=kept)
        exercises.append(item)
    load = _load_au(exercises, targets, heavy=False)
    return StrengthWorkout(f"{workout.title} (light)", tuple(exercises), False, load)


def lighten_session(
    session: PlannedSession,
    targets: StrengthTargets,
    note: str = "lightened: a key run follows within 48 h",
) -> PlannedSession:
    """:func:`lighten` for a planned strength session (day, slot and status kept)."""
    workout = StrengthWorkout(
        session.title, session.exercises, session.heavy_lower_body, session.planned_load_au
    )
    light = lighten(workout, targets, note)
    return replace(
        session,
        title=light.title,
        exercises=light.exercises,
        heavy_lower_body=light.heavy_lower_body,
        planned_load_au=light.load_au,
    )


def without_jumps(session: PlannedSession, catalog: Catalog) -> PlannedSession:
    """The session without its plyometrics (a re-plan that has no day 48 h from the lower-body
    sessions around it, rule C3); a lightened session is then no longer lower-body load."""
    kept = tuple(
        item
        for item in session.exercises
        if item.exercise_slug not in catalog
        or catalog.get(item.exercise_slug).category != "plyometric"
    )
    if len(kept) == len(session.exercises):
        return session
    return replace(session, exercises=kept, title=f"{session.title} (no jumps)")


def lower_body_load(session: PlannedSession, catalog: Catalog) -> bool:
    """Whether a session loads the legs under rule C3: heavy lower-body work or plyometrics."""
    if session.kind != "strength":
        return False
    return session.heavy_lower_body or any(
        item.exercise_slug in catalog and catalog.get(item.exercise_slug).category == "plyometric"
        for item in session.exercises
    )


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
        return _prescribe_lift(targets, main, sets, reps, rpe, note)
    for substitute in catalog.substitutes_for(slug, targets.equipment):
        if _level_ok(substitute, targets.level):
            prescription = _prescribe_lift(targets, substitute, sets, reps, rpe)
            return replace(
                prescription, note=f"instead of leg press (no leg-press machine); {note}"
            )
    return None


def _prescribe_lift(
    targets: StrengthTargets,
    exercise: Exercise,
    sets: int,
    reps: int,
    rpe: float,
    note: str | None = None,
) -> ExercisePrescription:
    e1rm = targets.e1rm_kg_by_exercise.get(exercise.slug)
    load = None
    if e1rm is not None and e1rm > 0:
        try:
            load = load_for_target(e1rm, reps, rpe, targets.plate_step_kg)
        except ValidationError:
            load = None
    if load is None:
        in_reserve = f"{10 - rpe:g}"
        first = (
            f"body weight: add load (a backpack) or slow the lowering until only {in_reserve} "
            "more reps would be left"
            if exercise.equipment == ("bodyweight",)
            else f"no e1RM logged: use a load you could lift {in_reserve} more times; this "
            "session finds your starting load"
        )
        note = f"{first}; {note}" if note else first
    return ExercisePrescription(
        exercise.slug,
        sets,
        reps,
        load_kg=load,
        target_rpe=rpe,
        per_side=exercise.unilateral,
        note=note,
    )


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


def _lower_body(exercise: Exercise) -> bool:
    return exercise.category == "strength" and bool(
        LOWER_BODY_MUSCLES.intersection(exercise.primary_muscles)
    )


def _heavy_set(item: ExercisePrescription, targets: StrengthTargets) -> bool:
    rpe = item.target_rpe
    if rpe is not None and rpe >= _HEAVY_RPE:
        return True
    e1rm = targets.e1rm_kg_by_exercise.get(item.exercise_slug)
    if item.load_kg is not None and e1rm:
        return item.load_kg / e1rm * 100 >= _HEAVY_PERCENT
    if rpe is None or item.reps + (10 - rpe) > 12:
        return False
    return percent_one_rep_max(item.reps, rpe) >= _HEAVY_PERCENT


def _heavy(exercises: Sequence[ExercisePrescription], targets: StrengthTargets) -> bool:
    catalog = targets.catalog
    return any(
        _lower_body(catalog.get(item.exercise_slug)) and _heavy_set(item, targets)
        for item in exercises
    )


def _load_au(
    exercises: Sequence[ExercisePrescription], targets: StrengthTargets, heavy: bool
) -> float:
    """Session-RPE × estimated minutes (Foster et al. 2001): 10 min warm-up, then work and rest
    per set by category (3 min rest after heavy sets, 2 min after others)."""
    seconds = 600.0
    for item in exercises:
        category = targets.catalog.get(item.exercise_slug).category
        work = 45.0 * (2 if item.per_side else 1)
        rest = {"strength": 180.0 if heavy else 120.0, "plyometric": 60.0, "drill": 0.0}.get(
            category, 30.0
        )
        seconds += item.sets * (work + rest)
    rpe = (
        7.0 if heavy else 6.0 if any(e.target_rpe and e.target_rpe >= 7 for e in exercises) else 5.0
    )
    return round(rpe * seconds / 60, 1)
