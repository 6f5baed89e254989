"""Next session's load for one exercise when no plan prescribes it: double progression.

The rule (coaching practice, grade **expert opinion**; Helms et al. 2019, *The Muscle and
Strength Pyramid*): keep the load until every working set at it reaches the reps of the first
set at that load with effort to spare (RPE 8 or less, or no RPE logged), then add the smallest
step (2.5 kg, or 5 lb) and start again. A set short of its reps, or an RPE above 8, repeats the
load. Warm-ups and timed holds do not count; holds repeat their longest time, body-weight sets
their reps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.domain.models import StrengthSet

__all__ = ["PROGRESSION_RULE", "NextLoad", "double_progression"]

PROGRESSION_RULE = (
    "double progression: the same load until every working set reaches its reps at RPE 8 or "
    "less, then one step more"
)
_MAX_RPE_TO_ADD = 8.0


@dataclass(frozen=True, slots=True)
class NextLoad:
    """What to do next time: ``sets`` × ``reps`` (or holds of ``hold_s``) at ``load_kg``."""

    exercise_slug: str
    sets: int
    reps: int
    load_kg: float
    reason: str
    hold_s: float | None = None


def double_progression(last_sets: Sequence[StrengthSet], step_kg: float = 2.5) -> NextLoad | None:
    """Next session's load from the exercise's sets of last time (see the module docstring).

    >>> from runstrong.domain.models import StrengthSet as S
    >>> double_progression([S("leg-press", 6, 140.0, 7.5)] * 3).load_kg
    142.5
    >>> double_progression([S("leg-press", 6, 140.0, 8), S("leg-press", 5, 140.0, 9)]).load_kg
    140.0
    """
    working = [s for s in last_sets if not s.warmup]
    if not working:
        return None
    slug = working[0].exercise_slug
    holds = [s for s in working if s.duration_s is not None]
    if holds:
        longest = max(s.duration_s or 0.0 for s in holds)
        return NextLoad(slug, len(holds), 1, holds[0].load_kg, "same hold as last time", longest)
    top = max(s.load_kg for s in working)
    at_top = [s for s in working if s.load_kg == top]
    target_reps = at_top[0].reps
    if top <= 0:
        return NextLoad(slug, len(at_top), target_reps, 0.0, "body weight: same reps")
    reached = all(s.reps >= target_reps for s in at_top)
    easy = all(s.rpe is None or s.rpe <= _MAX_RPE_TO_ADD for s in at_top)
    if reached and easy:
        return NextLoad(
            slug,
            len(at_top),
            target_reps,
            round(top + step_kg, 3),
            f"every set reached {target_reps} reps at RPE 8 or less: one step more",
        )
    why = "a set fell short of its reps" if not reached else "a set was above RPE 8"
    return NextLoad(slug, len(at_top), target_reps, top, f"{why}: the same load again")
