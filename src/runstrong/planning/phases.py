"""Periodization: the weeks from today to race day, each with a phase, a deload flag and a volume.

Weeks are counted back from the race, so the last week ends on race day and is the race week;
the first week starts today and may be shorter than seven days. Phases run base (general
preparation) → build (specific) → peak → taper (Daniels' Running Formula's four phases; Bompa's
general/specific preparation). Deloads come every third or fourth week outside peak and taper
(expert opinion). Weekly volume rises by ``volume_rise`` per loading week up to
``peak_volume_ratio``, holds in the peak, drops to ``deload_factor`` in deloads, and falls over
the taper: to 65 % then 40 % over two weeks, on average 47.5 % below the peak, 50 % in a one-week
taper (Bosquet et al. 2007: 41-60 % volume reduction over 8-14 days; **moderate**; rule T1).
Plans too short for a two-week taper record that rule T1 gave way (:class:`RuleBend`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import AthleteBaseline, PlanPhase, PlanWeek, RuleBend
from runstrong.planning.config import PlanningConfig
from runstrong.planning.events import taper_weeks

__all__ = ["WeekOutline", "deload_interval", "outline_weeks"]

_TAPER_FRACTIONS: Final[dict[int, tuple[float, ...]]] = {
    1: (0.6,),
    2: (0.65, 0.4),
}


@dataclass(frozen=True, slots=True)
class WeekOutline:
    """One week of the plan before any session is chosen.

    Attributes
    ----------
    week : PlanWeek
        Index, first day, phase and deload flag, as stored with the plan.
    days : tuple of date
        The week's days inside the plan (today to race day); seven except maybe the first week.
    volume_factor : float
        Weekly running volume relative to the first week.
    progress : float
        0 in the first week, 1 in the last week before the taper: how far progressions such as
        plyometric foot contacts have come.
    race_week : bool
        The last week, ending on race day.
    """

    week: PlanWeek
    days: tuple[date, ...]
    volume_factor: float
    progress: float
    race_week: bool

    @property
    def full(self) -> bool:
        """Whether the week has all seven days inside the plan."""
        return len(self.days) == 7


def deload_interval(baseline: AthleteBaseline, config: PlanningConfig) -> int:
    """Every how many weeks a deload comes: the configured value, else 3 for athletes who run
    fewer than three times a week and 4 for the rest (expert opinion).

    >>> deload_interval(AthleteBaseline(weekly_runs=5), PlanningConfig())
    4
    """
    if config.deload_every is not None:
        return config.deload_every
    return 3 if baseline.weekly_runs < 3 else 4


def outline_weeks(
    start_date: date,
    race_date: date,
    race_distance_m: float,
    *,
    deload_every: int = 4,
    config: PlanningConfig | None = None,
) -> tuple[WeekOutline, ...]:
    """Split the days from ``start_date`` to ``race_date`` into weeks with phases and volumes.

    Parameters
    ----------
    start_date, race_date : date
        First day of the plan and race day (``race_date`` after ``start_date``).
    race_distance_m : float
        Race distance, metres; sets the taper length
        (:func:`~runstrong.planning.events.taper_weeks`, at most a third of the plan).
    deload_every : int
        A deload every 3rd or 4th week (counted from the first week), never in peak or taper.
    config : PlanningConfig, optional
        ``volume_rise``, ``deload_factor`` and ``peak_volume_ratio``.

    Examples
    --------
    >>> weeks = outline_weeks(date(2025, 1, 6), date(2025, 3, 30), 42195)
    >>> len(weeks), [w.week.phase for w in weeks][::3]
    (12, ['base', 'base', 'build', 'peak'])
    >>> [w.week.index for w in weeks if w.week.deload]
    [3, 7]
    >>> [round(w.volume_factor, 2) for w in weeks]
    [1.0, 1.08, 1.17, 0.87, 1.26, 1.36, 1.47, 1.1, 1.47, 1.47, 0.96, 0.59]
    """
    chosen = config or PlanningConfig()
    n_weeks = -(-((race_date - start_date).days + 1) // 7)
    phases = _phases(n_weeks, race_distance_m)
    loading_weeks = sum(1 for phase in phases if phase != "taper")
    taper_fractions = _TAPER_FRACTIONS[n_weeks - loading_weeks]
    outlines: list[WeekOutline] = []
    level = 1.0
    deloads = _deloads(phases, deload_every)
    short = len(taper_fractions) < taper_weeks(race_distance_m) and race_distance_m > 3000
    short_taper = (
        RuleBend(
            "T1",
            f"a {n_weeks}-week plan leaves room for a {7 * (n_weeks - loading_weeks)}-day taper "
            "only (8-14 days needs a plan of 6 weeks or more)",
        ),
    )
    for index, phase in enumerate(phases):
        end = race_date - timedelta(days=7 * (n_weeks - 1 - index))
        first = max(start_date, end - timedelta(days=6))
        days = tuple(first + timedelta(days=n) for n in range((end - first).days + 1))
        deload = index in deloads
        if phase == "taper":
            factor = level * taper_fractions[index - loading_weeks]
        elif deload:
            factor = level * chosen.deload_factor
        else:
            if index > 0 and phase != "peak":
                level = min(level * (1 + chosen.volume_rise), chosen.peak_volume_ratio)
            factor = level
        progress = min(1.0, index / max(1, loading_weeks - 1))
        outlines.append(
            WeekOutline(
                week=PlanWeek(
                    index=index,
                    start=first,
                    phase=phase,
                    deload=deload,
                    bends=short_taper if phase == "taper" and short else (),
                ),
                days=days,
                volume_factor=factor,
                progress=progress,
                race_week=index == n_weeks - 1,
            )
        )
    return tuple(outlines)


def _deloads(phases: list[PlanPhase], every: int) -> frozenset[int]:
    """Every ``every``-th week a deload, in base and build only; one that would open the build
    comes in the last base week, one that would fall in the peak in the last build week, so a
    deload never lifts heavier than the week before (S2) and at most four loading weeks run in
    a row (rule V1)."""
    chosen = set()
    for index in range(every - 1, len(phases), every):
        first_of_phase = phases[index] != phases[index - 1]
        if phases[index] in ("base", "build") and first_of_phase and index - 2 not in chosen:
            chosen.add(index - 1)  # a deload ends a phase: the new phase's loads start loading
        elif phases[index] in ("base", "build"):
            chosen.add(index)
        elif phases[index] == "peak":
            builds = [n for n in range(index) if phases[n] in ("base", "build") and n > 0]
            if builds and builds[-1] not in chosen and builds[-1] - 1 not in chosen:
                chosen.add(builds[-1])
    return frozenset(chosen)


def _phases(n_weeks: int, race_distance_m: float) -> list[PlanPhase]:
    taper = min(taper_weeks(race_distance_m), max(1, n_weeks // 3))
    loading = n_weeks - taper
    peak = 2 if loading >= 10 else 1 if loading >= 5 else 0
    base = (loading - peak + 1) // 2
    build = loading - peak - base
    phases: list[PlanPhase] = ["base"] * base
    return phases + ["build"] * build + ["peak"] * peak + ["taper"] * taper
