"""Use case: a short, readable summary of an athlete's log (what the demo prints at the end)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from runstrong.domain.models import Activity, Athlete, StrengthSession
from runstrong.domain.units import RACE_DISTANCES_M
from runstrong.science import equivalent_time_s, set_one_rep_max, vdot
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.store import Store

__all__ = ["AthleteSummary", "RaceResult", "summarise_athlete"]

LEG_PRESS = "leg-press"
_PREDICTED_RACES = ("5k", "10k", "half", "marathon")
_TREND_WINDOW = timedelta(weeks=8)
_RECENT_WINDOW = timedelta(days=28)


@dataclass(frozen=True, slots=True)
class RaceResult:
    day: date
    distance_m: float
    time_s: float
    vdot: float


@dataclass(frozen=True, slots=True)
class AthleteSummary:
    athlete: Athlete
    first_day: date | None
    last_day: date | None
    runs: int
    run_distance_m: float
    run_time_s: float
    other_activities: int
    strength_sessions: int
    strength_sets: int
    last_28_days_run_distance_m: float
    last_28_days_strength_sessions: int
    leg_press_e1rm_start_kg: float | None
    leg_press_e1rm_recent_kg: float | None
    latest_race: RaceResult | None
    predicted_times_s: dict[str, float] = field(default_factory=dict)


def _best_leg_press_e1rm(sessions: list[StrengthSession]) -> float | None:
    best = [
        set_one_rep_max(item.load_kg, item.reps, item.rpe)
        for session in sessions
        for item in session.sets
        if item.exercise_slug == LEG_PRESS and item.load_kg > 0 and item.reps <= 12
        if item.estimates_strength
    ]
    return max(best) if best else None


def _latest_race(runs: list[Activity], zone: ZoneInfo) -> RaceResult | None:
    races = [run for run in runs if run.session_type == "race" and run.distance_m]
    for race in reversed(races):
        assert race.distance_m is not None
        try:
            value = vdot(race.distance_m, race.moving_time_s)
        except ValueError:
            continue
        day = race.started_at.astimezone(zone).date()
        return RaceResult(day, race.distance_m, race.moving_time_s, value)
    return None


def summarise_athlete(store: Store, athlete_name: AthleteKey) -> AthleteSummary:
    """Totals, the last 28 days, the leg press e1RM trend and the latest race of one athlete.

    Days are the athlete's local days. The e1RM trend compares the best leg press set (RPE-aware,
    see :func:`runstrong.science.set_one_rep_max`) of the first and the last 8 weeks of the log.
    """
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_name)
        assert athlete.id is not None
        activities = uow.activities.list_for_athlete(athlete.id)
        strength = uow.strength.list_for_athlete(athlete.id)
    zone = ZoneInfo(athlete.timezone)

    def local_day(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    runs = [a for a in activities if a.is_run]
    days = [local_day(a.started_at) for a in activities] + [
        local_day(s.started_at) for s in strength
    ]
    first, last = (min(days), max(days)) if days else (None, None)
    recent_runs: list[Activity] = []
    recent_lifts: list[StrengthSession] = []
    start_lifts: list[StrengthSession] = []
    end_lifts: list[StrengthSession] = []
    if first is not None and last is not None:
        recent_runs = [r for r in runs if local_day(r.started_at) > last - _RECENT_WINDOW]
        recent_lifts = [s for s in strength if local_day(s.started_at) > last - _RECENT_WINDOW]
        start_lifts = [s for s in strength if local_day(s.started_at) < first + _TREND_WINDOW]
        end_lifts = [s for s in strength if local_day(s.started_at) > last - _TREND_WINDOW]
    race = _latest_race(runs, zone)
    predictions = (
        {name: equivalent_time_s(race.vdot, RACE_DISTANCES_M[name]) for name in _PREDICTED_RACES}
        if race
        else {}
    )
    return AthleteSummary(
        athlete=athlete,
        first_day=first,
        last_day=last,
        runs=len(runs),
        run_distance_m=sum(r.distance_m or 0.0 for r in runs),
        run_time_s=sum(r.moving_time_s for r in runs),
        other_activities=len(activities) - len(runs),
        strength_sessions=len(strength),
        strength_sets=sum(len(s.sets) for s in strength),
        last_28_days_run_distance_m=sum(r.distance_m or 0.0 for r in recent_runs),
        last_28_days_strength_sessions=len(recent_lifts),
        leg_press_e1rm_start_kg=_best_leg_press_e1rm(start_lifts),
        leg_press_e1rm_recent_kg=_best_leg_press_e1rm(end_lifts),
        latest_race=race,
        predicted_times_s=predictions,
    )
