"""Strength sessions changed to fit their week: lightened below the heavy line (a key run follows
within 48 h, rules C1 and S2/S3), or without their jumps (rule C3), and which sessions count as
lower-body load under rule C3.
"""

from __future__ import annotations

from dataclasses import replace

from runstrong.domain.plan import PlannedSession
from runstrong.library import Catalog
from runstrong.planning.strength_load import (
    StrengthTargets,
    StrengthWorkout,
    heavy_set,
    is_lower_body,
    load_au,
    prescribe_lift,
)

__all__ = ["lighten", "lighten_session", "lower_body_load", "without_jumps"]


def lighten(
    workout: StrengthWorkout,
    targets: StrengthTargets,
    note: str = "lightened: a key run follows within 48 h",
) -> StrengthWorkout:
    """The same session below the heavy line (at least 6 reps, RPE ≤ 7: about 76 % of 1RM),
    for weeks where a key run follows within 48 hours.

    >>> from runstrong.library import load_catalog
    >>> from runstrong.planning.strength import prescribe_strength
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
        if is_lower_body(exercise) and heavy_set(item, targets):
            lighter = prescribe_lift(
                targets, exercise, item.sets, max(item.reps, 6), min(item.target_rpe or 7.0, 7.0)
            )
            instead = (item.note or "").split(";")[0]
            kept = f"{instead}; {note}" if instead.startswith("instead of") else note
            item = replace(lighter, note=kept)
        exercises.append(item)
    load = load_au(exercises, targets, heavy=False)
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
