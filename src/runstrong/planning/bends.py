"""Rules a plan had to bend where the week's sizes hit their floors, named with the reason.

The planner keeps the spacing rules (C1-C3, S4's last heavy session and activation) as hard
constraints and aims every week at the volume and intensity rules. Where a request leaves no room
(runs already at their shortest for a small logged volume, a taper whose runs keep their number,
too few runs for 75 % easy, a plan too short for a two-week strength taper) the week records the
rule that gave way and why (:class:`~runstrong.domain.plan.RuleBend`), so the plan never hands
out a broken rule silently: the checker reports it as bent, ``runstrong plan create`` prints it.
Only these rules may bend; a break of any other rule stays a broken rule for the checker.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from runstrong.domain.plan import Plan, RuleBend, week_spans
from runstrong.library import Catalog
from runstrong.planning.rule_check import rule_findings

__all__ = ["BENDABLE", "with_limits_named"]

#: The rules a week may bend, and why each can be out of reach.
BENDABLE: Final = {
    "V1": "the week's runs are at their shortest (easy runs 20 min, key workouts their minimum "
    "size) and still above your logged weekly running",
    "T1": "the taper keeps its runs and their intensity (T2) and they are at their shortest",
    "T2": "the week's runs are at their shortest sizes, and the weekly load limit or its "
    "available days leave no room for more",
    "S4": "a short plan leaves no room for a two-week strength taper",
    "S4-last-heavy": "no day 7-10 days before the race was free for it: the plan starts too "
    "late or has no heavy phase, those days are rest days, the session was moved, no day there "
    "is 48 h from the key runs and lower-body sessions around it (C1 and C3 come first), or the "
    "week's load limit (the load-spike guard) left no room for it",
    "S4-no-strength": "the plan has no strength days, so there is no heavy session to end the "
    "strength taper with",
    "I1": "too few runs this week to keep 75 % of them easy with its one hard session",
    "S2": "a heavy session was lightened: no day of the week is 48 h from its key runs and the "
    "other lower-body sessions (C1 and C3 come first)",
    "S3": "the peak's heavy session was lightened: no day of the week is 48 h from its key "
    "runs and the other lower-body sessions (C1 and C3 come first)",
}


def with_limits_named(plan: Plan, catalog: Catalog) -> Plan:
    """``plan`` with a :class:`RuleBend` in each week where a bendable rule does not hold."""
    findings = [
        f
        for f in rule_findings(plan, catalog)
        if f.rule in BENDABLE
        and f.day is not None
        and (f.rule != "S4" or _s4_reason(f.message) is not None)  # not S4's last 7 days
    ]
    if not findings:
        return plan
    weeks = []
    for week, first, last in week_spans(plan):
        recorded = {_kind(bend.rule, bend.reason) for bend in week.bends}
        added = []
        for finding in findings:
            assert finding.day is not None
            kind = _kind(finding.rule, finding.message)
            if first <= finding.day <= last and kind not in recorded:
                recorded.add(kind)
                reason = BENDABLE[kind[1] or kind[0]]
                added.append(RuleBend(finding.rule, f"{finding.message}: {reason}"))
        weeks.append(replace(week, bends=(*week.bends, *added)) if added else week)
    return replace(plan, weeks=tuple(weeks))


def _kind(rule: str, message: str) -> tuple[str, str | None]:
    return rule, _s4_reason(message) if rule == "S4" else None


def _s4_reason(message: str) -> str | None:
    """Which of S4's bendable parts a finding (or a bend's reason) is about; None for S4's
    hard part (no heavy legs, and only activation, in the last 7 days)."""
    if message.startswith("strength volume"):
        return "S4"
    if message.startswith("no strength days"):
        return "S4-no-strength"
    if message.startswith(("last heavy lower-body session", "no heavy lower-body session")):
        return "S4-last-heavy"
    return None
