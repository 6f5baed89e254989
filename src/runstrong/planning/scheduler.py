"""Weekly scheduling by a constraint solver (OR-Tools CP-SAT): which day and slot for each session.

Hard rules (each can be named in :class:`PlanInfeasible`):

* ``rest-days`` - sessions only on available days (the race excepted: its date is given);
* ``one-session-per-slot`` - at most one session in the morning and one in the evening;
* ``one-run-a-day`` - at most one run a day, hence at most one hard run a day;
* ``one-strength-a-day`` - at most one strength session a day;
* ``two-a-days`` - one session a day when two-a-days are off;
* ``strength-after-run`` - on a day with a run and a strength session the run comes first
  (concurrent training: lift after the run, ``docs/science.md`` section 5);
* ``heavy-legs-48h`` - no heavy lower-body session within 48 h before intervals, tempo, a long run
  or the race, counted in calendar days: no key run on the two days after one, nor later on the
  same day (expert opinion, ``docs/science.md`` sections 4 and 5);
* ``race-approach`` - no strength session in the two days before the race or on race day, and
  no other key run in the two days before it;
* ``lower-body-48h`` - sessions with lower-body load (heavy lower-body work or plyometrics) at
  least 48 h apart, with morning sessions at 07:00 and evening ones at 18:00, within the week and
  against the lower-body sessions of the weeks around it (rule C3, ``docs/science.md``).

Soft goals, in order of weight: stay on the day a session already had (re-planning), no hard runs
on consecutive days (hard/easy alternation), no 7-day window across the boundary with the week
before holding more runs than a week has (so rolling weekly distance does not spike where weeks
meet), strength on hard-run days after the run when two-a-days are allowed, strength days spread
apart, runs spread apart (fewer runs on consecutive days), strength in the evening slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from runstrong.domain.plan import SessionKind, Slot
from runstrong.errors import RunstrongError, ValidationError

if TYPE_CHECKING:  # OR-Tools (and the pandas it loads) is imported on first use: ~0.2 s saved
    from ortools.sat.python import cp_model

__all__ = [
    "SCHEDULER_RULES",
    "Placement",
    "PlanInfeasible",
    "SessionToPlace",
    "WeekFrame",
    "lower_body_blocked",
    "schedule_week",
]

SCHEDULER_RULES: Final = (
    "heavy-legs-48h",
    "lower-body-48h",
    "race-approach",
    "two-a-days",
    "one-run-a-day",
    "one-strength-a-day",
    "one-session-per-slot",
    "strength-after-run",
    "rest-days",
)
_SLOTS: Final[tuple[Slot, Slot]] = ("am", "pm")
_WEIGHT_PREFERRED_DAY: Final = 8
_WEIGHT_HARD_IN_A_ROW: Final = 10
_WEIGHT_RUNS_IN_A_WINDOW: Final = 6
_WEIGHT_RUNS_IN_A_ROW: Final = 2
_WEIGHT_STRENGTH_OFF_HARD_DAY: Final = 3
_WEIGHT_STRENGTH_IN_A_ROW: Final = 4
_WEIGHT_SLOT: Final = 1
_HOUR: Final = {"am": 7, "pm": 18}
_LOWER_BODY_GAP_H: Final = 48


class PlanInfeasible(ValidationError):
    """The sessions cannot be placed without breaking a hard rule; ``rule`` names it."""

    code = "plan_infeasible"

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True, slots=True)
class SessionToPlace:
    """A session to schedule: what it is, and where it must or would like to go.

    ``key`` marks intervals, tempo, long runs and races; ``heavy_lower_body`` marks strength
    sessions under the 48-hour rule; ``race`` exempts the race from the rest-day rule;
    ``lower_body`` marks sessions with lower-body load (heavy or plyometric) that must be 48 h
    apart.
    """

    name: str
    kind: SessionKind
    key: bool = False
    heavy_lower_body: bool = False
    race: bool = False
    fixed_day: date | None = None
    fixed_slot: Slot | None = None
    allowed_days: frozenset[date] | None = None
    preferred_day: date | None = None
    preferred_slot: Slot | None = None
    lower_body: bool = False


@dataclass(frozen=True, slots=True)
class WeekFrame:
    """The calendar of one week: its days, which are available, and what its neighbours impose.

    ``key_blocked_days`` follow a heavy session of the week before (no key run there);
    ``heavy_blocked_days`` precede a key run of the week after (no heavy session there);
    ``hard_days_around`` are hard-run days just outside the week, for hard/easy alternation;
    ``lower_body_blocked`` are the (day, slot) cells within 48 h of a lower-body session of the
    weeks around (:func:`lower_body_blocked`); ``runs_before`` the days of the runs of the six
    days before the week (one entry per run).
    """

    days: tuple[date, ...]
    available_days: frozenset[date]
    two_a_days: bool = True
    race_day: date | None = None
    key_blocked_days: frozenset[date] = frozenset()
    heavy_blocked_days: frozenset[date] = frozenset()
    hard_days_around: frozenset[date] = frozenset()
    lower_body_blocked: frozenset[tuple[date, Slot]] = frozenset()
    runs_before: tuple[date, ...] = ()


def lower_body_blocked(outside: Iterable[tuple[date, Slot]]) -> frozenset[tuple[date, Slot]]:
    """The (day, slot) cells less than 48 h from any of the lower-body sessions ``outside``.

    >>> sorted((d.day, t) for d, t in lower_body_blocked([(date(2025, 3, 2), "pm")]))
    [(1, 'am'), (1, 'pm'), (2, 'am'), (2, 'pm'), (3, 'am'), (3, 'pm'), (4, 'am')]
    """
    blocked = set()
    for day, slot in outside:
        for offset in range(-2, 3):
            other = day + timedelta(days=offset)
            for other_slot in _SLOTS:
                gap = abs(offset * 24 + _HOUR[other_slot] - _HOUR[slot])
                if gap < _LOWER_BODY_GAP_H:
                    blocked.add((other, other_slot))
    return frozenset(blocked)


@dataclass(frozen=True, slots=True)
class Placement:
    day: date
    slot: Slot


def schedule_week(
    sessions: Sequence[SessionToPlace],
    frame: WeekFrame,
    *,
    time_limit_s: float = 10.0,
    explain: bool = True,
) -> tuple[Placement, ...]:
    """Place each session on a day and slot of ``frame`` under the hard rules, best by the soft
    goals; one placement per session, in order.

    With ``explain`` (the default) an infeasible week is solved again without one rule at a time
    to find the rules that conflict; without it the error names the first rule of
    :data:`SCHEDULER_RULES` (for callers that only ask whether a week can be placed).

    Raises
    ------
    PlanInfeasible
        If no placement meets every hard rule; the message names the rule and the counts.

    Examples
    --------
    >>> monday = date(2025, 3, 3)
    >>> days = tuple(monday + timedelta(days=n) for n in range(7))
    >>> frame = WeekFrame(days, frozenset(days))
    >>> plan = schedule_week([SessionToPlace("Intervals", "run", key=True, fixed_day=days[1]),
    ...                       SessionToPlace("Legs", "strength", heavy_lower_body=True)], frame)
    >>> plan[0], plan[1].day - plan[0].day >= timedelta(0)
    (Placement(day=datetime.date(2025, 3, 4), slot='am'), True)
    >>> try:
    ...     schedule_week([SessionToPlace(f"Run {n}", "run") for n in range(8)], frame)
    ... except PlanInfeasible as error:
    ...     print(error.rule, "|", str(error).split(" but")[0])
    one-run-a-day | one run a day: 8 runs need 8 days
    """
    from ortools.sat.python import cp_model

    everything = frozenset(SCHEDULER_RULES)
    model, solver, status = _solve(sessions, frame, everything, time_limit_s)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return model.placements(solver)
    if status == cp_model.INFEASIBLE:
        rules = _conflict(sessions, frame, time_limit_s) if explain else list(SCHEDULER_RULES)
        raise _explain(rules, sessions, frame)
    raise RunstrongError(
        f"the scheduler found no answer within {time_limit_s:g} s for the week from "
        f"{_day(frame.days[0])}; try again or raise solver_time_limit_s"
    )


def _solve(
    sessions: Sequence[SessionToPlace],
    frame: WeekFrame,
    rules: frozenset[str],
    time_limit_s: float,
) -> tuple[_WeekModel, cp_model.CpSolver, cp_model.CpSolverStatus]:
    from ortools.sat.python import cp_model

    model = _WeekModel(sessions, frame, rules)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit_s
    return model, solver, solver.solve(model.model)


def _conflict(
    sessions: Sequence[SessionToPlace], frame: WeekFrame, time_limit_s: float
) -> list[str]:
    """An irreducible set of hard rules that together make the week infeasible.

    Rules are dropped one at a time, last in :data:`SCHEDULER_RULES` first, while the week stays
    infeasible without them (deletion filter). Solving without assumption literals keeps CP-SAT's
    presolve, which proves counting conflicts at once where assumptions take seconds.
    """
    from ortools.sat.python import cp_model

    needed = set(SCHEDULER_RULES)
    for rule in reversed(SCHEDULER_RULES):
        _model, _solver, status = _solve(sessions, frame, frozenset(needed - {rule}), time_limit_s)
        if status == cp_model.INFEASIBLE:
            needed.discard(rule)
    return [rule for rule in SCHEDULER_RULES if rule in needed] or ["rest-days"]


class _WeekModel:
    """The CP-SAT model of one week: x[s, d, t] = session s on day d in slot t."""

    def __init__(
        self, sessions: Sequence[SessionToPlace], frame: WeekFrame, rules: frozenset[str]
    ) -> None:
        from ortools.sat.python import cp_model

        self.sessions, self.frame, self.rules = sessions, frame, rules
        self.model = cp_model.CpModel()
        self.index = {day: n for n, day in enumerate(frame.days)}
        self.x: dict[tuple[int, int, int], cp_model.IntVar] = {}
        for s, session in enumerate(sessions):
            cells = self._cells(session)
            if not cells:
                raise PlanInfeasible(
                    f"no day left for '{session.name}' in the week from {_day(frame.days[0])}",
                    "rest-days",
                )
            for d, t in cells:
                self.x[s, d, t] = self.model.new_bool_var(f"x{s}_{d}_{t}")
            self.model.add_exactly_one(self.x[s, d, t] for d, t in cells)
        self._hard_rules()
        self._soft_goals()

    def _cells(self, session: SessionToPlace) -> list[tuple[int, int]]:
        cells = []
        for d, day in enumerate(self.frame.days):
            if session.fixed_day is not None and day != session.fixed_day:
                continue
            if session.allowed_days is not None and day not in session.allowed_days:
                continue
            for t, slot in enumerate(_SLOTS):
                if session.fixed_slot is None or slot == session.fixed_slot:
                    cells.append((d, t))
        return cells

    def _on(self, s: int, d: int) -> list[cp_model.IntVar]:
        return [self.x[s, d, t] for t in range(2) if (s, d, t) in self.x]

    def _at_most_one(self, rule: str, literals: Iterable[cp_model.IntVar]) -> None:
        chosen = list(literals)
        if rule in self.rules and len(chosen) > 1:
            self.model.add(sum(chosen) <= 1)

    def _forbid(self, rule: str, literals: Iterable[cp_model.IntVar]) -> None:
        if rule in self.rules:
            for literal in literals:
                self.model.add(literal == 0)

    def _hard_rules(self) -> None:
        frame, sessions, n_days = self.frame, self.sessions, len(self.frame.days)
        runs = [s for s, item in enumerate(sessions) if item.kind == "run"]
        lifts = [s for s, item in enumerate(sessions) if item.kind == "strength"]
        keys = [s for s, item in enumerate(sessions) if item.key]
        heavy = [s for s, item in enumerate(sessions) if item.heavy_lower_body]
        for (s, d, _t), literal in self.x.items():
            if frame.days[d] not in frame.available_days and not sessions[s].race:
                self._forbid("rest-days", [literal])
        for d in range(n_days):
            for t in range(2):
                self._at_most_one(
                    "one-session-per-slot",
                    (v for (_s, dd, tt), v in self.x.items() if (dd, tt) == (d, t)),
                )
            self._at_most_one("one-run-a-day", (v for s in runs for v in self._on(s, d)))
            self._at_most_one("one-strength-a-day", (v for s in lifts for v in self._on(s, d)))
            if not frame.two_a_days:
                self._at_most_one(
                    "two-a-days", (v for s in range(len(sessions)) for v in self._on(s, d))
                )
            for q in lifts:
                for r in runs:
                    if (q, d, 0) in self.x:
                        for run_literal in self._on(r, d):
                            self._at_most_one("strength-after-run", (self.x[q, d, 0], run_literal))
        for h in heavy:
            for d in range(n_days):
                if frame.days[d] in frame.heavy_blocked_days:
                    self._forbid("heavy-legs-48h", self._on(h, d))
                for k in keys:
                    if k == h:
                        continue
                    for gap in (1, 2):
                        if d + gap < n_days:
                            for a in self._on(h, d):
                                for b in self._on(k, d + gap):
                                    self._at_most_one("heavy-legs-48h", (a, b))
                    if (h, d, 0) in self.x and (k, d, 1) in self.x:
                        self._at_most_one("heavy-legs-48h", (self.x[h, d, 0], self.x[k, d, 1]))
        for k in keys:
            for d, day in enumerate(frame.days):
                if day in frame.key_blocked_days:
                    self._forbid("heavy-legs-48h", self._on(k, d))
        self._lower_body_spacing()
        if frame.race_day is not None:
            race = frame.race_day
            for d, day in enumerate(frame.days):
                if race - timedelta(days=2) <= day <= race:
                    self._forbid("race-approach", (v for q in lifts for v in self._on(q, d)))
                if race - timedelta(days=2) <= day < race:
                    others = (k for k in keys if not sessions[k].race)
                    self._forbid("race-approach", (v for k in others for v in self._on(k, d)))

    def _lower_body_spacing(self) -> None:
        """Lower-body sessions at least 48 h apart, and away from those of the weeks around."""
        lower = [s for s, item in enumerate(self.sessions) if item.lower_body]
        days = self.frame.days
        for s in lower:
            for (q, d, t), literal in self.x.items():
                if q == s and (days[d], _SLOTS[t]) in self.frame.lower_body_blocked:
                    self._forbid("lower-body-48h", [literal])
        for n, a in enumerate(lower):
            for b in lower[n + 1 :]:
                for (q, d, t), first in self.x.items():
                    if q != a:
                        continue
                    for (r, e, u), second in self.x.items():
                        gap = abs((e - d) * 24 + _HOUR[_SLOTS[u]] - _HOUR[_SLOTS[t]])
                        if r == b and gap < _LOWER_BODY_GAP_H:
                            self._at_most_one("lower-body-48h", (first, second))

    def _soft_goals(self) -> None:
        model, frame, sessions = self.model, self.frame, self.sessions
        n_days = len(frame.days)
        runs = [s for s, item in enumerate(sessions) if item.kind == "run"]
        lifts = [s for s, item in enumerate(sessions) if item.kind == "strength"]
        hard_runs = [s for s in runs if sessions[s].key]
        hard = [_sum(v for s in hard_runs for v in self._on(s, d)) for d in range(n_days)]
        lifting = [_sum(v for q in lifts for v in self._on(q, d)) for d in range(n_days)]
        penalties: list[cp_model.LinearExpr] = []
        for d in range(n_days - 1):
            penalties.append(self._both(hard[d], hard[d + 1], _WEIGHT_HARD_IN_A_ROW))
            penalties.append(self._both(lifting[d], lifting[d + 1], _WEIGHT_STRENGTH_IN_A_ROW))
        running = [_sum(v for s in runs for v in self._on(s, d)) for d in range(n_days)]
        for d in range(n_days - 1):
            penalties.append(self._both(running[d], running[d + 1], _WEIGHT_RUNS_IN_A_ROW))
        if frame.days[0] - timedelta(days=1) in frame.runs_before:
            penalties.append(_WEIGHT_RUNS_IN_A_ROW * running[0])
        for back in range(1, 7):
            window_start = frame.days[0] - timedelta(days=back)
            before = sum(1 for day in frame.runs_before if window_start <= day < frame.days[0])
            inside = running[: max(0, 7 - back)]
            if before and inside:
                excess = model.new_int_var(0, 7, f"window{back}")
                model.add(excess >= before + _sum(inside) - len(runs))
                penalties.append(_WEIGHT_RUNS_IN_A_WINDOW * _sum([excess]))
        if frame.days[0] - timedelta(days=1) in frame.hard_days_around:
            penalties.append(_WEIGHT_HARD_IN_A_ROW * hard[0])
        if frame.days[-1] + timedelta(days=1) in frame.hard_days_around:
            penalties.append(_WEIGHT_HARD_IN_A_ROW * hard[-1])
        for q in lifts:
            if frame.two_a_days and hard_runs:
                together = []
                for d in range(n_days):
                    on_day = self._on(q, d)
                    if on_day:
                        both = model.new_bool_var(f"together{q}_{d}")
                        model.add(both <= _sum(on_day))
                        model.add(both <= hard[d])
                        together.append(both)
                penalties.append(_WEIGHT_STRENGTH_OFF_HARD_DAY * (1 - _sum(together)))
        for (s, _d, t), literal in self.x.items():
            evening_run = sessions[s].kind == "run" and t == 1
            morning_lift = sessions[s].kind == "strength" and t == 0
            if (evening_run or morning_lift) and sessions[s].preferred_slot is None:
                penalties.append(_WEIGHT_SLOT * _sum([literal]))
        for s, session in enumerate(sessions):
            if session.preferred_day in self.index:
                d = self.index[session.preferred_day]
                penalties.append(_WEIGHT_PREFERRED_DAY * (1 - _sum(self._on(s, d))))
                slot = _SLOTS.index(session.preferred_slot) if session.preferred_slot else None
                if slot is not None and (s, d, slot) in self.x:
                    penalties.append(_WEIGHT_SLOT * (1 - _sum([self.x[s, d, slot]])))
        model.minimize(_sum(penalties))

    def _both(
        self, first: cp_model.LinearExpr, second: cp_model.LinearExpr, weight: int
    ) -> cp_model.LinearExpr:
        """``weight`` when both expressions are 1 (a penalty for a pair of days)."""
        both = self.model.new_bool_var("pair")
        self.model.add(first + second - 1 <= both)
        return weight * _sum([both])

    def placements(self, solver: cp_model.CpSolver) -> tuple[Placement, ...]:
        chosen: dict[int, Placement] = {}
        for (s, d, t), literal in self.x.items():
            if solver.boolean_value(literal):
                chosen[s] = Placement(self.frame.days[d], _SLOTS[t])
        return tuple(chosen[s] for s in range(len(self.sessions)))


def _sum(terms: Iterable[cp_model.LinearExpr | cp_model.IntVar]) -> cp_model.LinearExpr:
    from ortools.sat.python import cp_model

    return cp_model.LinearExpr.sum(list(terms))


def _explain(
    rules: Sequence[str], sessions: Sequence[SessionToPlace], frame: WeekFrame
) -> PlanInfeasible:
    """A one-line message for the first rule of the conflict (in :data:`SCHEDULER_RULES` order):
    the counts when counting explains it, else the sessions that are pinned to their days."""
    ordered = [rule for rule in SCHEDULER_RULES if rule in rules]
    rule = ordered[0]
    days = sum(1 for day in frame.days if day in frame.available_days)
    week = f"the week from {_day(frame.days[0])}"
    counts = {
        "one-run-a-day": (sum(1 for s in sessions if s.kind == "run"), "runs"),
        "one-strength-a-day": (sum(1 for s in sessions if s.kind == "strength"), "strength days"),
        "two-a-days": (len(sessions), "sessions"),
        "one-session-per-slot": ((len(sessions) + 1) // 2, "double days"),
    }
    pinned = [f"'{s.name}' ({_day(s.fixed_day)})" for s in sessions if s.fixed_day]
    count, noun = counts.get(rule, (0, ""))
    if count > days:
        why = f"{count} {noun} need {count} days but {week} has {days} available"
    elif pinned:
        why = f"{week} cannot fit its sessions around {', '.join(pinned[:3])}"
    else:
        why = f"{week} cannot fit its sessions on its {days} available day(s)"
    statements = {
        "heavy-legs-48h": "no heavy lower-body session within 48 h before intervals, tempo, "
        "long run or race",
        "race-approach": "no strength and no other key run in the two days before the race",
        "lower-body-48h": "heavy lower-body and plyometric sessions at least 48 h apart",
        "two-a-days": "without two-a-days every session needs its own day",
        "one-run-a-day": "one run a day",
        "one-strength-a-day": "one strength session a day",
        "one-session-per-slot": "at most two sessions a day (am and pm)",
        "strength-after-run": "a run comes before strength on the same day",
        "rest-days": "rest days are honoured",
    }
    also = [statements[other] for other in ordered[1:]]
    suffix = f" (with: {'; '.join(also)})" if also else ""
    return PlanInfeasible(f"{statements[rule]}: {why}{suffix}", rule)


def _day(day: date | None) -> str:
    return "-" if day is None else f"{day:%a %d %b %Y}"
