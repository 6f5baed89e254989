"""Value objects of a training plan: what was asked for, what the athlete brings, what is planned.

A plan is a list of dated sessions grouped in weeks with a phase each. Run sessions carry a
structured workout (steps with paces, for watches and calendars); strength sessions carry
exercise prescriptions (sets × reps × load or target RPE, foot contacts for plyometrics).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from runstrong.domain.models import EventFocus, SessionType

__all__ = [
    "AthleteBaseline",
    "ExercisePrescription",
    "Plan",
    "PlanPhase",
    "PlanRequest",
    "PlanWeek",
    "PlannedSession",
    "PlyometricLevel",
    "RuleBend",
    "RunPrescription",
    "SessionKind",
    "SessionStatus",
    "Slot",
    "StepKind",
    "WorkoutStep",
    "week_spans",
]

PlanPhase = Literal["base", "build", "peak", "taper"]
SessionKind = Literal["run", "strength"]
StepKind = Literal["warmup", "active", "recovery", "cooldown"]
SessionStatus = Literal["planned", "done", "missed"]
Slot = Literal["am", "pm"]
PlyometricLevel = Literal["beginner", "intermediate", "advanced"]


@dataclass(frozen=True, slots=True)
class WorkoutStep:
    """One step of a run workout, by time or by distance, with an optional pace range.

    An ``active`` step with ``repeat`` > 1 is an interval block: ``repeat`` times the step, each
    followed by ``recovery_s`` seconds of easy jogging (none after the last).
    """

    kind: StepKind
    duration_s: float | None = None
    distance_m: float | None = None
    pace_fast_s_per_km: float | None = None
    pace_slow_s_per_km: float | None = None
    repeat: int = 1
    recovery_s: float | None = None


@dataclass(frozen=True, slots=True)
class RunPrescription:
    session_type: SessionType
    steps: tuple[WorkoutStep, ...]
    description: str
    distance_m: float | None = None
    duration_s: float | None = None


@dataclass(frozen=True, slots=True)
class ExercisePrescription:
    """``sets`` × ``reps`` of one exercise.

    ``load_kg`` is set when it comes from the athlete's own e1RM; otherwise ``target_rpe`` says
    how hard (the first session finds the load). ``per_side`` means the reps are for each leg.
    ``foot_contacts`` is the total for a plyometric exercise. ``hold_s`` makes each set a timed
    hold of that many seconds (``reps`` is then 1). ``distance_m`` makes each set a distance
    (running drills: 2 × 20 m; ``reps`` is then 1).
    """

    exercise_slug: str
    sets: int
    reps: int
    load_kg: float | None = None
    target_rpe: float | None = None
    per_side: bool = False
    foot_contacts: int | None = None
    note: str | None = None
    hold_s: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One session on one day. ``key`` marks intervals, tempo, long runs and races;
    ``heavy_lower_body`` marks strength sessions that fall under the 48-hour rule."""

    day: date
    kind: SessionKind
    title: str
    slot: Slot = "am"
    run: RunPrescription | None = None
    exercises: tuple[ExercisePrescription, ...] = ()
    planned_load_au: float = 0.0
    key: bool = False
    heavy_lower_body: bool = False
    status: SessionStatus = "planned"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RuleBend:
    """A plan rule (``C1`` .. ``D1``, docs/science.md) that gave way in a week, and why."""

    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """A week of the plan; ``bends`` lists the rules that could not hold in it, with reasons."""

    index: int
    start: date
    phase: PlanPhase
    deload: bool
    bends: tuple[RuleBend, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What the athlete asked for. Weekdays are 0 = Monday .. 6 = Sunday."""

    race_label: str
    race_distance_m: float
    race_date: date
    start_date: date
    focus: EventFocus
    available_days: frozenset[int] = frozenset(range(7))
    long_run_day: int = 6
    strength_days: int = 2
    equipment: frozenset[str] = frozenset({"leg-press", "barbell", "dumbbell", "box", "bodyweight"})
    two_a_days: bool = True


@dataclass(frozen=True, slots=True)
class AthleteBaseline:
    """What the athlete's log says, for loads and paces. ``None`` where the log cannot tell:
    the planner then uses a safe default (the first session finds the number)."""

    vdot: float | None = None
    e1rm_kg_by_exercise: Mapping[str, float] = field(default_factory=dict)
    weekly_running_distance_m: float = 0.0
    weekly_runs: int = 0
    plyometric_level: PlyometricLevel = "beginner"
    body_mass_kg: float | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    request: PlanRequest
    baseline: AthleteBaseline
    weeks: tuple[PlanWeek, ...]
    sessions: tuple[PlannedSession, ...]
    id: int | None = None


def week_spans(plan: Plan) -> tuple[tuple[PlanWeek, date, date], ...]:
    """Each week with its first and last day: a week ends the day before the next one starts
    (the first week may be short), and the last week ends on race day.

    >>> from datetime import date
    >>> weeks = (PlanWeek(0, date(2026, 11, 25), "base", False),
    ...          PlanWeek(1, date(2026, 11, 30), "base", False))
    >>> request = PlanRequest("5k", 5000.0, date(2026, 12, 6), date(2026, 11, 25), "distance")
    >>> [(w.index, first.day, last.day) for w, first, last in
    ...  week_spans(Plan(request, AthleteBaseline(), weeks, ()))]
    [(0, 25, 29), (1, 30, 6)]
    """
    ordered = sorted(plan.weeks, key=lambda week: week.start)
    spans = []
    for position, week in enumerate(ordered):
        if position + 1 < len(ordered):
            last = date.fromordinal(ordered[position + 1].start.toordinal() - 1)
        else:
            last = max(plan.request.race_date, week.start)
        spans.append((week, week.start, last))
    return tuple(spans)
