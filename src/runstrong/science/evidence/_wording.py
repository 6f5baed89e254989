"""Every sentence :func:`estimate_strength_effect` shows the athlete (private).

Written to one rule: the analysis is observational, so texts say "went with", never that strength
work caused a change; the one sentence that uses the word is the caveat that says it cannot be
shown. Numbers are filled in here, so the wording of a verdict lives in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

from runstrong.science.evidence.series import MarkerKind

if TYPE_CHECKING:
    from runstrong.science.evidence.model import EffectInterval

ReasonCode = Literal[
    "few_weeks",
    "no_strength",
    "rare_strength",
    "always_strength",
    "steady_strength",
    "with_volume",
    "with_covariate",
    "cannot_fit",
]
VARIATION_PROBLEMS: Final[frozenset[str]] = frozenset(
    {"no_strength", "rare_strength", "always_strength", "steady_strength"}
)

CAVEAT: Final = (
    "This is an observational comparison of your own weeks, not a controlled experiment: it can "
    "show that strength work went together with a change in your running, not that strength "
    "work caused it, and other changes at the same time can explain it."
)

_PARTNERS: Final = {
    "volume": "your running volume",
    "trend": "the general trend over time (it rose or fell steadily through the period)",
    "season": "the time of year",
    "race": "your race weeks",
}
_COVARIATES: Final = {
    "volume": "running volume",
    "trend": "a steady trend over time",
    "season": "season",
    "race": "race weeks",
}
_MARKER_CONFOUNDERS: Final[Mapping[MarkerKind, str]] = {
    "efficiency": "Heat, hills, wind, the route and the heart-rate sensor change the speed you run "
    "at a given heart rate.",
    "vdot": "Race and time-trial results also depend on the course, weather, pacing and effort.",
    "critical_speed": "Critical speed is valid only from all-out efforts of about 2–20 minutes; "
    "efforts that were not all-out make it look lower.",
    "hr_drift": "Heat, hydration, fuelling and pacing change heart-rate drift from run to run.",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the data cannot tell: a code and the numbers its sentence needs."""

    code: ReasonCode
    values: Mapping[str, float | str] = field(default_factory=dict)


def reason_text(
    problem: Problem,
    *,
    marker_label: str,
    exposure_unit: str,
    min_weeks: int,
    lag_max: int,
    max_vif: float,
) -> str:
    """One plain sentence for one problem."""
    values = problem.values
    match problem.code:
        case "few_weeks":
            return (
                f"Only {values['n_used']} weeks have a value for {marker_label} with {lag_max} "
                f"weeks of logged training before them; at least {min_weeks} are needed."
            )
        case "no_strength":
            return (
                "No strength work was logged in the weeks analysed, so there is nothing to compare."
            )
        case "rare_strength":
            return (
                f"Strength work was logged in only {values['n_with']} of {values['n_window']} "
                "weeks, too few to compare with the weeks without it."
            )
        case "always_strength":
            return (
                f"Strength work was logged in {values['n_with']} of {values['n_window']} weeks, "
                "so there are almost no weeks without it to compare against."
            )
        case "steady_strength":
            return (
                f"The amount of strength work hardly changed (about {float(values['mean']):.1f} "
                f"{exposure_unit} throughout), so there is nothing to compare it against."
            )
        case "with_volume":
            return (
                "Strength work and running volume rose and fell together (correlation "
                f"{float(values['correlation']):.2f}), so their effects cannot be told apart."
            )
        case "with_covariate":
            vif = float(values["vif"])
            strength = "above" if vif == float("inf") else f"{vif:.1f}, above"
            return (
                f"Strength work changed in step with {_PARTNERS[str(values['partner'])]} "
                f"(variance inflation factor {strength} {max_vif:g}), so their effects cannot be "
                "told apart."
            )
        case "cannot_fit":
            return "The model could not be fitted to these weeks (too few distinct weeks)."


def moves_with(problems: Sequence[Problem]) -> str | None:
    """The covariate strength work moved with, if that is one of the problems."""
    for problem in problems:
        if problem.code == "with_volume":
            return "volume"
        if problem.code == "with_covariate":
            return str(problem.values["partner"])
    return None


def covariate_names(groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The covariates in the model, in words, in a fixed order."""
    return tuple(words for name, words in _COVARIATES.items() if name in groups)


def confounders(marker: MarkerKind, groups: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """What else could explain a relation, saying which of these the model adjusts for."""
    return (
        "Running volume: adjusted for (mean weekly distance over the same weeks), but not how you "
        "ran — more intervals, hills or a new plan at the same time are not in the model."
        if "volume" in groups
        else "Running volume did not change, so it could not be adjusted for; changes in how you "
        "ran (intervals, hills, a new plan) are not in the model.",
        "Season: adjusted for with a yearly cycle; unusual heat or cold is not."
        if "season" in groups
        else "Season: not adjusted for (less than a year of data); weather and daylight can move "
        "the marker.",
        "Races and tapers: race weeks adjusted for."
        if "race" in groups
        else "Races and tapers: no race weeks to adjust for, so a taper or race is not modelled.",
        "Time trend: steady progress over the whole period is modelled as a straight line; "
        "fast early gains that level off are not.",
        "Illness, injury, sleep, stress, body weight, shoes and altitude are not in the model.",
        "Direction: you may lift more when running goes well, or less when tired, which makes "
        "strength work look better or worse than it is.",
        _MARKER_CONFOUNDERS[marker],
    )


def summary(
    *,
    verdict: str,
    marker_label: str,
    unit: str,
    contrast_label: str,
    lag_weeks: tuple[int, int],
    for_contrast: EffectInterval | None,
    percent: EffectInterval | None,
    confidence: float,
    n_used: int,
    n_with: int,
    covariates: tuple[str, ...],
    reasons: tuple[str, ...],
    has_advice: bool,
    first_week: date | None,
    last_week: date | None,
) -> str:
    """The plain-language result, always ending with the caveat."""
    level = f"{confidence * 100:g} %"
    if verdict == "cannot tell" or for_contrast is None:
        pointer = " The advice says what to log to get an answer." if has_advice else ""
        return (
            f"Your data cannot tell yet whether strength work went with better or worse "
            f"{marker_label}. {' '.join(reasons)}{pointer} {CAVEAT}"
        )
    basis = (
        f"Based on {n_used} weeks with a value for {marker_label} from {_day(first_week)} to "
        f"{_day(last_week)}, with strength work in {n_with} of the weeks before them"
    )
    window = f"over the previous {lag_weeks[0]}–{lag_weeks[1]} weeks"
    interval = f"{level} confidence interval {_number(for_contrast.low)} to " + (
        f"{_number(for_contrast.high)} {unit}"
    )
    share = f", {abs(percent.estimate):.1f} % of your average" if percent is not None else ""
    allowed = f"The model allowed for {_listing(covariates)}." if covariates else ""
    if verdict == "no clear relation":
        return (
            f"{basis}: no clear relation between strength work and {marker_label}. For "
            f"{contrast_label} {window}, the estimate is {_number(for_contrast.estimate)} {unit} "
            f"({interval}), an interval that includes no change. This does not show that "
            f"strength work does nothing: a real effect smaller than the interval can hide in "
            f"it, and more weeks narrow it. {allowed} {CAVEAT}"
        )
    direction = "higher" if for_contrast.estimate > 0 else "lower"
    better = "better" if verdict == "improved" else "worse"
    return (
        f"{basis}: {contrast_label} {window} went with {marker_label} about "
        f"{_number(abs(for_contrast.estimate))} {unit} {direction}{share} ({interval}) — "
        f"{better} running by this marker. {allowed} {CAVEAT}"
    )


def _number(value: float) -> str:
    """Three significant figures, never in exponent notation for the values markers take."""
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) >= 0.001 else f"{value:.1g}"


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else "?"


def _listing(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
