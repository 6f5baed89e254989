"""The strength form's data: what to prefill it with (the last session, the last loads of every
exercise), and reading its rows into sets.

A runner logging on a phone between sets should only have to change what changed: the form
starts from the last session's exercises and loads, and a new row copies the row above.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from runstrong.domain.models import SIDES, Side, StrengthSession, StrengthSet
from runstrong.errors import NotFound, ValidationError
from runstrong.library import Exercise, load_catalog
from runstrong.store import Store
from runstrong.store import history_queries as queries

__all__ = [
    "LastLoads",
    "SetEntry",
    "StrengthPrefill",
    "find_exercise",
    "last_strength_session",
    "sets_from_entries",
    "strength_prefill",
]


@dataclass(frozen=True, slots=True)
class LastLoads:
    """The sets of one exercise in the latest session that had it."""

    exercise_slug: str
    session_id: int
    started_at: datetime
    sets: tuple[StrengthSet, ...]

    @property
    def top_load_kg(self) -> float:
        return max(item.load_kg for item in self.sets)


@dataclass(frozen=True, slots=True)
class StrengthPrefill:
    """Everything the strength form is prefilled from."""

    last_session: StrengthSession | None
    last_loads: Mapping[str, LastLoads]


def last_strength_session(store: Store, athlete_id: int) -> StrengthSession | None:
    """The athlete's most recent strength session, or ``None`` before the first."""
    with store.unit_of_work() as uow:
        return queries.last_strength_session(uow.session, athlete_id)


def strength_prefill(store: Store, athlete_id: int) -> StrengthPrefill:
    """The last session and, for every exercise ever logged, its sets from the last time."""
    with store.unit_of_work() as uow:
        last = queries.last_strength_session(uow.session, athlete_id)
        by_exercise = queries.last_sets_by_exercise(uow.session, athlete_id)
    loads = {
        slug: LastLoads(slug, session_id, started_at, sets)
        for slug, (session_id, started_at, sets) in sorted(by_exercise.items())
    }
    return StrengthPrefill(last, loads)


@dataclass(frozen=True, slots=True)
class SetEntry:
    """One row of the strength form or the API body, before checking: ``exercise`` may be the
    slug, the name or an alias (as other apps spell it); ``load_kg`` is already in kilograms."""

    exercise: str
    reps: int
    load_kg: float
    rpe: float | None = None
    side: str = "both"
    warmup: bool = False
    duration_s: float | None = None


def find_exercise(name: str) -> Exercise:
    """The library exercise a slug, name or alias refers to; :class:`ValidationError` (bad
    input, not a missing page) with the closest slugs otherwise."""
    catalog = load_catalog()
    text = name.strip()
    if not text:
        raise ValidationError("choose an exercise for every set")
    found = catalog.match(text)
    if found is not None:
        return found
    try:
        return catalog.get(text)
    except NotFound as exc:
        raise ValidationError(f"{exc} See /exercises for the library.") from None


def sets_from_entries(entries: Sequence[SetEntry]) -> tuple[StrengthSet, ...]:
    """Check form or API rows and turn them into sets, in order.

    Only library exercises are accepted here (imports keep unknown ones as ``unknown:...``);
    a side other than ``both`` is for single-leg exercises only. Messages name the set.
    """
    if not entries:
        raise ValidationError("a strength session needs at least one set")
    sets: list[StrengthSet] = []
    for number, entry in enumerate(entries, 1):
        try:
            sets.append(_one_set(entry))
        except ValidationError as exc:
            raise ValidationError(f"set {number}: {exc}") from None
    return tuple(sets)


def _one_set(entry: SetEntry) -> StrengthSet:
    exercise = find_exercise(entry.exercise)
    if entry.side not in SIDES:
        raise ValidationError(f"unknown side {entry.side!r}: use one of {', '.join(SIDES)}")
    side: Side = entry.side  # type: ignore[assignment]
    if side != "both" and not exercise.unilateral:
        raise ValidationError(f"{exercise.name} is done with both legs: use side 'both'")
    if entry.reps < 1:
        raise ValidationError(f"reps must be at least 1, got {entry.reps}")
    if entry.reps > 1000:
        raise ValidationError(f"reps must be at most 1000, got {entry.reps}")
    return StrengthSet(
        exercise_slug=exercise.slug,
        reps=entry.reps,
        load_kg=entry.load_kg,
        rpe=entry.rpe,
        side=side,
        warmup=entry.warmup,
        duration_s=entry.duration_s,
    )
