"""Risk detector for reported pain: a high score, or pain at the same place again.

Private to :mod:`runstrong.science.risk`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, whole_number
from runstrong.science.load import daily_totals, rolling_sum
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, firing_days, make_signal, signal_names


@dataclass(frozen=True, slots=True)
class PainReport:
    """Pain reported on a day: a score from 0 (none) to 10 at a body location ("left knee")."""

    day_index: int
    score: float
    location: str

    def __post_init__(self) -> None:
        whole_number("day_index", self.day_index, 0, 10_000_000)
        in_range("score", self.score, 0.0, 10.0)
        if not self.location.strip():
            raise ValidationError("a pain report needs a body location, such as 'left knee'")


def pain_reported(
    reports: Iterable[PainReport],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
) -> tuple[RiskSignal, ...]:
    """Pain of 4/10 or more, or pain at the same location twice, within the last 14 days.

    One signal per location (compared case-insensitively) on each day whose 14-day window holds
    a report scoring ≥ 4 (``high`` from 7) or ≥ 2 reports scoring above 0. Grade **expert
    opinion**.

    Examples
    --------
    >>> reports = [PainReport(0, 2, "left knee"), PainReport(5, 3, "Left knee ")]
    >>> signal = pain_reported(reports, n_days=6)[0]
    >>> signal.severity, signal.labels["location"], signal.metrics["reports"]
    ('caution', 'left knee', 2.0)
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    length = whole_number("n_days", n_days, 1, 10_000_000)
    window = chosen.pain_window_days
    by_location: dict[str, list[PainReport]] = defaultdict(list)
    for report in reports:
        if report.day_index < length and report.score > 0:
            by_location[" ".join(report.location.lower().split())].append(report)
    signals = []
    for location, located in sorted(by_location.items()):
        days = np.array([report.day_index for report in located], dtype=np.intp)
        scores = np.zeros(length)
        np.maximum.at(scores, days, [report.score for report in located])
        counts = rolling_sum(daily_totals(days, np.ones(days.size), length), window)
        padded = np.concatenate((np.zeros(window - 1), scores))
        max_scores = sliding_window_view(padded, window).max(axis=1)
        reported = np.where(scores > 0, np.arange(length), -1)
        last_report = np.maximum.accumulate(reported)
        fired = (max_scores >= chosen.pain_score) | (counts >= chosen.pain_repeat_count)
        for day in firing_days(fired, every_day):
            if max_scores[day] >= chosen.pain_high_score:
                reason, threshold = "high", {"threshold_score": chosen.pain_high_score}
            elif max_scores[day] >= chosen.pain_score:
                reason, threshold = "score", {"threshold_score": chosen.pain_score}
            else:
                reason, threshold = "repeated", {"threshold_count": chosen.pain_repeat_count}
            metrics = {
                **threshold,
                "max_score": max_scores[day],
                "reports": counts[day],
                "days_since": day - last_report[day],
                "window_days": window,
            }
            labels = {"location": location, "last_report": _when(int(metrics["days_since"]))}
            signals.append(make_signal("pain_reported", reason, day, metrics, labels))
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def _when(days_ago: int) -> str:
    words = signal_names("pain_reported")
    if days_ago <= 1:
        return words["today" if days_ago == 0 else "yesterday"]
    return words["earlier"].format(days=days_ago)
