"""Use cases around one exercise: its history and records, and logging a session that may beat
them, once only when the client sends an idempotency key.

The computations are :mod:`runstrong.science.strength_records`; this module reads the log,
picks the athlete's time zone and says what a record is in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from runstrong.domain.models import Athlete, StrengthSession, StrengthSet
from runstrong.domain.units import kg_to_lb
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.science.strength_records import (
    ExerciseHistory,
    NewRecord,
    SessionEntry,
    exercise_history,
    new_records,
)
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.validation import check_strength_session
from runstrong.store import Store, UnitOfWork
from runstrong.store.retry import run_in_transaction

__all__ = [
    "MAX_IDEMPOTENCY_KEY",
    "LoggedSession",
    "describe_record",
    "exercise_display_name",
    "get_exercise_history",
    "history_document",
    "log_session_with_records",
    "logged_exercises",
    "record_document",
    "records_set_by",
]

#: Longest idempotency key a client may send.
MAX_IDEMPOTENCY_KEY = 80


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """A stored session, whether this call stored it (``False`` for a resend) and the records
    it beat when it was stored."""

    session: StrengthSession
    created: bool
    records: tuple[NewRecord, ...]


def exercise_display_name(slug: str) -> str:
    """The library's name for ``slug``; unmatched imports keep their own name."""
    catalog = load_catalog()
    return catalog.get(slug).name if slug in catalog else slug.removeprefix("unknown:")


def describe_record(record: NewRecord, units: str = "metric") -> str:
    """A record in words, in the athlete's unit: ``New 5-rep best: 150 kg leg press``."""
    value = kg_to_lb(record.load_kg) if units == "imperial" else record.load_kg
    unit = "lb" if units == "imperial" else "kg"
    what = "e1RM" if record.reps is None else f"{record.reps}-rep"
    name = exercise_display_name(record.exercise_slug).lower()
    return f"New {what} best: {round(value, 1):g} {unit} {name}"


def record_document(record: NewRecord, units: str = "metric") -> dict[str, Any]:
    """A beaten record as JSON values (kg), with its sentence."""
    return {
        "exercise": record.exercise_slug,
        "kind": "e1rm" if record.reps is None else "rep_max",
        "reps": record.reps,
        "load_kg": round(record.load_kg, 1),
        "previous_kg": round(record.previous_kg, 1),
        "text": describe_record(record, units),
    }


def logged_exercises(store: Store, athlete_id: int) -> list[str]:
    """Slugs of every exercise the athlete has logged, most recently done first."""
    with store.unit_of_work() as uow:
        sessions = uow.strength.list_for_athlete(athlete_id)
    seen: dict[str, None] = {}
    for session in reversed(sessions):
        for item in session.sets:
            seen.setdefault(item.exercise_slug, None)
    return list(seen)


def get_exercise_history(store: Store, athlete_key: AthleteKey, exercise: str) -> ExerciseHistory:
    """The athlete's history of one exercise (a slug, or a library name or alias).

    An exercise of the library never logged gives an empty history; anything else unknown is
    :class:`NotFound`.
    """
    slug = _slug(exercise)
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        sessions = uow.strength.list_for_athlete(athlete.id)
    history = exercise_history(sessions, slug, ZoneInfo(athlete.timezone))
    if not history.sessions and slug not in load_catalog():
        raise NotFound(f"no exercise {exercise!r} in the library or the log")
    return history


def _slug(exercise: str) -> str:
    text = exercise.strip()
    if not text:
        raise ValidationError("name an exercise, e.g. leg-press")
    catalog = load_catalog()
    found = catalog.match(text)
    return found.slug if found is not None else text


def records_set_by(store: Store, athlete_id: int, session_id: int) -> tuple[NewRecord, ...]:
    """The records session ``session_id`` beat against the sessions before it."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_id)
        sessions = uow.strength.list_for_athlete(athlete_id)
    found = [s for s in sessions if s.id == session_id]
    if not found:
        raise NotFound(f"no strength session {session_id}")
    session = found[0]
    key = (session.started_at, session_id)
    earlier = [s for s in sessions if (s.started_at, s.id or 0) < key]
    return new_records(earlier, session, ZoneInfo(athlete.timezone))


def log_session_with_records(
    store: Store,
    athlete_name: AthleteKey,
    session: StrengthSession,
    *,
    idempotency_key: str | None = None,
) -> LoggedSession:
    """Validate and store one session, saying which records it beat.

    With an ``idempotency_key`` (a client's id for the session, e.g. a UUID made when it was
    started offline) a second call with the same key stores nothing and returns the session
    stored the first time, with ``created`` false: a phone that resends after a lost answer
    does not log the session twice.
    """
    if idempotency_key is not None:
        idempotency_key = idempotency_key.strip()
        if not 1 <= len(idempotency_key) <= MAX_IDEMPOTENCY_KEY or not (
            idempotency_key.isprintable() and idempotency_key.isascii()
        ):
            raise ValidationError(
                f"the Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} printable ASCII characters"
            )
    check_strength_session(session)

    def add(uow: UnitOfWork) -> LoggedSession:
        athlete: Athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        if idempotency_key is not None:
            stored = uow.strength.by_idempotency_key(athlete.id, idempotency_key)
            if stored is not None:
                return LoggedSession(stored, created=False, records=())
        earlier = uow.strength.list_for_athlete(athlete.id)
        before = [s for s in earlier if s.started_at <= session.started_at]
        stored = uow.strength.add(athlete.id, session, idempotency_key=idempotency_key)
        records = new_records(before, stored, ZoneInfo(athlete.timezone))
        return LoggedSession(stored, created=True, records=records)

    # a concurrent resend with the same key loses on the unique key; run again, it finds it
    return run_in_transaction(store, add, retry_integrity=idempotency_key is not None)


def history_document(history: ExerciseHistory) -> dict[str, Any]:
    """The history as plain JSON values (kg, seconds, ISO dates): what ``runstrong lifts
    --json`` prints and the API answers."""

    def one_set(item: StrengthSet) -> dict[str, Any]:
        return {
            "reps": item.reps,
            "load_kg": item.load_kg,
            "rpe": item.rpe,
            "side": item.side,
            "warmup": item.warmup,
            "duration_s": item.duration_s,
        }

    def session(entry: SessionEntry) -> dict[str, Any]:
        return {
            "id": entry.session_id,
            "date": entry.day.isoformat(),
            "volume_kg": round(entry.volume_kg, 3),
            "top_load_kg": entry.top_load_kg,
            "e1rm_kg": None if entry.e1rm_kg is None else round(entry.e1rm_kg, 1),
            "longest_hold_s": entry.longest_hold_s,
            "sets": [one_set(item) for item in entry.sets],
        }

    return {
        "exercise": history.exercise_slug,
        "exercise_name": exercise_display_name(history.exercise_slug),
        "records": [
            {"reps": r.reps, "load_kg": r.load_kg, "date": r.day.isoformat()}
            for r in history.records
        ],
        "e1rm": [
            {"date": e.day.isoformat(), "e1rm_kg": round(e.e1rm_kg or 0.0, 1)}
            for e in history.e1rm_trend
        ],
        "best_volume": None if history.best_volume is None else session(history.best_volume),
        "weekly_hard_sets": [
            {"week_start": w.week_start.isoformat(), "hard_sets": w.hard_sets}
            for w in history.weekly_hard_sets
        ],
        "sides": [
            {
                "date": p.day.isoformat(),
                "left_e1rm_kg": round(p.left_e1rm_kg, 1),
                "right_e1rm_kg": round(p.right_e1rm_kg, 1),
                "asymmetry_percent": round(p.asymmetry_percent, 1),
            }
            for p in history.sides
        ],
        "sessions": [session(entry) for entry in history.sessions],
    }
