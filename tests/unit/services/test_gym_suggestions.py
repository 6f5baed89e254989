"""Next-load suggestions: the plan first (its load, or reps x target RPE from the e1RM), the
double-progression rule otherwise, each side on its own for single-leg work."""

from __future__ import annotations

from datetime import date

import pytest

from runstrong.domain.models import StrengthSet
from runstrong.domain.plan import ExercisePrescription, PlannedSession
from runstrong.science.strength import percent_one_rep_max
from runstrong.services.gym import suggestion_for

LAST = (StrengthSet("leg-press", 5, 140.0, 8.0),) * 3


def _planned(*items: ExercisePrescription) -> list[PlannedSession]:
    return [PlannedSession(date(2026, 1, 8), "strength", "Strength A", exercises=items)]


def test_the_plan_load_wins() -> None:
    plan = _planned(ExercisePrescription("leg-press", 4, 6, load_kg=135.0))
    found = suggestion_for("leg-press", LAST, plan, 180.0, 2.5)
    assert found is not None
    assert (found.source, found.sets, found.reps, found.load_kg) == ("plan", 4, 6, 135.0)


def test_a_target_rpe_becomes_a_load_from_the_e1rm() -> None:
    plan = _planned(ExercisePrescription("leg-press", 3, 5, target_rpe=8.0))
    found = suggestion_for("leg-press", LAST, plan, 200.0, 2.5)
    assert found is not None and found.source == "plan"
    raw = 200.0 * percent_one_rep_max(5, 8.0) / 100  # 162.2 kg
    assert found.load_kg == pytest.approx(round(raw / 2.5) * 2.5)  # 162.5 kg
    assert "RPE 8" in found.reason


def test_a_planned_hold_stays_a_hold() -> None:
    plan = _planned(ExercisePrescription("front-plank", 3, 1, hold_s=30.0))
    found = suggestion_for("front-plank", (), plan, None, 2.5)
    assert found is not None and (found.hold_s, found.load_kg) == (30.0, None)


def test_without_the_exercise_in_the_plan_the_rule_decides() -> None:
    plan = _planned(ExercisePrescription("back-squat", 3, 5, target_rpe=8.0))
    found = suggestion_for("leg-press", LAST, plan, 180.0, 2.5)
    assert found is not None
    assert (found.source, found.load_kg) == ("rule", 142.5)


def test_each_side_progresses_on_its_own() -> None:
    slp = "single-leg-leg-press"
    last = (
        StrengthSet(slp, 8, 70.0, 8.0, "left"),
        StrengthSet(slp, 8, 60.0, 9.0, "right"),
    )
    found = suggestion_for(slp, last, [], None, 2.5)
    assert found is not None
    assert found.side_loads_kg == {"left": 72.5, "right": 60.0}
