"""Use cases: list, correct and remove an athlete's runs and strength sessions.

Each change is one transaction that first takes the athlete's lock
(:func:`runstrong.store.retry.lock_athlete`) so an edit and an import for the same athlete run
one after the other and lose nothing, and is run again after a collision
(:func:`runstrong.store.retry.run_in_transaction`). The result is checked with the same rules as
a new log entry before anything is written; the athlete's ``data_version`` is bumped, so every
derived view (status, dashboard, risk signals, plans, evidence) is computed from the new values.

Fields set here are recorded as the athlete's (``edited_fields``): importing the same file
again never overwrites them (the file is recognised and skipped). A removed run or session is
forgotten entirely, so importing its file again imports it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from runstrong.domain.models import Activity, Athlete, StrengthSession, StrengthSet
from runstrong.domain.set_edits import SetChanges, apply_set_changes
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.library.fit_names import is_unidentified
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.validation import check_activity, check_strength_session
from runstrong.store import Store, UnitOfWork
from runstrong.store import history_queries as queries
from runstrong.store.retry import lock_athlete, run_in_transaction

__all__ = [
    "RUN_FIELDS",
    "STRENGTH_FIELDS",
    "SessionKind",
    "SessionLine",
    "delete_activity",
    "delete_strength_session",
    "edit_activity",
    "edit_strength_session",
    "list_sessions",
]

SessionKind = Literal["run", "strength"]

#: Fields of a run the athlete may set (the rest come from the device).
RUN_FIELDS = (
    "started_at", "sport", "session_type", "distance_m", "moving_time_s", "elapsed_time_s",
    "ascent_m", "avg_hr_bpm", "max_hr_bpm", "avg_cadence_spm", "avg_power_w", "rpe", "name",
    "notes", "pain_score", "pain_location",
)  # fmt: skip
#: Fields of a strength session the athlete may set, besides its sets.
STRENGTH_FIELDS = (
    "started_at", "duration_s", "rpe", "machine", "notes", "pain_score", "pain_location",
)  # fmt: skip


def _check_fields(changes: Mapping[str, object], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(
            f"cannot change {', '.join(unknown)}: changeable are {', '.join(allowed)}"
        )


def _athlete(uow: UnitOfWork, athlete_key: AthleteKey) -> Athlete:
    athlete = resolve_athlete(uow, athlete_key)
    assert athlete.id is not None
    lock_athlete(uow, athlete.id)
    return athlete


def _missing(kind: SessionKind, item_id: int, athlete: Athlete) -> NotFound:
    noun = "run" if kind == "run" else "strength session"
    return NotFound(
        f"no {noun} with id {item_id} for {athlete.name} "
        "(see `runstrong sessions` for the ids; it may have been deleted)"
    )


def _with_pain_cleared(changes: dict[str, object]) -> dict[str, object]:
    """A pain score of 0 needs no location; clearing the score clears the location."""
    if "pain_score" in changes and changes["pain_score"] in (None, 0):
        changes.setdefault("pain_location", None)
    return changes


def edit_activity(
    store: Store, athlete_key: AthleteKey, activity_id: int, changes: Mapping[str, object]
) -> Activity:
    """Set ``changes`` (fields of :data:`RUN_FIELDS`) on one of the athlete's runs."""
    _check_fields(changes, RUN_FIELDS)
    if not changes:
        raise ValidationError("nothing to change: give at least one field")
    values = _with_pain_cleared(dict(changes))

    def work(uow: UnitOfWork) -> Activity:
        athlete = _athlete(uow, athlete_key)
        assert athlete.id is not None
        current = queries.activity_of(uow.session, athlete.id, activity_id)
        if current is None:
            raise _missing("run", activity_id, athlete)
        if "moving_time_s" in values and "elapsed_time_s" not in values:
            elapsed = current.elapsed_time_s
            moving = values["moving_time_s"]
            assert isinstance(moving, int | float)
            if elapsed is None or elapsed == current.moving_time_s or elapsed < moving:
                values["elapsed_time_s"] = moving
        updated = replace(current, **values)  # type: ignore[arg-type]
        check_activity(updated)
        stored = uow.edits.update_activity(athlete.id, activity_id, values)
        assert stored is not None
        return stored

    return run_in_transaction(store, work)


def edit_strength_session(
    store: Store,
    athlete_key: AthleteKey,
    session_id: int,
    changes: Mapping[str, object],
    set_changes: SetChanges | None = None,
    *,
    name_unidentified: str | None = None,
) -> StrengthSession:
    """Set ``changes`` (fields of :data:`STRENGTH_FIELDS`) and apply ``set_changes``.

    ``name_unidentified`` (a library slug, name or alias) names every set of the session whose
    exercise the watch did not identify, in one step.
    """
    _check_fields(changes, STRENGTH_FIELDS)
    no_sets = set_changes is None or set_changes.empty
    if not changes and no_sets and name_unidentified is None:
        raise ValidationError("nothing to change: give at least one field or set change")
    values = _with_pain_cleared(dict(changes))
    slug = None if name_unidentified is None else library_slug(name_unidentified)

    def work(uow: UnitOfWork) -> StrengthSession:
        athlete = _athlete(uow, athlete_key)
        assert athlete.id is not None
        current = queries.strength_session_of(uow.session, athlete.id, session_id)
        if current is None:
            raise _missing("strength", session_id, athlete)
        sets = None
        if set_changes is not None and not set_changes.empty:
            sets = apply_set_changes(current.sets, set_changes)
        if slug is not None:
            sets = _named(sets if sets is not None else current.sets, slug, session_id)
        updated = replace(current, **values)  # type: ignore[arg-type]
        if sets is not None:
            updated = replace(updated, sets=sets)
        check_strength_session(updated)
        stored = uow.edits.update_strength_session(athlete.id, session_id, values, sets)
        assert stored is not None
        return stored

    return run_in_transaction(store, work)


def library_slug(name: str) -> str:
    """The library slug of an exercise given by slug, name or alias; NotFound says what is close."""
    catalog = load_catalog()
    matched = catalog.match(name.strip())
    return matched.slug if matched is not None else catalog.get(name.strip()).slug


def _named(sets: tuple[StrengthSet, ...], slug: str, session_id: int) -> tuple[StrengthSet, ...]:
    """The sets with every unidentified exercise named ``slug``."""
    if not any(is_unidentified(item.exercise_slug) for item in sets):
        raise ValidationError(f"strength session {session_id} has no unidentified sets to name")
    return tuple(
        replace(item, exercise_slug=slug) if is_unidentified(item.exercise_slug) else item
        for item in sets
    )


def delete_activity(store: Store, athlete_key: AthleteKey, activity_id: int) -> Activity:
    """Remove one of the athlete's runs with its samples and the comments on it."""

    def work(uow: UnitOfWork) -> Activity:
        athlete = _athlete(uow, athlete_key)
        assert athlete.id is not None
        current = queries.activity_of(uow.session, athlete.id, activity_id)
        if current is None or not uow.edits.delete_activity(athlete.id, activity_id):
            raise _missing("run", activity_id, athlete)
        return current

    return run_in_transaction(store, work)


def delete_strength_session(
    store: Store, athlete_key: AthleteKey, session_id: int
) -> StrengthSession:
    """Remove one of the athlete's strength sessions with its sets and the comments on it."""

    def work(uow: UnitOfWork) -> StrengthSession:
        athlete = _athlete(uow, athlete_key)
        assert athlete.id is not None
        current = queries.strength_session_of(uow.session, athlete.id, session_id)
        if current is None or not uow.edits.delete_strength_session(athlete.id, session_id):
            raise _missing("strength", session_id, athlete)
        return current

    return run_in_transaction(store, work)


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One run or strength session in the list of what can be edited."""

    kind: SessionKind
    activity: Activity | None = None
    strength_session: StrengthSession | None = None

    @property
    def id(self) -> int:
        item = self.activity or self.strength_session
        assert item is not None and item.id is not None
        return item.id

    @property
    def started_at(self) -> datetime:
        item = self.activity or self.strength_session
        assert item is not None
        return item.started_at


def list_sessions(
    store: Store,
    athlete_key: AthleteKey,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    kind: SessionKind | None = None,
) -> tuple[Athlete, list[SessionLine]]:
    """The athlete and their runs and strength sessions from ``start`` to before ``end``,
    newest first."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        lines: list[SessionLine] = []
        if kind in (None, "run"):
            found = uow.activities.list_for_athlete(athlete.id, start, end)
            lines += [SessionLine("run", activity=a) for a in found]
        if kind in (None, "strength"):
            lifts = uow.strength.list_for_athlete(athlete.id, start, end)
            lines += [SessionLine("strength", strength_session=s) for s in lifts]
    lines.sort(key=lambda line: (line.started_at, line.kind, line.id), reverse=True)
    return athlete, lines
