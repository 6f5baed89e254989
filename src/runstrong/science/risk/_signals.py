"""How every risk detector reports: the :class:`RiskSignal` type and the helpers that fill it.

Private to :mod:`runstrong.science.risk`. A detector finds the days its signal fires;
:func:`firing_days` keeps today or every such day, and :func:`make_signal` fills in the catalogue's
texts for one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from runstrong.science.risk._catalogue import EvidenceGrade, RiskKind, Severity, catalogue

_BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class RiskSignal:
    """One risk signal on one day, with the numbers behind it and what to do about it.

    Attributes
    ----------
    kind : RiskKind
        Which signal (``"load_spike"``, ``"pain_reported"`` ...).
    severity : {"info", "caution", "high"}
        How much attention it deserves.
    day_index : int
        The day it applies to, 0 = the first day of the series.
    metrics : Mapping[str, float]
        The numbers that triggered it, all finite, with the threshold used (``threshold_*``).
        Distances are in metres, loads in AU.
    labels : Mapping[str, str]
        Text details (a pain location, an exercise, a run type).
    title, explanation, advice : str
        Plain-language texts, filled from the metrics and labels.
    evidence_grade : {"strong", "moderate", "weak", "expert opinion"}
        Grade of the evidence behind the signal (docs/science.md).
    source : str
        Where the threshold and the claim come from.
    """

    kind: RiskKind
    severity: Severity
    day_index: int
    metrics: Mapping[str, float]
    labels: Mapping[str, str]
    title: str
    explanation: str
    advice: str
    evidence_grade: EvidenceGrade
    source: str


def make_signal(
    kind: RiskKind,
    reason_name: str,
    day_index: int,
    metrics: Mapping[str, float],
    labels: Mapping[str, str] | None = None,
) -> RiskSignal:
    """The signal of ``kind`` for one reason on one day, its texts filled in from the catalogue."""
    spec = catalogue().signals[kind]
    reason = spec.reasons[reason_name]
    values = {key: float(metrics[key]) for key in reason.metrics}
    texts = {key: (labels or {})[key] for key in reason.labels}
    filled = {**values, **texts}
    return RiskSignal(
        kind=kind,
        severity=reason.severity,
        day_index=int(day_index),
        metrics=MappingProxyType(values),
        labels=MappingProxyType(texts),
        title=spec.title,
        explanation=reason.explanation.format(**filled),
        advice=(reason.advice or spec.advice).format(**filled),
        evidence_grade=spec.grade,
        source=spec.source,
    )


def firing_days(fired: _BoolArray, every_day: bool) -> list[int]:
    """The days to report: today if it fired, or with ``every_day`` every day that fired."""
    if every_day:
        return [int(day) for day in np.flatnonzero(fired)]
    return [fired.size - 1] if fired.size and fired[-1] else []


def signal_names(kind: RiskKind) -> Mapping[str, str]:
    """Words for a closed set a detector names: run types, asymmetry measures, report days."""
    return catalogue().signals[kind].names
