"""Weekly load limits: the rise cap outside deloads, deloads that drop, a taper whose volume falls.

Training load is the sum of planned session-RPE loads (Foster et al. 2001) without the race;
running volume is the planned running time without the race. Limits, by week (full seven-day
weeks only, since a first week of two days says nothing about progression):

* a loading week's load is at most ``1 + max_weekly_rise`` times the last full loading week's;
* a deload week's load is below it;
* every taper week runs less than the last full loading week before the taper, and no more than
  the taper week before it;
* running volume at most ``V1`` (20 %) above the larger of the two weeks before, and a deload
  week at least 22 % below the week before it (rule V1: 20-30 %; ``data/rules.toml``).

When a week is over a limit its easy runs are shortened, then left out, then its strength
sessions, and only then are key runs turned into short easy runs: key runs keep their size as
long as possible (quality before volume in a reduced week; expert opinion).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Final

from runstrong.domain.plan import PlannedSession, PlanWeek
from runstrong.planning.config import PlanningConfig
from runstrong.planning.rules import rules
from runstrong.planning.runs import (
    RunKind,
    RunTargets,
    easy_instead,
    prescribe_run,
    run_load_au,
)

__all__ = ["LoadLimits", "fit_week", "measure", "rule_volume"]

_MARGIN: Final = 0.995
_TAPER_DROP: Final = 0.97
_MIN_EASY_S: Final = 600.0
_EASY_RPE: Final = 3.0
_DELOAD_MARGIN: Final = 0.02
_TAPER_SHARES: Final = (0.68, 0.45)
_ENDURANCE_FROM_M: Final = 3000.0


def measure(sessions: Sequence[PlannedSession]) -> tuple[float, float]:
    """Training load (AU) and running volume (s) of a week's sessions, the race left out."""
    training = [s for s in sessions if s.run is None or s.run.session_type != "race"]
    volume = sum(s.run.duration_s or 0.0 for s in training if s.run is not None)
    return sum(s.planned_load_au for s in training), volume


class LoadLimits:
    """Running references for the week-to-week limits; feed weeks in order with :meth:`record`."""

    def __init__(self, config: PlanningConfig, race_distance_m: float | None = None) -> None:
        self.config = config
        #: V1 and T1's volume rules are endurance findings: beyond 3000 m only.
        self.endurance = race_distance_m is None or race_distance_m > _ENDURANCE_FROM_M
        self.reference_load: float | None = None
        self.pre_taper_volume_s: float | None = None
        self.last_taper_volume_s: float | None = None
        self.volumes: list[float | None] = []
        self.pre_taper: list[float] = []
        self.pre_runs: list[int] = []
        self.last_taper: float | None = None
        self.taper_weeks = 0

    def caps(self, week: PlanWeek, full: bool) -> tuple[float, float]:
        """Highest load and volume the week may have (``inf`` where nothing limits it)."""
        load_cap = volume_cap = float("inf")
        if full and self.reference_load is not None:
            rise = 0.97 if week.deload else 1 + self.config.max_weekly_rise
            load_cap = self.reference_load * rise * _MARGIN
        if week.phase == "taper" and self.pre_taper_volume_s:
            volume_cap = self.pre_taper_volume_s * _TAPER_DROP
            if self.last_taper_volume_s is not None:
                volume_cap = min(volume_cap, self.last_taper_volume_s)
        return load_cap, volume_cap

    def rule_cap(self, week: PlanWeek, full: bool) -> float:
        """Highest running volume (:func:`rule_volume` units) rules V1 and T1 allow the week:
        20 % over the larger of the two weeks before, a deload 22 % under the week before, the
        first taper week at 68 % and the race week at 45 % of the two weeks before the taper."""
        numbers = rules()
        cap = float("inf")
        if not self.endurance:
            return cap
        known = [v for v in self.volumes[-2:] if v is not None]
        if full and known and week.phase != "taper":
            cap = max(known) * (1 + numbers.v1_rise) * _MARGIN
            month = self.volumes[-4:]
            if len(month) == 4 and all(v is not None for v in month):
                mean = sum(v or 0.0 for v in month) / 4
                cap = min(cap, mean * (1 + numbers.v1_rise_four_weeks) * _MARGIN)
            last = self.volumes[-1]
            if week.deload and last is not None:
                cap = last * (1 - numbers.v1_lighter_cut[0] - _DELOAD_MARGIN)
        pre = self.pre_taper[-numbers.t1_pre_weeks :]
        if week.phase == "taper" and pre:
            share = _TAPER_SHARES[min(self.taper_weeks, len(_TAPER_SHARES) - 1)]
            cap = sum(pre) / len(pre) * share
            if self.last_taper is not None:
                cap = min(cap, self.last_taper * _MARGIN)
        return cap

    def fit(
        self,
        week: PlanWeek,
        full: bool,
        sessions: Sequence[PlannedSession],
        targets: RunTargets,
        changeable: Callable[[PlannedSession], bool] = lambda session: True,
    ) -> tuple[PlannedSession, ...]:
        """:func:`fit_week` within :meth:`caps`, then within :meth:`rule_cap` (measured as the
        rules measure, so by distance when the runs have one)."""
        caps = self.caps(week, full)
        keep = week.phase == "taper"
        fewest = 0
        if keep and self.pre_runs:
            recent = self.pre_runs[-rules().t1_pre_weeks :]
            fewest = math.ceil(rules().t2_frequency * sum(recent) / len(recent) - 1e-9)
        fitted = fit_week(sessions, caps, targets, changeable, min_runs=fewest)
        for _attempt in range(4):
            cap, volume = self.rule_cap(week, full), rule_volume(fitted)
            if volume <= cap or not volume:
                break
            seconds = measure(fitted)[1]
            caps = (caps[0], min(caps[1], seconds * cap / volume * _MARGIN))
            fitted = fit_week(fitted, caps, targets, changeable, min_runs=fewest)
        return fitted

    def record(self, week: PlanWeek, full: bool, sessions: Sequence[PlannedSession]) -> None:
        load, volume = measure(sessions)
        by_rule = rule_volume(sessions)
        self.volumes.append(by_rule if full else None)
        if week.phase == "taper":
            self.last_taper_volume_s = volume
            self.last_taper = by_rule
            self.taper_weeks += 1
        elif full:
            self.pre_taper.append(by_rule)
            self.pre_runs.append(sum(1 for s in sessions if s.kind == "run"))
        if full and not week.deload:
            self.reference_load = load
            if week.phase != "taper":
                self.pre_taper_volume_s = volume


def rule_volume(sessions: Sequence[PlannedSession]) -> float:
    """Planned running of a week as rules V1 and T1 measure it: metres when every run has a
    distance (the athlete's paces are known), else seconds; the race left out."""
    runs = [s.run for s in sessions if s.run is not None and s.run.session_type != "race"]
    if runs and all(run.distance_m for run in runs):
        return sum(run.distance_m or 0.0 for run in runs)
    return sum(run.duration_s or 0.0 for run in runs)


def fit_week(
    sessions: Sequence[PlannedSession],
    caps: tuple[float, float],
    targets: RunTargets,
    changeable: Callable[[PlannedSession], bool] = lambda session: True,
    *,
    min_runs: int = 0,
    keep_keys: bool = False,
) -> tuple[PlannedSession, ...]:
    """The week within ``caps``: changeable easy runs shortened (to 10 min at least), then
    left out shortest first while more than ``min_runs`` runs remain, then changeable strength
    sessions left out, then key runs made easy unless ``keep_keys`` (taper weeks: rule T2
    keeps 80 % of the runs and the session at race pace)."""
    load_cap, volume_cap = caps
    week = list(sessions)
    if _within(week, caps):
        return tuple(week)
    easy = [n for n, s in enumerate(week) if _easy(s) and changeable(s)]
    for _attempt in range(4):
        load, volume = measure(week)
        easy_load = sum(week[n].planned_load_au for n in easy)
        easy_s = sum(_duration(week[n]) for n in easy)
        if not easy_load or not easy_s:
            break
        factor = min(
            1.0,
            (easy_load - max(0.0, load - load_cap)) / easy_load,
            (easy_s - max(0.0, volume - volume_cap)) / easy_s,
        )
        for n in easy:
            week[n] = _shorten(week[n], max(0.0, factor) * _MARGIN, targets)
        if _within(week, caps):
            return tuple(week)
    extras = sorted(
        (s for s in week if changeable(s) and (_easy(s) or s.kind == "strength")),
        key=lambda s: (s.kind != "run", s.planned_load_au),
    )
    for session in extras:
        if session.kind == "run" and sum(1 for s in week if s.kind == "run") <= min_runs:
            continue
        week.remove(session)
        if _within(week, caps):
            return tuple(week)
    keys = sorted(
        (
            n
            for n, s in enumerate(week)
            if s.key and changeable(s) and not _race(s) and not keep_keys
        ),
        key=lambda n: -week[n].planned_load_au,
    )
    for n in keys:
        load, volume = measure(week)
        session = week[n]
        room_s = min(
            (load_cap - load + session.planned_load_au) / _EASY_RPE * 60,
            volume_cap - volume + _duration(session),
            _duration(session),
        )
        week[n] = _shorten(
            easy_instead(session, targets), room_s * _MARGIN / _duration(session), targets
        )
        if _within(week, caps):
            break
    return tuple(week)


def _race(session: PlannedSession) -> bool:
    return session.run is not None and session.run.session_type == "race"


def _within(week: Sequence[PlannedSession], caps: tuple[float, float]) -> bool:
    load, volume = measure(week)
    return load <= caps[0] and volume <= caps[1]


def _easy(session: PlannedSession) -> bool:
    return session.run is not None and session.run.session_type in ("easy", "strides")


def _duration(session: PlannedSession) -> float:
    return session.run.duration_s or 0.0 if session.run is not None else 0.0


def _shorten(session: PlannedSession, factor: float, targets: RunTargets) -> PlannedSession:
    run = session.run
    if run is None:
        return session
    kind: RunKind = "easy"
    if run.session_type == "strides":
        kind = "easy_strides"
    elif session.title.startswith("Extensive tempo"):
        kind = "extensive_tempo"
    shorter = prescribe_run(kind, 0.0, targets, max(_MIN_EASY_S, _duration(session) * factor))
    return replace(session, run=shorter, planned_load_au=run_load_au(shorter))
