"""Use cases around best efforts: found at import, kept current, ranked per athlete.

Best efforts of a run are found while its file is decoded (see ``services.imports``) and stored
with it; runs stored before that (or analysed by older code, see :data:`BEST_EFFORTS_VERSION`)
are analysed on first use by :func:`ensure_best_efforts`, a few dozen at a time. Reading them
back for the whole athlete is then one query, without touching any samples.

Badges: an effort is the athlete's "personal best" when no run of theirs was faster over that
distance, and "best this year" when none was faster in the same calendar year (the athlete's
local time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from runstrong.domain.models import Activity, Athlete
from runstrong.science.activity import BEST_EFFORT_DISTANCES, best_efforts
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.store import Store, UnitOfWork
from runstrong.store import activity_extras as extras
from runstrong.store.retry import run_in_transaction

__all__ = [
    "BEST_EFFORTS_VERSION",
    "AthleteBests",
    "Badge",
    "RankedEffort",
    "athlete_bests",
    "badges_for",
    "efforts_of",
    "ensure_best_efforts",
    "stored_efforts",
]

#: Raise when the best-effort analysis changes: stored results of older code are recomputed.
BEST_EFFORTS_VERSION = 1
_BATCH = 50
_NAMES = {round(metres, 3): name for name, metres in BEST_EFFORT_DISTANCES.items()}

Badge = Literal["personal best", "best this year"]


@dataclass(frozen=True, slots=True)
class RankedEffort:
    """One best effort of one run, with its run and its badge (``None`` if neither)."""

    name: str
    distance_m: float
    duration_s: float
    start_s: float
    end_s: float
    activity_id: int
    started_at: datetime
    badge: Badge | None = None

    @property
    def pace_s_per_km(self) -> float:
        return self.duration_s / self.distance_m * 1000.0


@dataclass(frozen=True, slots=True)
class AthleteBests:
    """The athlete's fastest effort over each distance, ever and in the current year."""

    athlete: Athlete
    all_time: tuple[RankedEffort, ...]
    this_year: tuple[RankedEffort, ...]
    year: int
    runs_analysed: int


def efforts_of(activity: Activity) -> tuple[extras.Effort, ...] | None:
    """The best efforts of a run with samples, as stored; ``None`` for anything else."""
    if not activity.is_run or activity.samples is None or len(activity.samples) < 2:
        return None
    return tuple(
        (e.distance_m, e.duration_s, e.start_s, e.end_s) for e in best_efforts(activity.samples)
    )


def ensure_best_efforts(store: Store, athlete_id: int) -> int:
    """Analyse the athlete's runs whose best efforts are missing or out of date; returns how
    many were analysed. Each batch is its own short transaction."""
    with store.unit_of_work() as uow:
        pending = extras.runs_needing_best_efforts(uow.session, athlete_id, BEST_EFFORTS_VERSION)
    for first in range(0, len(pending), _BATCH):
        batch = pending[first : first + _BATCH]

        def analyse(uow: UnitOfWork, batch: list[int] = batch) -> None:
            for activity_id in batch:
                activity = uow.activities.get(activity_id, with_samples=True)
                if activity is None:  # deleted meanwhile
                    continue
                found = efforts_of(activity) or ()
                extras.put_best_efforts(uow.session, activity_id, BEST_EFFORTS_VERSION, found)

        run_in_transaction(store, analyse, retry_integrity=True)
    return len(pending)


def stored_efforts(store: Store, athlete_id: int) -> list[RankedEffort]:
    """Every stored best effort of the athlete's runs (after bringing them up to date), each
    with its badge, oldest run first."""
    ensure_best_efforts(store, athlete_id)
    with store.unit_of_work() as uow:
        athlete = uow.athletes.get(athlete_id)
        rows = extras.best_efforts_of_athlete(uow.session, athlete_id)
    zone = ZoneInfo(athlete.timezone if athlete else "UTC")
    flat = [
        RankedEffort(
            _NAMES.get(round(distance, 3), f"{distance:g} m"),
            distance,
            duration,
            start,
            end,
            activity_id,
            started_at,
        )
        for activity_id, started_at, efforts in rows
        for distance, duration, start, end in efforts
    ]
    return _with_badges(flat, zone)


def _with_badges(efforts: list[RankedEffort], zone: ZoneInfo) -> list[RankedEffort]:
    fastest: dict[float, float] = {}
    fastest_in_year: dict[tuple[float, int], float] = {}
    for effort in efforts:
        year = effort.started_at.astimezone(zone).year
        key = (effort.distance_m, year)
        fastest[effort.distance_m] = min(
            fastest.get(effort.distance_m, effort.duration_s), effort.duration_s
        )
        fastest_in_year[key] = min(fastest_in_year.get(key, effort.duration_s), effort.duration_s)
    result = []
    for effort in efforts:
        year = effort.started_at.astimezone(zone).year
        badge: Badge | None = None
        if effort.duration_s <= fastest[effort.distance_m]:
            badge = "personal best"
        elif effort.duration_s <= fastest_in_year[(effort.distance_m, year)]:
            badge = "best this year"
        result.append(
            RankedEffort(
                effort.name,
                effort.distance_m,
                effort.duration_s,
                effort.start_s,
                effort.end_s,
                effort.activity_id,
                effort.started_at,
                badge,
            )
        )
    return result


def badges_for(efforts: list[RankedEffort], activity_id: int) -> list[RankedEffort]:
    """The efforts of one run, shortest distance first."""
    own = [e for e in efforts if e.activity_id == activity_id]
    return sorted(own, key=lambda e: e.distance_m)


def athlete_bests(
    store: Store, athlete_key: AthleteKey, *, now: datetime | None = None
) -> AthleteBests:
    """The athlete's fastest effort over each standard distance, ever and this year."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
    assert athlete.id is not None
    efforts = stored_efforts(store, athlete.id)
    zone = ZoneInfo(athlete.timezone)
    year = (now or datetime.now(zone)).astimezone(zone).year
    all_time: dict[float, RankedEffort] = {}
    this_year: dict[float, RankedEffort] = {}
    for effort in efforts:
        best = all_time.get(effort.distance_m)
        if best is None or effort.duration_s < best.duration_s:
            all_time[effort.distance_m] = effort
        if effort.started_at.astimezone(zone).year == year:
            best = this_year.get(effort.distance_m)
            if best is None or effort.duration_s < best.duration_s:
                this_year[effort.distance_m] = effort
    runs = len({e.activity_id for e in efforts})
    return AthleteBests(
        athlete,
        tuple(all_time[d] for d in sorted(all_time)),
        tuple(this_year[d] for d in sorted(this_year)),
        year,
        runs,
    )
