"""Readiness signals from morning check-ins: HRV below normal, resting HR up, sore legs.

Pure functions over daily series (one value per consecutive day, oldest first, the last day being
"today"; ``nan`` where nothing was measured), in one vectorised pass each. The numbers of the
rules are data (``science/data/readiness_signals.toml``) and follow ``docs/science.md``
("Readiness"):

* :func:`hrv_band` — the 7-day rolling mean of ln rMSSD and the athlete's normal range, the mean
  ± 0.5 SD of the 60 days before (Plews et al. 2013); :func:`hrv_low` signals when the rolling
  mean stays below the range for 2 or more days in a row (moderate evidence: HRV-guided training,
  Kiviniemi et al. 2007, Javaloyes et al. 2019).
* :func:`resting_hr_high` — resting heart rate 5 bpm or more above its 60-day mean on 2 measured
  days in a row (weak evidence, Buchheit 2014).
* :func:`sore_legs` — leg soreness of 5/10 or more on a key-run morning, or within 48 h after a
  heavy lower-body session with a key run to come (weak evidence: plain sense).

HRV here is rMSSD only: SDNN (Apple Health) is a different statistic and never enters these rules.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science.load import FloatArray
from runstrong.science.risk._readiness_catalogue import (
    READINESS_ACTIONS,
    READINESS_KINDS,
    ReadinessAction,
    ReadinessKind,
    ReadinessThresholds,
    readiness_texts,
)

__all__ = [
    "LEG_REGIONS",
    "READINESS_ACTIONS",
    "READINESS_KINDS",
    "SORENESS_REGIONS",
    "HrvBand",
    "KeyRun",
    "ReadinessAction",
    "ReadinessKind",
    "ReadinessSignal",
    "ReadinessThresholds",
    "StrengthMark",
    "evaluate_readiness",
    "hrv_band",
    "hrv_low",
    "readiness_texts",
    "resting_hr_high",
    "sore_legs",
]

#: Soreness regions of a check-in, in the order forms and charts show them.
SORENESS_REGIONS: Final = (
    "quads",
    "hamstrings",
    "glutes",
    "calves",
    "hips",
    "lower_back",
    "feet_shins",
    "other",
)
#: The regions whose soreness spoils a key run (docs/science.md).
LEG_REGIONS: Final = ("quads", "hamstrings", "glutes", "calves")


@dataclass(frozen=True, slots=True)
class ReadinessSignal:
    """One readiness signal on one day, with its numbers, texts and the actions it offers."""

    kind: ReadinessKind
    severity: Literal["caution"]
    day_index: int
    metrics: Mapping[str, float]
    labels: Mapping[str, str]
    title: str
    explanation: str
    advice: str
    evidence_grade: str
    source: str
    actions: tuple[ReadinessAction, ...]


@dataclass(frozen=True, slots=True)
class HrvBand:
    """Per day: ln rMSSD, its rolling mean, and the normal range (``nan`` where unknown)."""

    ln_rmssd: FloatArray
    rolling: FloatArray
    mean: FloatArray
    lower: FloatArray
    upper: FloatArray
    below: npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class StrengthMark:
    """A strength session: start in hours since day 0 at 00:00, its name, heavy lower body?"""

    start_h: float
    name: str
    heavy_lower_body: bool


@dataclass(frozen=True, slots=True)
class KeyRun:
    """A key run (interval, tempo, long run, race ...) on a day, which may be after today."""

    day_index: int
    name: str


def _signal(
    kind: ReadinessKind, day: int, metrics: Mapping[str, float], labels: Mapping[str, str]
) -> ReadinessSignal:
    text = readiness_texts()[kind]
    values = {**metrics, **labels}
    return ReadinessSignal(
        kind=kind,
        severity="caution",
        day_index=int(day),
        metrics=MappingProxyType(dict(metrics)),
        labels=MappingProxyType(dict(labels)),
        title=text.title,
        explanation=text.explanation.format(**values),
        advice=text.advice.format(**values),
        evidence_grade=text.grade,
        source=text.source,
        actions=text.actions,
    )


def _series(name: str, values: npt.ArrayLike) -> FloatArray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValidationError(f"{name} must be a daily series (one value per day)")
    finite = array[~np.isnan(array)]
    if np.any(~np.isfinite(finite)) or np.any(finite <= 0):
        raise ValidationError(f"{name} must hold positive values (nan where not measured)")
    return array


def _window_stats(
    values: FloatArray, start_offset: int, end_offset: int
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Count, sum and sum of squares of the non-nan values in days ``t - start_offset`` to
    ``t - end_offset`` (inclusive) for each day ``t``, from cumulative sums."""
    present = ~np.isnan(values)
    x = np.where(present, values, 0.0)
    padded = [np.concatenate(([0.0], np.cumsum(a))) for a in (present.astype(float), x, x * x)]
    days = np.arange(values.size)
    hi = np.clip(days - end_offset + 1, 0, values.size)
    lo = np.clip(days - start_offset, 0, values.size)
    count, total, squares = (c[hi] - c[lo] for c in padded)
    return count, total, squares


def _consecutive(flags: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """For each day, how many days in a row up to it ``flags`` has been true."""
    index = np.arange(flags.size)
    last_false = np.maximum.accumulate(np.where(flags, -1, index))
    return np.where(flags, index - last_false, 0).astype(np.int64)


def hrv_band(rmssd_ms: npt.ArrayLike, thresholds: ReadinessThresholds | None = None) -> HrvBand:
    """The 7-day rolling mean of ln rMSSD and the normal range (mean ± 0.5 SD of the 60 days
    before each day, sample SD), per day; ``nan`` where too few mornings were measured.

    >>> band = hrv_band([60.0, 70.0] * 30 + [50.0])
    >>> round(float(band.mean[-1]), 4), round(float(band.lower[-1]), 4)
    (4.1714, 4.1326)
    """
    chosen = thresholds or ReadinessThresholds.defaults()
    ln = np.log(_series("rmssd_ms", rmssd_ms))
    n, total, _ = _window_stats(ln, chosen.hrv_window_days - 1, 0)
    rolling = np.where(n >= chosen.hrv_window_min_values, total / np.maximum(n, 1), np.nan)
    count, base_sum, base_sq = _window_stats(ln, chosen.baseline_days, 1)
    enough = count >= max(chosen.baseline_min_values, 2)
    mean = np.where(enough, base_sum / np.maximum(count, 1), np.nan)
    variance = (base_sq - count * np.nan_to_num(mean) ** 2) / np.maximum(count - 1, 1)
    sd = np.where(enough, np.sqrt(np.maximum(variance, 0.0)), np.nan)
    lower = mean - chosen.swc_factor * sd
    upper = mean + chosen.swc_factor * sd
    below = np.nan_to_num(rolling, nan=np.inf) < np.nan_to_num(lower, nan=-np.inf)
    return HrvBand(ln, rolling, mean, lower, upper, below)


def _firing(fired: npt.NDArray[np.bool_], every_day: bool) -> list[int]:
    if every_day:
        return [int(day) for day in np.flatnonzero(fired)]
    return [fired.size - 1] if fired.size and fired[-1] else []


def hrv_low(
    rmssd_ms: npt.ArrayLike,
    thresholds: ReadinessThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[ReadinessSignal, ...]:
    """Signal when the 7-day ln rMSSD mean is below the normal range 2 or more days in a row."""
    chosen = thresholds or ReadinessThresholds.defaults()
    band = hrv_band(rmssd_ms, chosen)
    run = _consecutive(band.below)
    signals = []
    for day in _firing(run >= chosen.consecutive_days, every_day):
        metrics = {
            "rolling": float(band.rolling[day]),
            "rolling_ms": math.exp(float(band.rolling[day])),
            "lower": float(band.lower[day]),
            "upper": float(band.upper[day]),
            "days": float(run[day]),
        }
        signals.append(_signal("hrv_low", day, metrics, {}))
    return tuple(signals)


def resting_hr_high(
    resting_hr_bpm: npt.ArrayLike,
    thresholds: ReadinessThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[ReadinessSignal, ...]:
    """Signal when resting HR is ≥ 5 bpm above its 60-day mean on 2 measured days in a row
    (days without a measurement neither break nor extend the run)."""
    chosen = thresholds or ReadinessThresholds.defaults()
    hr = _series("resting_hr_bpm", resting_hr_bpm)
    count, total, _ = _window_stats(hr, chosen.baseline_days, 1)
    baseline = np.where(count >= chosen.baseline_min_values, total / np.maximum(count, 1), np.nan)
    measured = np.flatnonzero(~np.isnan(hr))
    high = hr[measured] - baseline[measured] >= chosen.resting_hr_rise_bpm
    run = _consecutive(high)
    fired = np.zeros(hr.size, dtype=np.bool_)
    fired[measured[run >= chosen.consecutive_days]] = True
    runs_by_day = np.zeros(hr.size)
    runs_by_day[measured] = run
    signals = []
    for day in _firing(fired, every_day):
        metrics = {
            "today": float(hr[day]),
            "baseline": float(baseline[day]),
            "rise": float(hr[day] - baseline[day]),
            "threshold_bpm": chosen.resting_hr_rise_bpm,
            "days": float(runs_by_day[day]),
        }
        signals.append(_signal("resting_hr_high", day, metrics, {}))
    return tuple(signals)


def sore_legs(
    soreness: Mapping[str, npt.ArrayLike],
    strength: Sequence[StrengthMark] = (),
    key_runs: Sequence[KeyRun] = (),
    thresholds: ReadinessThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[ReadinessSignal, ...]:
    """Leg soreness ≥ 5/10 on a key-run morning, or within 48 h after a heavy lower-body session
    with a key run in the next 3 days; names the cause (when any) and the run at risk.

    ``soreness`` maps regions (of :data:`SORENESS_REGIONS`) to daily scores (``nan``: none
    given); only :data:`LEG_REGIONS` count.

    >>> sore = {"quads": [0.0, 6.0]}
    >>> [s.labels["at_risk"] for s in sore_legs(sore, (), [KeyRun(1, "Tempo run")])]
    ['Tempo run']
    """
    chosen = thresholds or ReadinessThresholds.defaults()
    unknown = set(soreness) - set(SORENESS_REGIONS)
    if unknown:
        raise ValidationError(f"unknown soreness region(s) {sorted(unknown)}")
    legs = [np.asarray(soreness[r], dtype=np.float64) for r in LEG_REGIONS if r in soreness]
    if not legs:
        return ()
    scores = np.vstack(legs)
    if np.any(np.nan_to_num(scores) < 0) or np.any(np.nan_to_num(scores) > 10):
        raise ValidationError("soreness scores must be from 0 to 10")
    names = [r for r in LEG_REGIONS if r in soreness]
    worst = np.nan_to_num(np.fmax.reduce(scores, axis=0), nan=-1.0)
    n_days = worst.size
    sore = worst >= chosen.soreness_score
    key_days = np.array(sorted({k.day_index for k in key_runs}), dtype=np.int64)
    heavy = sorted((m for m in strength if m.heavy_lower_body), key=lambda m: m.start_h)
    heavy_starts = np.array([m.start_h for m in heavy], dtype=np.float64)
    days = np.arange(n_days)
    mornings_h = days * 24.0
    # The latest heavy session that started before each morning, and the next key run from it.
    last_heavy = np.searchsorted(heavy_starts, mornings_h, side="left") - 1
    starts = np.append(heavy_starts, -1e9)  # index -1 (no session before) reads the sentinel
    since_h = mornings_h - starts[last_heavy]
    next_key = np.searchsorted(key_days, days, side="left")
    has_next = next_key < key_days.size
    next_day = np.append(key_days, -1)[next_key]
    key_today = has_next & (next_day == days)
    after_heavy = (
        (since_h <= chosen.soreness_window_h)
        & has_next
        & (next_day - days <= chosen.key_run_lookahead_days)
    )
    fired = sore & (key_today | after_heavy)
    by_day = {k.day_index: k.name for k in sorted(key_runs, key=lambda k: k.day_index)}
    signals = []
    for day in _firing(fired, every_day):
        region = names[int(np.nanargmax(np.nan_to_num(scores[:, day], nan=-1.0)))]
        cause = ""
        labels = {"region": region.replace("_", " "), "at_risk": by_day[int(next_day[day])]}
        if after_heavy[day]:
            labels["caused_by"] = heavy[int(last_heavy[day])].name
            cause = f", {since_h[day]:.0f} h after {labels['caused_by']}"
        labels["cause"] = cause
        metrics = {
            "score": float(worst[day]),
            "threshold": chosen.soreness_score,
            "days_to_key_run": float(next_day[day] - day),
        }
        if after_heavy[day]:
            metrics["hours_since_heavy"] = float(since_h[day])
        signals.append(_signal("sore_legs_key_run", day, metrics, labels))
    return tuple(signals)


def evaluate_readiness(
    n_days: int,
    rmssd_ms: npt.ArrayLike | None = None,
    resting_hr_bpm: npt.ArrayLike | None = None,
    soreness: Mapping[str, npt.ArrayLike] | None = None,
    strength: Sequence[StrengthMark] = (),
    key_runs: Sequence[KeyRun] = (),
    thresholds: ReadinessThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[ReadinessSignal, ...]:
    """Every readiness signal, ordered by day then kind; missing series mean "not measured".

    >>> evaluate_readiness(3)
    ()
    """
    empty = np.full(n_days, np.nan)
    signals = (
        *hrv_low(empty if rmssd_ms is None else rmssd_ms, thresholds, every_day=every_day),
        *resting_hr_high(
            empty if resting_hr_bpm is None else resting_hr_bpm, thresholds, every_day=every_day
        ),
        *sore_legs(soreness or {}, strength, key_runs, thresholds, every_day=every_day),
    )
    return tuple(sorted(signals, key=lambda s: (s.day_index, READINESS_KINDS.index(s.kind))))
