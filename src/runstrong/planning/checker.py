"""An independent check of a finished plan: every hard rule and load limit, from the plan alone.

Written apart from the planner (it imports no planner module but the shared numbers in
:class:`~runstrong.planning.config.PlanningConfig`), so that the two can check each other: tests
run it over many random plans. Missed sessions do not count for the calendar rules (they will not
happen) but keep their planned load in the weekly limits (the plan as prescribed).

Rules (``RuleViolation.rule``):

* ``within-plan`` - sessions from the start date to race day; ``race-day`` - the race is on it;
* ``rest-days`` - only available weekdays (the race excepted);
* ``one-session-per-slot``, ``two-a-days`` (one session a day when two-a-days are off);
* ``one-hard-run-a-day`` - at most one of intervals, repetitions, tempo, long run, race a day;
* ``heavy-legs-48h`` - no heavy lower-body session (a lower-body strength set at ≥ 80 % of e1RM or
  RPE ≥ 8; ``docs/science.md`` section 4) 48 h or less before a key run, with morning sessions at
  07:00 and evening ones at 18:00;
* ``library`` and ``equipment`` - exercises from the library, doable with the athlete's equipment;
* ``load-limit`` - no load above the e1RM-based load for its reps and RPE (Tuchscherer's chart,
  rounded up by half a plate step);
* ``plyometric-contacts`` - at most the top of the NSCA range for the athlete's level a session;
* ``strength-days`` - no more strength sessions a week than asked for;
* ``weekly-load-rise`` - a full loading week's load at most ``1 + max_weekly_rise`` times the last
  full loading week's; ``deload-drops`` - a deload below it;
* ``taper-volume`` - taper weeks run less than the last full loading week before the taper, and
  no more than the taper week before;
* ``C2`` .. ``D1`` - the plan rules of ``docs/science.md`` ("The plan rules"), from
  :mod:`runstrong.planning.rule_check` (C1 is ``heavy-legs-48h`` above).

:func:`check_plan` returns what is broken; a rule the plan records as bent in a week (with its
reason) is not broken there. :func:`check_rules` returns both lists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from runstrong.domain.plan import ExercisePrescription, Plan, PlannedSession
from runstrong.library import Catalog, load_catalog
from runstrong.planning.config import PlanningConfig
from runstrong.planning.rule_check import bent_in, excused, heavy_set, rule_findings
from runstrong.science import percent_one_rep_max

__all__ = ["RuleReport", "RuleViolation", "check_plan", "check_rules"]

_KEY_TYPES: Final = frozenset({"interval", "repetition", "tempo", "long", "race"})
_NSCA_TOP: Final = {"beginner": 100, "intermediate": 120, "advanced": 140}
_HOUR: Final = {"am": 7, "pm": 18}
_TOLERANCE: Final = 1e-6


@dataclass(frozen=True, slots=True)
class RuleViolation:
    """One broken rule: its name, a sentence saying what is wrong, and the day when it has one."""

    rule: str
    message: str
    day: date | None = None


@dataclass(frozen=True, slots=True)
class RuleReport:
    """What a plan breaks, and where it bends a rule with a recorded reason."""

    broken: tuple[RuleViolation, ...]
    bent: tuple[RuleViolation, ...]


def check_rules(
    plan: Plan, catalog: Catalog | None = None, config: PlanningConfig | None = None
) -> RuleReport:
    """Every finding of :func:`check_plan`'s rules, split into broken and bent (excused by a
    :class:`~runstrong.domain.plan.RuleBend` of the finding's week)."""
    library = catalog or load_catalog()
    chosen = config or PlanningConfig()
    active = [s for s in plan.sessions if s.status != "missed"]
    found = _calendar(plan, active)
    found += _heavy_legs(plan, active, library)
    found += _exercises(plan, library, chosen)
    found += _weekly(plan, chosen)
    found += [RuleViolation(f.rule, f.message, f.day) for f in rule_findings(plan, library)]
    bends = bent_in(plan)
    bent = tuple(v for v in found if excused(v.rule, v.day, bends))
    broken = tuple(v for v in found if not excused(v.rule, v.day, bends))
    return RuleReport(broken, bent)


def check_plan(
    plan: Plan, catalog: Catalog | None = None, config: PlanningConfig | None = None
) -> list[RuleViolation]:
    """Every rule ``plan`` breaks; an empty list for a sound plan.

    Examples
    --------
    >>> from runstrong.domain.plan import AthleteBaseline, PlanRequest
    >>> request = PlanRequest("5k", 5000, date(2025, 4, 6), date(2025, 3, 3), "distance")
    >>> bad = Plan(request, AthleteBaseline(), (), (
    ...     PlannedSession(date(2025, 3, 4), "strength", "Legs", heavy_lower_body=True),
    ...     PlannedSession(date(2025, 3, 5), "run", "Intervals", key=True)))
    >>> sorted({v.rule for v in check_plan(bad)})
    ['heavy-legs-48h', 'race-day']
    """
    return list(check_rules(plan, catalog, config).broken)


def _is_key(session: PlannedSession) -> bool:
    by_type = session.run is not None and session.run.session_type in _KEY_TYPES
    return session.kind == "run" and (session.key or by_type)


def _is_race(session: PlannedSession) -> bool:
    return session.run is not None and session.run.session_type == "race"


def _calendar(plan: Plan, active: Sequence[PlannedSession]) -> list[RuleViolation]:
    request = plan.request
    found: list[RuleViolation] = []
    if not any(_is_race(s) and s.day == request.race_date for s in plan.sessions):
        found.append(RuleViolation("race-day", f"no race on race day {request.race_date}"))
    for session in active:
        day = session.day
        if not request.start_date <= day <= request.race_date:
            found.append(
                RuleViolation("within-plan", f"'{session.title}' is outside the plan", day)
            )
        if day.weekday() not in request.available_days and not _is_race(session):
            found.append(RuleViolation("rest-days", f"'{session.title}' is on a rest day", day))
    slots = Counter((s.day, s.slot) for s in active)
    for (day, slot), count in sorted(slots.items()):
        if count > 1:
            found.append(RuleViolation("one-session-per-slot", f"{count} sessions in {slot}", day))
    per_day = Counter(s.day for s in active)
    hard_per_day = Counter(s.day for s in active if _is_key(s))
    for day, count in sorted(hard_per_day.items()):
        if count > 1:
            found.append(RuleViolation("one-hard-run-a-day", f"{count} hard runs", day))
    if not request.two_a_days:
        for day, count in sorted(per_day.items()):
            if count > 1:
                found.append(RuleViolation("two-a-days", f"{count} sessions, no two-a-days", day))
    return found


def _heavy_legs(
    plan: Plan, active: Sequence[PlannedSession], library: Catalog
) -> list[RuleViolation]:
    e1rms = plan.baseline.e1rm_kg_by_exercise

    def hour(session: PlannedSession) -> int:
        return session.day.toordinal() * 24 + _HOUR[session.slot]

    heavy = [
        s
        for s in active
        if s.kind == "strength"
        and (s.heavy_lower_body or any(heavy_set(e, library, e1rms) for e in s.exercises))
    ]
    found = []
    for run in (s for s in active if _is_key(s)):
        for lift in heavy:
            gap_h = hour(run) - hour(lift)
            if 0 < gap_h <= 48:
                found.append(
                    RuleViolation(
                        "heavy-legs-48h",
                        f"heavy '{lift.title}' {gap_h} h before '{run.title}'",
                        run.day,
                    )
                )
    return found


def _exercises(plan: Plan, library: Catalog, config: PlanningConfig) -> list[RuleViolation]:
    e1rms = plan.baseline.e1rm_kg_by_exercise
    top = _NSCA_TOP[plan.baseline.plyometric_level]
    found = []
    for session in plan.sessions:
        contacts = 0
        for item in session.exercises:
            slug = item.exercise_slug
            if slug not in library:
                found.append(RuleViolation("library", f"no exercise '{slug}'", session.day))
                continue
            if not library.get(slug).doable_with(plan.request.equipment):
                message = f"'{slug}' needs equipment the athlete does not have"
                found.append(RuleViolation("equipment", message, session.day))
            contacts += item.foot_contacts or 0
            problem = _load_problem(item, e1rms, config.plate_step_kg)
            if problem:
                found.append(RuleViolation("load-limit", problem, session.day))
        if contacts > top:
            message = (
                f"{contacts} foot contacts, above {top} for a {plan.baseline.plyometric_level}"
            )
            found.append(RuleViolation("plyometric-contacts", message, session.day))
    return found


def _load_problem(item: ExercisePrescription, e1rms: Mapping[str, float], step_kg: float) -> str:
    if item.load_kg is None:
        return ""
    e1rm = e1rms.get(item.exercise_slug)
    if e1rm is None:
        return f"{item.exercise_slug}: a load of {item.load_kg:g} kg without an e1RM"
    rpe = 10.0 if item.target_rpe is None else item.target_rpe
    if item.reps + (10 - rpe) > 12:
        return f"{item.exercise_slug}: {item.reps} reps at RPE {rpe:g} is beyond the RPE chart"
    limit = min(e1rm, e1rm * percent_one_rep_max(item.reps, rpe) / 100 + step_kg / 2)
    if item.load_kg > limit + _TOLERANCE:
        return (
            f"{item.exercise_slug}: {item.load_kg:g} kg for {item.reps} reps at RPE {rpe:g} is "
            f"above {limit:.1f} kg (e1RM {e1rm:g} kg)"
        )
    return ""


def _weekly(plan: Plan, config: PlanningConfig) -> list[RuleViolation]:
    request = plan.request
    found = []
    reference_load: float | None = None
    pre_taper_s: float | None = None
    last_taper_s: float | None = None
    for n, week in enumerate(plan.weeks):
        end = (
            plan.weeks[n + 1].start - timedelta(days=1)
            if n + 1 < len(plan.weeks)
            else request.race_date
        )
        sessions = [s for s in plan.sessions if week.start <= s.day <= end]
        training = [s for s in sessions if not _is_race(s)]
        load = sum(s.planned_load_au for s in training)
        volume = sum(s.run.duration_s or 0.0 for s in training if s.run is not None)
        strength = sum(1 for s in sessions if s.kind == "strength" and s.status != "missed")
        if strength > request.strength_days:
            message = f"{strength} strength sessions, {request.strength_days} asked for"
            found.append(RuleViolation("strength-days", message, week.start))
        full = (end - week.start).days == 6 and week.start >= request.start_date
        if full and reference_load is not None:
            if week.deload and load >= reference_load:
                message = f"deload load {load:.0f} is not below {reference_load:.0f}"
                found.append(RuleViolation("deload-drops", message, week.start))
            limit = reference_load * (1 + config.max_weekly_rise)
            if not week.deload and load > limit + _TOLERANCE:
                message = f"load {load:.0f} rises over {limit:.0f} ({reference_load:.0f} + limit)"
                found.append(RuleViolation("weekly-load-rise", message, week.start))
        if week.phase == "taper":
            ceiling = min(
                pre_taper_s if pre_taper_s is not None else float("inf"),
                last_taper_s if last_taper_s is not None else float("inf"),
            )
            over = pre_taper_s is not None and 0 < pre_taper_s <= volume
            if over or volume > ceiling + _TOLERANCE:
                message = f"taper volume {volume / 60:.0f} min does not fall"
                found.append(RuleViolation("taper-volume", message, week.start))
            last_taper_s = volume
        if full and not week.deload:
            reference_load = load
            if week.phase != "taper":
                pre_taper_s = volume
    return found
