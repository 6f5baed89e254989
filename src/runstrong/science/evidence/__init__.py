"""Did the strength work help my running? Markers, a lag-aware model, published evidence, advice.

Pure statistics over weekly series: a service builds a :class:`WeeklySeries` from the store (the
weekly marker from :mod:`~runstrong.science.evidence.markers`, strength sessions or hard
lower-body sets, running distance, race weeks); :func:`estimate_strength_effect` returns an
:class:`EffectEstimate` with an effect, its confidence interval, what it rests on, what could
confound it and a verdict — "cannot tell" when the data cannot separate strength work from
everything else, with :func:`what_to_log` saying how to get an answer. The published findings
(:func:`published_findings`, docs/science.md section 5) go beside it.

The analysis is observational: it reports associations in one athlete's weeks, never causation,
and every text says so. statsmodels and SciPy are imported only when a model is fitted, so importing
this package stays fast.

Modules: ``series`` (the weekly input and the closed sets of markers and exposures), ``markers``,
``model``, ``published``, ``protocol``, and the private ``_wording`` (every sentence shown).
"""

from runstrong.science.evidence.markers import (
    EfficiencyMarker,
    efficiency_marker,
    hr_drift_percent,
    weekly_best,
    weekly_median,
)
from runstrong.science.evidence.model import (
    EffectEstimate,
    EffectInterval,
    EffectModelSettings,
    EffectVerdict,
    estimate_strength_effect,
)
from runstrong.science.evidence.protocol import DataAvailability, what_to_log
from runstrong.science.evidence.published import (
    PublishedEvidence,
    PublishedFinding,
    published_evidence,
    published_findings,
)
from runstrong.science.evidence.series import (
    EXPOSURES,
    MARKERS,
    ExposureKind,
    MarkerKind,
    WeeklySeries,
)

__all__ = [
    "EXPOSURES",
    "MARKERS",
    "DataAvailability",
    "EffectEstimate",
    "EffectInterval",
    "EffectModelSettings",
    "EffectVerdict",
    "EfficiencyMarker",
    "ExposureKind",
    "MarkerKind",
    "PublishedEvidence",
    "PublishedFinding",
    "WeeklySeries",
    "efficiency_marker",
    "estimate_strength_effect",
    "hr_drift_percent",
    "published_evidence",
    "published_findings",
    "weekly_best",
    "weekly_median",
    "what_to_log",
]
