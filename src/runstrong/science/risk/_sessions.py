"""Risk detectors over logged sessions: heavy legs before a key run, easy runs rated too hard.

Private to :mod:`runstrong.science.risk`. Sessions are placed in time by their start in hours since
midnight at the start of day 0 (``start_h``); sessions after today are ignored.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from runstrong.domain.models import SessionType
from runstrong.science._checks import in_range, non_negative, whole_number
from runstrong.science.load import daily_totals, rolling_sum
from runstrong.science.muscle_volume import (
    ExerciseProfile,
    HardSetRule,
    LoggedSet,
    hard_set_rule,
    set_percent_e1rm,
)
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, firing_days, make_signal, signal_names

_HOURS_PER_DAY: Final = 24.0


@dataclass(frozen=True, slots=True)
class RunSession:
    """A run: when it started (hours since day 0, 00:00), its session type and RPE if logged."""

    start_h: float
    session_type: SessionType | None = None
    rpe: float | None = None

    def __post_init__(self) -> None:
        non_negative("start_h", self.start_h)
        if self.rpe is not None:
            in_range("rpe", self.rpe, 0.0, 10.0)

    @property
    def day_index(self) -> int:
        """The day the run started on."""
        return int(self.start_h // _HOURS_PER_DAY)


@dataclass(frozen=True, slots=True)
class LegSession:
    """A strength session with lower-body work, summarised for the heavy-legs check.

    ``top_percent_e1rm`` is its heaviest lower-body set in % of e1RM and ``top_rpe`` the highest
    RPE of a lower-body set or of the session; either may be unknown. See :func:`leg_session`.
    """

    start_h: float
    top_percent_e1rm: float | None = None
    top_rpe: float | None = None

    def __post_init__(self) -> None:
        non_negative("start_h", self.start_h)
        if self.top_percent_e1rm is not None:
            non_negative("top_percent_e1rm", self.top_percent_e1rm)
        if self.top_rpe is not None:
            in_range("top_rpe", self.top_rpe, 0.0, 10.0)


def leg_session(
    start_h: float,
    sets: Iterable[LoggedSet],
    exercise_for: Callable[[str], ExerciseProfile | None],
    session_rpe: float | None = None,
    rule: HardSetRule | None = None,
) -> LegSession | None:
    """Summarise one strength session's lower-body sets, or ``None`` if it has none.

    Lower-body sets are those of lower-body exercises as defined by the hard-set rule
    (:func:`runstrong.science.muscle_volume.hard_set_rule`: strength exercises whose primary
    muscles include a leg or hip muscle). Intensity per set comes from
    :func:`runstrong.science.muscle_volume.set_percent_e1rm` (reference e1RM, else the RPE chart of
    Tuchscherer 2008); the session RPE, when given, counts as an RPE too.

    Examples
    --------
    >>> from runstrong.library import load_catalog
    >>> sets = [LoggedSet(0, "leg-press", 5, 170, reference_e1rm_kg=200)]
    >>> leg_session(18.0, sets, load_catalog().get)
    LegSession(start_h=18.0, top_percent_e1rm=85.0, top_rpe=None)
    """
    chosen = hard_set_rule() if rule is None else rule
    lower_body = [
        logged for logged in sets if _is_lower_body(exercise_for(logged.exercise_slug), chosen)
    ]
    if not lower_body:
        return None
    percents = [percent for percent in map(set_percent_e1rm, lower_body) if percent is not None]
    rpes = [logged.rpe for logged in lower_body if logged.rpe is not None]
    rpes += [] if session_rpe is None else [session_rpe]
    return LegSession(
        start_h=start_h,
        top_percent_e1rm=max(percents) if percents else None,
        top_rpe=max(rpes) if rpes else None,
    )


def heavy_legs_before_key_run(
    leg_sessions: Sequence[LegSession],
    runs: Sequence[RunSession],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """A heavy lower-body session within 48 h before a key run (interval, repetition, tempo, long
    run or race).

    Heavy means a lower-body set at ≥ 80 % of e1RM, or an RPE ≥ 8. One signal per key run, on
    the run's day, naming the most recent heavy session. Grade **expert opinion** (coaching
    practice on concurrent training, docs/science.md section 5).

    Examples
    --------
    >>> legs = [LegSession(start_h=18.0, top_rpe=9.0)]
    >>> signal = heavy_legs_before_key_run(legs, [RunSession(32.0, "tempo")], n_days=2)[0]
    >>> signal.metrics["hours_before"], signal.labels["run_type"]
    (14.0, 'tempo run')
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    today = whole_number("n_days", n_days, 1, 10_000_000) - 1
    run_names = signal_names("heavy_legs_before_key_run")
    heavy = sorted(
        (session for session in leg_sessions if _heavy(session, chosen)),
        key=lambda session: session.start_h,
    )
    starts = [session.start_h for session in heavy]
    signals = []
    for run in runs:
        if run.session_type is None or run.session_type not in run_names:
            continue
        if run.day_index > today:
            continue
        if not every_day and run.day_index != today:
            continue
        before = bisect.bisect_left(starts, run.start_h)
        if before == 0 or run.start_h - starts[before - 1] > chosen.heavy_legs_window_h:
            continue
        session = heavy[before - 1]
        common = {
            "hours_before": run.start_h - session.start_h,
            "window_h": chosen.heavy_legs_window_h,
        }
        labels = {"run_type": run_names[run.session_type]}
        percent = session.top_percent_e1rm
        if percent is not None and percent >= chosen.heavy_percent_e1rm:
            metrics = {
                **common,
                "percent_e1rm": percent,
                "threshold_percent_e1rm": chosen.heavy_percent_e1rm,
            }
            signals.append(
                make_signal(
                    "heavy_legs_before_key_run", "percent_e1rm", run.day_index, metrics, labels
                )
            )
        else:
            metrics = {**common, "rpe": session.top_rpe or 0.0, "threshold_rpe": chosen.heavy_rpe}
            signals.append(
                make_signal("heavy_legs_before_key_run", "rpe", run.day_index, metrics, labels)
            )
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def easy_runs_too_hard(
    runs: Iterable[RunSession],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """At least 3 easy or recovery runs rated RPE ≥ 6 within the last 14 days.

    runstrong's own rule (grade **expert opinion**): easy runs should feel easy, and repeated
    high ratings can mean the pace is too fast or fatigue is building. Runs without RPE are not
    counted.

    Examples
    --------
    >>> runs = [RunSession(24.0 * day + 7, "easy", 7) for day in (0, 4, 9)]
    >>> signal = easy_runs_too_hard(runs, n_days=10)[0]
    >>> signal.severity, signal.metrics["count"], signal.metrics["mean_rpe"]
    ('info', 3.0, 7.0)
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    length = whole_number("n_days", n_days, 1, 10_000_000)
    easy_types = signal_names("easy_runs_too_hard")
    hard_easy = [
        run
        for run in runs
        if run.session_type in easy_types
        and run.rpe is not None
        and run.rpe >= chosen.easy_run_rpe
        and run.day_index < length
    ]
    days = np.array([run.day_index for run in hard_easy], dtype=np.intp)
    window = chosen.easy_run_window_days
    counts = rolling_sum(daily_totals(days, np.ones(days.size), length), window)
    rpe_sums = rolling_sum(
        daily_totals(days, [run.rpe or 0.0 for run in hard_easy], length), window
    )
    return tuple(
        make_signal(
            "easy_runs_too_hard",
            "repeated",
            day,
            {
                "count": counts[day],
                "threshold_count": chosen.easy_run_count,
                "threshold_rpe": chosen.easy_run_rpe,
                "mean_rpe": rpe_sums[day] / counts[day],
                "window_days": window,
            },
        )
        for day in firing_days(counts >= chosen.easy_run_count, every_day)
    )


def _heavy(session: LegSession, thresholds: RiskThresholds) -> bool:
    percent, rpe = session.top_percent_e1rm, session.top_rpe
    return (percent is not None and percent >= thresholds.heavy_percent_e1rm) or (
        rpe is not None and rpe >= thresholds.heavy_rpe
    )


def _is_lower_body(exercise: ExerciseProfile | None, rule: HardSetRule) -> bool:
    return (
        exercise is not None
        and exercise.category in rule.lower_body_categories
        and bool(set(exercise.primary_muscles) & set(rule.lower_body_muscles))
    )
