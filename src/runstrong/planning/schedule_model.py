"""The CP-SAT model of one week (OR-Tools): x[s, d, t] = session s on day d in slot t, with the
hard rules of :mod:`runstrong.planning.scheduler` as constraints (each can be left out by name,
to find the rules that conflict) and its soft goals as weighted penalties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from runstrong.planning.schedule_problem import (
    HOUR,
    LOWER_BODY_GAP_H,
    SLOTS,
    Placement,
    PlanInfeasible,
    SessionToPlace,
    WeekFrame,
    day_label,
)

if TYPE_CHECKING:  # OR-Tools (and the pandas it loads) is imported on first use: ~0.2 s saved
    from ortools.sat.python import cp_model

__all__ = ["WeekModel"]

_WEIGHT_PREFERRED_DAY: Final = 8
_WEIGHT_HARD_IN_A_ROW: Final = 10
_WEIGHT_RUNS_IN_A_WINDOW: Final = 6
_WEIGHT_RUNS_IN_A_ROW: Final = 2
_WEIGHT_STRENGTH_OFF_HARD_DAY: Final = 3
_WEIGHT_STRENGTH_IN_A_ROW: Final = 4
_WEIGHT_SLOT: Final = 1


class WeekModel:
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
                    f"no day left for '{session.name}' in the week from {day_label(frame.days[0])}",
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
            for t, slot in enumerate(SLOTS):
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
                if q == s and (days[d], SLOTS[t]) in self.frame.lower_body_blocked:
                    self._forbid("lower-body-48h", [literal])
        for n, a in enumerate(lower):
            for b in lower[n + 1 :]:
                for (q, d, t), first in self.x.items():
                    if q != a:
                        continue
                    for (r, e, u), second in self.x.items():
                        gap = abs((e - d) * 24 + HOUR[SLOTS[u]] - HOUR[SLOTS[t]])
                        if r == b and gap < LOWER_BODY_GAP_H:
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
                slot = SLOTS.index(session.preferred_slot) if session.preferred_slot else None
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
                chosen[s] = Placement(self.frame.days[d], SLOTS[t])
        return tuple(chosen[s] for s in range(len(self.sessions)))


def _sum(terms: Iterable[cp_model.LinearExpr | cp_model.IntVar]) -> cp_model.LinearExpr:
    from ortools.sat.python import cp_model

    return cp_model.LinearExpr.sum(list(terms))
