"""Did strength work go with better running? A lag-aware regression over one athlete's weeks.

Model (regression with AR(1) errors, one row per week ``t`` with a marker value)::

    marker_t = b0 + b_s · S_t + b_v · V_t + b_trend · years_t
               [+ b_sin · sin(2π doy_t / 365.25) + b_cos · cos(2π doy_t / 365.25)]
               [+ b_race · race_t] + e_t,        corr(e_t, e_u) = ρ^|t − u|

``S_t`` is the mean weekly strength exposure over weeks ``t − lag_max … t − lag_min`` (a
distributed lag with equal weights: strength adaptations take weeks to show, and trials that found
benefits ran ≥ 6–8 weeks, docs/science.md section 5), ``V_t`` the mean weekly running distance (km)
over the same weeks, ``years_t`` the time since the first week, ``doy_t`` the day of the year of the
week's middle (season terms only when the marker weeks span a year) and ``race_t`` 1 in race
weeks (only when race weeks vary). The lag window is fixed in advance rather than picked by best
fit, which would inflate false findings. The errors are autocorrelated in calendar weeks (weeks
without a marker are gaps); ρ is estimated by REML and the coefficients by feasible GLS with
statsmodels, with t intervals (see ``_regression``). In simulation this held the false-positive
rate near the nominal level where OLS with Newey–West (HAC) standard errors did not. The reported
effect is ``b_s`` per unit of exposure and ``b_s · contrast`` (e.g. 2 sessions a week against
none), also as a percent of the marker's mean (the mean taken as known).

The model is refused ("cannot tell") when it rests on too few weeks, when the exposure barely
varies, or when the exposure moves with a covariate (|r| with running volume above 0.8 or a
variance inflation factor above 5), because then no regression can separate the two.
statsmodels is imported inside :func:`estimate_strength_effect`, not with this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from runstrong.science._checks import positive, whole_number
from runstrong.science.evidence import _wording
from runstrong.science.evidence._design import (
    EffectModelSettings,
    build_design,
    correlation,
    find_problems,
    vif_of_exposure,
    window_weeks,
)
from runstrong.science.evidence._regression import fit_ar1
from runstrong.science.evidence._wording import ReasonCode
from runstrong.science.evidence.protocol import DataAvailability, what_to_log
from runstrong.science.evidence.series import (
    EXPOSURES,
    ExposureKind,
    MarkerKind,
    WeeklySeries,
)

__all__ = [
    "EffectEstimate",
    "EffectInterval",
    "EffectModelSettings",
    "EffectVerdict",
    "estimate_strength_effect",
]

EffectVerdict = Literal["improved", "worse", "no clear relation", "cannot tell"]


@dataclass(frozen=True, slots=True)
class EffectInterval:
    """An estimate with its confidence interval (``low <= estimate <= high``)."""

    estimate: float
    low: float
    high: float

    def excludes_zero(self) -> bool:
        """True when the whole interval lies on one side of zero."""
        return self.low > 0 or self.high < 0


@dataclass(frozen=True, slots=True)
class EffectEstimate:
    """What one athlete's weeks say about strength work and a running marker.

    Attributes
    ----------
    verdict : {"improved", "worse", "no clear relation", "cannot tell"}
        "improved"/"worse": the interval of the effect excludes zero, in the better or worse
        direction of the marker; "no clear relation": it includes zero; "cannot tell": the data
        cannot separate strength work from the rest (see ``reasons``).
    summary : str
        Plain-language result, always ending with ``caveat``.
    reasons : tuple[str, ...]
        Why the data cannot tell, in plain words (empty otherwise).
    reason_codes : tuple[str, ...]
        The same reasons as stable codes: ``"few_weeks"``, ``"no_strength"``,
        ``"rare_strength"``, ``"always_strength"``, ``"steady_strength"``, ``"with_volume"``,
        ``"with_covariate"``, ``"cannot_fit"``.
    confounders : tuple[str, ...]
        What else could explain a relation, including what the model does not adjust for.
    caveat : str
        The observational-data caveat.
    advice : tuple[str, ...]
        What to log to get an answer (from :func:`what_to_log`); empty when nothing is missing.
    marker_kind, exposure : str
        The marker and the exposure analysed.
    lag_weeks : tuple[int, int]
        The exposure window, weeks before each marker week (inclusive).
    contrast : float
        Exposure compared against none (e.g. 2 sessions a week).
    per_unit, for_contrast, percent_of_mean : EffectInterval or None
        Effect per unit of exposure and for ``contrast`` in marker units, and the latter as a
        percent of the marker's mean; None when the model could not be fitted.
    p_value : float or None
        Two-sided p-value of the exposure term.
    r_squared : float or None
        R² of the whole model (trend, season and volume included), on the weekly values.
    autocorrelation : float or None
        Estimated week-to-week correlation ρ of what the model leaves unexplained (0–0.95).
    n_weeks : int
        Weeks the model rests on (marker weeks with a full lag window).
    n_weeks_with_strength : int
        Weeks with any strength work in the weeks the exposure windows cover.
    first_week, last_week : datetime.date or None
        Start of the first and last week used.
    marker_mean : float or None
        Mean of the marker over the weeks used.
    exposure_volume_correlation, exposure_vif : float or None
        Collinearity of the lagged exposure with running volume and with all covariates.
    covariates : tuple[str, ...]
        The covariates in the model, in words.
    confidence : float
        Confidence level of the intervals.
    """

    verdict: EffectVerdict
    summary: str
    reasons: tuple[str, ...]
    reason_codes: tuple[ReasonCode, ...]
    confounders: tuple[str, ...]
    caveat: str
    advice: tuple[str, ...]
    marker_kind: MarkerKind
    exposure: ExposureKind
    lag_weeks: tuple[int, int]
    contrast: float
    per_unit: EffectInterval | None
    for_contrast: EffectInterval | None
    percent_of_mean: EffectInterval | None
    p_value: float | None
    r_squared: float | None
    autocorrelation: float | None
    n_weeks: int
    n_weeks_with_strength: int
    first_week: date | None
    last_week: date | None
    marker_mean: float | None
    exposure_volume_correlation: float | None
    exposure_vif: float | None
    covariates: tuple[str, ...]
    confidence: float


def estimate_strength_effect(
    weekly: WeeklySeries,
    *,
    exposure: ExposureKind = "sessions",
    lag_weeks: tuple[int, int] = (2, 8),
    contrast: float | None = None,
    settings: EffectModelSettings | None = None,
) -> EffectEstimate:
    """Estimate how a running marker moved with strength work in the weeks before, with a CI.

    See the module docstring for the model. Observational: the result is an association in one
    athlete's own weeks, adjusted for running volume, a linear time trend, season and race weeks;
    every text says so.

    Parameters
    ----------
    weekly : WeeklySeries
        The athlete's weeks.
    exposure : {"sessions", "hard_sets"}
        Lower-body strength sessions a week, or hard lower-body sets a week.
    lag_weeks : tuple of int
        ``(lag_min, lag_max)``: the exposure is the mean over weeks ``t − lag_max … t − lag_min``
        (0 ≤ lag_min ≤ lag_max ≤ 26).
    contrast : float, optional
        Exposure to compare against none; default 2 sessions or 12 hard sets a week.
    settings : EffectModelSettings, optional
        Thresholds; the defaults are documented on the class.

    Returns
    -------
    EffectEstimate

    References
    ----------
    Prais SJ, Winsten CB (1954) Trend estimators and serial correlation. Cowles Commission
    discussion paper 383. Cheang WK, Reinsel GC (2000) Bias reduction of autoregressive
    estimates in time series regression model through restricted maximum likelihood. J Am Stat
    Assoc 95:1173–1184.

    Examples
    --------
    Twelve weeks are too few:

    >>> from datetime import date
    >>> import numpy as np
    >>> weeks = WeeklySeries(date(2024, 1, 1), np.full(12, 3.0), [2, 0] * 6, np.full(12, 4e4))
    >>> result = estimate_strength_effect(weeks)
    >>> result.verdict, result.n_weeks
    ('cannot tell', 4)
    """
    chosen = EffectModelSettings() if settings is None else settings
    lag_min = whole_number("lag_weeks[0]", lag_weeks[0], 0, 26)
    lag_max = whole_number("lag_weeks[1]", lag_weeks[1], lag_min, 26)
    amount = EXPOSURES[exposure].default_contrast if contrast is None else contrast
    amount = positive("contrast", amount)
    strength = weekly.exposure(exposure)
    info = weekly.marker_info

    design = build_design(weekly, strength, lag_min, lag_max, chosen)
    n_used = int(design.rows.size)
    window = window_weeks(design.rows, lag_min, lag_max)
    n_with = int(np.count_nonzero(strength[window] > 0))
    with_volume = correlation(design.exposure, design.columns.get("volume"))
    vif, partner = vif_of_exposure(design)
    problems = find_problems(
        design,
        chosen,
        n_with=n_with,
        n_window=int(window.size),
        min_sd=chosen.min_exposure_sd_fraction * amount,
        correlation=with_volume,
        vif=vif,
        partner=partner,
    )
    matrix = np.column_stack([np.ones(n_used), *design.columns.values()])
    fit = (
        fit_ar1(design.y, matrix, design.rows, column=1, confidence=chosen.confidence)
        if n_used >= len(design.columns) + 4
        else None
    )
    per_unit = EffectInterval(fit.estimate, fit.low, fit.high) if fit else None
    for_contrast = _scaled(per_unit, amount)
    marker_mean = float(design.y.mean()) if n_used else None
    percent = (
        _scaled(for_contrast, 100.0 / abs(marker_mean))
        if marker_mean is not None and abs(marker_mean) > 1e-12
        else None
    )

    verdict: EffectVerdict = "cannot tell"
    if not problems:
        if for_contrast is None:
            problems = [_wording.Problem("cannot_fit")]
        elif not for_contrast.excludes_zero():
            verdict = "no clear relation"
        else:
            verdict = (
                "improved" if (for_contrast.estimate > 0) == info.higher_is_better else "worse"
            )
    reasons = tuple(
        _wording.reason_text(
            problem,
            marker_label=info.label,
            exposure_unit=EXPOSURES[exposure].unit,
            min_weeks=chosen.min_weeks,
            lag_max=lag_max,
            max_vif=chosen.max_vif,
        )
        for problem in problems
    )
    codes = {problem.code for problem in problems}
    availability = DataAvailability(
        n_weeks=weekly.n_weeks,
        marker_weeks=weekly.marker_weeks,
        strength_weeks=int(np.count_nonzero(strength > 0)),
        marker=weekly.marker_kind,
        usable_weeks=n_used,
        strength_varies=not codes & _wording.VARIATION_PROBLEMS,
        strength_moves_with=_wording.moves_with(problems),
        min_marker_weeks=chosen.min_weeks,
    )
    first_week = weekly.week_start(int(design.rows[0])) if n_used else None
    last_week = weekly.week_start(int(design.rows[-1])) if n_used else None
    covariates = _wording.covariate_names(design.groups)
    advice = tuple(what_to_log(availability)) if verdict == "cannot tell" else ()
    summary = _wording.summary(
        verdict=verdict,
        marker_label=info.label,
        unit=info.unit,
        contrast_label=EXPOSURES[exposure].contrast_label.format(amount=amount),
        lag_weeks=(lag_min, lag_max),
        for_contrast=for_contrast,
        percent=percent,
        confidence=chosen.confidence,
        n_used=n_used,
        n_with=n_with,
        covariates=covariates,
        reasons=reasons,
        has_advice=bool(advice),
        first_week=first_week,
        last_week=last_week,
    )
    return EffectEstimate(
        verdict=verdict,
        summary=summary,
        reasons=reasons,
        reason_codes=tuple(problem.code for problem in problems),
        confounders=_wording.confounders(weekly.marker_kind, design.groups),
        caveat=_wording.CAVEAT,
        advice=advice,
        marker_kind=weekly.marker_kind,
        exposure=exposure,
        lag_weeks=(lag_min, lag_max),
        contrast=amount,
        per_unit=per_unit,
        for_contrast=for_contrast,
        percent_of_mean=percent,
        p_value=fit.p_value if fit else None,
        r_squared=fit.r_squared if fit else None,
        autocorrelation=fit.rho if fit else None,
        n_weeks=n_used,
        n_weeks_with_strength=n_with,
        first_week=first_week,
        last_week=last_week,
        marker_mean=marker_mean,
        exposure_volume_correlation=with_volume,
        exposure_vif=vif,
        covariates=covariates,
        confidence=chosen.confidence,
    )


def _scaled(interval: EffectInterval | None, factor: float) -> EffectInterval | None:
    if interval is None:
        return None
    return EffectInterval(interval.estimate * factor, interval.low * factor, interval.high * factor)
