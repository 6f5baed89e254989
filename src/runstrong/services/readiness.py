"""Use case: readiness on a day — the check-in signals, their series, and acting on them.

Reads the athlete's check-ins, strength log and active plan for the 90 days up to the day,
hands plain daily series to :mod:`runstrong.science.risk.readiness`, and applies the runner's
choice (swap the key run with the next easy run, make today's strength lighter, or keep the
plan) through the re-planner (:func:`runstrong.services.plans.replan_plan`), storing it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from runstrong.domain.checkin import SORENESS_REGIONS, Checkin, ReadinessChoice
from runstrong.domain.models import Athlete, StrengthSession
from runstrong.domain.plan import Plan, PlannedSession
from runstrong.errors import NotFound, ValidationError
from runstrong.library import load_catalog
from runstrong.science.risk import RiskThresholds
from runstrong.science.risk.readiness import (
    READINESS_ACTIONS,
    READINESS_KINDS,
    HrvBand,
    KeyRun,
    ReadinessSignal,
    ReadinessThresholds,
    StrengthMark,
    evaluate_readiness,
    hrv_band,
)
from runstrong.services.athletes import AthleteKey, resolve_athlete
from runstrong.services.checkins import athlete_today
from runstrong.services.daily_series import build_daily_inputs
from runstrong.services.plans import replan_plan
from runstrong.store import Store

__all__ = ["Readiness", "choose_action", "compute_readiness", "readiness"]

WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class Readiness:
    """Readiness on ``as_of``: today's signals, the window's check-ins and HRV band (day 0 is
    ``first_day``), the choices made, and the plan sessions a signal may act on."""

    athlete: Athlete
    as_of: date
    first_day: date
    signals: tuple[ReadinessSignal, ...]
    checkins: tuple[Checkin, ...]
    band: HrvBand
    choices: tuple[ReadinessChoice, ...]
    heavy_days: tuple[date, ...]

    def day_of(self, signal: ReadinessSignal) -> date:
        return self.first_day + timedelta(days=signal.day_index)

    @property
    def today(self) -> Checkin | None:
        return next((c for c in self.checkins if c.day == self.as_of), None)

    def choice_for(self, kind: str) -> ReadinessChoice | None:
        return next((c for c in self.choices if c.day == self.as_of and c.kind == kind), None)


def _label(session: PlannedSession) -> str:
    return f"{session.title} ({session.day:%a %d %b})"


def _strength_marks(
    athlete: Athlete, strength: list[StrengthSession], first: date, last: date
) -> tuple[list[StrengthMark], list[date]]:
    """Strength sessions of the window with names, heavy lower body marked (the heavy-legs
    thresholds of the athlete's risk settings: % e1RM or RPE)."""
    inputs = build_daily_inputs(athlete, [], strength, first, last, load_catalog())
    limits = RiskThresholds.defaults().with_overrides(**dict(athlete.risk_thresholds))
    heavy_starts = [
        leg.start_h
        for leg in inputs.risk.leg_sessions
        if (leg.top_percent_e1rm or 0) >= limits.heavy_percent_e1rm
        or (leg.top_rpe or 0) >= limits.heavy_rpe
    ]
    zone = ZoneInfo(athlete.timezone)
    origin = datetime.combine(first, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    marks, days = [], []
    for session in strength:
        start_h = (session.started_at.astimezone(UTC) - origin).total_seconds() / 3600
        day = session.started_at.astimezone(zone).date()
        if start_h < 0 or day > last:
            continue
        heavy = any(abs(start_h - h) < 1e-6 for h in heavy_starts)
        slugs = {s.exercise_slug for s in session.sets}
        what = "leg press" if "leg-press" in slugs else "strength session"
        marks.append(StrengthMark(start_h, f"{what} ({day:%a %d %b})", heavy))
        if heavy:
            days.append(day)
    return marks, days


def compute_readiness(
    athlete: Athlete,
    checkins: Sequence[Checkin],
    strength: list[StrengthSession],
    plan: Plan | None,
    as_of: date,
    choices: Sequence[ReadinessChoice] = (),
    thresholds: ReadinessThresholds | None = None,
) -> Readiness:
    """Readiness from data already in memory (no store access)."""
    first = as_of - timedelta(days=WINDOW_DAYS - 1)
    n_days = WINDOW_DAYS
    rmssd, resting = np.full(n_days, np.nan), np.full(n_days, np.nan)
    soreness = {region: np.full(n_days, np.nan) for region in SORENESS_REGIONS}
    kept = [c for c in checkins if first <= c.day <= as_of]
    for c in kept:
        index = (c.day - first).days
        rmssd[index] = np.nan if c.rmssd_ms is None else c.rmssd_ms
        resting[index] = np.nan if c.resting_hr_bpm is None else c.resting_hr_bpm
        for region, score in c.soreness.items():
            soreness[region][index] = score
    marks, heavy_days = _strength_marks(athlete, strength, first, as_of)
    key_runs = [
        KeyRun((s.day - first).days, _label(s))
        for s in (plan.sessions if plan else ())
        if s.key and s.kind == "run" and s.status != "missed" and first <= s.day
    ]
    signals = evaluate_readiness(n_days, rmssd, resting, soreness, marks, key_runs, thresholds)
    return Readiness(
        athlete=athlete,
        as_of=as_of,
        first_day=first,
        signals=tuple(s for s in signals if s.day_index == n_days - 1),
        checkins=tuple(kept),
        band=hrv_band(rmssd, thresholds),
        choices=tuple(choices),
        heavy_days=tuple(heavy_days),
    )


def readiness(
    store: Store, athlete_key: AthleteKey, as_of: date | None = None, *, today: date | None = None
) -> Readiness:
    """The athlete's readiness on ``as_of`` (default: ``today``, the athlete's today unless
    given)."""
    with store.unit_of_work() as uow:
        athlete = resolve_athlete(uow, athlete_key)
        assert athlete.id is not None
        now = today or athlete_today(athlete)
        day = as_of or now
        if day > now + timedelta(days=1):
            raise ValidationError(f"{day} is in the future: readiness needs a morning")
        first = day - timedelta(days=WINDOW_DAYS)
        checkins = uow.checkins.list_for_athlete(athlete.id, first, day)
        strength = [
            s for s in uow.strength.list_for_athlete(athlete.id) if s.started_at.date() >= first
        ]
        plan = uow.plans.active(athlete.id)
        choices = uow.checkins.choices(athlete.id, first)
    return compute_readiness(athlete, checkins, strength, plan, day, choices)


def _key_run_at_risk(
    plan: Plan, signal: ReadinessSignal, day: date, now: date | None = None
) -> PlannedSession:
    """The key run the signal of ``day`` puts at risk: the one it names, else the first within
    the look-ahead; on an earlier morning (``now`` later than ``day``) it must not be past."""
    lookahead = ReadinessThresholds.defaults().key_run_lookahead_days
    start = max(day, now or day)
    keys = [
        s
        for s in plan.sessions
        if s.key and s.kind == "run" and s.status == "planned" and s.day >= day
    ]
    wanted = signal.labels.get("at_risk")
    if wanted:
        candidates = [s for s in keys if _label(s) == wanted]
    else:
        candidates = [s for s in keys if (s.day - day).days <= lookahead]
    ahead = [s for s in candidates if s.day >= start]
    if ahead:
        return ahead[0]
    if candidates:
        raise ValidationError(
            f"the session at risk, {_label(candidates[-1])}, is already past: act on today's "
            "signals"
        )
    if wanted and start > day:
        raise ValidationError(f"the session at risk, {wanted}, is no longer planned")
    raise ValidationError(f"no key run planned in the {lookahead} days from {day} to swap")


def _next_easy(plan: Plan, key: PlannedSession, day: date) -> PlannedSession:
    week = next((w for w in reversed(plan.weeks) if w.start <= key.day), None)
    start = week.start if week else key.day
    end = start + timedelta(days=6)
    easy = [
        s
        for s in plan.sessions
        if s.kind == "run"
        and not s.key
        and s.status == "planned"
        and day <= s.day <= end
        and s.day != key.day
    ]
    later = [s for s in easy if s.day > key.day]
    if later or easy:
        return (later or easy)[0]
    raise ValidationError(f"no easy run left in the week of {_label(key)} to swap it with")


def _still_ahead(plan: Plan | None, signal: ReadinessSignal, when: date, now: date) -> None:
    """Refuse to act on an earlier morning's signal whose session at risk is past."""
    if plan is None:
        raise ValidationError(f"no plan: the signal of {when} concerns no session any more")
    _key_run_at_risk(plan, signal, when, now)


def choose_action(
    store: Store,
    athlete_key: AthleteKey,
    kind: str,
    action: str,
    *,
    day: date | None = None,
    today: date | None = None,
) -> ReadinessChoice:
    """Apply ``action`` (swap, lighten, keep) for the ``kind`` signal of the morning ``day``
    (default: this morning) through the re-planner, and store the choice (``today``: the
    athlete's today unless given, for tests). An earlier morning's signal is acted on only while
    it still exists and its session at risk is today or later (lighten concerns that morning's
    strength, so only that morning). Nothing changes if the re-planner refuses."""
    if kind not in READINESS_KINDS:
        raise ValidationError(f"unknown signal {kind!r}: use {', '.join(READINESS_KINDS)}")
    if action not in READINESS_ACTIONS:
        raise ValidationError(f"unknown action {action!r}: use {', '.join(READINESS_ACTIONS)}")
    state = readiness(store, athlete_key, day or today, today=today)
    now = today or athlete_today(state.athlete)
    if state.as_of > now:
        raise ValidationError(f"{state.as_of} is in the future: act on a morning that came")
    signal = next((s for s in state.signals if s.kind == kind), None)
    if signal is None:
        raise ValidationError(f"there is no {kind.replace('_', ' ')} signal on {state.as_of}")
    if action not in signal.actions:
        raise ValidationError(f"{signal.title}: choose {', '.join(signal.actions)}")
    athlete, when = state.athlete, state.as_of
    assert athlete.id is not None
    detail: dict[str, str] = {"signal": signal.title}
    if when < now:
        if action == "lighten":
            raise ValidationError(
                f"the strength session of {when} is already past: only that morning can lighten it"
            )
        with store.unit_of_work() as uow:
            _still_ahead(uow.plans.active(athlete.id), signal, when, now)
    if action == "keep":
        summary = f"Kept the plan despite '{signal.title}' on {when}."
    else:
        with store.unit_of_work() as uow:
            plan = uow.plans.active(athlete.id)
        if plan is None:
            raise NotFound(f"{athlete.name} has no plan to change: create one first")
        if action == "swap":
            key = _key_run_at_risk(plan, signal, when, now)
            easy = _next_easy(plan, key, now)
            replan_plan(
                store,
                athlete.id,
                moves={(key.day, key.slot): easy.day, (easy.day, easy.slot): key.day},
                today=now,
            )
            summary = f"Swapped {_label(key)} with {_label(easy)}."
            detail |= {
                "moved": _label(key),
                "to": easy.day.isoformat(),
                "swapped_with": _label(easy),
            }
        else:
            heavy = [
                s
                for s in plan.sessions
                if s.kind == "strength"
                and s.heavy_lower_body
                and s.status == "planned"
                and s.day == when
            ]
            if not heavy:
                raise ValidationError(f"no heavy strength session planned on {when} to lighten")
            replan_plan(
                store,
                athlete.id,
                lighten=[(heavy[0].day, heavy[0].slot)],
                today=when,
            )
            summary = f"Made {_label(heavy[0])} lighter."
            detail |= {"lightened": _label(heavy[0])}
    choice = ReadinessChoice(when, kind, action, summary, detail)
    with store.unit_of_work() as uow:
        return uow.checkins.put_choice(athlete.id, choice)
