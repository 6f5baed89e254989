"""Injury-risk signals: load spikes, monotony, heavy legs before key runs, asymmetry, pain.

Each detector takes plain daily series (one value per consecutive day, oldest first, the last day
being "today", as in :mod:`runstrong.science.load`) or small typed events placed on those days,
and returns :class:`RiskSignal` values for today, or with ``every_day=True`` for every day on
which the signal fires (in one vectorised pass, so a service can find the dates). Events after
today are ignored. Times of day are hours since midnight at the start of day 0 (``start_h``).

Thresholds are per-athlete settings (:class:`RiskThresholds`); their defaults, allowed ranges and
every text shown to the athlete (explanation, advice, evidence grade, source) are data, in
``science/data/risk_signals.toml``. Defaults and grades follow ``docs/science.md`` section 4. The
signals describe what changed; none of them predicts injury, and most rest on weak evidence or
coaching practice, as each signal says.

The package is split by job, its modules private: ``_catalogue`` (the data file and thresholds),
``_signals`` (the :class:`RiskSignal` every detector returns), ``_series``, ``_sessions``,
``_asymmetry`` and ``_pain`` (the detectors); this module runs them all (:func:`evaluate_all`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from runstrong.errors import ValidationError
from runstrong.science.load import FloatArray, as_daily_series
from runstrong.science.muscle_volume import LoggedSet, SetTable
from runstrong.science.risk._asymmetry import asymmetry
from runstrong.science.risk._catalogue import (
    RISK_KINDS,
    SEVERITIES,
    EvidenceGrade,
    RiskKind,
    RiskThresholds,
    Severity,
    ThresholdSpec,
    threshold_specs,
)
from runstrong.science.risk._pain import PainReport, pain_reported
from runstrong.science.risk._series import (
    high_monotony,
    load_spike,
    running_distance_spike,
    strength_volume_jump,
)
from runstrong.science.risk._sessions import (
    LegSession,
    RunSession,
    easy_runs_too_hard,
    heavy_legs_before_key_run,
    leg_session,
    leg_sessions,
)
from runstrong.science.risk._signals import RiskSignal

__all__ = [
    "RISK_KINDS",
    "EvidenceGrade",
    "LegSession",
    "PainReport",
    "RiskInputs",
    "RiskKind",
    "RiskSignal",
    "RiskThresholds",
    "RunSession",
    "Severity",
    "ThresholdSpec",
    "asymmetry",
    "easy_runs_too_hard",
    "evaluate_all",
    "heavy_legs_before_key_run",
    "high_monotony",
    "leg_session",
    "leg_sessions",
    "load_spike",
    "pain_reported",
    "running_distance_spike",
    "strength_volume_jump",
    "threshold_specs",
]


@dataclass(frozen=True, slots=True, eq=False)
class RiskInputs:
    """Everything :func:`evaluate_all` needs; the three daily series must have equal length.

    ``set_table`` holds the logged strength sets (the asymmetry check reads those logged for
    the left or the right side); ``exercise_names`` maps slugs to display names for the texts.
    """

    daily_load: FloatArray
    daily_running_distance_m: FloatArray
    daily_lower_body_hard_sets: FloatArray
    runs: tuple[RunSession, ...] = ()
    leg_sessions: tuple[LegSession, ...] = ()
    set_table: SetTable = field(default_factory=SetTable.empty)
    pain_reports: tuple[PainReport, ...] = ()
    exercise_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("daily_load", "daily_running_distance_m", "daily_lower_body_hard_sets"):
            object.__setattr__(self, name, as_daily_series(name, getattr(self, name)))
        sizes = {self.daily_load.size, self.daily_running_distance_m.size}
        if sizes | {self.daily_lower_body_hard_sets.size} != {self.daily_load.size}:
            raise ValidationError("the daily series of RiskInputs must cover the same days")

    @property
    def single_leg_sets(self) -> tuple[LoggedSet, ...]:
        """The sets logged for the left or the right side, as rows (for inspection)."""
        return tuple(logged for logged in self.set_table.rows() if logged.side != "both")

    @property
    def n_days(self) -> int:
        """Days in the series; the last one is today."""
        return int(self.daily_load.size)


def evaluate_all(
    inputs: RiskInputs,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Run every detector; signals ordered by day, then most severe first, then kind.

    Examples
    --------
    >>> import numpy as np
    >>> quiet = RiskInputs(np.zeros(60), np.zeros(60), np.zeros(60))
    >>> evaluate_all(quiet)
    ()
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    n_days = inputs.n_days
    if n_days == 0:
        return ()
    signals = (
        *running_distance_spike(inputs.daily_running_distance_m, chosen, every_day=every_day),
        *load_spike(inputs.daily_load, chosen, every_day=every_day),
        *high_monotony(inputs.daily_load, chosen, every_day=every_day),
        *heavy_legs_before_key_run(
            inputs.leg_sessions, inputs.runs, n_days, chosen, every_day=every_day
        ),
        *asymmetry(
            inputs.set_table,
            n_days,
            chosen,
            every_day=every_day,
            exercise_names=inputs.exercise_names,
        ),
        *strength_volume_jump(inputs.daily_lower_body_hard_sets, chosen, every_day=every_day),
        *pain_reported(inputs.pain_reports, n_days, chosen, every_day=every_day),
        *easy_runs_too_hard(inputs.runs, n_days, chosen, every_day=every_day),
    )
    return tuple(
        sorted(
            signals,
            key=lambda signal: (
                signal.day_index,
                -SEVERITIES.index(signal.severity),
                RISK_KINDS.index(signal.kind),
            ),
        )
    )
