"""Structured workouts: the steps, paces or efforts and totals of each kind of run.

Each key workout's size follows from the week's running volume with Daniels' limits (Daniels'
Running Formula): threshold (T) work at most 10 % of the week, interval (I) work at most 8 %,
repetition (R) work at most 5 %, the long run about a quarter of the week and never over 150 min
(22 % and 70 min for middle distance). Sprint sessions (acceleration, maximal velocity, speed
endurance) are counted in metres at near-maximal effort with full recovery (NSCA; expert
opinion). Paces come from VDOT (Daniels & Gilbert 1979) with a ±3 s/km band; without a VDOT
every target is an effort instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, Literal

from runstrong.domain.models import SessionType
from runstrong.domain.plan import RunPrescription, WorkoutStep
from runstrong.domain.units import format_duration, format_pace
from runstrong.errors import ValidationError
from runstrong.planning.events import long_run_cap_s, race_group, race_name
from runstrong.science import TrainingPaces, equivalent_time_s, training_paces

__all__ = ["SESSION_TYPES", "RunKind", "RunTargets", "build_workout"]

RunKind = Literal[
    "easy",
    "easy_strides",
    "extensive_tempo",
    "long",
    "long_race_pace",
    "tempo",
    "interval",
    "repetition",
    "acceleration",
    "max_velocity",
    "speed_endurance",
    "sharpener",
    "race",
]

SESSION_TYPES: Final[dict[RunKind, SessionType]] = {
    "easy": "easy",
    "easy_strides": "strides",
    "extensive_tempo": "easy",
    "long": "long",
    "long_race_pace": "long",
    "tempo": "tempo",
    "interval": "interval",
    "repetition": "repetition",
    "acceleration": "repetition",
    "max_velocity": "repetition",
    "speed_endurance": "interval",
    "sharpener": "interval",
    "race": "race",
}
_WARMUP_S: Final = 900.0
_COOLDOWN_S: Final = 600.0
_EFFORT_PACE_S_PER_KM: Final = 390.0  # only to estimate distances when no VDOT is known
_PACE_BAND_S: Final = 3.0


@dataclass(frozen=True, slots=True)
class RunTargets:
    """What run prescriptions need to know: the race and, when known, the athlete's paces.

    ``race_pace_s_per_km`` is the VDOT-equivalent race pace (1500 m to marathon only).
    """

    race_distance_m: float
    paces: TrainingPaces | None = None
    race_pace_s_per_km: float | None = None

    @classmethod
    def for_athlete(cls, race_distance_m: float, vdot_value: float | None) -> RunTargets:
        """Targets from a VDOT (Daniels & Gilbert 1979), or effort-only targets without one.

        >>> targets = RunTargets.for_athlete(10000, 50)
        >>> round(targets.race_pace_s_per_km), round(targets.paces.threshold_s_per_km)
        (248, 255)
        """
        if vdot_value is None:
            return cls(race_distance_m)
        paces = training_paces(vdot_value)
        race_pace = None
        if 1500 <= race_distance_m <= 42195:
            try:
                race_time_s = equivalent_time_s(vdot_value, race_distance_m)
            except ValidationError:  # beyond the VDOT model's 3-300 minutes: race by effort
                race_time_s = None
            if race_time_s is not None:
                race_pace = race_time_s / race_distance_m * 1000
        return cls(race_distance_m, paces, race_pace)


def build_workout(
    kind: RunKind, weekly_volume_s: float, targets: RunTargets, duration_s: float
) -> RunPrescription:
    """The workout of one run of ``kind``: easy kinds last ``duration_s``, key workouts are sized
    from ``weekly_volume_s``."""
    return _BUILDERS[kind](weekly_volume_s, duration_s, targets)


def _easy(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    minutes = max(10, round(duration_s / 60))
    paces = targets.paces
    step = WorkoutStep(
        "active",
        duration_s=minutes * 60.0,
        pace_fast_s_per_km=paces.easy_fast_s_per_km if paces else None,
        pace_slow_s_per_km=paces.easy_slow_s_per_km if paces else None,
    )
    target = _easy_target(targets)
    return _run("easy", (step,), f"Easy {minutes} min {target}", targets)


def _easy_strides(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    easy = _easy(volume_s, max(600.0, duration_s - 420.0), targets)
    strides = WorkoutStep("active", duration_s=20.0, repeat=6, recovery_s=60.0)
    description = f"{easy.description}, then 6 × 20 s strides (fast, relaxed), walk back"
    return _run("easy_strides", (*easy.steps, strides), description, targets)


def _extensive_tempo(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    reps = min(16, max(6, round((duration_s - 600) / 75)))
    steps = (
        WorkoutStep("warmup", duration_s=600.0),
        WorkoutStep("active", distance_m=100.0, repeat=reps, recovery_s=45.0),
    )
    description = f"Extensive tempo: 10 min jog, {reps} × 100 m at 65-70 % effort, 45 s walk"
    return _run("extensive_tempo", steps, description, targets, active_s=30.0)


def _long(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    minutes = _long_minutes(volume_s, targets)
    easy = _easy(volume_s, minutes * 60.0, targets)
    return _run("long", easy.steps, f"Long run {minutes} min {_easy_target(targets)}", targets)


def _long_race_pace(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    minutes = _long_minutes(volume_s, targets)
    fast_min = max(10, round(minutes * 0.3 / 5) * 5)
    easy = _easy(volume_s, (minutes - fast_min) * 60.0, targets)
    pace = targets.race_pace_s_per_km
    fast = WorkoutStep(
        "active",
        duration_s=fast_min * 60.0,
        pace_fast_s_per_km=pace - _PACE_BAND_S if pace else None,
        pace_slow_s_per_km=pace + _PACE_BAND_S if pace else None,
    )
    target = f"at race pace {format_pace(pace)}" if pace else "at race effort (RPE 6-7)"
    description = f"Long run {minutes} min: the last {fast_min} min {target}"
    return _run("long_race_pace", (*easy.steps, fast), description, targets)


def _tempo(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    work_s = _clamp(0.10 * volume_s, 900.0, 2400.0)
    reps = int(_clamp(round(work_s / 300), 2, 8))
    pace = targets.paces.threshold_s_per_km if targets.paces else None
    return _repeats("tempo", "Tempo", reps, 300.0, 60.0, pace, "T pace", targets)


def _interval(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    work_s = _clamp(0.08 * volume_s, 600.0, 1800.0)
    reps = int(_clamp(round(work_s / 180), 3, 10))
    pace = targets.paces.interval_s_per_km if targets.paces else None
    return _repeats("interval", "Intervals", reps, 180.0, 150.0, pace, "I pace", targets)


def _repetition(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    work_s = _clamp(0.05 * volume_s, 240.0, 720.0)
    reps = int(_clamp(round(work_s / 60), 4, 12))
    pace = targets.paces.repetition_s_per_km if targets.paces else None
    return _repeats("repetition", "Repetitions", reps, 60.0, 120.0, pace, "R pace", targets)


def _sharpener(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    if race_group(targets.race_distance_m) == "sprint":
        return _sprint("sharpener", volume_s, 30.0, 4, 240.0, "Race-week sharpener", targets)
    reps = int(_clamp(round(0.04 * volume_s / 120), 3, 5))
    pace = targets.race_pace_s_per_km
    label = "race pace"
    if pace is None and targets.paces is not None:
        pace, label = targets.paces.repetition_s_per_km, "R pace"
    return _repeats("sharpener", "Sharpener", reps, 120.0, 120.0, pace, label, targets)


def _acceleration(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    return _sprint("acceleration", volume_s, 30.0, 6, 120.0, "Accelerations", targets)


def _max_velocity(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    return _sprint("max_velocity", volume_s, 30.0, 4, 240.0, "Flying sprints", targets)


def _speed_endurance(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    distance = targets.race_distance_m
    rep_m = 80.0 if distance <= 100 else 150.0 if distance <= 200 else 300.0
    recovery = 600.0 if rep_m >= 300 else 360.0
    return _sprint("speed_endurance", volume_s, rep_m, 4, recovery, "Speed endurance", targets)


def _race(volume_s: float, duration_s: float, targets: RunTargets) -> RunPrescription:
    distance = targets.race_distance_m
    pace = targets.race_pace_s_per_km
    if pace is None:
        pace = 150.0 if distance <= 400 else 210.0 if distance <= 3000 else _EFFORT_PACE_S_PER_KM
    steps = (
        WorkoutStep("warmup", duration_s=_WARMUP_S),
        WorkoutStep(
            "active",
            distance_m=distance,
            pace_fast_s_per_km=pace - _PACE_BAND_S if targets.race_pace_s_per_km else None,
            pace_slow_s_per_km=pace + _PACE_BAND_S if targets.race_pace_s_per_km else None,
        ),
    )
    known = targets.race_pace_s_per_km
    target = f" at {format_pace(known)} (VDOT-equivalent pace)" if known else ""
    return _run("race", steps, f"Race: {race_name(distance)}{target}", targets, pace=pace)


def _repeats(
    kind: RunKind,
    name: str,
    reps: int,
    rep_s: float,
    recovery_s: float,
    pace: float | None,
    pace_label: str,
    targets: RunTargets,
) -> RunPrescription:
    recovery = f"{format_duration(recovery_s)} jog recovery"
    if pace is not None:
        rep_m = max(200.0, round(rep_s / pace * 10) * 100.0)
        block = WorkoutStep(
            "active",
            distance_m=rep_m,
            pace_fast_s_per_km=pace - _PACE_BAND_S,
            pace_slow_s_per_km=pace + _PACE_BAND_S,
            repeat=reps,
            recovery_s=recovery_s,
        )
        what = f"{reps} × {rep_m:g} m at {format_pace(pace)} ({pace_label})"
        active_s = rep_m * pace / 1000
    else:
        block = WorkoutStep("active", duration_s=rep_s, repeat=reps, recovery_s=recovery_s)
        what = f"{reps} × {format_duration(rep_s)} {_EFFORTS[kind]}"
        active_s = rep_s
    steps = (_warmup(targets), block, _cooldown(targets))
    return _run(kind, steps, f"{name} {what}, {recovery}", targets, active_s=active_s)


_EFFORTS: Final[dict[RunKind, str]] = {
    "tempo": "comfortably hard (RPE 6-7)",
    "interval": "hard (RPE 8)",
    "repetition": "fast and relaxed (RPE 8-9)",
    "sharpener": "at race effort",
}


def _sprint(
    kind: RunKind,
    volume_s: float,
    rep_m: float,
    base_reps: int,
    recovery_s: float,
    name: str,
    targets: RunTargets,
) -> RunPrescription:
    reps = int(_clamp(round(base_reps * volume_s / 5400), 2, 10))
    block = WorkoutStep("active", distance_m=rep_m, repeat=reps, recovery_s=recovery_s)
    steps = (WorkoutStep("warmup", duration_s=_clamp(0.2 * volume_s, 600.0, _WARMUP_S)), block)
    effort = "95 % effort" if kind != "speed_endurance" else "90-95 % effort"
    start = {"acceleration": " from a crouch", "max_velocity": " flying (20 m build-up)"}
    description = (
        f"{name}: {reps} × {rep_m:g} m{start.get(kind, '')} at {effort}, "
        f"{format_duration(recovery_s)} walk-back recovery"
    )
    return _run(kind, steps, description, targets, active_s=rep_m / 7.5)


def _run(
    kind: RunKind,
    steps: tuple[WorkoutStep, ...],
    description: str,
    targets: RunTargets,
    *,
    active_s: float | None = None,
    pace: float | None = None,
) -> RunPrescription:
    """Total duration and (with paces) distance of the steps, from each step's time or distance."""
    easy_pace = _easy_pace(targets)
    duration_s = 0.0
    distance_m = 0.0
    for step in steps:
        step_pace = (
            (step.pace_fast_s_per_km + step.pace_slow_s_per_km) / 2
            if step.pace_fast_s_per_km and step.pace_slow_s_per_km
            else easy_pace
        )
        if step.distance_m is not None:
            step_pace = pace or step_pace
            one_s = active_s if active_s is not None else step.distance_m * step_pace / 1000
            one_m = step.distance_m
        else:
            one_s = step.duration_s or 0.0
            one_m = one_s / step_pace * 1000
        recoveries = (step.repeat - 1) * (step.recovery_s or 0.0)
        duration_s += step.repeat * one_s + recoveries
        distance_m += step.repeat * one_m + recoveries / easy_pace * 1000 * 0.6
    return RunPrescription(
        session_type=SESSION_TYPES[kind],
        steps=steps,
        description=description,
        distance_m=round(distance_m, -1) if targets.paces is not None else None,
        duration_s=round(duration_s),
    )


def _warmup(targets: RunTargets) -> WorkoutStep:
    return replace(_easy(0.0, _WARMUP_S, targets).steps[0], kind="warmup")


def _cooldown(targets: RunTargets) -> WorkoutStep:
    return replace(_easy(0.0, _COOLDOWN_S, targets).steps[0], kind="cooldown")


def _easy_pace(targets: RunTargets) -> float:
    paces = targets.paces
    if paces is None:
        return _EFFORT_PACE_S_PER_KM
    return (paces.easy_fast_s_per_km + paces.easy_slow_s_per_km) / 2


def _easy_target(targets: RunTargets) -> str:
    paces = targets.paces
    if paces is None:
        return "at conversational effort (RPE 3-4)"
    fast, slow = format_pace(paces.easy_fast_s_per_km), format_pace(paces.easy_slow_s_per_km)
    return f"at {slow.removesuffix('/km')}-{fast} (E pace)"


def _long_minutes(volume_s: float, targets: RunTargets) -> int:
    share = 0.22 if race_group(targets.race_distance_m) == "middle" else 0.28
    seconds = _clamp(share * volume_s, 1800.0, long_run_cap_s(targets.race_distance_m))
    return int(round(seconds / 300) * 5)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


_BUILDERS: Final = {
    "easy": _easy,
    "easy_strides": _easy_strides,
    "extensive_tempo": _extensive_tempo,
    "long": _long,
    "long_race_pace": _long_race_pace,
    "tempo": _tempo,
    "interval": _interval,
    "repetition": _repetition,
    "acceleration": _acceleration,
    "max_velocity": _max_velocity,
    "speed_endurance": _speed_endurance,
    "sharpener": _sharpener,
    "race": _race,
}
