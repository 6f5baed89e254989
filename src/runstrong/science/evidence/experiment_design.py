"""Designing a personal (n-of-1) strength experiment: blocks, block orders, noise and power.

Rules and sources in docs/science.md, "Your own experiment": ABAB… blocks with the order
randomised in pairs, or AB (baseline then intervention); the first ``run_in_weeks`` of each
block are run-in and not compared. The detectable effect at 80 % power and 5 % two-sided comes
from the athlete's own noise (:func:`fit_noise_model`) by the closed form for a GLS contrast with
AR(1) errors, averaged over the block orders the design allows; :mod:`.experiment_simulation`
checks it against simulated trials.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final, Literal, get_args

import numpy as np
import numpy.typing as npt

from runstrong.errors import ValidationError
from runstrong.science._checks import in_range, whole_number
from runstrong.science.evidence._batch_gls import gls_std_error
from runstrong.science.evidence._regression import fit_ar1

__all__ = [
    "DESIGN_KINDS",
    "DesignKind",
    "DesignOption",
    "ExperimentDesign",
    "NoiseModel",
    "PowerPoint",
    "allowed_orders",
    "design_matrix",
    "design_options",
    "detectable_effect",
    "fit_noise_model",
    "marker_mask",
    "power_curve",
    "random_order",
    "scheduled_weeks",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
DesignKind = Literal["abab", "ab"]
DESIGN_KINDS: Final[tuple[DesignKind, ...]] = get_args(DesignKind)
MIN_COMPARED_WEEKS: Final = 2
MIN_NOISE_WEEKS: Final = 8
#: ρ assumed when fewer than MIN_NOISE_WEEKS values cannot measure it (docs/science.md).
ASSUMED_RHO: Final = 0.5
_MAX_ORDERS: Final = 64
_MISSING_PATTERNS: Final = 12


@dataclass(frozen=True, slots=True)
class ExperimentDesign:
    """Blocks of ``block_weeks`` weeks over ``n_weeks``; A = control, B = intervention.

    >>> ExperimentDesign("abab", block_weeks=6, n_weeks=24).n_pairs
    2
    """

    kind: DesignKind
    block_weeks: int
    n_weeks: int
    run_in_weeks: int = 2

    def __post_init__(self) -> None:
        if self.kind not in DESIGN_KINDS:
            raise ValidationError(f"design must be abab or ab, got {self.kind!r}")
        whole_number("block weeks", self.block_weeks, 2, 12)
        whole_number("run-in weeks", self.run_in_weeks, 0, 4)
        whole_number("weeks", self.n_weeks, 2, 104)
        if self.block_weeks - self.run_in_weeks < MIN_COMPARED_WEEKS:
            raise ValidationError(
                f"blocks of {self.block_weeks} weeks are too short for a run-in of "
                f"{self.run_in_weeks} weeks: each block needs {MIN_COMPARED_WEEKS} compared weeks "
                f"after its run-in (use blocks of {self.run_in_weeks + MIN_COMPARED_WEEKS} weeks "
                "or more; 6–8 are usual)"
            )
        if self.n_weeks % self.block_weeks:
            raise ValidationError(
                f"{self.n_weeks} weeks is not a whole number of {self.block_weeks}-week blocks"
            )
        blocks = self.n_weeks // self.block_weeks
        if self.kind == "ab" and blocks != 2:
            raise ValidationError(
                f"an AB design has two blocks: use {2 * self.block_weeks} weeks, got {self.n_weeks}"
            )
        if self.kind == "abab" and (blocks < 2 or blocks % 2):
            raise ValidationError(
                f"an ABAB design needs an even number of blocks: {self.n_weeks} weeks make "
                f"{blocks} blocks of {self.block_weeks} weeks"
            )

    @property
    def n_blocks(self) -> int:
        return self.n_weeks // self.block_weeks

    @property
    def n_pairs(self) -> int:
        return self.n_blocks // 2


def allowed_orders(design: ExperimentDesign) -> tuple[str, ...]:
    """Every block order the design can draw: each pair AB or BA (ABAB), or only AB.

    >>> allowed_orders(ExperimentDesign("abab", 6, 24))
    ('ABAB', 'ABBA', 'BAAB', 'BABA')
    """
    if design.kind == "ab":
        return ("AB",)
    return tuple("".join(pairs) for pairs in itertools.product(("AB", "BA"), repeat=design.n_pairs))


def random_order(design: ExperimentDesign, rng: np.random.Generator) -> str:
    """One order drawn fairly: a coin per pair (AB for an AB design)."""
    if design.kind == "ab":
        return "AB"
    return "".join("AB" if flip else "BA" for flip in rng.integers(0, 2, design.n_pairs))


def check_order(design: ExperimentDesign, order: str) -> str:
    """``order`` in capitals if the design allows it, else a clear error."""
    text = order.strip().upper()
    if text not in allowed_orders(design):
        rule = "AB" if design.kind == "ab" else "AB or BA in each pair of blocks"
        raise ValidationError(
            f"order {order!r} does not fit this design: {design.n_blocks} blocks, {rule} "
            f"(e.g. {allowed_orders(design)[-1]})"
        )
    return text


def design_matrix(design: ExperimentDesign, order: str) -> tuple[FloatArray, BoolArray]:
    """Per design week: the intervention indicator (1 in B blocks) and whether it is compared."""
    weeks = np.arange(design.n_weeks)
    block = weeks // design.block_weeks
    indicator = np.array([1.0 if order[b] == "B" else 0.0 for b in block])
    compared = (weeks % design.block_weeks) >= design.run_in_weeks
    return indicator, compared


@dataclass(frozen=True, slots=True)
class NoiseModel:
    """Weekly marker noise: mean, SD about a trend, AR(1) ρ, share of weeks with a marker.

    ``test_every_weeks`` above 1 means the marker is measured on a schedule (a time trial every
    4 weeks: :func:`scheduled_weeks`) rather than in a random ``marker_share`` of weeks.
    """

    mean: float
    sd: float
    rho: float
    marker_share: float
    n_weeks: int
    test_every_weeks: int = 1

    def __post_init__(self) -> None:
        in_range("noise sd", self.sd, 1e-12, 1e12)
        in_range("autocorrelation", self.rho, 0.0, 0.95)
        in_range("share of weeks with a marker", self.marker_share, 0.05, 1.0)
        whole_number("weeks between tests", self.test_every_weeks, 1, 12)


def scheduled_weeks(n_weeks: int, every: int) -> BoolArray:
    """The weeks of a test every ``every`` weeks: the last week of each ``every``-week period.

    >>> scheduled_weeks(8, 4).nonzero()[0].tolist()
    [3, 7]
    """
    weeks = np.arange(n_weeks)
    return np.asarray(weeks % every == every - 1, dtype=np.bool_)


def marker_mask(noise: NoiseModel, n_weeks: int, rng: np.random.Generator) -> BoolArray:
    """The weeks with a marker: the schedule, or each week with chance ``marker_share``."""
    if noise.test_every_weeks > 1:
        return scheduled_weeks(n_weeks, noise.test_every_weeks)
    if noise.marker_share >= 0.999:
        return np.ones(n_weeks, dtype=np.bool_)
    return np.asarray(rng.random(n_weeks) < noise.marker_share, dtype=np.bool_)


def fit_noise_model(
    marker: FloatArray, *, lookback_weeks: int = 52, min_weeks: int = MIN_NOISE_WEEKS
) -> NoiseModel:
    """The noise of a weekly marker series (NaN = no marker that week), from the last
    ``lookback_weeks`` weeks (at least ``min_weeks`` with a value).

    ρ is the REML estimate of the evidence model's AR(1) fit with an intercept and a linear trend;
    the SD is the spread of the detrended weekly values; ρ is capped at 0.9. With fewer than
    ``MIN_NOISE_WEEKS`` values (possible only with a smaller ``min_weeks``, for time trials) ρ
    cannot be measured and ``ASSUMED_RHO`` is used.
    """
    values = np.asarray(marker, dtype=np.float64)[-lookback_weeks:]
    rows = np.flatnonzero(np.isfinite(values))
    if rows.size < max(min_weeks, 3):
        raise ValidationError(
            f"only {rows.size} weeks with the marker in the last {lookback_weeks} weeks: the "
            f"power needs at least {max(min_weeks, 3)} to measure your week-to-week spread"
        )
    span = values.size - int(rows[0])
    y = values[rows]
    matrix = np.column_stack([np.ones(rows.size), rows.astype(np.float64)])
    coefficients, *_ = np.linalg.lstsq(matrix, y, rcond=None)
    residual = y - matrix @ coefficients
    sd = float(np.sqrt(residual @ residual / (rows.size - 2)))
    if sd <= 1e-12:
        raise ValidationError("the marker did not vary from week to week: nothing to compare")
    if rows.size < MIN_NOISE_WEEKS:
        # Too few values (a few time trials) to estimate ρ: assume a middle value.
        rho = ASSUMED_RHO
    else:
        fit = fit_ar1(y, matrix, rows.astype(np.intp), column=1, confidence=0.95)
        rho = min(fit.rho, 0.9) if fit is not None else 0.0
    return NoiseModel(
        mean=float(y.mean()),
        sd=sd,
        rho=float(rho),
        marker_share=float(rows.size / span),
        n_weeks=int(rows.size),
    )


def _patterns(noise: NoiseModel, n_weeks: int, seed: int) -> list[BoolArray]:
    rng = np.random.default_rng(seed)
    if noise.test_every_weeks > 1 or noise.marker_share >= 0.999:
        return [marker_mask(noise, n_weeks, rng)]
    return [marker_mask(noise, n_weeks, rng) for _ in range(_MISSING_PATTERNS)]


def _orders_for_power(design: ExperimentDesign, seed: int) -> tuple[str, ...]:
    orders = allowed_orders(design)
    if len(orders) <= _MAX_ORDERS:
        return orders
    rng = np.random.default_rng(seed)
    return tuple(random_order(design, rng) for _ in range(_MAX_ORDERS))


def contrast_error(
    noise: NoiseModel, design: ExperimentDesign, *, seed: int = 0
) -> tuple[float, int]:
    """Root-mean-square SE of the block effect over orders and missing-week patterns, and df."""
    variances: list[float] = []
    dofs: list[int] = []
    for order in _orders_for_power(design, seed):
        indicator, compared = design_matrix(design, order)
        for mask in _patterns(noise, design.n_weeks, seed):
            rows = np.flatnonzero(compared & mask)
            if rows.size < 5 or indicator[rows].min() == indicator[rows].max():
                continue
            matrix = np.column_stack([np.ones(rows.size), indicator[rows], rows.astype(np.float64)])
            if np.linalg.matrix_rank(matrix) < 3:
                continue
            se = gls_std_error(matrix, rows.astype(np.intp), rho=noise.rho, sd=noise.sd, column=1)
            variances.append(se * se)
            dofs.append(rows.size - 3)
    if not variances:
        raise ValidationError(
            "this design leaves too few compared weeks with a marker to estimate anything"
        )
    return float(np.sqrt(np.mean(variances))), int(np.median(dofs))


def detectable_effect(
    noise: NoiseModel,
    design: ExperimentDesign,
    *,
    power: float = 0.8,
    alpha: float = 0.05,
    seed: int = 0,
) -> float:
    """The smallest true effect found with ``power`` at two-sided ``alpha`` (marker units)."""
    from scipy import stats  # type: ignore[import-untyped]

    se, dof = contrast_error(noise, design, seed=seed)
    return float((stats.t.ppf(1 - alpha / 2, dof) + stats.t.ppf(power, dof)) * se)


@dataclass(frozen=True, slots=True)
class PowerPoint:
    """Power to detect an effect of ``effect`` (marker units; ``percent`` of the mean)."""

    effect: float
    percent: float
    power: float


def power_curve(
    noise: NoiseModel, design: ExperimentDesign, *, alpha: float = 0.05, points: int = 13
) -> tuple[PowerPoint, ...]:
    """Power against true effect, from none to 2.5 × the detectable effect (closed form)."""
    from scipy import stats

    se, dof = contrast_error(noise, design)
    critical = float(stats.t.ppf(1 - alpha / 2, dof))
    top = 2.5 * detectable_effect(noise, design, alpha=alpha)
    curve = []
    for effect in np.linspace(0.0, top, points):
        shift = effect / se
        chance = float(stats.t.sf(critical - shift, dof) + stats.t.cdf(-critical - shift, dof))
        curve.append(PowerPoint(float(effect), float(100 * effect / abs(noise.mean)), chance))
    return tuple(curve)


@dataclass(frozen=True, slots=True)
class DesignOption:
    """One alternative design and what it could detect."""

    kind: DesignKind
    block_weeks: int
    n_weeks: int
    detectable_effect: float
    detectable_effect_percent: float


def design_options(
    noise: NoiseModel,
    chosen: ExperimentDesign,
    *,
    weeks: tuple[int, ...] = (16, 24, 32, 36, 40, 48),
) -> tuple[DesignOption, ...]:
    """How duration and block length move the detectable effect (designs that fit the rules)."""
    options = []
    for block_weeks in (4, 6, 8):
        for n_weeks in weeks:
            try:
                design = ExperimentDesign(chosen.kind, block_weeks, n_weeks, chosen.run_in_weeks)
                if chosen.kind == "ab":
                    design = ExperimentDesign(
                        "ab", block_weeks, 2 * block_weeks, design.run_in_weeks
                    )
                effect = detectable_effect(noise, design)
            except ValidationError:
                continue
            options.append(
                DesignOption(
                    design.kind,
                    design.block_weeks,
                    design.n_weeks,
                    effect,
                    100 * effect / abs(noise.mean),
                )
            )
    unique = {(o.block_weeks, o.n_weeks): o for o in options}
    return tuple(unique[key] for key in sorted(unique))
