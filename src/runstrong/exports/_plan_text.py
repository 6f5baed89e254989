"""Plan sessions as words: workout steps, exercise prescriptions, durations and evidence notes.

Private to the plan exports: the calendar (:mod:`runstrong.exports.ics`) and the printable plan
(:mod:`runstrong.exports.pdf`) describe a session with these functions, so both say the same
thing in the same words. Units are converted here, at the edge; the plan itself is SI.

>>> from runstrong.domain.plan import WorkoutStep
>>> step_text(WorkoutStep("active", distance_m=800, pace_fast_s_per_km=220,
...                       pace_slow_s_per_km=225, repeat=6, recovery_s=120), "metric")
'Intervals: 6 × 800 m @ 3:40–3:45/km, 2 min recovery between'
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final, Literal, get_args

from runstrong.domain.models import UnitSystem
from runstrong.domain.plan import (
    ExercisePrescription,
    Plan,
    PlannedSession,
    RunPrescription,
    WorkoutStep,
)
from runstrong.domain.units import format_distance, format_duration, format_pace, kg_to_lb
from runstrong.errors import ValidationError
from runstrong.library import GRADES, Exercise, Grade, load_catalog

__all__ = [
    "DEFAULT_RUN_S",
    "DEFAULT_STRENGTH_S",
    "EvidenceNote",
    "check_units",
    "dose_text",
    "drill_index",
    "duration_text",
    "exercise_for",
    "exercise_name",
    "exercise_text",
    "pace_text",
    "plan_evidence",
    "planned_duration_s",
    "planned_duration_text",
    "run_lines",
    "session_duration_s",
    "session_lines",
    "slug",
    "step_text",
]

#: Calendar length of a run (or strength session) whose prescription gives no duration.
DEFAULT_RUN_S: Final = 60 * 60.0
DEFAULT_STRENGTH_S: Final = 45 * 60.0

#: Track repetitions read better in metres than in fractions of a kilometre or mile.
_METRES_BELOW_M: Final = 1600.0

PlanFeature = Literal["strength", "heavy_lower_body", "plyometric", "deload", "taper"]
_FEATURES: Final[tuple[PlanFeature, ...]] = get_args(PlanFeature)
_EVIDENCE_FILE: Final = "plan_evidence.toml"

_STEP_LABELS: Final = {
    "warmup": "Warm-up",
    "active": "Run",
    "recovery": "Recovery",
    "cooldown": "Cool-down",
}


def check_units(units: str) -> UnitSystem:
    """``units`` as a unit system, or :class:`ValidationError` naming the choices."""
    if units == "metric":
        return "metric"
    if units == "imperial":
        return "imperial"
    raise ValidationError(f"unknown units {units!r}: use 'metric' or 'imperial'")


def duration_text(seconds: float) -> str:
    """A step length as runners say it.

    >>> duration_text(45), duration_text(900), duration_text(150), duration_text(5400)
    ('45 s', '15 min', '2:30', '90 min')
    """
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    if total % 60 == 0:
        return f"{total // 60} min"
    return format_duration(total)


def _distance_text(distance_m: float, units: UnitSystem) -> str:
    if distance_m < _METRES_BELOW_M:
        return f"{distance_m:.0f} m"
    return format_distance(distance_m, units)


def pace_text(step: WorkoutStep, units: UnitSystem) -> str | None:
    """The step's pace range, fast end first (``3:40–3:45/km``), or ``None`` without a pace.

    >>> pace_text(WorkoutStep("active", pace_fast_s_per_km=300, pace_slow_s_per_km=330),
    ...           "imperial")
    '8:03–8:51/mi'
    """
    paces = [p for p in (step.pace_fast_s_per_km, step.pace_slow_s_per_km) if p is not None]
    if not paces:
        return None
    fast, slow = min(paces), max(paces)
    if round(fast) == round(slow):
        return format_pace(fast, units)
    fast_text = format_pace(fast, units).split("/")[0]
    return f"{fast_text}–{format_pace(slow, units)}"


def step_text(step: WorkoutStep, units: UnitSystem) -> str:
    """One workout step as one line: what, how long or far, how fast, and the recoveries."""
    if step.distance_m is not None:
        length = _distance_text(step.distance_m, units)
    elif step.duration_s is not None:
        length = duration_text(step.duration_s)
    else:
        length = "until you press lap"
    label = _STEP_LABELS[step.kind]
    if step.repeat > 1:
        label = "Intervals" if step.kind == "active" else label
        length = f"{step.repeat} × {length}"
    text = f"{label}: {length}"
    pace = pace_text(step, units)
    if pace is not None:
        text += f" @ {pace}"
    if step.repeat > 1 and step.recovery_s:
        text += f", {duration_text(step.recovery_s)} recovery between"
    return text


def run_lines(run: RunPrescription, units: UnitSystem) -> tuple[str, ...]:
    """The prescription's description, then one line per step."""
    lines = [run.description] if run.description else []
    return (*lines, *(step_text(step, units) for step in run.steps))


@cache
def exercise_for(slug: str) -> Exercise | None:
    """The library's exercise for ``slug``, or ``None`` for a slug the library does not know."""
    catalog = load_catalog()
    return catalog.get(slug) if slug in catalog else None


def exercise_name(slug: str) -> str:
    """The display name of an exercise; an unknown slug is shown as words."""
    exercise = exercise_for(slug)
    return exercise.name if exercise else slug.replace("-", " ").capitalize()


def _load_text(load_kg: float, units: UnitSystem) -> str:
    if units == "imperial":
        return f"{round(kg_to_lb(load_kg))} lb"
    return f"{round(load_kg * 2) / 2:g} kg"


def dose_text(prescription: ExercisePrescription) -> str:
    """How much: sets × distance for drills, sets × seconds for holds, sets × reps otherwise.

    >>> dose_text(ExercisePrescription("high-knees", 2, 1, distance_m=20))
    '2 × 20 m'
    >>> dose_text(ExercisePrescription("side-plank", 3, 1, per_side=True, hold_s=30))
    '3 × 30 s each side'
    >>> dose_text(ExercisePrescription("pogo-jumps", 4, 10, foot_contacts=80))
    '4 × 10 (80 foot contacts)'
    """
    p = prescription
    if p.distance_m is not None:
        text = f"{p.sets} × {p.distance_m:g} m"
    elif p.hold_s is not None:
        text = f"{p.sets} × {p.hold_s:g} s" + (" each side" if p.per_side else " hold")
    else:
        text = f"{p.sets} × {p.reps}" + (" per side" if p.per_side else "")
    if p.foot_contacts is not None:
        text += f" ({p.foot_contacts} foot contacts)"
    return text


def exercise_text(prescription: ExercisePrescription, units: UnitSystem) -> str:
    """``Leg Press: 4 × 6 @ 140 kg``, with per side, RPE, foot contacts and the note.

    >>> exercise_text(ExercisePrescription("single-leg-leg-press", 3, 8, target_rpe=7,
    ...                                    per_side=True), "metric")
    'Single-Leg Leg Press: 3 × 8 per side @ RPE 7'
    >>> exercise_text(ExercisePrescription("front-plank", 3, 1, hold_s=30), "metric")
    'Front Plank: 3 × 30 s hold'
    """
    p = prescription
    text = f"{exercise_name(p.exercise_slug)}: {dose_text(p).split(' (')[0]}"
    intensity = []
    if p.load_kg is not None:
        intensity.append(_load_text(p.load_kg, units))
    if p.target_rpe is not None:
        intensity.append(f"RPE {p.target_rpe:g}")
    if intensity:
        text += " @ " + ", ".join(intensity)
    if p.foot_contacts is not None:
        text += f" ({p.foot_contacts} foot contacts)"
    if p.note:
        text += f" – {p.note}"
    return text


def drill_index(steps: tuple[WorkoutStep, ...]) -> int:
    """Where running drills go among a run's steps (rule D1): after the warm-up, else before
    the first repeated block (strides), else at the end."""
    warmups = [n for n, step in enumerate(steps) if step.kind == "warmup"]
    if warmups:
        return warmups[-1] + 1
    repeated = [n for n, step in enumerate(steps) if step.repeat > 1]
    return repeated[0] if repeated else len(steps)


def _drills_line(drills: list[ExercisePrescription]) -> str:
    listed = ", ".join(f"{exercise_name(d.exercise_slug)} {dose_text(d)}" for d in drills)
    return f"Drills: {listed} (walk back)"


def session_lines(session: PlannedSession, units: UnitSystem) -> tuple[str, ...]:
    """A session in lines: a run's description and steps with its drills in their place
    (after the warm-up, before strides or the main set), or a strength session's exercises.

    >>> from datetime import date
    >>> run = RunPrescription("strides", (WorkoutStep("active", duration_s=1500),
    ...     WorkoutStep("active", duration_s=20, repeat=6, recovery_s=60)), "Easy 25 min")
    >>> session = PlannedSession(date(2025, 3, 4), "run", "Easy + strides", run=run,
    ...     exercises=(ExercisePrescription("high-knees", 2, 1, distance_m=20),))
    >>> session_lines(session, "metric")[1:3]
    ('Run: 25 min', 'Drills: High Knees 2 × 20 m (walk back)')
    """
    run = session.run
    if run is None:
        return tuple(exercise_text(p, units) for p in session.exercises)
    drills = [p for p in session.exercises if p.distance_m is not None]
    others = [exercise_text(p, units) for p in session.exercises if p.distance_m is None]
    steps = [step_text(step, units) for step in run.steps]
    if drills:
        steps.insert(drill_index(run.steps), _drills_line(drills))
    lines = [run.description] if run.description else []
    return (*lines, *steps, *others)


def _step_seconds(step: WorkoutStep) -> float | None:
    """How long a step (with its repeats and recoveries) takes, or ``None`` if unknown."""
    once = step.duration_s
    if once is None and step.distance_m is not None:
        paces = [p for p in (step.pace_fast_s_per_km, step.pace_slow_s_per_km) if p is not None]
        if paces:
            once = step.distance_m / 1000 * sum(paces) / len(paces)
    if once is None:
        return None
    return once * step.repeat + (step.recovery_s or 0.0) * (step.repeat - 1)


def session_duration_s(session: PlannedSession) -> float:
    """Planned length of a session: the prescription's duration, else the sum of its steps
    (distances at the middle of their pace range), else :data:`DEFAULT_RUN_S` or
    :data:`DEFAULT_STRENGTH_S`."""
    run = session.run
    if run is None:
        return DEFAULT_STRENGTH_S if session.kind == "strength" else DEFAULT_RUN_S
    if run.duration_s:
        return run.duration_s
    seconds = [_step_seconds(step) for step in run.steps]
    if seconds and all(s is not None for s in seconds):
        return sum(s for s in seconds if s is not None)
    return DEFAULT_RUN_S


def planned_duration_s(session: PlannedSession) -> float:
    """:func:`session_duration_s` rounded up to whole 5 minutes, as calendars and plans show it.

    >>> from datetime import date
    >>> planned_duration_s(PlannedSession(date(2024, 5, 1), "strength", "Legs"))
    2700.0
    """
    return math.ceil(session_duration_s(session) / 300 - 1e-9) * 300.0


def planned_duration_text(session: PlannedSession) -> str:
    """The rounded planned length in words: ``55 min``, ``1 h 45 min``."""
    minutes = round(planned_duration_s(session) / 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def slug(text: str, fallback: str = "session") -> str:
    """Lowercase ASCII words joined by hyphens, for file names and UIDs.

    >>> slug("6 × 800 m, Intervals!"), slug("Ščit"), slug("×")
    ('6-800-m-intervals', 'scit', 'session')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "-".join(words) or fallback


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    """A piece of advice the plan's structure states, its evidence grade and its source."""

    applies_to: PlanFeature
    advice: str
    grade: Grade
    source: str


def plan_evidence(plan: Plan) -> tuple[EvidenceNote, ...]:
    """The evidence notes for what this plan contains (strength work, deloads, a taper ...)."""
    features = _plan_features(plan)
    return tuple(note for note in _evidence_notes() if note.applies_to in features)


def _plan_features(plan: Plan) -> frozenset[PlanFeature]:
    found: set[PlanFeature] = set()
    for session in plan.sessions:
        if session.kind == "strength":
            found.add("strength")
        if session.heavy_lower_body:
            found.add("heavy_lower_body")
        if any(p.foot_contacts is not None for p in session.exercises):
            found.add("plyometric")
    for week in plan.weeks:
        if week.deload:
            found.add("deload")
        if week.phase == "taper":
            found.add("taper")
    return frozenset(found)


@cache
def _evidence_notes() -> tuple[EvidenceNote, ...]:
    """The packaged ``plan_evidence.toml``, read and checked once."""
    text = resources.files("runstrong.exports").joinpath(_EVIDENCE_FILE).read_text("utf-8")
    document = tomllib.loads(text)
    if document.get("schema_version") != 1:
        raise ValidationError(f"{_EVIDENCE_FILE}: expected schema_version = 1")
    notes = []
    for number, raw in enumerate(document.get("note", []), 1):
        keys = {"applies_to", "advice", "grade", "source"}
        if not isinstance(raw, dict) or set(raw) != keys:
            raise ValidationError(f"{_EVIDENCE_FILE}: note #{number} needs exactly {sorted(keys)}")
        if not all(isinstance(value, str) and value.strip() for value in raw.values()):
            raise ValidationError(f"{_EVIDENCE_FILE}: note #{number} has an empty field")
        feature = next((f for f in _FEATURES if f == raw["applies_to"]), None)
        grade = next((g for g in GRADES if g == raw["grade"]), None)
        if feature is None or grade is None:
            raise ValidationError(
                f"{_EVIDENCE_FILE}: note #{number}: applies_to must be one of {_FEATURES} "
                f"and grade one of {GRADES}"
            )
        notes.append(EvidenceNote(feature, raw["advice"], grade, raw["source"]))
    return tuple(notes)
