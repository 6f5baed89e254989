"""One exercise's history and records from an athlete's strength log.

Pure functions over :class:`~runstrong.domain.models.StrengthSession` values: no store, no
clock. Dates are local days, given by the caller's time zone.

Definitions (coaching practice, as in Strong and Hevy; grade **expert opinion**):

* **Working set**: a set of repetitions that is not a warm-up
  (:attr:`StrengthSet.estimates_strength`). Warm-ups and timed holds never make an e1RM or a
  record.
* **Rep-max record at r reps** (``1 <= r <= 12``): the heaviest load lifted in a working set of
  *at least* ``r`` repetitions (150 kg × 6 also proves 150 kg for 5), with the day it was first
  lifted.
* **Session e1RM**: the best :func:`runstrong.science.set_one_rep_max` of the session's working
  sets (the RPE chart of Tuchscherer 2008 where the set has an RPE, Epley 1985 otherwise).
* **Volume**: reps × load summed over working sets, kg.
* **Hard sets**: working sets the muscle-volume rule counts as hard
  (:func:`runstrong.science.muscle_volume.hard_set_mask`), per ISO week.
* **Asymmetry** (single-leg work): per session, the best e1RM of each side and
  :func:`runstrong.science.asymmetry_percent` between them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

import numpy as np

from runstrong.domain.models import StrengthSession, StrengthSet
from runstrong.science.muscle_volume import SetTable, hard_set_mask, with_reference_e1rm
from runstrong.science.strength import asymmetry_percent, one_rep_max_per_set

__all__ = [
    "RECORD_REPS",
    "ExerciseHistory",
    "NewRecord",
    "RepRecord",
    "SessionEntry",
    "SidePair",
    "WeekHardSets",
    "best_e1rm_kg",
    "exercise_history",
    "new_records",
    "rep_records",
]

#: Rep counts that have a rep-max record.
RECORD_REPS: range = range(1, 13)


@dataclass(frozen=True, slots=True)
class SessionEntry:
    """One session's sets of the exercise, with what they add up to."""

    session_id: int | None
    day: date
    sets: tuple[StrengthSet, ...]
    volume_kg: float
    top_load_kg: float
    e1rm_kg: float | None
    longest_hold_s: float | None


@dataclass(frozen=True, slots=True)
class RepRecord:
    """The heaviest load lifted for at least ``reps`` repetitions, and when."""

    reps: int
    load_kg: float
    day: date
    session_id: int | None


@dataclass(frozen=True, slots=True)
class WeekHardSets:
    week_start: date
    hard_sets: int


@dataclass(frozen=True, slots=True)
class SidePair:
    """Best e1RM of each side in one session of single-leg work."""

    day: date
    session_id: int | None
    left_e1rm_kg: float
    right_e1rm_kg: float
    asymmetry_percent: float


@dataclass(frozen=True, slots=True)
class ExerciseHistory:
    """Everything the exercise page, the CLI and the API show about one exercise."""

    exercise_slug: str
    sessions: tuple[SessionEntry, ...]
    records: tuple[RepRecord, ...]
    best_e1rm: SessionEntry | None
    best_volume: SessionEntry | None
    weekly_hard_sets: tuple[WeekHardSets, ...]
    sides: tuple[SidePair, ...]

    @property
    def e1rm_trend(self) -> tuple[SessionEntry, ...]:
        """The sessions that have an e1RM, oldest first."""
        return tuple(entry for entry in self.sessions if entry.e1rm_kg is not None)


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record a session beat: a rep max (``reps`` set) or the e1RM (``reps`` is ``None``)."""

    exercise_slug: str
    reps: int | None
    load_kg: float
    previous_kg: float


def _e1rm_per_set(sets: Sequence[StrengthSet]) -> np.ndarray:
    """e1RM of each set; ``nan`` for warm-ups, holds and sets that allow no estimate."""
    if not sets:
        return np.zeros(0)
    estimate = one_rep_max_per_set(
        [item.load_kg for item in sets],
        [item.reps for item in sets],
        [math.nan if item.rpe is None else item.rpe for item in sets],
    )
    working = np.fromiter((item.estimates_strength for item in sets), np.bool_, len(sets))
    return np.where(working, estimate, np.nan)


def _best(values: np.ndarray) -> float | None:
    finite = values[~np.isnan(values)]
    return float(finite.max()) if finite.size else None


def _entry(session: StrengthSession, slug: str, zone: tzinfo) -> SessionEntry | None:
    sets = tuple(item for item in session.sets if item.exercise_slug == slug)
    if not sets:
        return None
    working = [item for item in sets if item.estimates_strength]
    holds = [item.duration_s for item in sets if item.duration_s is not None and not item.warmup]
    return SessionEntry(
        session_id=session.id,
        day=session.started_at.astimezone(zone).date(),
        sets=sets,
        volume_kg=sum(item.reps * item.load_kg for item in working),
        top_load_kg=max((item.load_kg for item in working), default=0.0),
        e1rm_kg=_best(_e1rm_per_set(sets)),
        longest_hold_s=max(holds) if holds else None,
    )


def rep_records(entries: Sequence[SessionEntry]) -> tuple[RepRecord, ...]:
    """Rep-max records at 1 to 12 reps over ``entries`` (oldest first); rep counts never done
    with a load are left out. A tie keeps the earlier day.

    >>> from datetime import UTC, datetime
    >>> sets = (StrengthSet("leg-press", 6, 150.0), StrengthSet("leg-press", 3, 160.0))
    >>> entry = _entry(StrengthSession(datetime(2026, 1, 5, tzinfo=UTC), sets), "leg-press", UTC)
    >>> [(r.reps, r.load_kg) for r in rep_records([entry])][:4]
    [(1, 160.0), (2, 160.0), (3, 160.0), (4, 150.0)]
    """
    best: dict[int, RepRecord] = {}
    for entry in entries:
        for item in entry.sets:
            if not item.estimates_strength or item.load_kg <= 0:
                continue
            for reps in range(1, min(item.reps, RECORD_REPS.stop - 1) + 1):
                held = best.get(reps)
                if held is None or item.load_kg > held.load_kg:
                    best[reps] = RepRecord(reps, item.load_kg, entry.day, entry.session_id)
    return tuple(best[reps] for reps in sorted(best))


def _weekly_hard_sets(entries: Sequence[SessionEntry], slug: str) -> tuple[WeekHardSets, ...]:
    rows = [(entry.day, item) for entry in entries for item in entry.sets if not item.warmup]
    if not rows:
        return ()
    first = rows[0][0]
    table = SetTable.from_columns(
        day_index=[(day - first).days for day, _ in rows],
        exercise_slug=[slug] * len(rows),
        reps=[item.reps for _, item in rows],
        load_kg=[item.load_kg for _, item in rows],
        rpe=[item.rpe for _, item in rows],
        side=[item.side for _, item in rows],
    )
    hard = hard_set_mask(with_reference_e1rm(table))
    weeks = np.array([(day - timedelta(days=day.weekday())).toordinal() for day, _ in rows])
    starts, counts = np.unique(weeks[hard], return_counts=True)
    return tuple(
        WeekHardSets(date.fromordinal(int(start)), int(count))
        for start, count in zip(starts.tolist(), counts.tolist(), strict=True)
    )


def _sides(entries: Sequence[SessionEntry]) -> tuple[SidePair, ...]:
    pairs = []
    for entry in entries:
        estimates = _e1rm_per_set(entry.sets)
        best = {
            side: _best(estimates[[item.side == side for item in entry.sets]])
            for side in ("left", "right")
        }
        left, right = best["left"], best["right"]
        if left is not None and right is not None:
            pairs.append(
                SidePair(entry.day, entry.session_id, left, right, asymmetry_percent(left, right))
            )
    return tuple(pairs)


def _entries(
    sessions: Sequence[StrengthSession], exercise_slug: str, zone: tzinfo
) -> tuple[SessionEntry, ...]:
    ordered = sorted(sessions, key=lambda s: (s.started_at, s.id or 0))
    return tuple(
        entry for session in ordered if (entry := _entry(session, exercise_slug, zone)) is not None
    )


def best_e1rm_kg(sessions: Sequence[StrengthSession], exercise_slug: str) -> float | None:
    """The best e1RM (kg) of ``exercise_slug`` over ``sessions``, or ``None``.

    >>> from datetime import UTC, datetime
    >>> log = [StrengthSession(datetime(2026, 1, 5, tzinfo=UTC),
    ...     (StrengthSet("leg-press", 10, 100.0),))]
    >>> round(best_e1rm_kg(log, "leg-press"), 1)
    133.3
    """
    sets = [s for session in sessions for s in session.sets if s.exercise_slug == exercise_slug]
    return _best(_e1rm_per_set(sets))


def exercise_history(
    sessions: Sequence[StrengthSession], exercise_slug: str, zone: tzinfo
) -> ExerciseHistory:
    """The history of ``exercise_slug`` in ``sessions`` (any order), days read in ``zone``.

    >>> from datetime import UTC, datetime
    >>> log = [StrengthSession(datetime(2026, 1, 5, tzinfo=UTC), (
    ...     StrengthSet("leg-press", 10, 60.0, warmup=True),
    ...     StrengthSet("leg-press", 5, 150.0, 8.0)))]
    >>> history = exercise_history(log, "leg-press", UTC)
    >>> history.sessions[0].volume_kg, round(history.sessions[0].e1rm_kg, 1)
    (750.0, 185.0)
    """
    entries = _entries(sessions, exercise_slug, zone)
    with_e1rm = [entry for entry in entries if entry.e1rm_kg is not None]
    with_volume = [entry for entry in entries if entry.volume_kg > 0]
    return ExerciseHistory(
        exercise_slug=exercise_slug,
        sessions=entries,
        records=rep_records(entries),
        best_e1rm=max(with_e1rm, key=lambda e: e.e1rm_kg or 0.0) if with_e1rm else None,
        best_volume=max(with_volume, key=lambda e: e.volume_kg) if with_volume else None,
        weekly_hard_sets=_weekly_hard_sets(entries, exercise_slug),
        sides=_sides(entries),
    )


def new_records(
    earlier: Sequence[StrengthSession], session: StrengthSession, zone: tzinfo
) -> tuple[NewRecord, ...]:
    """The records ``session`` beats, against the ``earlier`` sessions.

    Only records that existed are beaten: the first session of an exercise sets its records
    without announcing them, and a rep count is announced only where an earlier working set
    had at least that many reps. Per exercise, each rep count of the session's working sets
    (up to 12) whose heaviest load beats the rep max, then the session e1RM if it beats the
    best earlier one.

    >>> from datetime import UTC, datetime
    >>> before = [StrengthSession(datetime(2026, 1, 5, tzinfo=UTC),
    ...     (StrengthSet("leg-press", 5, 140.0),))]
    >>> now = StrengthSession(datetime(2026, 1, 8, tzinfo=UTC),
    ...     (StrengthSet("leg-press", 5, 150.0),))
    >>> [(r.reps, r.load_kg, r.previous_kg) for r in new_records(before, now, UTC)]
    [(5, 150.0, 140.0), (None, 175.0, 163.33333333333334)]
    """
    found: list[NewRecord] = []
    for slug in dict.fromkeys(item.exercise_slug for item in session.sets):
        records = rep_records(_entries(earlier, slug, zone))
        entry = _entry(session, slug, zone)
        if entry is None or not records:
            continue
        held = {record.reps: record.load_kg for record in records}
        heaviest: dict[int, float] = {}
        for item in entry.sets:
            if item.estimates_strength and item.load_kg > 0 and item.reps in RECORD_REPS:
                heaviest[item.reps] = max(heaviest.get(item.reps, 0.0), item.load_kg)
        for reps in sorted(heaviest):
            if reps in held and heaviest[reps] > held[reps]:
                found.append(NewRecord(slug, reps, heaviest[reps], held[reps]))
        best = best_e1rm_kg(earlier, slug)
        if best is not None and entry.e1rm_kg is not None and entry.e1rm_kg > best:
            found.append(NewRecord(slug, None, entry.e1rm_kg, best))
    return tuple(found)
