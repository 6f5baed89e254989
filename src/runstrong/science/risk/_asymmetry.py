"""Risk detector for left-right asymmetry in single-leg strength work.

Private to :mod:`runstrong.science.risk`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from runstrong.errors import ValidationError
from runstrong.science._checks import whole_number
from runstrong.science.muscle_volume import LoggedSet
from runstrong.science.risk._catalogue import RiskThresholds
from runstrong.science.risk._signals import RiskSignal, make_signal, signal_names
from runstrong.science.strength import asymmetry_percent, limb_symmetry_index, set_one_rep_max


def asymmetry(
    single_leg_sets: Iterable[LoggedSet],
    n_days: int,
    thresholds: RiskThresholds | None = None,
    *,
    every_day: bool = False,
    exercise_names: Mapping[str, str] | None = None,
) -> tuple[RiskSignal, ...]:
    """Left-right asymmetry in single-leg work above 10 % (caution) or 15 % (high).

    Per session (day) and exercise, the best e1RM of each side
    (:func:`runstrong.science.set_one_rep_max`) is compared; when both sides are body weight
    only, the best reps. ``asymmetry = 100 − LSI`` with ``LSI = weaker / stronger × 100``. A
    measurement stays current for 28 days or until the exercise is measured again. Grade
    **weak** for predicting running injury.

    Examples
    --------
    >>> left = LoggedSet(0, "step-up", 8, 40, rpe=8, side="left")
    >>> right = LoggedSet(0, "step-up", 8, 32, rpe=8, side="right")
    >>> signal = asymmetry([left, right], n_days=3)[0]
    >>> signal.severity, round(signal.metrics["asymmetry_percent"], 1), signal.labels["weaker_side"]
    ('high', 20.0, 'right')
    """
    chosen = RiskThresholds.defaults() if thresholds is None else thresholds
    today = whole_number("n_days", n_days, 1, 10_000_000) - 1
    names = exercise_names or {}
    measures = signal_names("asymmetry")
    by_exercise: dict[str, list[tuple[int, str, float, float]]] = defaultdict(list)
    for (day, slug), sides in sorted(_sides_by_session(single_leg_sets, today).items()):
        measured = _compare_sides(sides)
        if measured is not None:
            by_exercise[slug].append((day, *measured))
    signals = []
    for slug, measurements in by_exercise.items():
        for number, (day, measure, left, right) in enumerate(measurements):
            percent = asymmetry_percent(left, right)
            if percent <= chosen.asymmetry_caution_percent:
                continue
            high = percent > chosen.asymmetry_high_percent
            following = measurements[number + 1][0] if number + 1 < len(measurements) else None
            last = min(day + chosen.asymmetry_lookback_days - 1, today)
            last = last if following is None else min(last, following - 1)
            active = range(day, last + 1) if every_day else [today] if day <= today <= last else []
            for current in active:
                metrics = {
                    "asymmetry_percent": percent,
                    "threshold_percent": chosen.asymmetry_high_percent
                    if high
                    else chosen.asymmetry_caution_percent,
                    "limb_symmetry_index": limb_symmetry_index(left, right),
                    "left": left,
                    "right": right,
                    "days_since": current - day,
                }
                labels = {
                    "exercise": names.get(slug, slug),
                    "weaker_side": "left" if left < right else "right",
                    "measure": measures[measure],
                }
                reason = "high" if high else "caution"
                signals.append(make_signal("asymmetry", reason, current, metrics, labels))
    return tuple(sorted(signals, key=lambda signal: signal.day_index))


def _sides_by_session(
    sets: Iterable[LoggedSet], today: int
) -> dict[tuple[int, str], dict[str, list[LoggedSet]]]:
    grouped: dict[tuple[int, str], dict[str, list[LoggedSet]]] = defaultdict(
        lambda: {"left": [], "right": []}
    )
    for logged in sets:
        if logged.side in ("left", "right") and logged.day_index <= today:
            grouped[(logged.day_index, logged.exercise_slug)][logged.side].append(logged)
    return grouped


def _compare_sides(sides: Mapping[str, list[LoggedSet]]) -> tuple[str, float, float] | None:
    """("e1rm" or "reps", left, right) for one exercise in one session, or None."""
    left, right = sides["left"], sides["right"]
    if not left or not right:
        return None
    left_e1rm, right_e1rm = _best_e1rm(left), _best_e1rm(right)
    if left_e1rm is not None and right_e1rm is not None:
        return "e1rm", left_e1rm, right_e1rm
    if all(logged.load_kg == 0 for logged in (*left, *right)):
        left_reps = max(logged.reps for logged in left)
        right_reps = max(logged.reps for logged in right)
        if left_reps > 0 and right_reps > 0:
            return "reps", float(left_reps), float(right_reps)
    return None


def _best_e1rm(sets: Sequence[LoggedSet]) -> float | None:
    estimates = []
    for logged in sets:
        if logged.load_kg > 0 and logged.reps >= 1:
            try:
                estimates.append(set_one_rep_max(logged.load_kg, logged.reps, logged.rpe))
            except ValidationError:
                continue
    return max(estimates) if estimates else None
